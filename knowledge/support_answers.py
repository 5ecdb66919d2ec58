"""Who to call: the support lines of the agreement, their hours and whether they are open now.

Numbers, hours, names and scopes come from support_lines.yml; a routing or a closing the text does not
state comes from inferences.yml and is labelled as such.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional, Sequence

from knowledge.answer_types import REPAIR, Answer, Choice, Handover, unique
from knowledge.query import line_open, rank_obligations, subject_chain, support_line_for
from knowledge.records import KnowledgeBase, SupportLine, Unit
from knowledge.rule_sentences import obligation_sentence
from knowledge.schedule import format_when, now_paris
from knowledge.silence_answers import inference_of_use, inferred, line_inference
from knowledge.understanding.lexicon import contains, lexicon_for
from knowledge.vocabulary import Detection


def status_text(kb: KnowledgeBase, line: SupportLine, now: datetime) -> str:
    status = line_open(kb, line.id, now)
    holiday = inference_of_use(kb, "holiday")
    if not status.holiday or holiday is None:
        return status.describe(now)
    # The text gives weekdays and hours only: being closed on a public holiday is our inference.
    text = f"Aujourd'hui est un jour férié ({status.holiday}). {inferred(holiday)}"
    if status.next_open:
        text += f" Réouverture probable {format_when(status.next_open, now)}."
    return text


def line_contact_text(kb: KnowledgeBase, line: SupportLine, now: datetime, status: bool = True) -> str:
    """Number, hours, online channel and (``status``) whether the line is open now, in French."""
    if not line.phone:
        text = f"{line.name} : {line.no_phone_note}" if line.party != "college" else line.no_phone_note
        if line.online:
            text = f"{text.rstrip('.')} Contact : {line.online}."
        return text
    text = f"{line.name} : ☎️ {line.phone}, {line.hours_text}."
    if line.online:
        text += f" En ligne : {line.online}."
    return f"{text} {status_text(kb, line, now)}" if status else text


# Roles that say who is in charge of a thing (not who approves it or must not touch it).
_IN_CHARGE_ROLES = ("does", "pays")


def support(kb: KnowledgeBase, subject_id: str, actions: Sequence[str], now: datetime) -> Answer:
    line = support_line_for(kb, subject_id, actions)
    if line is None:
        return all_lines(kb, now)
    # For "the hotline" itself the line says it all; otherwise first say who is in charge.
    ranked = [] if subject_id == "assistance" else rank_obligations(kb, subject_id, actions, focus_actions=actions)
    ranked = [r for r in ranked if r.obligation.parties]
    if "reparer" in actions and ranked and not any("reparer" in r.obligation.actions for r in ranked):
        # Nothing says who repairs it: the text's word for a broken device is its renewal ("renouveler en cas
        # de panne"), so a broken mobile phone is the collège's (article 1), not the contracts' manager.
        renewal = [r for r in ranked if {"renouveler", "remplacer"} & set(r.obligation.actions)]
        ranked = renewal or ranked
    parts: list[str] = []
    articles: list[str] = []
    parties: list[str] = []
    quote = ""
    obligations: list[str] = []
    inferences: list[str] = []
    if ranked:
        main = ranked[0].obligation
        parts.append(obligation_sentence(kb, main))
        articles.append(main.section)
        parties.extend(main.parties)
        quote = main.source
        obligations.append(main.id)
        # « le serveur ne démarre plus »: the repair is the parent's rule (maintenance of the equipment); the
        # thing's own record, by the same party, says what the text says of this very thing.
        own = next((r.obligation for r in ranked if r.depth == 0 and subject_id in r.obligation.subjects
                    and r.obligation.parties == main.parties and r.obligation.role in _IN_CHARGE_ROLES), None)
        if own is not None and subject_id not in main.subjects:
            parts.append(obligation_sentence(kb, own))
            articles.append(own.section)
            obligations.append(own.id)
    inference = line_inference(kb, subject_chain(kb, subject_id), line.id)
    if inference is not None:
        parts.append(inferred(inference))
        articles.extend(s.section for s in inference.sources)
        inferences.append(inference.id)
    parts.append(line_contact_text(kb, line, now))
    if line.party != "college":
        articles.append(line.section)
        parties.extend(p for p in line.parties if p not in parties)
        quote = quote or line.source
    elif not ranked:
        parties.append("college")
    return Answer(
        kind="support",
        text=" ".join(parts),
        articles=unique(articles),
        parties=parties,
        quote=line.source if line.phone else quote,
        subject=subject_id,
        actions=list(actions),
        obligations=obligations,
        line=line.id,
        inferences=inferences,
    )


def contact_not_given(kb: KnowledgeBase, line: SupportLine, answer: Answer) -> Answer:
    """« comment joindre les référents de la DANE ? » when the line that answers has no number nor online channel:
    how to reach it is what the text does not give. That is the answer, the record it does state comes after it,
    and no party is designated as the one to call."""
    said = [obligation_sentence(kb, o) for o in kb.obligations if o.id in answer.obligations]
    text = f"{line.name} : {line.no_phone_note}"
    if said:
        text += " Ce qu'elle en dit : " + " ".join(f"{s[:1].lower()}{s[1:]}" for s in said)
    return Answer(kind="not_specified", text=text, articles=list(answer.articles), quote=answer.quote,
                  subject=answer.subject, actions=list(answer.actions), obligations=list(answer.obligations),
                  line=line.id)


def support_by_party(kb: KnowledgeBase, detection: Detection, now: datetime) -> Answer:
    """"le numéro de l'Académie", "horaires du Département": the line of the party named, else every line."""
    lines: dict[str, SupportLine] = {}
    for line in kb.support_lines.values():
        if line.party != "college":
            for party in line.parties:
                lines.setdefault(party, line)
    named = [p for p in detection.parties if p in lines]
    # « y a un suivi en ligne des incidents ? »: the channel named is one line's own.
    channels = channels_named(kb, detection.normalised.split())
    if not named and len(channels) == 1:
        named = [kb.support_lines[channels[0]].party]
    if not named:
        return all_lines(kb, now)
    asked = unique(lines[p].id for p in named)
    if len(asked) > 1:
        # « le numéro du Département et celui de l'Académie » : each line asked, in the order named.
        chosen = [kb.support_lines[i] for i in asked]
        text = "\n".join(f"• {line_contact_text(kb, line, now)}" for line in chosen)
        labels = unique(kb.sections[line.section].label for line in chosen)
        return Answer(kind="support", text=f"{text}\n({', '.join(labels)})", articles=unique(line.section for line in chosen),
                      parties=unique(p for line in chosen for p in line.parties), quote=chosen[0].source,
                      subject="assistance")
    unit = next((u for u in kb.parties[named[0]].units if any(contains(detection.normalised.split(), w) for w in u.words)),
                None)
    if unit is not None:
        return _unit_without_line(kb, named[0], unit, now)
    line = lines[named[0]]
    label = kb.sections[line.section].label
    return Answer(kind="support", text=f"{line_contact_text(kb, line, now)} ({label})", articles=[line.section],
                  parties=list(line.parties), quote=line.source, subject="assistance", line=line.id)


def channels_named(kb: KnowledgeBase, tokens: list[str]) -> list[str]:
    """The lines whose own online channel the words name (message_kinds.yml line_channels: « le suivi en ligne » is
    the Département's intranet, « un formulaire en ligne » the Académie's portal)."""
    return [line for line in kb.support_lines if lexicon_for(kb).marked("line_channels", line, tokens)]


def _unit_without_line(kb: KnowledgeBase, party_id: str, unit: Unit, now: datetime) -> Answer:
    """« le numéro de la DANE ? »: article 4 gives lines to parties, none to a service inside one; the reply says so,
    then gives the party's lines with what each is for, rather than a number presented as the service's own.
    (Parties not given: `parties` would name one as the service that answers.)"""
    chosen = [line for line in kb.support_lines.values() if party_id in line.parties and line.party != "college"]
    text = "\n".join([f"La convention ne précise ni numéro ni horaires propres à « {unit.name} ». Les lignes de "
                      f"{kb.parties[party_id].article_name} qu'elle prévoit :",
                      *_line_bullets(kb, chosen, now)])
    labels = unique(kb.sections[line.section].label for line in chosen)
    # No party is named as the one that answers: the lines are what the text gives, not the service's own.
    return Answer(kind="not_specified", text=f"{text}\n({', '.join(labels)})",
                  articles=unique(line.section for line in chosen), quote=chosen[0].source if chosen else "",
                  subject="assistance")


def _line_bullets(kb: KnowledgeBase, lines: Sequence[SupportLine], now: datetime) -> list[str]:
    """One bullet per line: its number, hours, online channel, whether it is open now, and what it is for."""
    return [f"• {line_contact_text(kb, line, now)} Pour : {line.scope}." for line in lines]


def all_lines(kb: KnowledgeBase, now: datetime) -> Answer:
    """Every line of the agreement (the collège's own charge is not a line), from the data."""
    lines = [line for line in kb.support_lines.values() if line.party != "college"]
    labels = unique(kb.sections[line.section].label for line in lines)
    parts = [f"Les lignes d'assistance prévues par la convention ({', '.join(labels)}) :", *_line_bullets(kb, lines, now)]
    parties = unique(p for line in lines for p in line.parties)
    # « quel numéro je dois composer ? »: which line depends on the problem; the buttons ask it, and each gives
    # that subject's line, whether it is open now and the offer to declare (a repair chosen by button).
    parts.append("Pour quel type de problème ? Je vous indique la bonne ligne.")
    choices = [Choice(kb.subjects[s].incident_label or kb.subjects[s].label, s, REPAIR)
               for s in lexicon_for(kb).unknown_choices]
    return Answer(
        kind="support",
        text="\n".join(parts),
        articles=unique(line.section for line in lines),
        parties=parties,
        quote=lines[0].source if lines else "",
        choices=choices,
    )


def human_handover(kb: KnowledgeBase, subject_id: Optional[str], questions: Sequence[str],
                   now: Optional[datetime] = None) -> Handover:
    """The human line for ``subject_id`` (every line with a phone when unknown) and a conversation summary."""
    now = now or now_paris()
    subject = kb.subjects.get(subject_id) if subject_id is not None else None
    line = support_line_for(kb, subject.id) if subject is not None else None
    if subject is None or line is None:
        text = "Voici les personnes à joindre selon le sujet :\n" + "\n".join(
            f"• {line_contact_text(kb, candidate, now)}" for candidate in kb.support_lines.values() if candidate.phone
        )
        where = "le formulaire ou l'intranet du service"
    else:
        text = f"Pour {subject.label} : {line_contact_text(kb, line, now)}"
        inference = line_inference(kb, subject_chain(kb, subject.id), line.id)
        if inference is not None:
            text = f"Pour {subject.label} : {inferred(inference)} {line_contact_text(kb, line, now)}"
        where = line.online or "votre message"
    lines = [f"Résumé prêt à coller dans {where} :", "---"]
    if subject is not None:
        lines.append(f"Sujet : {subject.label}")
    if questions:
        lines.append("Échange avec l'assistant :")
        lines.extend(f"- {q[:300]}" for q in questions)
    lines.append("---")
    return Handover(text=text, summary="\n".join(lines), line=line.id if line else None)

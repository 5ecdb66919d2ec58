"""French replies for the decisions the policy takes itself. Every fact comes from a record of
knowledge/data (obligation, term, support line, governance body, the agreement's own text) and is cited;
explanations the text does not give are labelled as such."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Optional, Sequence

from knowledge.answer_types import REACH, REPAIR, Answer, Choice
from knowledge.direct_answers import answer_directly
from knowledge.normalise import normalise
from knowledge.query import GENERAL_SECTIONS, IN_CHARGE_ACTIONS, paid_by_another, support_line_for
from knowledge.records import KnowledgeBase, Obligation, SupportLine
from knowledge.rule_answers import clarify as clarify_subject
from knowledge.support_answers import line_contact_text
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import AmbiguousWord, lexicon_for
from knowledge.understanding.verdict import asks_a_person_to_pay, frame_of

GOVERNANCE = "article-11"
DECLARE_INTENT = "declare_incident"
GENERAL_NOTE = "(explication générale, que la convention ne précise pas)"


@dataclass(frozen=True)
class PolicyChoice(Choice):
    """A button whose payload is given whole: an intent to trigger (« Déclarer l'incident ») or a plain
    sentence to send back as if typed (an out-of-scope reading of an ambiguous word)."""

    payload: Optional[str] = None


def declaration_offer(line_name: str) -> str:
    """The sentence under a fault's answer that offers the declaration and says where the ticket will go."""
    return f"Je peux préparer la déclaration d'incident : le ticket ira à « {line_name} »."


def as_signalement_offer(kb: KnowledgeBase, answer: Answer) -> Answer:
    """``answer`` for someone who reports to the RUPN of their collège (a teacher): what is offered is a signalement
    for the RUPN, who passes it on to the line the agreement gives if need be, not a ticket sent to that line."""
    text = answer.text
    for line in kb.support_lines.values():
        text = text.replace(declaration_offer(line.name), "Je peux transmettre un signalement au RUPN de votre "
                            f"collège, qui le fera suivre à « {line.name} » s'il le faut.")
    choices = [replace(c, label=c.label.replace("Déclarer l'incident", "Signaler au RUPN").replace("Déclarer :",
                                                                                                  "Signaler :"))
               if isinstance(c, PolicyChoice) and (c.payload or "").startswith(f"/{DECLARE_INTENT}") else c
               for c in answer.choices]
    return replace(answer, text=text, choices=choices)


def label(kb: KnowledgeBase, section_id: str) -> str:
    return kb.sections[section_id].label


def sentence(kb: KnowledgeBase, obligation: Obligation) -> str:
    """The record's statement with its article, condition included (never a paraphrase)."""
    text = f"{obligation.statement.rstrip('. ')} ({label(kb, obligation.section)})."
    if obligation.condition and normalise(obligation.condition) not in normalise(obligation.statement):
        text += f" Condition : {obligation.condition}."
    return text


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------------------ decline
def decline(kb: KnowledgeBase, topic_id: str) -> Answer:
    topic = lexicon_for(kb).topic(topic_id)
    text = topic.reply if topic else "Ce sujet ne relève pas de la convention informatique des collèges."
    if topic and topic.pointer:
        text += f" {topic.pointer}"
    return Answer(kind="out_of_scope", text=text)


def decline_uncovered(kb: KnowledgeBase, topic_id: str) -> Answer:
    """Decline a topic that subjects.yml itself declares out of scope (Pronote, la météo…), with its contact."""
    topic = next((u for u in kb.uncovered if u.id == topic_id), None)
    text = ("Désolé, je ne réponds qu'aux questions sur la convention informatique des collèges des Deux-Sèvres, "
            f"et celle-ci ne traite pas de {topic.label if topic else 'ce sujet'}.")
    if topic and topic.contact:
        text += f" Adressez-vous plutôt à {topic.contact}."
    return Answer(kind="out_of_scope", text=text)


# ------------------------------------------------------------------------------------------ clarify
def clarify(kb: KnowledgeBase, entry: AmbiguousWord, word: str, subject_hint: Optional[str],
            fault: bool = False) -> Answer:
    """One button per reading of the word (2 to 4, checked when the data is read). For a fault (« l'application
    ne s'ouvre plus »), each button carries the repair: the next turn gives that subject's line."""
    choices: list[Choice] = []
    for reading in entry.readings:
        if reading.place or not reading.button:
            continue
        if reading.subject:
            choices.append(Choice(reading.label, reading.subject, reading.action or ("reparer" if fault else None)))
        else:
            choices.append(PolicyChoice(reading.label, None, None, payload=reading.label))
    labels = [c.label[0].lower() + c.label[1:] for c in choices]
    question = ", ".join(labels[:-1]) + f" ou {labels[-1]}" if len(labels) > 1 else labels[0]
    text = f"« {word} » peut vouloir dire plusieurs choses. Vous parlez de quoi : {question} ?"
    return Answer(kind="clarify", text=text, choices=choices, subject=subject_hint)


# ------------------------------------------------------------------------------------------- report
def problem_report(kb: KnowledgeBase, subject_id: str, actions: Sequence[str], now: datetime,
                   *, offer: bool = True, text: str = "", circumstantial: bool = False) -> Answer:
    """Who handles a fault on this subject, the line to call and whether it is open now, and an offer to
    declare the incident (the ticket goes to that line).

    The sentence itself is the direct path's support answer, so that what the knowledge base says of this
    subject (a silence, an inference labelled as such, a line the text does not give) is said the same way
    whether the message reads as a question or as a report; the policy only adds the offer.
    """
    if text:
        # What the knowledge base says first: a word it asks back about (« portable »: laptop or phone) or a
        # repair the text does not assign is said as such, never turned into a line to call.
        free = answer_directly(kb, text, now=now)
        # A subject's own question back (« une panne, une modification ou qui le prend en charge ? ») is
        # settled by the fault the message reports.
        # So is one on a word a cue of the message settled on this very thing (« le portable de service … est cassé »:
        # the phone).
        cue_chose = any(a.how == "cue" and a.reading is not None and a.reading.subject == subject_id
                        for a in frame_of(kb, text).ambiguities)
        settled = free.kind == "clarify" and (cue_chose or any(c.action == "reparer" for c in free.choices))
        # A topic the text leaves open named only as when the fault began (``circumstantial``: « depuis la
        # coupure de courant ») does not take the fault over.
        if free.kind == "clarify" and not settled:
            # The message reports a fault: whichever thing the user picks, the button answers the fault on it.
            free.choices = [Choice(c.label, c.subject, REPAIR) if c.subject and c.action is None else c
                            for c in free.choices]
            return free
        if free.kind == "not_specified" and not circumstantial:
            return free
    record = kb.subjects[subject_id]
    if record.clarify and all(option.subject for option in record.clarify):
        # « le téléphone ne sonne plus »: a fixed phone is the Département's, a mobile the collège's: which one
        # decides the line, so the question back comes first, each button carrying the repair.
        answer = clarify_subject(kb, subject_id)
        answer.choices = [Choice(c.label, c.subject, REPAIR) for c in answer.choices]
        return answer
    # « mon PC ne démarre plus, qui s'en occupe ? »: being in charge of a fault is repairing it, not the record of
    # whoever is in charge of the thing in general (its installation).
    # « … ne démarrent plus, qui dois-je contacter ? »: whom to reach is the line, said below; the act is the repair,
    # unless a record of the thing says who assists on it (article 4: the Académie's applications).
    assisted = any(REACH in o.actions and subject_id in o.subjects for o in kb.obligations)
    # (Replacing a broken thing is its repair: « l'écran du TBI est fissuré, qui le remplace ? » is no installation;
    # so is reporting it: « … s'allume plus, c'est à qui que je dois le signaler ? ».)
    actions = [REPAIR if a in ("remplacer", "renouveler", "declarer") else a for a in actions
               if a not in IN_CHARGE_ACTIONS and (a != REACH or assisted)] or [REPAIR]
    answer = answer_directly(kb, text or kb.subjects[subject_id].label, intent="ask_support", subject=subject_id,
                             action=REPAIR if REPAIR in actions else actions[0], now=now)
    category = _incident_category(kb, subject_id)
    line = kb.support_lines.get(answer.line or "")
    if offer and category and line is not None and line.id != "college" and answer.kind == "support" \
            and not answer.choices:
        answer.text = f"{answer.text} {declaration_offer(line.name)}"
        answer.choices = [PolicyChoice("Déclarer l'incident", category, None,
                                       payload=f'/{DECLARE_INTENT}{{"subject": "{category}"}}')]
    return answer


def _incident_category(kb: KnowledgeBase, subject_id: str) -> Optional[str]:
    current: Optional[str] = subject_id
    while current:
        if kb.subjects[current].incident:
            return current
        current = kb.subjects[current].parent
    return None


def several(kb: KnowledgeBase, answers: Sequence[tuple[str, Answer]], *, problems: bool = True) -> Answer:
    """One message answering each part of a message with several, numbered (``problems``: every part
    reports a fault; otherwise some are questions or requests).

    Parts that get the same answer are one point asked twice (« … combien de temps pour venir ? y a un délai
    garanti ? »): they share one number, and a message whose parts all get the same answer gets it once."""
    grouped: dict[str, list[tuple[str, Answer]]] = {}
    for text, answer in answers:
        grouped.setdefault(answer.text, []).append((text, answer))
    if len(grouped) == 1:
        return answers[0][1]
    lead = (f"Votre message parle de {len(grouped)} problèmes ; voici qui s'en occupe pour chacun :" if problems
            else f"Votre message porte sur {len(grouped)} points ; voici la réponse pour chacun :")
    lines = [lead]
    articles: list[str] = []
    parties: list[str] = []
    choices: list[Choice] = []
    obligations: list[str] = []
    for number, group in enumerate(grouped.values(), start=1):
        answer = group[0][1]
        body = answer.text.replace("\n", " ")
        lines.append(f"{number}. {' et '.join(f'« {text} »' for text, _ in group)} — {body}")
        articles.extend(answer.articles)
        parties.extend(answer.parties)
        obligations.extend(answer.obligations)
        for choice in answer.choices:
            if isinstance(choice, PolicyChoice) and choice.subject is not None and choice.payload \
                    and choice.payload.startswith(f"/{DECLARE_INTENT}"):
                choices.append(PolicyChoice(f"Déclarer : {kb.subjects[choice.subject].label}", choice.subject, None,
                                            payload=choice.payload))
            elif answer.kind == "clarify":
                # « …, et il nous faut un nouveau portable » : the part's question back keeps its buttons.
                choices.append(choice)
    first = answers[0][1]
    return Answer(kind="support", text="\n".join(lines), articles=_unique(articles), parties=_unique(parties),
                  quote=first.quote, choices=choices[:4], subject=first.subject, actions=list(first.actions),
                  obligations=_unique(obligations), line=first.line)


# ------------------------------------------------------------------------------------- fact checks
def phone_check(kb: KnowledgeBase, frame: Frame, now: datetime) -> Answer:
    """"le <numéro de l'Académie> c'est bien le Département ?": the number's line, compared with the party asked."""
    number = frame.phones[0]
    lines = [line for line in kb.support_lines.values() if line.phone and digits(line.phone) == number]
    known = ", ".join(f"{line.name} : {line.phone}" for line in kb.support_lines.values() if line.phone)
    if not lines:
        text = (f"Ce numéro n'apparaît pas dans la convention. Les numéros qu'elle donne sont : {known} "
                f"({label(kb, 'article-4')}).")
        return Answer(kind="support", text=text, articles=["article-4"],
                      parties=[line.party for line in kb.support_lines.values() if line.phone])
    line = lines[0]
    # « j'appelle le 05… ? » speaks for the collège (confidence 0.6) but asks nothing about its number.
    asked = frame.asked_party.value if frame.asked_party.confidence >= 0.8 else None
    subject_line = _subject_line(kb, frame)
    if subject_line is not None and not asked:
        # « pour une panne réseau j'appelle bien le 05… ? »: the number is checked against the line of what
        # the message is about, not against the writer's own collège.
        asked = subject_line.party
    if not asked and len(set(frame.parties)) == 1:
        # « c bien le 05… pour l'Académie ? »: the one party the message names is the one checked, even as a
        # complement (« pour », « de »).
        asked = frame.parties[0]
    if asked and asked != line.party:
        others = [other for other in kb.support_lines.values() if other.phone and other.party == asked]
        text = (f"Non : le {line.phone} est le numéro de la ligne « {line.name} » ({label(kb, line.section)}), "
                f"pas celui {of(kb.parties[asked].short)}.")
        if others:
            text += f" {capital(kb.parties[asked].short)} : {line_contact_text(kb, others[0], now)}"
        parties = [line.party] + [o.party for o in others]
    else:
        prefix = "Oui : " if asked else ""
        text = (f"{prefix}le {line.phone} est le numéro de la ligne « {line.name} » ({label(kb, line.section)}). "
                f"{line_contact_text(kb, line, now)}")
        text = capital(text)
        parties = [line.party]
    return Answer(kind="support", text=text, articles=[line.section], parties=_unique(parties), quote=line.source,
                  subject="assistance", line=line.id, yes_no=text.split(" ")[0].strip(":").lower() if asked else None)


def _subject_line(kb: KnowledgeBase, frame: Frame) -> Optional[SupportLine]:
    """The support line of the first subject the message names (other than assistance itself), if any."""
    subject = next((s.value for s in frame.subjects if s.value and s.value != "assistance"), None)
    line = support_line_for(kb, subject, frame.actions) if subject else None
    return line if line is not None and line.phone else None


def of(short: str) -> str:
    """« de » + a party's short name, contracted as French requires (du Département, de l'Académie)."""
    if short.startswith("le "):
        return "du " + short[3:]
    if short.startswith("les "):
        return "des " + short[4:]
    return "de " + short


def digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


def negative_check(kb: KnowledgeBase, frame: Frame, record: Obligation) -> Answer:
    """"le filtrage c'est pas le Département ?", "c'est bien le Département qui… ?": confirm or deny the
    party named by comparing it with the record's, then state the record; never a bare Oui/Non."""
    asked = frame.asked_party.value
    if asked is None:
        raise ValueError("negative_check needs the party the message asks about (frame.asked_party)")
    party = kb.parties[asked]
    verdict: Optional[str]
    if asked in record.parties and record.section in GENERAL_SECTIONS:
        # « … c'est le Département qui les commande ? » found only its charge of the collèges in general: that
        # confirms no particular point; the record is stated without a « Oui ».
        text, verdict = sentence(kb, record), None
    elif asked in record.parties and (payer := paid_by_another(kb, record)) is not None:
        # « c'est le Département qui prend en charge les portables ? »: it manages the contracts, the collège buys the
        # handsets: both are stated, without a « Oui » the management alone would give.
        text, verdict = f"{sentence(kb, record)} {sentence(kb, payer)}", None
    elif asks_a_person_to_pay(kb, frame, record):
        # (« c'est le prof qui paie son téléphone mobile ? »: not the teacher, the collège's budget.)
        text, verdict = f"Non. {sentence(kb, record)}", "non"
    elif asked in record.parties:
        text = f"{'Si' if frame.negative_check else 'Oui'}, c'est bien {party.short} : {sentence(kb, record)}"
        verdict = "oui"
    else:
        text = f"Non, ce n'est pas {party.short} : {sentence(kb, record)}"
        verdict = "non"
    # The actions asked go with the answer: the coverage check then sees « qui le paie ? » answered by a record
    # on verifying, and says the text does not settle it instead of confirming the party.
    return Answer(kind="responsibility", text=text, articles=[record.section], parties=list(record.parties),
                  quote=record.source, subject=frame.subject, actions=list(frame.actions), obligations=[record.id],
                  yes_no=verdict)


def party_action(kb: KnowledgeBase, frame: Frame, records: Sequence[Obligation]) -> Answer:
    """A yes/no about a party and an action, with no subject ("la DANE doit-elle se concerter avec le
    Département ?"): yes when records give that action to that party, each stated."""
    chosen = list(records[:2])
    # A record of one scenario of article 5 (« pour le matériel acheté … hors référentiel, la maintenance est à la
    # charge du collège ») confirms nothing for a question that names no such case (« le collège doit-il payer
    # la maintenance ? »): the record is stated, case included, without a « Oui ».
    named = {s.value for s in frame.subjects}
    confirmed = all(r.scenario is None or set(r.subjects) & named for r in chosen)
    text = ("Oui. " if confirmed else "") + " ".join(sentence(kb, r) for r in chosen)
    return Answer(kind="responsibility", text=text, articles=_unique(r.section for r in chosen),
                  parties=_unique(p for r in chosen for p in r.parties), quote=chosen[0].source,
                  subject=chosen[0].subjects[0], actions=list(frame.actions), obligations=[r.id for r in chosen],
                  yes_no="oui" if confirmed else None)


# --------------------------------------------------------------------------------- the agreement
def term_answer(kb: KnowledgeBase, subject_id: str, extra: str = "") -> Optional[Answer]:
    term = next((t for t in kb.terms if subject_id in t.subjects), None)
    if term is None:
        return None
    text = f"{term.statement.rstrip('. ')} ({label(kb, term.section)})."
    if extra:
        text += f" {extra}"
    return Answer(kind="agreement", text=text, articles=[term.section], quote=term.source, subject=subject_id)


def definition(kb: KnowledgeBase, entry_id: str, text: str = "") -> Optional[Answer]:
    """The record that uses the word, then the general explanation, labelled as not from the text."""
    entry = next(g for g in lexicon_for(kb).glossary if g.id == entry_id)
    if entry.section:
        # The text gives the meaning itself (« Délégation académique au numérique éducatif (DANE…) »).
        return Answer(kind="agreement", text=f"{entry.explanation} ({label(kb, entry.section)}).",
                      articles=[entry.section], parties=[], quote=entry.source, subject=entry.subject)
    explanation = f"{entry.explanation} {GENERAL_NOTE}"
    answer = term_answer(kb, entry.subject, explanation)
    if answer is not None:
        return answer
    for body in kb.governance:
        members = [m for m in body.members if any(w in normalise(m.who) for w in entry.words)]
        if members:
            text = (f"{entry.explanation} {GENERAL_NOTE} La convention le cite dans le {body.name} : "
                    f"{members[0].who} ({label(kb, body.section)}).")
            # A definition assigns nothing: the member's party is not named as the one in charge of anything.
            return Answer(kind="agreement", text=text, articles=[body.section], parties=[],
                          quote=body.source, subject=entry.subject)
    # Otherwise the composer's answer about the subject (the record it picks for the question), then the
    # explanation: "c'est quoi le référentiel et qui le fait ?" keeps its "who".
    answer = answer_directly(kb, text or entry.words[0], subject=entry.subject)
    if answer.kind in ("unknown", "not_specified"):
        return None
    answer.text = f"{answer.text} {explanation}"
    return answer


def agreement_fact(kb: KnowledgeBase, fact: str) -> Optional[Answer]:
    """Facts of the agreement's first and last pages, quoted from its text (signature block, "Vu…")."""
    # The signature block's own line (agreement.yml term « signature-lieu-date »), quoted verbatim.
    block = next((t.source for t in kb.terms if t.section == "signatures"), "")
    signed = ["signatures"] if "signatures" in kb.sections else []
    opening = ["entete"] if "entete" in kb.sections else []  # where the parties' representatives are named
    if fact == "signature_place":
        place = kb.signatures.get("place", "")
        note = kb.signatures.get("date_note", "")
        text = f"La convention est faite à {place}. {note}".strip()
        # The signature block follows article 14: it is cited as its own section.
        return Answer(kind="agreement", text=text, articles=signed, quote=block, subject="signature")
    if fact == "signatories":
        # The signature block of agreement.yml: a list of {party, who} mappings.
        listed = kb.signatures.get("signatories", [])
        rows: list[dict[str, str]] = ([r for r in listed if isinstance(r, dict)]
                                      if isinstance(listed, (list, tuple)) else [])
        # The preamble names each party's representative; the signature block, at the end, differs: both.
        lines = ["Les parties et leurs représentants, selon le préambule :"]
        lines += [f"• {capital(p.name)} : {p.representative}" for p in kb.parties.values()]
        lines.append("Le bloc de signature, à la fin de la convention, porte :")
        lines += [f"• {capital(kb.parties[r['party']].name)} : {r['who']}" for r in rows]
        quirk = next((q for q in kb.quirks if q.section == "signatures"), None)
        if quirk:
            lines.append(f"Attention : sous la signature du collège, le texte porte « {quirk.text} », un nom qui "
                         "n'est pas celui que le préambule donne à la principale.")
        return Answer(kind="agreement", text="\n".join(lines), articles=[*opening, *signed],
                      parties=[r["party"] for r in rows], quote=block, subject="parties")
    return None


def _unique(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)

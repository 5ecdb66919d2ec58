"""Answers about who does what: the best obligation for a question, yes/no, procedures, prohibitions.

Every sentence comes from an obligation record and names its section; a record that names no party
(role ``rule``) is said as such, with the labelled inference about where to turn when there is one.
"""
from __future__ import annotations

from typing import Optional, Sequence

from knowledge.answer_types import YES_BY_EXCEPTION, Answer, Choice, unique
from knowledge.normalise import normalise
from knowledge.query import (
    IN_CHARGE_ACTIONS,
    IN_CHARGE_ROLES,
    Ranked,
    about_subject,
    obligations_about,
    paid_by_another,
    rank_obligations,
    shared_words,
    subject_chain,
    support_line_for,
)
from knowledge.question_reading import named_parties
from knowledge.records import KnowledgeBase, Obligation, SupportLine
from knowledge.rule_sentences import NO_PARTY_NAMED, obligation_sentence
from knowledge.silence_answers import inferred, line_inference, not_specified
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.decision_cases import case_record
from knowledge.understanding.exceptions import exception_named, without_condition
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.procedure_verdict import verdict_under_condition
from knowledge.understanding.verdict import yes_no_verdict
from knowledge.vocabulary import Detection


def responsibility(kb: KnowledgeBase, detection: Detection, focus: Sequence[str], text: str = "") -> Answer:
    subject_id = detection.subjects[0]
    asked = detection.parties[0] if detection.parties else None
    # An action no record names is answered by the ones that imply it (« qui remplace le clavier ? »: whoever buys,
    # renews or repairs it), message_kinds.yml `implied_by`.
    # Only when no record of the subject carries an action asked: they never compete with a record that does.
    by = lexicon_for(kb).markers.get("implied_by", {})
    chain = subject_chain(kb, subject_id)
    carried = any(set(detection.actions) & set(o.actions) for o in kb.obligations if set(o.subjects) & set(chain))
    implied = [] if carried else [a for action in detection.actions for a in by.get(action, ())
                                  if a not in detection.actions]
    closed = detection.yes_no or closed_question(text or "", False)
    # A yes/no question is answered by who is actually in charge: naming a party must not bias the search.
    ranked = rank_obligations(
        kb,
        subject_id,
        detection.actions,
        () if detection.yes_no else detection.parties,
        focus_actions=focus,
        prefer_prohibitions=closed and asked == "college",
        also_subjects=detection.subjects,
        words=detection.normalised.split(),
        implied=implied,
        interventions=lexicon_for(kb).markers.get("coverage", {}).get("interventions", ()),
    )
    if not ranked:
        if kb.subjects[subject_id].clarify:
            return clarify(kb, subject_id)  # "le téléphone": fixed or mobile?
        return not_specified(kb, detection, subject_id=subject_id)
    main = ranked[0].obligation
    if closed and asked:
        # « l'éligibilité pédagogique est vérifiée par le Département ? »: of the records that answer the action
        # alike, the one the question's own words speak of is checked (the Académie's), not the first found.
        main = _closest_record(kb, ranked, detection.normalised)
        # « hors référentiel, le CD peut s'en occuper si c'est une expérimentation validée avec lui ? »: the record
        # whose exception the question names (« sauf dans le cadre d'une expérimentation … ») is the one asked about.
        main = next((r.obligation for r in ranked if exception_named(kb, detection.normalised, r.obligation)), main)
    if detection.yes_no and asked and asked not in main.parties and main.role != "must_not":
        # "Canopé propose-t-il des animations… ?": before a « Non » from the best record, a record giving
        # the party asked about one of the actions named answers the question (issue 11, class 2).
        other = _record_of_party(ranked, asked, detection.actions, detection.subjects)
        # Not one the question's own words speak less of (« l'Académie vérifie l'éligibilité technique ? »:
        # the Académie's record is about the pedagogical one).
        if other is not None and shared_words(kb, other, detection.normalised) >= shared_words(kb, main, detection.normalised):
            main = other
    if detection.yes_no and asked and asked not in main.parties and main.role == "must_not":
        # « l'Académie intervient sur le réseau ? »: the collège's prohibition says nothing of the Académie; who
        # the subject's record puts in charge answers it.
        main = next((o for subject in detection.subjects for o in obligations_about(kb, subject)
                     if IN_CHARGE_ACTIONS & set(o.actions) and o.role in IN_CHARGE_ROLES), main)
    case = case_record(kb, text or "", main, [r.obligation for r in ranked], [*focus, *detection.actions])
    yes_no = None
    if case is not main:
        # « si le Département refuse, on peut acheter avec nos fonds ? »: the party named is the one deciding, not the
        # one asked about; the clause asking under the condition is what the record of its case answers.
        asking = detection.yes_no or closed_question(text, False)
        yes_no = verdict_under_condition(kb, text, case) if asking else None
        if asking and yes_no is None and asked and asked in named_parties(kb, case.condition):
            # « le Département peut-il refuser notre demande ? »: the party deciding is the one asked, and its case
            # is in the text: « Oui », with what follows from it.
            yes_no = "oui"
        main, closed = case, False
    parties = list(main.parties)
    parts: list[str] = [] if yes_no is None else ["Oui." if yes_no == "oui" else "Non."]
    # (« il faut une étude préalable pour … ? » names no party: the record's own condition is what it checks.)
    if closed and (asked and main.parties or main.role in ("rule", "may") or main.condition):
        # Computed from the party asked about, or from the actions a rule carries (issue 11); None: no bare
        # « Oui »/« Non », the record is stated.
        yes_no = yes_no_verdict(kb, text or detection.normalised, main, focus)
        by_exception = yes_no == "oui" and normalise(main.condition).startswith("sauf") and bool(
            set(named_parties(kb, text or detection.normalised)) & (set(named_parties(kb, main.condition)) - set(main.parties)))
        if yes_no == "oui" and main.role == "must_not" or by_exception:
            # « avec l'autorisation expresse du Département, on peut … ? »: « Oui. ⚠️ Le collège ne doit … » would
            # read as a contradiction; the lead says the yes is the prohibition's exception (or the exception of
            # another party's charge: « … le CD peut s'en occuper si c'est une expérimentation validée ? »).
            parts.append(YES_BY_EXCEPTION)
            parties += [p for p in named_parties(kb, main.condition) if p not in parties]
        elif yes_no:
            parts.append("Oui." if yes_no == "oui" else "Non.")
    parts.append(obligation_sentence(kb, main))
    line = support_line_for(kb, subject_id, detection.actions)
    inferences: list[str] = []
    articles = [main.section]
    if not main.parties:
        # The text states the rule without saying who: say so, and label where we think it goes.
        inference = line_inference(kb, subject_chain(kb, subject_id), line.id) if line else None
        parts.append(inferred(inference) if inference else NO_PARTY_NAMED)
        if inference is not None and line is not None:  # an inference is only looked up for a line
            # The party the inference points to is named in the answer, labelled as an inference.
            inferences.append(inference.id)
            articles.extend(s.section for s in inference.sources)
            parties.extend(p for p in line.parties if p not in parties)
    if main.role in ("must_not", "consulted") or main.parties and {"demander", "declarer"} & set(main.actions):
        # "… en concertation avec le Département", "demandez … au Département", « l'établissement demande l'étude
        # préalable ; le Département valide »: the party consulted, asked or deciding is part of the answer.
        for party in named_parties(kb, f"{main.statement} {main.condition} {main.advice}"):
            if party not in parties:
                parties.append(party)
    if yes_no == "non" and without_condition(kb, text or detection.normalised, main):
        # « on peut l'accrocher nous-mêmes sans le feu vert du Département ? »: the « Non » is the party of the
        # condition done without; it is part of the answer.
        parties.extend(p for p in named_parties(kb, main.condition) if p not in parties)
    requesters = named_parties(kb, main.condition) if lexicon_for(kb).marked(
        "questions", "whose_request", detection.normalised.split()) else []
    if requesters:
        # « à la demande de qui le Département déploie-t-il … ? »: the party asked is the one in the condition
        # (« sur demande de l'Académie »), not the one who acts; the condition leads the answer.
        parties = list(requesters)
        stated = obligation_sentence(kb, main)
        if stated in parts:
            lead = f"{main.condition[:1].upper()}{main.condition[1:]} : "
            sentence = obligation_sentence(kb, main, with_condition=False)
            parts[parts.index(stated)] = lead + sentence[:1].lower() + sentence[1:]
    extra = _related(kb, ranked, main) if not requesters else None
    handsets = paid_by_another(kb, main) if extra is None and yes_no == "oui" else None
    if handsets is not None:
        # « le Département prend en charge la téléphonie mobile ? »: it manages the contracts, the collège buys and
        # renews the handsets; a « Oui » from the management alone would say the Département pays for them.
        extra, yes_no = handsets, None
        parts = [p for p in parts if p not in ("Oui.", "Non.")]
    if extra is not None:
        parts.append(obligation_sentence(kb, extra, with_condition=False))
        parties.extend(p for p in extra.parties if p not in parties)
        articles.append(extra.section)
    return Answer(
        kind="responsibility",
        text=" ".join(parts),
        articles=unique(articles),
        parties=parties,
        quote=main.source,
        subject=subject_id,
        actions=list(focus or detection.actions),
        obligations=[main.id] + ([extra.id] if extra else []),
        yes_no=yes_no,
        line=_line_id(line),
        inferences=inferences,
    )


def _record_of_party(ranked, party: str, actions: Sequence[str], subjects: Sequence[str]) -> Optional[Obligation]:
    """The record that gives ``party`` one of ``actions`` (never a prohibition), the one sharing the most
    actions and subjects with the question first ("propose des formations" is about training)."""
    found = [r.obligation for r in ranked if party in r.obligation.parties and r.obligation.role != "must_not"
             and set(actions) & set(r.obligation.actions)]
    return max(found, key=lambda o: len(set(actions) & set(o.actions)) + len(set(subjects) & set(o.subjects)),
               default=None)


def _closest_record(kb: KnowledgeBase, ranked, text: str) -> Obligation:
    """The first record, unless another as good for the action (close score, same role) shares more of the
    question's words."""
    first = ranked[0]
    peers = [r for r in ranked[1:4] if r.score >= first.score - 4 and r.action_match == first.action_match
             and r.obligation.role == first.obligation.role]
    best = max(peers, key=lambda r: shared_words(kb, r.obligation, text), default=None)
    if best is not None and shared_words(kb, best.obligation, text) > shared_words(kb, first.obligation, text):
        return best.obligation
    return first.obligation


def _line_id(line: Optional[SupportLine]) -> Optional[str]:
    return line.id if line else None


def _related(kb: KnowledgeBase, ranked, main: Obligation) -> Optional[Obligation]:
    """A second record worth adding when it brings in another party (e.g. who validates or pays), or states the same
    duty of the same parties in another article (:func:`_restated`)."""
    mentioned = normalise(f"{main.statement} {main.condition} {main.advice}")
    for candidate in ranked[1:3]:
        other = candidate.obligation
        if _restated(main, other, candidate, ranked[0]):
            return other
        if other.id == main.id or other.parties == main.parties:
            continue
        if candidate.score < ranked[0].score - 4 or not candidate.action_match and ranked[0].action_match:
            continue
        new_parties = [p for p in other.parties if p not in main.parties]
        if not new_parties:
            continue
        if all(normalise(kb.parties[p].short).replace("l ", "").replace("le ", "") in mentioned for p in new_parties):
            continue
        return other
    return None


def _restated(main: Obligation, other: Obligation, candidate: Ranked, first: Ranked) -> bool:
    """Whether ``other`` states the same duty of the same parties in another article (the training of teachers:
    article 4 and article 10), as close to the question as ``main``: both are the text's answer."""
    return other.id != main.id and other.section != main.section and other.parties == main.parties \
        and other.role == main.role and bool(set(other.actions) & set(main.actions)) \
        and candidate.action_match and candidate.score >= first.score - 1


def clarify(kb: KnowledgeBase, subject_id: str) -> Answer:
    record = kb.subjects[subject_id]
    labels = [opt.label.lower() if i else opt.label for i, opt in enumerate(record.clarify)]
    if len(labels) > 1:
        question = f"{', '.join(labels[:-1])} ou {labels[-1]}"
    else:
        question = labels[0]
    text = f"Pour {record.label}, vous parlez de quoi : {question[0].lower() + question[1:]} ?"
    choices = [Choice(opt.label, opt.subject or subject_id, opt.action) for opt in record.clarify]
    return Answer(kind="clarify", text=text, choices=choices, subject=subject_id)


def prohibitions(kb: KnowledgeBase) -> Answer:
    """Everything the agreement forbids the collège, each with its exception and what to do instead."""
    rules = [o for o in kb.obligations if o.role == "must_not"]
    lines = ["La convention interdit au collège :"] + [f"• {obligation_sentence(kb, o)}" for o in rules]
    parties = unique(["college"] + [p for o in rules for p in named_parties(kb, o.advice)])
    return Answer(kind="responsibility", text="\n".join(lines), articles=unique(o.section for o in rules),
                  parties=parties, quote=rules[0].source if rules else "", obligations=[o.id for o in rules])


def procedure(kb: KnowledgeBase, subject_id: str, actions: Sequence[str]) -> Answer:
    obligations, _ = about_subject(kb, subject_id)
    # The person asking acts for the collège: what the collège itself has to do comes first.
    obligations = sorted(obligations, key=lambda o: "college" not in o.parties)
    if actions:
        ranked = [r.obligation for r in rank_obligations(kb, subject_id, actions, focus_actions=actions)]
        matching = [o for o in ranked if any(a in o.actions for a in actions)]
        obligations = matching + [o for o in obligations if o not in matching]
    if not obligations:
        obligations = [r.obligation for r in rank_obligations(kb, subject_id)]
    chosen = obligations[:4]
    order = {o.id: i for i, o in enumerate(kb.obligations)}
    chosen.sort(key=lambda o: order[o.id])
    record = kb.subjects[subject_id]
    lines = [f"Pour {record.label}, voici ce que prévoit la convention :"]
    for obligation in chosen:
        lines.append(f"• {obligation_sentence(kb, obligation)}")
    articles = [o.section for o in chosen]
    inferences: list[str] = []
    inference_parties: list[str] = []
    line = support_line_for(kb, subject_id, actions)
    inference = line_inference(kb, subject_chain(kb, subject_id), line.id) if line else None
    if inference is not None and line is not None and any(not o.parties for o in chosen):
        lines.append(f"• {inferred(inference)}")
        inferences.append(inference.id)
        articles.extend(s.section for s in inference.sources)
        inference_parties = list(line.parties)
    parties: list[str] = []
    for obligation in chosen:
        parties.extend(p for p in obligation.parties if p not in parties)
    parties.extend(p for p in inference_parties if p not in parties)
    return Answer(
        kind="procedure",
        text="\n".join(lines),
        articles=unique(articles),
        parties=parties,
        quote=chosen[0].source if chosen else "",
        subject=subject_id,
        actions=list(actions),
        obligations=[o.id for o in chosen],
        inferences=inferences,
    )

"""« Des PC achetés sur nos fonds hors catalogue, le Département les entretiendra quand même ? »: a closed question
naming a party, answered by a procedure (the records of one subject, listed). The procedure was given without a
« Oui » or « Non », though one of its records says who does what is asked (issue 11, class 2).

The verdict is the record's: the one listed record carrying the action asked of the party (the action words after
its name: « le Département *les entretiendra* », « *s'occupera de leur maintenance* »), compared with that party,
as for a single record (verdict.yes_no_verdict, with its exceptions: a record's own « sauf … » named in the
question gives no « Non »). None when no record, or several, carry it. An open question under a condition gets the
record of that condition (:func:`_under_condition`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from knowledge.answer_types import Answer, without_verdict
from knowledge.normalise import normalise
from knowledge.query import obligations_about
from knowledge.records import KnowledgeBase, Obligation
from knowledge.rule_sentences import obligation_sentence
from knowledge.understanding.asked_acts import asked_action
from knowledge.understanding.asked_party import asked_party
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.decision_cases import names_a_decision
from knowledge.understanding.exceptions import exception_named
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for, phrase_positions
from knowledge.understanding.requirements import on_anothers_request
from knowledge.understanding.verdict import frame_of, yes_no_verdict
from knowledge.vocabulary import vocabulary_for

# A party named in the question (not the writer speaking for the collège).
_NAMED = 0.8


def procedure_checked(kb: KnowledgeBase, text: str, frame: Frame, answer: Answer) -> Answer:
    """``answer`` led by the « Oui » / « Non » of the one record of a procedure that the question's condition
    states, or that carries the action asked of the party it names."""
    if answer.kind not in ("procedure", "responsibility"):
        return answer
    listed = [o for o in kb.obligations if o.id in answer.obligations]
    if answer.kind == "responsibility":
        # « Si le Département refuse …, le collège peut les financer ? » found scenario 1 by its « financer »: the
        # condition stated picks among the records of the same subject.
        listed += [o for o in obligations_about(kb, answer.subject) if o not in listed and o.condition]
    if not closed_question(text, frame.yes_no):
        return _under_condition(kb, frame, answer, listed)
    stated = _condition_stated(kb, frame, listed)
    if stated is not None and answer.kind == "responsibility" and answer.obligations == [stated.id]:
        # The record is the condition's own; its verdict is about the main clause's party, not the condition's
        # (« si le Département accepte …, on doit payer ? » asks about the collège: « Non »).
        verdict = _verdict_under(kb, frame, stated)
        if verdict is not None and verdict != answer.yes_no:
            return replace(answer, text=f"{verdict.capitalize()}. {without_verdict(answer.text)}", yes_no=verdict)
        return answer
    if stated is not None and (answer.kind == "procedure" or stated.id not in answer.obligations):
        verdict = _verdict_under(kb, frame, stated)
        if verdict is not None:
            # The record the condition picks comes first, with its verdict; a procedure's others follow.
            said = obligation_sentence(kb, stated)
            rest = [line for line in answer.text.splitlines() if line != f"• {said}"] if answer.kind == "procedure" else []
            return replace(answer, text="\n".join([f"{verdict.capitalize()}. {said}", *rest]), yes_no=verdict,
                           articles=list(dict.fromkeys([stated.section, *answer.articles])) if rest else [stated.section],
                           parties=list(stated.parties) if not rest else answer.parties,
                           obligations=[stated.id, *(o for o in answer.obligations if o != stated.id)] if rest
                           else [stated.id], quote=stated.source)
    if answer.kind != "procedure" or answer.yes_no or frame.asked_party.value is None \
            or frame.asked_party.confidence < _NAMED:
        return answer
    action = _asked_of(kb, frame)
    if action is None:
        return answer
    carrying = [o for o in listed if action in o.actions and o.role != "must_not"]
    if len(carrying) != 1:
        return answer
    verdict = yes_no_verdict(kb, text, carrying[0], (action,))
    if verdict is None:
        return answer
    return replace(answer, text=f"{verdict.capitalize()}. {answer.text}", yes_no=verdict)


def _under_condition(kb: KnowledgeBase, frame: Frame, answer: Answer, listed: list[Obligation]) -> Answer:
    """An open question under a condition (« si le Département refuse, qu'est-ce qu'on peut faire ? »): the record
    of that condition (scenario 2) instead of another of the same subject (scenario 1, found by « faire »)."""
    stated = _condition_stated(kb, frame, listed)
    if stated is None:
        return answer
    asked = _main_actions(kb, frame)
    if asked and not _carries(kb, stated, asked):
        # « Quand le CD a refusé et qu'on paie …, on n'a pas à faire l'installation nous-mêmes ? »: the refusal picks
        # scenario 2, the installation asked its record on installing, not the one on paying.
        same_case = [o for o in listed if stated.scenario is not None and o.scenario == stated.scenario
                     and _carries(kb, o, asked)]
        if len(same_case) != 1:
            return answer
        stated = same_case[0]
    if answer.obligations[:1] == [stated.id]:
        return answer
    said = obligation_sentence(kb, stated)
    if answer.kind == "procedure":
        # The procedure's other steps stay, after the record of the case asked.
        rest = [line for line in answer.text.splitlines() if line != f"• {said}"]
        return replace(answer, text="\n".join([said, *rest]), quote=stated.source,
                       obligations=[stated.id, *(o for o in answer.obligations if o != stated.id)])
    return replace(answer, text=said, yes_no=None, articles=[stated.section],
                   parties=list(stated.parties), obligations=[stated.id], quote=stated.source)


def _main_actions(kb: KnowledgeBase, frame: Frame) -> set[str]:
    """The actions the clause asking under a condition names (« …, on n'a pas à faire *l'installation* ? »)."""
    found = _condition_and_main(kb, frame.text)
    main = normalise(found[1]) if found is not None else ""
    # « …, qui installe le matériel qu'on achète nous-mêmes ? »: the predicate's act, when the parse finds one, is
    # the one asked; a relative clause's verb (« achète ») only says which thing.
    predicate = asked_action(kb, found[1]) if found is not None else None
    return {predicate[0]} if predicate is not None else {m.id for m in vocabulary_for(kb).matches(main, ("action",))}


def _carries(kb: KnowledgeBase, record: Obligation, actions: set[str]) -> bool:
    """Whether a record carries one of the actions, either way round (« l'acheter » is carried by paying for it)."""
    implied = lexicon_for(kb).implied
    return any(a in actions | implied(actions) or actions & implied({a}) for a in record.actions)


def _asked_of(kb: KnowledgeBase, frame: Frame) -> Optional[str]:
    """The one action named after the last mention of the party asked about (the parser often misreads an SMS
    future: « le departement les entretiendra »); None when none, or several, follow it."""
    matches = vocabulary_for(kb).matches(normalise(frame.text), ("party", "action"))
    named = [m for m in matches if m.kind == "party" and m.id == frame.asked_party.value]
    if not named:
        return None
    after = {m.id for m in matches if m.kind == "action" and m.start > named[-1].start}
    return after.pop() if len(after) == 1 else None


# Words of conditions that say nothing of which case is meant (« dans le cadre », the scenario's number).
_PLAIN = frozenset({"cadre", "scenario", "dans", "partir", "selon", "fonction"})
# « si … , » / « en cas de … , » on the typed text: the condition ends at its comma (the normalised text has none).
_IF = re.compile(r"\b(?:[sS]i|[eE]n cas d(?:e |')|[aA]pr[eè]s) ?([^,?]+),")
# « qui paie les ordinateurs si le département refuse ? »: the condition said last, the clause that asks before it.
_IF_LAST = re.compile(r"\s(?:si|en cas d(?:e |'))\s?([^,?]+)\s*\?\s*$", re.IGNORECASE)
# « Le Département a refusé notre demande. On peut les acheter quand même ? »: a sentence (or a clause ended by a
# comma) of its own before the question, when it tells a refusal or an agreement, is the condition too.
_TOLD_FIRST = re.compile(r"^([^.?!,]+)[.!,]\s+(?=\S)")


def _condition_and_main(kb: KnowledgeBase, text: str) -> Optional[tuple[str, str]]:
    """The condition a question states and the clause that asks under it, or None."""
    found = _IF.search(text)
    if found is not None:
        return found.group(1), text[found.end():]
    last = _IF_LAST.search(text)
    if last is not None and last.start() > 0:
        return last.group(1), text[:last.start()]
    told = _TOLD_FIRST.match(text)
    if told is not None and names_a_decision(kb, told.group(1)):
        return told.group(1), text[told.end():]
    # « si le département refuse on peut les acheter nous-mêmes ? » (no comma): the condition ends with the decision.
    tokens = normalise(text).split()
    if tokens[:1] == ["si"]:
        lexicon = lexicon_for(kb)
        ends = [at + len(phrase.split()) for word in ("refus", "accord")
                for phrase in lexicon.marked("questions", f"condition_{word}", tokens) for at in phrase_positions(tokens, phrase)]
        if ends and min(ends) < len(tokens):
            return " ".join(tokens[:min(ends)]), " ".join(tokens[min(ends):])
    return None


def verdict_under_condition(kb: KnowledgeBase, text: str, record: Obligation) -> Optional[str]:
    """« oui » / « non » for the clause that asks under the condition ``text`` states, compared with ``record``,
    the record of that condition's case (« si le Département refuse, on peut les acheter ? »: scenario 2)."""
    return _verdict_under(kb, frame_of(kb, text), record) if _condition_and_main(kb, text) else None


def _condition_stated(kb: KnowledgeBase, frame: Frame, listed: list[Obligation]) -> Optional[Obligation]:
    """The one listed record whose condition the question's « si … » states (« si le Département refuse … » is
    scenario 2's « refus du Département »), by the stems of its words; a refusal or an agreement said in other
    words counts as the condition's own (message_kinds.yml questions.condition_refus / condition_accord)."""
    found = _condition_and_main(kb, frame.text)
    if found is None:
        return None
    clause = normalise(found[0]).split()
    lexicon = lexicon_for(kb)
    stems = {w[:5] for w in clause if len(w) >= 5}
    stems |= {word[:5] for word in ("refus", "accord") if lexicon.marked("questions", f"condition_{word}", clause)}
    parties = {w for p in kb.parties.values() for alias in p.aliases for w in normalise(alias).split()}
    scores = {}
    for record in listed:
        words = {w[:5] for w in normalise(record.condition).split() if len(w) >= 5 and w not in parties | _PLAIN}
        scores[record.id] = len(words & stems)
    best = max(scores.values(), default=0)
    chosen = [r for r in listed if scores[r.id] == best]
    return chosen[0] if best and len(chosen) == 1 else None


# Roles in which a record puts its party in charge, and those in which it lets its party do something.
_IN_CHARGE = frozenset({"does", "pays", "decides", "validates"})
_ALLOWED = _IN_CHARGE | {"may"}


def _verdict_under(kb: KnowledgeBase, frame: Frame, record: Obligation) -> Optional[str]:
    """« oui » / « non » for the main clause, after the condition (« …, le collège peut quand même l'acheter ? »):
    the party it names (or the writer, for the collège) and its actions, compared with the record the condition
    picked; None when the clause names no party or no action the record carries."""
    if on_anothers_request(kb, frame.text, record):
        # « … si on le lui demande ? » states a request, but the writer's own: not the condition of a record done on
        # another party's (« sur demande de l'Académie »).
        return None
    found = _condition_and_main(kb, frame.text)
    main = normalise(found[1]) if found is not None else ""
    matches = vocabulary_for(kb).matches(main, ("party", "action"))
    # The party the main clause asks about, read as for a whole question: « on doit les déclarer au Département ? »
    # asks about the collège, the Département being whom it is declared to.
    asked = asked_party(kb, lexicon_for(kb), main, main.split(), [m for m in matches if m.kind == "party"]).value
    actions = {m.id for m in matches if m.kind == "action"}
    # Either way round: « l'acheter » is carried by a record on paying for it (coverage.implied_by: payer ← acheter).
    if asked is None or not _carries(kb, record, actions):
        return None
    if exception_named(kb, frame.normalised, record):
        # « … hors référentiel, le CD peut quand même s'en occuper si c'est une expérimentation ? »: the question is
        # the record's own exception (« sauf dans le cadre d'une expérimentation … validée par le Département »).
        return None
    if asked in record.parties and record.role in _ALLOWED:
        return "oui"
    if asked not in record.parties and record.role in _IN_CHARGE:
        return "non"
    return None

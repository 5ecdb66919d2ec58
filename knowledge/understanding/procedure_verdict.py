"""« Des PC achetés sur nos fonds hors catalogue, le Département les entretiendra quand même ? »: a closed question
naming a party, answered by a procedure (the records of one subject, listed). The procedure was given without a
« Oui » or « Non », though one of its records says who does what is asked (issue 11, class 2).

The verdict is the record's: the one listed record carrying the action asked of the party (the action words after
its name: « le Département *les entretiendra* », « *s'occupera de leur maintenance* »), compared with that party,
as for a single record (verdict.yes_no_verdict, with its exceptions: a record's own « sauf … » named in the
question gives no « Non »). None when no record, or several, carry it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding.fact_check import closed_question
from knowledge.understanding.frame import Frame
from knowledge.understanding.verdict import yes_no_verdict
from knowledge.vocabulary import vocabulary_for

# A party named in the question (not the writer speaking for the collège).
_NAMED = 0.8


def procedure_checked(kb: KnowledgeBase, text: str, frame: Frame, answer: Answer) -> Answer:
    """``answer`` led by the « Oui » / « Non » of the one record of a procedure that carries the action asked."""
    if answer.kind != "procedure" or answer.yes_no or not closed_question(text, frame.yes_no) \
            or frame.asked_party.value is None or frame.asked_party.confidence < _NAMED:
        return answer
    action = _asked_of(kb, frame)
    if action is None:
        return answer
    listed = [o for o in kb.obligations if o.id in answer.obligations]
    carrying = [o for o in listed if action in o.actions and o.role != "must_not"]
    if len(carrying) != 1:
        return answer
    verdict = yes_no_verdict(kb, text, carrying[0], (action,))
    if verdict is None:
        return answer
    return replace(answer, text=f"{verdict.capitalize()}. {answer.text}", yes_no=verdict)


def _asked_of(kb: KnowledgeBase, frame: Frame) -> Optional[str]:
    """The one action named after the last mention of the party asked about (the parser often misreads an SMS
    future: « le departement les entretiendra »); None when none, or several, follow it."""
    matches = vocabulary_for(kb).matches(normalise(frame.text), ("party", "action"))
    named = [m for m in matches if m.kind == "party" and m.id == frame.asked_party.value]
    if not named:
        return None
    after = {m.id for m in matches if m.kind == "action" and m.start > named[-1].start}
    return after.pop() if len(after) == 1 else None

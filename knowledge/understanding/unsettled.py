"""A yes/no question the record found does not settle (issue 11: « never a bare Oui/Non from a default », and no
party stated as the answer either).

When every check before has left a closed question without « Oui » or « Non » (verdict.py, fact_check.py…), the
record the composer found is about the thing, but not a yes or a no to what is asked: stating it with its parties
would read as the answer (« on peut consulter les tickets clos sur l'intranet ? » → « Le Département assure
l'assistance … »). The reply says the text does not say it in those terms, quotes the record as what it says
closest (no party designated), then where such questions go.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge import silence_answers as silences
from knowledge.answer_types import Answer
from knowledge.records import KnowledgeBase
from knowledge.rule_sentences import obligation_sentence
from knowledge.understanding.answer_coverage import asked_actions, record_of
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.lexicon import lexicon_for
from knowledge.vocabulary import vocabulary_for

if TYPE_CHECKING:  # the policy calls this module's caller: its Decision is only a type here
    from knowledge.understanding.policy import Decision

_OPEN_TYPES = ("who", "how", "which_number", "when_open_now", "definition", "duration", "about_agreement")
NOT_IN_THOSE_TERMS = "La convention ne le dit pas en ces termes. Ce qu'elle dit de plus proche :"


def yes_no_unsettled(kb: KnowledgeBase, text: str, decision: Decision, answer: Answer) -> Answer:
    """``answer``, or the record as context only when it leaves a closed question without a verdict."""
    frame = decision.frame
    if answer.kind != "responsibility" or answer.yes_no or not answer.parties or frame.parts \
            or answer.text.startswith(("Oui", "Non", "Si")) or frame.question_type.value in _OPEN_TYPES \
            or not (frame.yes_no or closed_question(text, frame.yes_no)):
        return answer
    record = record_of(kb, answer)
    if record is None:
        return answer
    # The acts of the clauses that ask, not of the story before them (« on vient d'obtenir un poste … »).
    asked = [*asked_actions(kb, text), *([frame.reading_action] if frame.reading_action else [])]
    lexicon = lexicon_for(kb)
    # The record's acts, its condition's included (« sur demande de l'Académie » carries the request).
    acts = {*record.actions, *vocabulary_for(kb).detect(record.condition).actions}
    if not asked or any(lexicon.carried_by(a, acts) for a in asked):
        # No act asked (« c'est de notre ressort ? »), or the record's act: its parties answer the question.
        return answer
    said = silences.lowered(obligation_sentence(kb, record, with_condition=False))
    return silences.refer(kb, Answer(kind="not_specified", text=f"{NOT_IN_THOSE_TERMS} {said}",
                                     articles=[record.section], quote=record.source, subject=answer.subject,
                                     obligations=[record.id]))

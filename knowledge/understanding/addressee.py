"""« On peut proposer un logiciel directement au Département ? »: the party a request goes to, named after
« directement », is what the question checks (issue 11, class 2). The record of the act (article 9: the collège
proposes new software to the referents of the DANE and Réseau Canopé) says the collège does propose, but not to
that party: its « Oui » would confirm the route asked, so the record is stated with no verdict.
"""
from __future__ import annotations

from dataclasses import replace

from knowledge.answer_types import Answer, without_verdict
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.vocabulary import vocabulary_for

# Words between « directement » and the party it names (« directement au Département », « directement à la DSI du … »).
_REACH = 4


def addressee_checked(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """``answer`` without its lead « Oui » when the question names, after « directement », a party the record does
    not name."""
    if not answer.text.startswith("Oui") or not answer.parties:
        return answer
    tokens = normalise(text).split()
    starts = [at for at, word in enumerate(tokens) if word == "directement"]
    parties = [m for m in vocabulary_for(kb).matches(text, ("party",)) if any(0 < m.start - at <= _REACH for at in starts)]
    if not parties or all(m.id in answer.parties for m in parties):
        return answer
    return replace(answer, text=without_verdict(answer.text), yes_no=None)

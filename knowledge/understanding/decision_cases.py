"""The case of article 5 a message names (split from verdict.py): the Département's agreement (scenario 1) or its
refusal (scenario 2), in the words of message_kinds.yml questions.condition_accord / condition_refus, and the record of
that case among those a question found.
"""
from __future__ import annotations

from typing import Optional, Sequence

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase, Obligation
from knowledge.understanding.lexicon import lexicon_for


def names_a_decision(kb: KnowledgeBase, text: str) -> bool:
    """Whether ``text`` names a party agreeing or refusing (« accord du Département », « si le Département dit non »:
    message_kinds.yml questions.condition_accord / condition_refus), the cases of article 5's scenarios 1 and 2."""
    return decision_named(kb, text) is not None


def case_record(kb: KnowledgeBase, text: str, record: Obligation, candidates: Sequence[Obligation],
                acts: Sequence[str] = ()) -> Obligation:
    """The record of the case ``text`` names, when ``record`` holds in the other one: « si le Département refuse, on
    peut acheter avec nos fonds ? » is scenario 2's refusal, not the agreement of scenario 1 that its act found; of that
    case's records, the one carrying an act asked (« …, qui installe ? »: scenario 2's installation)."""
    decided = decision_named(kb, text)
    if decided is None or decision_named(kb, record.condition) in (None, decided):
        return record
    case = next((o for o in candidates if decision_named(kb, o.condition) == decided), None)
    if case is None:
        return record
    same = [o for o in candidates if case.scenario is not None and o.scenario == case.scenario]
    return next((o for o in same if set(acts) & set(o.actions)), case)


def decision_named(kb: KnowledgeBase, text: str) -> Optional[str]:
    """« refus » or « accord », the decision ``text`` names; a refusal first (« pas d'accord » refuses)."""
    words = normalise(text).split()
    return next((w for w in ("refus", "accord") if lexicon_for(kb).marked("questions", f"condition_{w}", words)), None)

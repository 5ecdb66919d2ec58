"""Whose request a check names (issue 11, class 2): « l'étude préalable se fait à la demande du Département ? » against
« une étude préalable à la demande de l'établissement » (article 2), « le Département déploie les ressources à la
demande du collège ? » against « sur demande de l'Académie » (Répartition des compétences). The record's party
acting is not the one asked: the requester in its words is compared with the one in the question, and a « Oui »
that only found the acting party is turned into the « Non » the record gives.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from knowledge.answer_types import Answer, without_verdict
from knowledge.normalise import normalise
from knowledge.question_reading import named_parties
from knowledge.records import KnowledgeBase
from knowledge.understanding.compose import of

# « à la demande de X », « sur (la) demande de X », « demandée par X », normalised.
_REQUESTED = re.compile(r"\b(?:a la demande|sur la demande|sur demande|demandee? par|demandees? par)\s+((?:\w+ ){0,4}\w+)")


def requester_checked(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """``answer`` with « Non » instead of « Oui » when the question names another requester than its record."""
    if answer.yes_no not in ("oui", "non") or not answer.obligations:
        return answer
    asked = _requester(kb, normalise(text))
    record = next((o for o in kb.obligations if o.id == answer.obligations[0]), None)
    stated = _requester(kb, normalise(f"{record.condition} {record.statement}")) if record is not None else None
    if asked is not None and stated is None:
        # « l'étude est faite à la demande de l'établissement ? » answered from the prohibition on touching the
        # network: that record says nothing of a request, so its « Non » does not answer this one.
        return replace(answer, text=without_verdict(answer.text), yes_no=None)
    if asked is None or stated is None or asked == stated or answer.yes_no != "oui":
        return answer
    short = {party.id: party.short for party in kb.parties.values()}
    lead = f"Non : à la demande {of(short[stated])}, et non {of(short[asked])}."
    return replace(answer, text=f"{lead} {without_verdict(answer.text)}", yes_no="non")


def _requester(kb: KnowledgeBase, words: str) -> Optional[str]:
    found = _REQUESTED.search(words)
    named = named_parties(kb, found.group(1)) if found else []
    return named[0] if named else None

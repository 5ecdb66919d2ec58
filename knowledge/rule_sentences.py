"""One record of the agreement as one French sentence, with its section's label (« (Article 5) »)."""
from __future__ import annotations

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase, Obligation

NO_PARTY_NAMED = "La convention ne nomme pas de partie pour ce point."


def with_article(kb: KnowledgeBase, statement: str, section_id: str) -> str:
    body = statement.rstrip(". ")
    return f"{body} ({kb.sections[section_id].label})."


def obligation_sentence(kb: KnowledgeBase, obligation: Obligation, with_condition: bool = True) -> str:
    label = kb.sections[obligation.section].label
    statement = obligation.statement.rstrip(". ")
    if obligation.role == "must_not":
        text = f"⚠️ {statement} ({label})"
        if obligation.condition:
            text += f", {obligation.condition}"
        text += "."
        if obligation.advice:
            text += f" Conseil : {obligation.advice}."
        return text
    text = f"{statement} ({label})."
    if with_condition and obligation.condition and normalise(obligation.condition) not in normalise(statement):
        text += f" Condition : {obligation.condition}."
    return text

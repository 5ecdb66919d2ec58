"""Groups of intents, read from the domain (domain.yml) rather than copied by hand into Python.

Convention: a question about the agreement is an intent named ``ask_*`` (plus
``out_of_scope``, which gets the "not in the agreement" answer). A new question intent then needs no edit
here, and the incident form treats it as a question to answer, not as an answer to its own question.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

DOMAIN_FILE = Path(__file__).resolve().parents[1] / "domain.yml"
QUESTION_PREFIX = "ask_"
ANSWERED_AS_QUESTIONS = frozenset({"out_of_scope"})
# What a user may say to answer one of the incident form's questions (every other intent interrupts it).
FORM_ANSWER_INTENTS = frozenset({"inform", "affirm", "deny", "declare_incident", "add_ticket_comment"})


def intent_names(domain: Mapping[str, Any]) -> list[str]:
    """The intents of a domain as Rasa sends it to actions (entries are names or ``{name: properties}``)."""
    names: list[str] = []
    for entry in domain.get("intents") or []:
        names.extend(entry if isinstance(entry, dict) else [entry])
    return names


def question_intents(names: Iterable[str]) -> frozenset[str]:
    """Intents answered from the agreement by action_answer_question."""
    return frozenset(n for n in names if n.startswith(QUESTION_PREFIX) or n in ANSWERED_AS_QUESTIONS)


def not_an_answer(names: Iterable[str]) -> frozenset[str]:
    """Intents that interrupt the incident form (the rules handle them, then the form resumes)."""
    return frozenset(names) - FORM_ANSWER_INTENTS


@lru_cache(maxsize=1)
def domain_intents() -> tuple[str, ...]:
    """The intents of domain.yml, read once (for code that runs without the domain Rasa sends)."""
    return tuple(intent_names(yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))))

"""Fixtures of the knowledge-base tests: the loaded data, the agreement text, a writable copy of the data."""
from __future__ import annotations

import shutil
import stat
from datetime import datetime
from pathlib import Path

import pytest

from knowledge import loader
from knowledge.answer_types import Answer
from knowledge.answers import answer_question
from knowledge.records import KnowledgeBase
from knowledge.schedule import PARIS

from .support import flat


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The knowledge base loaded from the YAML (honours KNOWLEDGE_DATA_DIR like the bot does)."""
    return loader.load()


@pytest.fixture(scope="session")
def agreement_text() -> str:
    return (loader.data_dir() / loader.AGREEMENT_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def flat_agreement(agreement_text) -> str:
    return flat(agreement_text)


def copy_data(target: Path) -> Path:
    """A writable copy of the data folder at ``target`` (the agreement text is read-only in the repository)."""
    shutil.copytree(loader.data_dir(), target)
    for path in target.iterdir():
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return target


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the data folder, for one test."""
    return copy_data(tmp_path / "data")


@pytest.fixture
def monday_10am() -> datetime:
    """A plain working Monday morning (30 November 2026), when both lines are open."""
    return datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)


@pytest.fixture(scope="session")
def answered_with(kb):
    """Answer a closed question (Wednesday 2 December 2026, 10:00, both lines open) and check the lead its
    verdict computes (« Oui. », « Non : 2 mois, et non 3 mois. »); returns the answer for further checks."""
    def check(text: str, lead: str) -> Answer:
        answer = answer_question(kb, text, now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
        assert answer.text.startswith(lead), answer.text
        return answer
    return check


@pytest.fixture(scope="session")
def names_no_party(kb):
    """Answer a question the text does not settle for a party (or leaves out of scope) and check the reply is of
    ``kind`` and designates no one; returns the answer for further checks."""
    def check(text: str, kind: str) -> Answer:
        answer = answer_question(kb, text, now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
        assert answer.kind == kind and not answer.parties, answer.text
        return answer
    return check


@pytest.fixture(scope="session")
def stated_parties(kb):
    """The parties of the records an answer states: designated, or quoted as the closest point under a hedge
    (weak_evidence.py), whose citation then names no party. What a test of routing checks (which record was found)."""
    def parties(answer: Answer) -> set[str]:
        return set(answer.parties) | {p for o in kb.obligations if o.id in answer.obligations for p in o.parties}
    return parties


@pytest.fixture(scope="module")
def spacy_loaded():
    """In the action server the background warm-up loads spaCy; the tests that parse load it themselves."""
    from knowledge.understanding import parse as parsing  # noqa: PLC0415 - only the tests that parse pay for it
    parsing.warm_up()

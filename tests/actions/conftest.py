"""Isolation of the action tests: every store on SQLite files of the test, caches cleared, fixed clock.

The knowledge base is read-only, so one database file and one loaded copy serve the session (loading and
validating the YAML takes about a second: per test, it was most of this folder's time); tickets and
unanswered questions get fresh files for each test.
"""
from __future__ import annotations

import os

import pytest

from tests.actions.support import JWT_SECRET, MONDAY_10H, load_domain

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


def _clear_caches() -> None:
    import actions.incidents
    import actions.unanswered

    if actions.incidents.ticket_store.cache_info().currsize:
        actions.incidents.ticket_store().close()
    actions.incidents.ticket_store.cache_clear()
    actions.unanswered._store.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def _one_knowledge_base_per_session():
    """The knowledge base is loaded by the first test that asks for it and kept (no action test edits it)."""
    import knowledge.service

    knowledge.service.reset_cache()
    yield
    knowledge.service.reset_cache()


@pytest.fixture(scope="session")
def knowledge_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('knowledge') / 'knowledge.db'}"


@pytest.fixture(autouse=True)
def isolated_stores(tmp_path, monkeypatch, knowledge_url):
    """Per-test SQLite stores, demo mode, a Monday 10:00 clock and a known JWT secret."""
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "false")
    monkeypatch.setenv("KNOWLEDGE_DATABASE_URL", knowledge_url)
    monkeypatch.setenv("TICKETS_DATABASE_URL", f"sqlite:///{tmp_path / 'tickets.db'}")
    monkeypatch.setenv("FEEDBACK_DATABASE_URL", f"sqlite:///{tmp_path / 'feedback.db'}")
    monkeypatch.setenv("BOT_MODE", "demo")
    monkeypatch.setenv("BOT_FIXED_NOW", MONDAY_10H)
    monkeypatch.setenv("ENT_JWT_SECRET", JWT_SECRET)
    for name in ("TICKETS_EMAIL_DEPARTEMENT", "TICKETS_EMAIL_ACADEMIE", "TICKETS_EMAIL_CANOPE", "DEMO_UAI"):
        monkeypatch.delenv(name, raising=False)
    _clear_caches()
    yield tmp_path
    _clear_caches()


@pytest.fixture(scope="session")
def domain() -> dict:
    """domain.yml loaded as the action server gets it."""
    return load_domain()


@pytest.fixture
def tickets():
    """The ticket store the actions use (same database file as the actions of this test)."""
    from actions.incidents import ticket_store

    return ticket_store()


@pytest.fixture
def unanswered():
    """The unanswered-questions store the actions use."""
    from actions.unanswered import _store

    return _store()

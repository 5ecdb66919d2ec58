"""Fixtures of the ticket tests: a migrated store on SQLite (always) and PostgreSQL (when
TEST_POSTGRES_URL is set, each test in its own schema), and a real SMTP server on 127.0.0.1."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine

from helpdesk.tickets import SmtpSettings, TicketStore, make_engine, upgrade

from .support import RECIPIENTS, T0, SmtpServer, free_port

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"),
                                                       reason="TEST_POSTGRES_URL not set")),
]


@pytest.fixture(params=BACKENDS)
def db_engine(request, tmp_path):
    """A migrated, empty tickets database; yields its engine."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'tickets.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    base_url = os.environ["TEST_POSTGRES_URL"]
    schema = f"tickets_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, future=True)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    # Pool sized for the concurrency test: 40 threads may hold a connection at once.
    engine = make_engine(base_url, connect_args={"options": f"-csearch_path={schema}"},
                         pool_size=20, max_overflow=20, pool_timeout=60)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def store(db_engine):
    """A store whose support-line recipients are the test addresses above."""
    return TicketStore(db_engine, env=RECIPIENTS, clock=lambda: T0)


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_settings(smtp_port):
    return SmtpSettings(host="127.0.0.1", port=smtp_port, sender="assistant@tests.invalid", timeout=5)


@pytest.fixture
def smtp_server(smtp_port):
    """Not started: tests call ``.start()`` (some first check what happens while it is down)."""
    server = SmtpServer(smtp_port)
    yield server
    server.stop()

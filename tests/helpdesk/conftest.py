"""Fixtures of the helpdesk tests: an empty database for the unanswered log on SQLite (always) and on
PostgreSQL (when TEST_POSTGRES_URL is set, each test in its own schema, as the ticket tests do)."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine

from knowledge.storage import make_engine

BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"),
                                                       reason="TEST_POSTGRES_URL not set")),
]


@pytest.fixture(params=BACKENDS)
def empty_engine(request, tmp_path):
    """An engine on an empty database (nothing migrated)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'feedback.db'}")
        yield engine
        engine.dispose()
        return
    base_url = os.environ["TEST_POSTGRES_URL"]
    schema = f"unanswered_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, future=True)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine = create_engine(base_url, future=True, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

"""Schema of the unanswered-questions log: Alembic migrations (``migrations/``), run when the store opens.

Why an Alembic environment of its own rather than revisions in the tickets' history: the log lives in its
own database (``FEEDBACK_DATABASE_URL``: ``var/feedback.db`` by default, the ``feedback`` PostgreSQL database
in production, docs/deploy.md), with its own readers, retention and backups. Revisions in the tickets'
history would create the tickets' tables in the feedback database and this table in the tickets database.
Its version table is its own (``unanswered_alembic_version``), so that an operator who points both URLs at
one database gets two histories that never collide: neither store's upgrade reads or moves the other's
revision (tests/helpdesk/test_unanswered_migrations.py checks it).

A log written before Alembic managed it (``create_all`` at start-up, no version table) is recognised by its
columns and stamped with the revision it matches before the upgrade: without ``trace`` (before issue 11),
revision 1; with it (the start-up ``ALTER TABLE`` or ``create_all`` of the version that kept traces),
revision 2. Its rows stay; old rows keep a NULL trace.
"""
from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Optional, Union

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Table, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError

from knowledge.storage import make_engine
from settings.config import get_settings

log = logging.getLogger("helpdesk.unanswered")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "unanswered_alembic_version"
TABLE = "unanswered_questions"
BEFORE_TRACES = "0001_unanswered_questions"
WITH_TRACES = "0002_unanswered_trace"
_ATTEMPTS = 3
_PG_LOCK_KEY = 0x756E616E  # "unan": any constant no other migration of the database uses


def feedback_url() -> str:
    """Setting ``FEEDBACK_DATABASE_URL`` (default: a SQLite file in ``var/``)."""
    return get_settings().feedback_database_url


def alembic_config() -> Config:
    """An Alembic configuration pointing at this log's migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the unanswered log has no migration"
    return head


def current_revision(engine: Engine) -> Optional[str]:
    """The revision the log's database is at (None before the first migration or stamp); reads only."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(url_or_engine: Union[str, Engine, None] = None, revision: str = "head") -> None:
    """Bring the log's schema up to ``revision`` (default: the latest); without a URL or an engine, the
    database of ``FEEDBACK_DATABASE_URL`` (what deploy.md runs before starting several action servers).

    Nothing is written when the database is already there, so a read-only log at head opens as before.
    Two processes starting together (two action servers, a purge): the second waits for the first one's
    lock (SQLite's write lock, a PostgreSQL advisory lock) and then finds the work done; a wait that runs
    out or another transient failure is retried and logged, as ticket creation does. A read-only database
    is not retried: waiting does not make it writable.
    """
    engine = url_or_engine if isinstance(url_or_engine, Engine) else make_engine(url_or_engine or feedback_url())
    try:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                if revision == "head" and current_revision(engine) == head_revision():
                    return
                _upgrade_once(engine, revision)
                return
            except (OperationalError, IntegrityError, ProgrammingError) as exc:
                if attempt == _ATTEMPTS or is_read_only(exc):
                    raise
                log.warning("unanswered log migration retry %d after %s", attempt, type(exc).__name__)
                time.sleep(random.uniform(0.05, 0.2) * attempt)
    finally:
        if engine is not url_or_engine:
            engine.dispose()


def _upgrade_once(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        raw = connection.connection.dbapi_connection
        if connection.dialect.name == "sqlite" and not raw.in_transaction:
            # pysqlite runs DDL outside any transaction: take the write lock first, so that the tables and
            # the version row commit (or roll back) together and a concurrent migration waits for this one.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif connection.dialect.name == "postgresql":
            # DDL is transactional there; the lock (released at commit) makes a concurrent migration wait.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
        config.attributes["connection"] = connection
        _stamp_unversioned(connection, config)
        command.upgrade(config, revision)


def _stamp_unversioned(connection: Connection, config: Config) -> None:
    """A log created by ``create_all`` (no version table): record the revision its columns match."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if VERSION_TABLE in tables or TABLE not in tables:
        return
    columns = {column["name"] for column in inspector.get_columns(TABLE)}
    found = WITH_TRACES if "trace" in columns else BEFORE_TRACES
    log.info("unanswered log without a version table: stamped %s", found)
    command.stamp(config, found)


def has_columns(engine: Engine, table: Table) -> bool:
    """Whether the database already holds ``table`` with every one of its columns (read only)."""
    inspector = inspect(engine)
    if table.name not in inspector.get_table_names():
        return False
    return {c.name for c in table.columns} <= {c["name"] for c in inspector.get_columns(table.name)}


def is_read_only(error: DBAPIError) -> bool:
    """SQLite's read-only file or mode, PostgreSQL's read-only transaction (25006) or missing privilege (42501):
    waiting does not help."""
    return "readonly" in str(error.orig).lower() or getattr(error.orig, "pgcode", None) in ("25006", "42501")

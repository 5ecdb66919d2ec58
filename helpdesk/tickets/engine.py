"""Engines and schema migrations for the ticket store (SQLite or PostgreSQL)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine as create_future_engine
from sqlalchemy.pool import QueuePool, StaticPool

from settings.reliability import tickets_busy_budget_s

from .config import database_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(url: Optional[str] = None, *, busy_budget_s: Optional[float] = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (default: env ``TICKETS_DATABASE_URL`` or ``sqlite:///var/tickets.db``).

    SQLite: the parent directory of the database file is created, WAL journal and foreign keys are on,
    and every transaction starts with ``BEGIN IMMEDIATE`` so that concurrent writers queue on the
    database lock instead of failing half-way with "database is locked" on upgrade from a read lock. The
    volume (a few dozen collèges) makes serialising writers harmless.

    Every wait (database lock, free pooled connection, PostgreSQL row lock) is bounded by
    ``busy_budget_s`` (default ``TICKETS_BUSY_BUDGET_S``, 10 s) so that a ticket operation gives up well
    inside the gateways' 60 s timeout. Connections are shared across threads (the action server calls the
    store from worker threads, off its event loop): SQLAlchemy's pool hands each one to one thread at a time.
    """
    url = url or database_url()
    budget = tickets_busy_budget_s() if busy_budget_s is None else busy_budget_s
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _make_sqlite_engine(parsed, budget, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_timeout", budget)
    if parsed.get_backend_name() == "postgresql":
        # lock_timeout: a row lock held elsewhere fails this statement after the budget (SQLSTATE 55P03).
        connect_args = dict(kwargs.pop("connect_args", {}))
        options = connect_args.get("options", "")
        if "lock_timeout" not in options:
            connect_args["options"] = f"{options} -c lock_timeout={int(budget * 1000)}".strip()
        connect_args.setdefault("connect_timeout", max(1, int(budget)))
        kwargs["connect_args"] = connect_args
    return create_future_engine(url, **kwargs)


def _make_sqlite_engine(parsed, budget: float, **kwargs: Any) -> Engine:
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    connect_args = dict(kwargs.pop("connect_args", {}))
    connect_args.setdefault("timeout", budget)
    # Pooled connections move between worker threads (never used by two at once): allowed explicitly.
    connect_args.setdefault("check_same_thread", False)
    if in_memory:
        # One shared connection, or each checkout would see its own empty database.
        kwargs.setdefault("poolclass", StaticPool)
    else:
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        # SQLAlchemy 1.4 gives file databases a NullPool: every transaction would reopen the file, and
        # closing the last connection checkpoints the WAL to disk (~2 ms of a ticket's 7.6 ms).
        kwargs.setdefault("poolclass", QueuePool)
        kwargs.setdefault("pool_size", 2)
        kwargs.setdefault("max_overflow", 8)
        kwargs.setdefault("pool_timeout", budget)
    engine = create_future_engine(parsed, connect_args=connect_args, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's own handling defers it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(budget * 1000)}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def alembic_config(url: Optional[str] = None) -> Config:
    """An Alembic configuration pointing at the package's migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        # configparser interpolation: a '%' in a password must be doubled.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url_or_engine: Union[str, Engine, None] = None, revision: str = "head") -> None:
    """Bring the schema of the tickets database up to ``revision`` (default: the latest)."""
    engine = url_or_engine if isinstance(url_or_engine, Engine) else make_engine(url_or_engine)
    config = alembic_config(str(engine.url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    if not isinstance(url_or_engine, Engine):
        engine.dispose()


def current_revision(engine: Engine) -> Optional[str]:
    """The schema revision the database is at (None before the first migration)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()

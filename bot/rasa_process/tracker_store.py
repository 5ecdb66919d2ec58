"""The embedded tracker store: Rasa's SQL tracker store on a local SQLite file, tuned for a chat server.

Rasa 3.6 writes each turn's events through SQLAlchemy from inside its event loop, and SQLite's default
rollback journal waits for the disk at every commit: while it waits, no other conversation moves. With a
write-ahead log and ``synchronous=NORMAL`` a commit is an append to the log and the disk sync happens at
checkpoints. A power cut can lose the last turns of the conversations, never corrupt the file; tickets
live in their own database with full durability (``helpdesk/tickets/engine.py``). Production uses
PostgreSQL (``endpoints.production.yml``), where none of this applies.

Configure it in ``endpoints.yml`` with ``type: bot.rasa_process.tracker_store.SQLiteTrackerStore`` and the keys of
Rasa's ``SQL`` type (``db``: the file).
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import event
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 10_000  # a second process (e.g. `python -m bot purge`) may hold the file briefly


def _tune_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


class SQLiteTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` on SQLite with pooled connections, a write-ahead log and no disk sync per commit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same arguments as Rasa's ``SQLTrackerStore`` (the endpoint's keys)."""
        kwargs.setdefault("dialect", "sqlite")
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name != "sqlite":
            return
        # SQLAlchemy 1.4 gives a file database a NullPool: every turn would open and close connections,
        # and closing the last one checkpoints the log to disk, which undoes the point of WAL. Rasa
        # calls the store from its one event-loop thread, so a small pool shared across threads is safe.
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=2, max_overflow=2,
                                       connect_args={"check_same_thread": False})
        event.listen(self.engine, "connect", _tune_connection)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

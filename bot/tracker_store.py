"""The embedded tracker store: Rasa's SQL tracker store on a local SQLite file, tuned for a chat server.

Rasa 3.6 writes each turn's events through SQLAlchemy from inside its event loop, and SQLite's default
rollback journal waits for the disk at every commit: while it waits, no other conversation moves. With a
write-ahead log and ``synchronous=NORMAL`` a commit is an append to the log and the disk sync happens at
checkpoints. A power cut can lose the last turns of the conversations, never corrupt the file; tickets
live in their own database with full durability (``knowledge/tickets/db.py``). Production uses
PostgreSQL (``endpoints.production.yml``), where none of this applies.

Configure it in ``endpoints.yml`` with ``type: bot.tracker_store.SQLiteTrackerStore`` and the keys of
Rasa's ``SQL`` type (``db``: the file).
"""
from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import event

BUSY_TIMEOUT_MS = 10_000  # a second process (e.g. `python -m bot purge`) may hold the file briefly


def _tune_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


class SQLiteTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` whose SQLite connections use a write-ahead log without a disk sync per commit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same arguments as Rasa's ``SQLTrackerStore`` (the endpoint's keys)."""
        kwargs.setdefault("dialect", "sqlite")
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _tune_connection)
            # The tables were created on a connection opened before the listener: start afresh.
            self.engine.dispose()

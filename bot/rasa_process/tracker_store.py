"""The embedded tracker store: Rasa's SQL tracker store on a local SQLite file, tuned for a chat server.

Rasa 3.6 writes each turn's events through SQLAlchemy from inside its event loop, and SQLite's default
rollback journal waits for the disk at every commit: while it waits, no other conversation moves. With a
write-ahead log and ``synchronous=NORMAL`` a commit is an append to the log and the disk sync happens at
checkpoints. A power cut can lose the last turns of the conversations, never corrupt the file; tickets
live in their own database with full durability (``helpdesk/tickets/engine.py``). Production uses
PostgreSQL (``endpoints.production.yml``), where none of this applies.

Configure it in ``endpoints.yml`` with ``type: bot.rasa_process.tracker_store.SQLiteTrackerStore`` and the keys of
Rasa's ``SQL`` type (``db``: the file).

Both stores here seal each event at rest (:class:`SealedSQLTrackerStore`, also used on PostgreSQL): the
``data`` column holds the event encrypted (Fernet, key ``TRACKER_ENCRYPTION_KEY``, else derived from
``PSEUDONYM_KEY``), so that the names, e-mail addresses and phone numbers users type, and the form's
slots, cannot be read from the database file or a backup of it. Event type, intent and action names stay
in clear for analytics. Rows written before (plain JSON) are still read.

A store that cannot be written any more (read-only file or disk, disk full, file gone) is not left to
Rasa's silent fallback (``FailSafeTrackerStore`` keeps the turn in memory and later turns read the stale
file): it is recorded here (:data:`failure`, an operator message naming the cause), the REST channel
tells the user and stops the process, and ``python -m bot run`` restarts it with a growing delay.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from collections import OrderedDict
from contextlib import contextmanager
from typing import Any, Iterator, Optional

import sqlalchemy as sa
import sqlalchemy.orm
from cryptography.fernet import Fernet, InvalidToken
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

log = logging.getLogger(__name__)
_DEMO_KEY = "demo-only-pseudonym-key"
# Decrypting costs ~0.2 ms an event and Rasa reads the whole session at every turn: rows never change once
# written, so the plain text of recently read rows is kept by row id (a few MB at most).
PLAIN_CACHE_ROWS = 20_000

BUSY_TIMEOUT_MS = 10_000  # a second process (e.g. `python -m bot purge`) may hold the file briefly
# What SQLite says when the file cannot be written (a lock is not one of them: it is waited for above).
UNWRITABLE = ("readonly database", "read-only", "unable to open database file", "disk i/o error",
              "database or disk is full")


class TrackerStoreUnwritable(RuntimeError):
    """The conversations cannot be saved any more; the message is for operators (no user data in it)."""


# Set once in a process whose store failed (the operator's message); the REST channel reads it.
failure: Optional[str] = None


def _unwritable(error: OperationalError) -> bool:
    reason = str(getattr(error, "orig", error)).lower()
    return any(marker in reason for marker in UNWRITABLE)


@contextmanager
def _writes_or_fails_loudly(url: Any) -> Iterator[None]:
    """Turn SQLite's "cannot write" errors into :class:`TrackerStoreUnwritable`, recorded in :data:`failure`.
    The SQL statement and its parameters (sender ids) stay out of the message."""
    global failure
    try:
        yield
    except OperationalError as error:
        if not _unwritable(error):
            raise
        reason = str(getattr(error, "orig", error))
        failure = (f"le stockage des conversations ({url.database or url.render_as_string(hide_password=True)}) "
                   f"n'est pas accessible en écriture ({reason}) : corrigez les droits, ou libérez le disque")
        log.critical("conversation store not writable: %s", failure)
        raise TrackerStoreUnwritable(failure) from None


def _tune_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def event_cipher(env: Optional[dict] = None) -> Fernet:
    """The key that seals events: ``TRACKER_ENCRYPTION_KEY`` (any string), else derived from ``PSEUDONYM_KEY``."""
    env = os.environ if env is None else env
    secret = env.get("TRACKER_ENCRYPTION_KEY") or env.get("PSEUDONYM_KEY") or _DEMO_KEY
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"tracker-events:" + secret.encode()).digest()))


class SealedSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store with each event's ``data`` encrypted at rest (same tables, same queries)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same arguments as Rasa's ``SQLTrackerStore`` (the endpoint's keys)."""
        super().__init__(*args, **kwargs)
        self._cipher = event_cipher()
        self._plain: OrderedDict[int, str] = OrderedDict()

    def seal(self, data: dict) -> str:
        return self._cipher.encrypt(json.dumps(data).encode()).decode("ascii")

    def unseal(self, stored: str) -> dict:
        if stored.lstrip().startswith("{"):
            return json.loads(stored)  # written before sealing existed
        return json.loads(self._cipher.decrypt(stored.encode("ascii")))

    def _unseal_row(self, row: Any) -> dict:
        plain = self._plain.get(row.id)
        if plain is None:
            stored = row.data
            plain = stored if stored.lstrip().startswith("{") else self._cipher.decrypt(stored.encode("ascii")).decode()
            self._plain[row.id] = plain
            if len(self._plain) > PLAIN_CACHE_ROWS:
                self._plain.popitem(last=False)
        return json.loads(plain)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        # Rasa's own, with the events unsealed.
        with _writes_or_fails_loudly(self.engine.url), self.session_scope() as session:
            rows = self._event_query(session, sender_id,
                                     fetch_events_from_all_sessions=fetch_events_from_all_sessions).all()
            try:
                events = [self._unseal_row(row) for row in rows]
            except InvalidToken:
                log.error("tracker events cannot be decrypted: TRACKER_ENCRYPTION_KEY/PSEUDONYM_KEY changed?")
                raise
            if self.domain and events:
                return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
            return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        # Rasa's own, with the events sealed.
        await self.stream_events(tracker)
        with _writes_or_fails_loudly(self.engine.url), self.session_scope() as session:
            for new in self._additional_events(session, tracker):
                data = new.as_dict()
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=new.type_name, timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=self.seal(data),
                ))
            session.commit()


class SQLiteTrackerStore(SealedSQLTrackerStore):
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

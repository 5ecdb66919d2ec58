"""Plumbing of the ticket store: engine and sessions (bounded lock waits, thread-safe), clock, conversions
from ORM rows to the records callers get. The operations are in the sibling modules, combined in
:class:`helpdesk.tickets.store.TicketStore`."""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import datetime
from typing import Callable, Iterator, Mapping, Optional, Sequence

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from helpdesk.establishments import default_directory, normalize_uai
from settings.reliability import tickets_busy_budget_s

from .checks import is_busy
from .engine import make_engine, upgrade
from .errors import TicketBusy
from .numbering import normalize_ticket_number
from .orm import Attachment, Outbox, Ticket, TicketEvent, utcnow
from .values import AttachmentInfo, EventRecord, TicketRecord

log = logging.getLogger("helpdesk.tickets.store")


class StoreBase:
    """The store's plumbing: engine, sessions, clock, and the row ↔ record conversions its parts share.

    ``directory`` resolves a UAI to an establishment name (default: ``knowledge/data/establishments.yml``);
    ``env`` overrides the environment for recipients; ``clock`` returns the current UTC time (tests).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        directory=None,
        env: Optional[Mapping[str, str]] = None,
        clock: Callable[[], datetime] = utcnow,
        busy_budget_s: Optional[float] = None,
    ):
        self.engine = engine
        self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)
        self._directory = directory
        self._env = env
        self._clock = clock
        self.busy_budget_s = tickets_busy_budget_s(env) if busy_budget_s is None else busy_budget_s
        # An in-memory SQLite database is one connection (StaticPool): callers in several threads must
        # take turns on it. Pooled engines need no lock (one connection per thread at a time).
        self._serial = threading.Lock() if isinstance(engine.pool, StaticPool) else None

    @classmethod
    def open(cls, url: Optional[str] = None, *, migrate: bool = True, **kwargs):
        """Open the store at ``url`` (default from ``TICKETS_DATABASE_URL``), migrating the schema first."""
        engine_kwargs = dict(kwargs.pop("engine_kwargs", {}))
        if kwargs.get("busy_budget_s") is not None:
            engine_kwargs.setdefault("busy_budget_s", kwargs["busy_budget_s"])
        engine = make_engine(url, **engine_kwargs)
        if migrate:
            upgrade(engine)
        return cls(engine, **kwargs)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One transaction; a lock still held by someone else after the wait budget becomes
        :class:`TicketBusy` (French message, nothing written)."""
        if self._serial is not None:
            self._serial.acquire()
        try:
            with self._sessions() as session:
                with session.begin():
                    yield session
        except (OperationalError, PoolTimeout) as error:
            if is_busy(error):
                log.warning("tickets database busy: %s", type(error).__name__)
                raise TicketBusy() from error
            raise
        finally:
            if self._serial is not None:
                self._serial.release()

    def _now(self, now: Optional[datetime]) -> datetime:
        return now if now is not None else self._clock()

    def _establishment_name(self, uai: str) -> Optional[str]:
        directory = self._directory
        if directory is None:
            directory = self._directory = default_directory()
        found = directory.get(uai)
        return found.name if found else None

    @staticmethod
    def _find(session: Session, number: Optional[str], uai: Optional[str], *, lock: bool = False) -> Optional[Ticket]:
        canonical = normalize_ticket_number(number)
        if canonical is None:
            return None
        query = select(Ticket).where(Ticket.number == canonical)
        if uai is not None:
            query = query.where(Ticket.uai == normalize_uai(uai))
        if lock:
            query = query.with_for_update()
        return session.execute(query).scalar_one_or_none()

    @staticmethod
    def _attachments_of(session: Session, ticket_ids: Sequence[int]) -> dict[int, list[AttachmentInfo]]:
        result: dict[int, list[AttachmentInfo]] = {tid: [] for tid in ticket_ids}
        if not ticket_ids:
            return result
        rows = session.execute(
            select(Attachment.id, Attachment.ticket_id, Attachment.filename, Attachment.content_type, Attachment.size)
            .where(Attachment.ticket_id.in_(list(ticket_ids)))
            .order_by(Attachment.id)
        )
        for row in rows:
            result[row.ticket_id].append(AttachmentInfo(row.id, row.filename, row.content_type, row.size))
        return result

    @staticmethod
    def _record(ticket: Ticket, attachments: Sequence[AttachmentInfo] = ()) -> TicketRecord:
        return TicketRecord(
            number=ticket.number,
            uai=ticket.uai,
            establishment_name=ticket.establishment_name,
            category=ticket.category,
            line=ticket.line,
            description=ticket.description,
            place=ticket.place,
            impact=ticket.impact,
            contact=ticket.contact,
            status=ticket.status,
            reporter_channel=ticket.reporter_channel,
            reporter_id=ticket.reporter_id,
            conversation_id=ticket.conversation_id,
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            attachments=tuple(attachments),
        )

    def _records(self, session: Session, tickets: Sequence[Ticket]) -> list[TicketRecord]:
        attached = self._attachments_of(session, [t.id for t in tickets])
        return [self._record(t, attached[t.id]) for t in tickets]

    @staticmethod
    def _event_record(event: TicketEvent, number: str) -> EventRecord:
        return EventRecord(
            id=event.id,
            ticket_number=number,
            kind=event.kind,
            text=event.text,
            author=event.author,
            at=event.at,
            notify_reporter=event.notify_reporter,
            notified_at=event.notified_at,
        )

    @staticmethod
    def _add_event(session: Session, ticket: Ticket, kind: str, text: str, author: str, at: datetime,
                   notify: bool = False, flush: bool = True) -> TicketEvent:
        # flush=False when the caller does not read the event's id: the commit writes it with the rest.
        event = TicketEvent(ticket_id=ticket.id, kind=kind, text=text, author=author, at=at,
                            notify_reporter=notify, notified_at=None)
        session.add(event)
        if flush:
            session.flush()
        return event

    @staticmethod
    def _insert_events(session: Session, ticket_id: int, at: datetime, events: Sequence[tuple[str, str, str]]) -> None:
        """Events (kind, text, author) of a ticket, none to notify, in one INSERT: for callers that do not
        read them back (cheaper than ORM objects, see ``TicketStore._insert_ticket``)."""
        session.execute(insert(TicketEvent.__table__), [
            {"ticket_id": ticket_id, "kind": kind, "text": text, "author": author, "at": at,
             "notify_reporter": False, "notified_at": None} for kind, text, author in events])

    @staticmethod
    def _queue_mail(session: Session, ticket_id: int, recipient: str, subject: str, body: str, at: datetime,
                    with_attachments: bool = False) -> None:
        session.execute(insert(Outbox.__table__), dict(
            ticket_id=ticket_id, recipient=recipient, subject=subject, body=body, with_attachments=with_attachments,
            attempts=0, next_attempt_at=at, claimed_until=None, sent_at=None, last_error=None, created_at=at))

"""Reading tickets: the reporter's (always scoped to their establishment), the support staff's, and the
notifications waiting for reporters."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import bindparam, select, update

from helpdesk.establishments import normalize_uai

from . import wording
from .base import StoreBase
from .errors import InvalidTicketInput
from .orm import Outbox, Ticket, TicketEvent
from .places import place_key, same_place_key
from .values import OPEN_STATUSES, STATUSES, EventRecord, Notification, OutboxRecord, TicketRecord

_NEWEST_FIRST = (Ticket.created_at.desc(), Ticket.id.desc())
# The places of an establishment's open tickets of one category since a date, built once with its values
# as parameters: the similar-ticket check runs on every declaration, and building the statement cost more
# than running it.
_OPEN_PLACES = (
    select(Ticket.id, Ticket.place)
    .where(Ticket.uai == bindparam("uai"), Ticket.category == bindparam("category"),
           Ticket.status.in_(OPEN_STATUSES), Ticket.created_at >= bindparam("since"))
    .order_by(*_NEWEST_FIRST)
)


class TicketQueries(StoreBase):
    """Read-only operations (and the delivery mark of notifications)."""

    # ------------------------------------------------------------------ reading (reporter side)

    def get_ticket(self, number: str, uai: str) -> Optional[TicketRecord]:
        """The ticket ``number`` of establishment ``uai``; None when unknown *or* another establishment's."""
        if not uai:
            return None
        with self._transaction() as session:
            ticket = self._find(session, number, uai)
            return self._records(session, [ticket])[0] if ticket else None

    def list_tickets(self, uai: str, *, status: Optional[str] = None, open_only: bool = False,
                     limit: int = 20) -> list[TicketRecord]:
        """Tickets of establishment ``uai``, newest first (optionally one status, or open ones only)."""
        if not uai:
            return []
        return self._list(uai=uai, status=status, open_only=open_only, limit=limit)

    def find_similar_open(self, uai: str, category: str, place: Optional[str] = None, within_days: int = 7,
                          now: Optional[datetime] = None) -> list[TicketRecord]:
        """Open tickets of the same establishment and category created in the last ``within_days`` days,
        at the same place when a place is given (tolerant to case, accents, typos; numbers must agree).
        Newest first. Used to offer "a ticket already exists for this" before creating a duplicate.
        """
        since = self._now(now) - timedelta(days=within_days)
        with self._transaction() as session:
            # Asked on every declaration: compare the places first and load whole tickets only for the
            # matches (usually none), rather than every open ticket of the category.
            candidates = session.execute(
                _OPEN_PLACES, {"uai": normalize_uai(uai or ""), "category": category, "since": since}).all()
            if place and place.strip():
                wanted = place_key(place)
                candidates = [row for row in candidates if same_place_key(place_key(row.place), wanted)]
            if not candidates:
                return []
            tickets = session.execute(
                select(Ticket).where(Ticket.id.in_([row.id for row in candidates])).order_by(*_NEWEST_FIRST)
            ).scalars().all()
            return self._records(session, tickets)

    def history(self, number: str, uai: str) -> Optional[list[EventRecord]]:
        """The events of a ticket, oldest first; None as for :meth:`get_ticket`."""
        if not uai:
            return None
        return self._history(number, uai)

    def admin_get_ticket(self, number: str) -> Optional[TicketRecord]:
        """Any ticket by number (support staff only)."""
        with self._transaction() as session:
            ticket = self._find(session, number, None)
            return self._records(session, [ticket])[0] if ticket else None

    def admin_list_tickets(self, *, uai: Optional[str] = None, status: Optional[str] = None,
                           limit: int = 200) -> list[TicketRecord]:
        """Tickets of every establishment (or one), newest first (support staff only)."""
        return self._list(uai=uai, status=status, open_only=False, limit=limit)

    def admin_history(self, number: str) -> Optional[list[EventRecord]]:
        """The events of any ticket (support staff only)."""
        return self._history(number, None)

    def outbox_of(self, number: str) -> list[OutboxRecord]:
        """The e-mails of a ticket, sent or waiting (support staff only)."""
        with self._transaction() as session:
            ticket = self._find(session, number, None)
            if ticket is None:
                return []
            rows = session.execute(select(Outbox).where(Outbox.ticket_id == ticket.id).order_by(Outbox.id)).scalars()
            return [OutboxRecord(r.id, ticket.number, r.recipient, r.subject, r.body, r.attempts,
                                 r.next_attempt_at, r.sent_at, r.last_error) for r in rows]

    def _list(self, *, uai: Optional[str], status: Optional[str], open_only: bool, limit: int) -> list[TicketRecord]:
        if status is not None and status not in STATUSES:
            raise InvalidTicketInput(f"Statut inconnu : statuts possibles : {', '.join(STATUSES)}.")
        query = select(Ticket)
        if uai is not None:
            query = query.where(Ticket.uai == normalize_uai(uai))
        if status is not None:
            query = query.where(Ticket.status == status)
        if open_only:
            query = query.where(Ticket.status.in_(OPEN_STATUSES))
        query = query.order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(max(1, min(limit, 1000)))
        with self._transaction() as session:
            tickets = session.execute(query).scalars().all()
            return self._records(session, tickets)

    def _history(self, number: str, uai: Optional[str]) -> Optional[list[EventRecord]]:
        with self._transaction() as session:
            ticket = self._find(session, number, uai)
            if ticket is None:
                return None
            events = session.execute(
                select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id)
            ).scalars()
            return [self._event_record(e, ticket.number) for e in events]

    # ------------------------------------------------------------------ reporter notifications

    def pending_notifications(self, channel: str, limit: int = 100) -> list[Notification]:
        """Status changes and staff comments not yet delivered to reporters of ``channel``, oldest first."""
        with self._transaction() as session:
            rows = session.execute(
                select(TicketEvent, Ticket)
                .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                .where(TicketEvent.notify_reporter.is_(True), TicketEvent.notified_at.is_(None),
                       Ticket.reporter_channel == channel)
                .order_by(TicketEvent.at, TicketEvent.id)
                .limit(max(1, min(limit, 1000)))
            ).all()
            return [
                Notification(
                    event_id=event.id,
                    ticket_number=ticket.number,
                    reporter_channel=ticket.reporter_channel,
                    reporter_id=ticket.reporter_id,
                    conversation_id=ticket.conversation_id,
                    text=wording.notification_text(ticket.number, event.kind, event.text),
                    at=event.at,
                )
                for event, ticket in rows
            ]

    def mark_notified(self, event_id: int, now: Optional[datetime] = None) -> bool:
        """Record that a notification was delivered; False if unknown or already marked."""
        at = self._now(now)
        with self._transaction() as session:
            result = session.execute(
                update(TicketEvent)
                .where(TicketEvent.id == event_id, TicketEvent.notify_reporter.is_(True),
                       TicketEvent.notified_at.is_(None))
                .values(notified_at=at)
                .execution_options(synchronize_session=False)
            )
            return (result.rowcount or 0) == 1

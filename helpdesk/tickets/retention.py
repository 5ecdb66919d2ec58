"""Retention (RGPD) and housekeeping of the ticket store: closed tickets deleted, contact details of
tickets left open scrubbed, waiting e-mails made due (stale staged files: staging.py)."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import delete, select, update

from . import wording
from .base import StoreBase
from .checks import SYSTEM_AUTHOR
from .orm import Attachment, Outbox, SignalementDelivery, SignalementNotice, Ticket, TicketEvent
from .values import OPEN_STATUSES


class TicketRetention(StoreBase):
    """Purges and scrubbing."""

    def purge_closed_before(self, cutoff: datetime) -> int:
        """Retention (RGPD): delete resolved or cancelled tickets untouched since ``cutoff``, with their
        history, e-mails and attachments. Open tickets, and closed ones with an e-mail still to send,
        are kept whatever their age. Returns the number of tickets deleted.
        """
        with self._transaction() as session:
            unsent = select(Outbox.ticket_id).where(Outbox.sent_at.is_(None))
            ids = session.execute(
                select(Ticket.id).where(Ticket.status.in_(("resolu", "annule")), Ticket.updated_at < cutoff,
                                        Ticket.id.not_in(unsent))
            ).scalars().all()
            if not ids:
                return 0
            notices = select(SignalementNotice.id).where(SignalementNotice.ticket_id.in_(ids))
            session.execute(delete(SignalementDelivery).where(SignalementDelivery.notice_id.in_(notices))
                            .execution_options(synchronize_session=False))
            for model in (TicketEvent, Outbox, Attachment, SignalementNotice):
                session.execute(delete(model).where(model.ticket_id.in_(ids))
                                .execution_options(synchronize_session=False))
            session.execute(delete(Ticket).where(Ticket.id.in_(ids)).execution_options(synchronize_session=False))
            return len(ids)

    def scrub_contacts_open_before(self, cutoff: datetime, now: Optional[datetime] = None) -> int:
        """Retention (RGPD): tickets still open but created before ``cutoff`` lose their contact details
        (the ticket, its history and its number stay for the support line); the e-mails already sent lose
        them too. Returns the number of tickets scrubbed."""
        at = self._now(now)
        with self._transaction() as session:
            tickets = session.execute(
                select(Ticket).where(Ticket.status.in_(OPEN_STATUSES), Ticket.created_at < cutoff,
                                     Ticket.contact.is_not(None))
            ).scalars().all()
            for ticket in tickets:
                contact, ticket.contact = ticket.contact, None
                for mail in session.execute(select(Outbox).where(Outbox.ticket_id == ticket.id)).scalars():
                    mail.body = mail.body.replace(contact, wording.SCRUBBED_CONTACT)
                self._add_event(session, ticket, "commented", wording.SCRUBBED_EVENT, SYSTEM_AUTHOR, at, flush=False)
            return len(tickets)

    def retry_waiting_emails(self, now: Optional[datetime] = None) -> int:
        """Make every unsent e-mail due now (support staff, once the SMTP problem is fixed)."""
        at = self._now(now)
        with self._transaction() as session:
            result = session.execute(
                update(Outbox).where(Outbox.sent_at.is_(None), Outbox.next_attempt_at > at)
                .values(next_attempt_at=at).execution_options(synchronize_session=False)
            )
            return result.rowcount or 0

"""Sends the outbox: each waiting e-mail goes to its support line by SMTP.

Outbox pattern: the e-mail row is written in the same transaction as the ticket, so a ticket is never
created without its e-mail nor an e-mail sent for a ticket that was rolled back. This module sends the
rows later. A failure (server down, rejection) is recorded on the row and in the ticket's history and
the row is retried with exponential back-off; nothing is ever deleted. Delivery is at-least-once: if the
database cannot record a send that succeeded, the e-mail goes again on the next pass (the ticket number
in the subject lets the recipient spot the duplicate).

Two dispatchers may run at once: a row is claimed (``claimed_until``) before sending, with
``SKIP LOCKED`` on PostgreSQL and the database lock on SQLite, so it is not sent twice.
"""
from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Callable, Optional

from sqlalchemy import func, or_, select, update

from . import wording
from .config import SmtpSettings
from .orm import Attachment, Outbox, Ticket, TicketEvent, utcnow
from .store import TicketStore
from .values import DispatchReport

log = logging.getLogger(__name__)

AUTHOR = "envoi-courriel"
# The server refused this one message (recipient, sender or content): the next message may pass.
_MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)
# Anything else (smtplib's errors are OSErrors too) means "the server is not reachable or the session
# broke": the rest of the pass would fail the same way, so it stops and the remaining rows wait for the
# next pass without losing an attempt.
_CONNECTION_ERRORS = (OSError,)


@dataclass(frozen=True)
class _Mail:
    outbox_id: int
    ticket_id: int
    ticket_number: str
    recipient: str
    subject: str
    body: str
    with_attachments: bool


def backoff_delay(attempts: int, base: timedelta, cap: timedelta) -> timedelta:
    """Wait before retry number ``attempts`` + 1: base, 2×base, 4×base… never more than ``cap``."""
    exponent = min(max(attempts - 1, 0), 30)
    return min(base * (2 ** exponent), cap)


class _SmtpConnection:
    """One SMTP session reused for a whole pass, opened on first use."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self._smtp: Optional[smtplib.SMTP] = None

    def send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            s = self.settings
            # local_hostname avoids a reverse DNS look-up of this machine for EHLO.
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout, local_hostname="localhost")
            try:
                if s.starttls:
                    smtp.starttls()
                if s.user:
                    smtp.login(s.user, s.password or "")
            except BaseException:
                smtp.close()
                raise
            self._smtp = smtp
        self._smtp.send_message(message)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


class Dispatcher:
    """Sends waiting outbox rows; see :meth:`dispatch_pending` and :meth:`run_forever`.

    Without a ``store``, opens (and migrates) the one of ``TICKETS_DATABASE_URL``; without ``settings``,
    reads the SMTP_* environment variables.
    """

    def __init__(
        self,
        store: Optional[TicketStore] = None,
        settings: Optional[SmtpSettings] = None,
        *,
        batch_size: int = 50,
        lease: timedelta = timedelta(minutes=10),
        base_delay: timedelta = timedelta(minutes=1),
        max_delay: timedelta = timedelta(hours=1),
        clock: Callable[[], datetime] = utcnow,
    ):
        self.store = store if store is not None else TicketStore.open()
        self.settings = settings or SmtpSettings.from_env()
        self.batch_size = batch_size
        self.lease = lease
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._clock = clock
        self._transaction = self.store._transaction  # same session factory and SQLite locking as the store

    # ------------------------------------------------------------------ one pass

    def dispatch_pending(self, now: Optional[datetime] = None) -> DispatchReport:
        """Send every outbox row due at ``now`` (default: the current time); return what happened.

        Stops early (``report.interrupted``) when the SMTP server cannot be reached: the row being
        sent counts one failed attempt, the others are released untouched for the next pass.
        """
        now = now or self._clock()
        report = DispatchReport()
        connection = _SmtpConnection(self.settings)
        try:
            while True:
                mails = self._claim(now)
                if not mails:
                    break
                for index, mail in enumerate(mails):
                    report.attempted += 1
                    try:
                        connection.send(self._message(mail, now))
                    except _MESSAGE_ERRORS as exc:
                        self._record_failure(mail, exc, now, report)
                    except _CONNECTION_ERRORS as exc:
                        self._record_failure(mail, exc, now, report)
                        connection.close()
                        self._release([m.outbox_id for m in mails[index + 1:]])
                        report.interrupted = True
                        return report
                    else:
                        self._record_success(mail, now)
                        report.sent += 1
        finally:
            connection.close()
        return report

    def run_forever(self, stop_event: threading.Event, interval: float = 30.0) -> None:
        """Run :meth:`dispatch_pending` every ``interval`` seconds until ``stop_event`` is set.

        A failing pass (database briefly unreachable…) is logged and retried at the next interval.
        """
        while not stop_event.is_set():
            try:
                report = self.dispatch_pending()
                if report.attempted:
                    log.info("outbox pass: %d sent, %d failed%s", report.sent, report.failed,
                             " (SMTP unreachable)" if report.interrupted else "")
            except Exception:  # the loop must survive anything one pass throws
                log.exception("outbox pass failed")
            stop_event.wait(interval)

    # ------------------------------------------------------------------ database steps

    def _claim(self, now: datetime) -> list[_Mail]:
        with self._transaction() as session:
            query = (
                select(Outbox.id)
                .where(Outbox.sent_at.is_(None), Outbox.next_attempt_at <= now,
                       or_(Outbox.claimed_until.is_(None), Outbox.claimed_until < now))
                .order_by(Outbox.id)
                .limit(self.batch_size)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            ids = session.execute(query).scalars().all()
            if not ids:
                return []
            session.execute(
                update(Outbox).where(Outbox.id.in_(ids)).values(claimed_until=now + self.lease)
                .execution_options(synchronize_session=False)
            )
            rows = session.execute(
                select(Outbox, Ticket.number).join(Ticket, Ticket.id == Outbox.ticket_id)
                .where(Outbox.id.in_(ids)).order_by(Outbox.id)
            ).all()
            return [_Mail(outbox.id, outbox.ticket_id, number, outbox.recipient, outbox.subject, outbox.body,
                          outbox.with_attachments) for outbox, number in rows]

    def _attachments(self, mail: _Mail) -> list[tuple[str, str, bytes]]:
        # Read at send time, one e-mail at a time: a batch never holds every file in memory at once.
        if not mail.with_attachments:
            return []
        with self._transaction() as session:
            rows = session.execute(
                select(Attachment.filename, Attachment.content_type, Attachment.data)
                .where(Attachment.ticket_id == mail.ticket_id).order_by(Attachment.id)
            ).all()
            return [(row.filename, row.content_type, bytes(row.data)) for row in rows]

    def _release(self, outbox_ids: list[int]) -> None:
        if not outbox_ids:
            return
        with self._transaction() as session:
            session.execute(
                update(Outbox).where(Outbox.id.in_(outbox_ids)).values(claimed_until=None)
                .execution_options(synchronize_session=False)
            )

    def _record_success(self, mail: _Mail, now: datetime) -> None:
        with self._transaction() as session:
            outbox = session.get(Outbox, mail.outbox_id)
            outbox.sent_at, outbox.claimed_until = now, None
            outbox.attempts += 1
            ticket = session.get(Ticket, mail.ticket_id)
            session.add(TicketEvent(ticket_id=ticket.id, kind="dispatched", author=AUTHOR, at=now,
                                    text=f"Courriel envoyé à {mail.recipient} : {mail.subject}",
                                    notify_reporter=False))
            first_mail_id = session.execute(
                select(func.min(Outbox.id)).where(Outbox.ticket_id == ticket.id)
            ).scalar_one()
            if ticket.status == "ouvert" and first_mail_id == outbox.id:
                ticket.status, ticket.updated_at = "transmis", now

    def _record_failure(self, mail: _Mail, exc: BaseException, now: datetime, report: DispatchReport) -> None:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        report.failed += 1
        report.errors.append((mail.ticket_number, error))
        log.warning("e-mail for %s to %s failed: %s", mail.ticket_number, mail.recipient, error)
        with self._transaction() as session:
            outbox = session.get(Outbox, mail.outbox_id)
            outbox.attempts += 1
            outbox.last_error = error
            outbox.claimed_until = None
            outbox.next_attempt_at = now + backoff_delay(outbox.attempts, self.base_delay, self.max_delay)
            session.add(TicketEvent(
                ticket_id=mail.ticket_id, kind="dispatch_failed", author=AUTHOR, at=now, notify_reporter=False,
                text=wording.pending_dispatch_text(outbox.next_attempt_at, now),
            ))

    # ------------------------------------------------------------------ message

    def _message(self, mail: _Mail, now: datetime) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.settings.sender
        message["To"] = mail.recipient
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(now)
        domain = self.settings.sender.rpartition("@")[2] or "localhost"
        message["Message-ID"] = make_msgid(idstring=mail.ticket_number, domain=domain)
        message["X-Ticket-Number"] = mail.ticket_number
        # quoted-printable keeps every line under SMTP's 998-character limit whatever the description.
        message.set_content(mail.body, cte="quoted-printable")
        for filename, content_type, data in self._attachments(mail):
            maintype, _, subtype = content_type.partition("/")
            message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        return message

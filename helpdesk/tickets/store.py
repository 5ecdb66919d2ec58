"""The ticket store: every read and write of incident tickets goes through :class:`TicketStore`.

Callers get dataclasses (:mod:`helpdesk.tickets.values`), never ORM objects. A reporter only ever
reaches the tickets of the establishment (UAI) they speak for: ``get_ticket`` answers None both for an
unknown number and for another establishment's ticket, so the two cases cannot be told apart. The
``admin_*`` methods, without that filter, are for support staff (the CLI) only.
"""
from __future__ import annotations

import logging
import random
import re
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Callable, Iterator, Mapping, Optional, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from settings.reliability import tickets_busy_budget_s

from helpdesk.establishments import default_directory, is_valid_uai, normalize_uai

from . import wording
from .attachments import MAX_ATTACHMENTS_PER_CONVERSATION, check_attachment
from .config import recipient_for_line
from .engine import make_engine, upgrade
from .errors import AttachmentRejected, InvalidStatusTransition, InvalidTicketInput, TicketBusy, TicketNotFound
from .orm import Attachment, Outbox, Ticket, TicketEvent, utcnow
from .numbering import next_number, normalize_ticket_number
from .places import place_key, same_place_key
from .values import (
    ALLOWED_TRANSITIONS,
    CHANNELS,
    EMAILED_LINES,
    IMPACTS,
    LINES,
    OPEN_STATUSES,
    STATUS_LABELS,
    STATUSES,
    AttachmentInfo,
    EventRecord,
    Notification,
    OutboxRecord,
    TicketRecord,
)

log = logging.getLogger(__name__)

MAX_DESCRIPTION_CHARS = 50_000
MAX_COMMENT_CHARS = 5_000
MAX_PLACE_CHARS = 200
MAX_CONTACT_CHARS = 300
MAX_ID_CHARS = 128
_CATEGORY = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
_CREATE_ATTEMPTS = 6
SYSTEM_AUTHOR = "assistant"
# SQLite "database is locked"/"busy", PostgreSQL lock_timeout (55P03) and statement timeout (57014).
_BUSY_MARKERS = ("locked", "busy", "lock timeout", "lock_timeout", "canceling statement")


def is_busy(error: BaseException) -> bool:
    """Whether a database error means "someone else holds the lock" (worth a later retry), not "down"."""
    if isinstance(error, PoolTimeout):
        return True
    if not isinstance(error, OperationalError):
        return False
    code = getattr(getattr(error, "orig", None), "pgcode", None)
    return code in ("55P03", "57014") or any(m in str(error.orig).lower() for m in _BUSY_MARKERS)


def _check_text(value, field_label: str, *, required: bool, limit: int) -> Optional[str]:
    """Return ``value`` unchanged (verbatim) if acceptable, None for an absent optional value.

    Only two things are refused besides length: NUL characters (PostgreSQL text cannot hold them) and
    unpaired surrogates (not encodable, they would corrupt the stored text).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidTicketInput(f"Le champ « {field_label} » est obligatoire : pouvez-vous le préciser ?")
        return None
    if not isinstance(value, str):
        raise InvalidTicketInput(f"Le champ « {field_label} » doit être un texte.")
    if len(value) > limit:
        raise InvalidTicketInput(
            f"Le champ « {field_label} » est trop long ({len(value)} caractères, {limit} au maximum). "
            "Pouvez-vous le raccourcir ?"
        )
    if "\x00" in value:
        raise InvalidTicketInput(
            f"Le champ « {field_label} » contient un caractère nul que je ne peux pas enregistrer."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidTicketInput(f"Le champ « {field_label} » contient des caractères illisibles.") from None
    return value


class TicketStore:
    """Incident tickets on SQLite or PostgreSQL.

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
    def open(cls, url: Optional[str] = None, *, migrate: bool = True, **kwargs) -> "TicketStore":
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
    def _queue_mail(session: Session, ticket: Ticket, recipient: str, subject: str, body: str, at: datetime,
                    with_attachments: bool = False) -> None:
        session.add(Outbox(ticket_id=ticket.id, recipient=recipient, subject=subject, body=body,
                           with_attachments=with_attachments, attempts=0, next_attempt_at=at,
                           claimed_until=None, sent_at=None, last_error=None, created_at=at))

    # ------------------------------------------------------------------ creation

    def create_ticket(
        self,
        *,
        uai: str,
        category: str,
        line: str,
        description: str,
        impact: str,
        reporter_channel: str,
        place: Optional[str] = None,
        contact: Optional[str] = None,
        reporter_id: Optional[str] = None,
        conversation_id: Optional[str] = None,
        establishment_name: Optional[str] = None,
        now: Optional[datetime] = None,
    ) -> TicketRecord:
        """Create a ticket, its ``created``/``routed`` events and (lines departement/academie/canope) the
        e-mail to send, all in one transaction; bind the conversation's staged attachments.

        Line ``college`` is the collège's own charge: status ``suivi_college``, nothing is e-mailed.
        Raises :class:`InvalidTicketInput` (French message) on a missing or unacceptable field.
        """
        uai_clean = normalize_uai(uai or "")
        if not is_valid_uai(uai_clean):
            raise InvalidTicketInput(
                f"Le code UAI « {wording.one_line(str(uai or ''), 20)} » n'est pas valide : il s'écrit 079 suivi "
                "de 4 chiffres et d'une lettre (par exemple 0799001E)."
            )
        if establishment_name is not None:
            name = _check_text(establishment_name, "établissement", required=True, limit=200).strip()
        else:
            name = self._establishment_name(uai_clean)
            if name is None:
                raise InvalidTicketInput(
                    f"Je ne trouve pas d'établissement avec le code UAI {uai_clean} parmi les collèges publics "
                    "des Deux-Sèvres."
                )
        if not isinstance(category, str) or not _CATEGORY.match(category):
            raise InvalidTicketInput("Je n'ai pas reconnu la catégorie de l'incident : pouvez-vous la préciser ?")
        if line not in LINES:
            raise InvalidTicketInput("Je n'ai pas pu déterminer le service compétent pour cet incident.")
        if impact not in IMPACTS:
            raise InvalidTicketInput(
                "Quel est l'impact de l'incident : tout l'établissement, une salle ou un seul poste ?"
            )
        if reporter_channel not in CHANNELS:
            raise InvalidTicketInput("Canal de déclaration inconnu.")
        description = _check_text(description, "description", required=True, limit=MAX_DESCRIPTION_CHARS)
        place = _check_text(place, "lieu", required=False, limit=MAX_PLACE_CHARS)
        contact = _check_text(contact, "contact", required=False, limit=MAX_CONTACT_CHARS)
        reporter_id = _check_text(reporter_id, "identifiant", required=False, limit=MAX_ID_CHARS)
        conversation_id = _check_text(conversation_id, "conversation", required=False, limit=MAX_ID_CHARS)
        at = self._now(now)
        year = at.astimezone(wording.PARIS).year
        recipient = recipient_for_line(line, self._env) if line in EMAILED_LINES else None

        # Every attempt and pause fits in one budget: the caller gets an answer well inside the gateway's
        # timeout, and no attempt can still be running (and commit) after we have said « occupé ».
        deadline = time.monotonic() + self.busy_budget_s
        for attempt in range(1, _CREATE_ATTEMPTS + 1):
            try:
                with self._transaction() as session:
                    number = next_number(session, year)
                    ticket = Ticket(
                        number=number, uai=uai_clean, establishment_name=name, category=category, line=line,
                        description=description, place=place, impact=impact, contact=contact,
                        status="ouvert" if recipient else "suivi_college",
                        reporter_channel=reporter_channel, reporter_id=reporter_id,
                        conversation_id=conversation_id, created_at=at, updated_at=at,
                    )
                    session.add(ticket)
                    session.flush()
                    reporter = f"{reporter_channel}:{reporter_id}" if reporter_id else reporter_channel
                    self._add_event(session, ticket, "created", wording.created_event_text(reporter_channel),
                                    reporter[:200], at, flush=False)
                    self._add_event(session, ticket, "routed", wording.routed_event_text(line, recipient),
                                    SYSTEM_AUTHOR, at, flush=False)
                    attached: list[AttachmentInfo] = []
                    if conversation_id:
                        bound = session.execute(
                            update(Attachment)
                            .where(Attachment.conversation_id == conversation_id, Attachment.ticket_id.is_(None))
                            .values(ticket_id=ticket.id)
                            .execution_options(synchronize_session=False)
                        )
                        if bound.rowcount:
                            attached = self._attachments_of(session, [ticket.id])[ticket.id]
                    if recipient:
                        body = wording.creation_body(
                            number=number, establishment_name=name, uai=uai_clean, line=line, category=category,
                            place=place, impact=impact, description=description, contact=contact,
                            created_at=at, attachment_names=[a.filename for a in attached],
                        )
                        subject = wording.creation_subject(number, category, name, uai_clean)
                        self._queue_mail(session, ticket, recipient, subject, body, at, with_attachments=bool(attached))
                    return self._record(ticket, attached)
            except (IntegrityError, OperationalError, TicketBusy) as exc:
                # A duplicate number (should not happen: the counter is locked) or a lock/serialisation
                # failure: the whole transaction was rolled back, so trying again is safe.
                pause = random.uniform(0.01, 0.05) * attempt
                out_of_time = time.monotonic() + pause >= deadline
                if attempt == _CREATE_ATTEMPTS or out_of_time:
                    if isinstance(exc, TicketBusy) or is_busy(exc) or out_of_time:
                        raise (exc if isinstance(exc, TicketBusy) else TicketBusy()) from exc
                    raise
                log.warning("ticket creation retry %d after %s", attempt, type(exc).__name__)
                time.sleep(pause)
        raise AssertionError("unreachable")

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
        newest_first = (Ticket.created_at.desc(), Ticket.id.desc())
        with self._transaction() as session:
            # Asked on every declaration: compare the places first and load whole tickets only for the
            # matches (usually none), rather than every open ticket of the category.
            candidates = session.execute(
                select(Ticket.id, Ticket.place)
                .where(Ticket.uai == normalize_uai(uai or ""), Ticket.category == category,
                       Ticket.status.in_(OPEN_STATUSES), Ticket.created_at >= since)
                .order_by(*newest_first)
            ).all()
            if place and place.strip():
                wanted = place_key(place)
                candidates = [row for row in candidates if same_place_key(place_key(row.place), wanted)]
            if not candidates:
                return []
            tickets = session.execute(
                select(Ticket).where(Ticket.id.in_([row.id for row in candidates])).order_by(*newest_first)
            ).scalars().all()
            return self._records(session, tickets)

    def history(self, number: str, uai: str) -> Optional[list[EventRecord]]:
        """The events of a ticket, oldest first; None as for :meth:`get_ticket`."""
        if not uai:
            return None
        return self._history(number, uai)

    # ------------------------------------------------------------------ reporter actions

    def add_comment(self, number: str, text: str, *, author: str, uai: Optional[str] = None,
                    from_staff: bool = False, now: Optional[datetime] = None) -> Optional[EventRecord]:
        """Add a comment to a ticket; None when the ticket is unknown (or another establishment's).

        A reporter's comment (``uai`` required) is forwarded by e-mail to the support line of an open
        e-mailed ticket. A support staff comment (``from_staff=True``) is queued for the reporter
        (see :meth:`pending_notifications`).
        """
        if not from_staff and not uai:
            raise ValueError("a reporter comment needs the reporter's UAI")
        text = _check_text(text, "commentaire", required=True, limit=MAX_COMMENT_CHARS)
        author = (_check_text(author, "auteur", required=True, limit=200) or "").strip()
        at = self._now(now)
        with self._transaction() as session:
            ticket = self._find(session, number, None if from_staff else uai, lock=True)
            if ticket is None:
                return None
            event = self._add_event(session, ticket, "commented", text, author, at, notify=from_staff)
            ticket.updated_at = at
            if not from_staff and ticket.line in EMAILED_LINES and ticket.status in OPEN_STATUSES:
                self._queue_mail(
                    session, ticket, recipient_for_line(ticket.line, self._env),
                    wording.followup_subject(ticket.number, f"Précision de {ticket.establishment_name}"),
                    wording.comment_followup_body(ticket.number, ticket.establishment_name, text), at,
                )
            return self._event_record(event, ticket.number)

    def cancel_ticket(self, number: str, uai: str, *, author: str, reason: Optional[str] = None,
                      now: Optional[datetime] = None) -> Optional[TicketRecord]:
        """Cancel an open ticket of establishment ``uai``; None when unknown (or another establishment's).

        Raises :class:`InvalidStatusTransition` when the ticket is already resolved or cancelled. The
        support line of an e-mailed ticket is told by e-mail.
        """
        if not uai:
            return None
        reason = _check_text(reason, "motif", required=False, limit=MAX_COMMENT_CHARS)
        at = self._now(now)
        with self._transaction() as session:
            ticket = self._find(session, number, uai, lock=True)
            if ticket is None:
                return None
            if ticket.status not in OPEN_STATUSES:
                raise InvalidStatusTransition(
                    f"Le ticket {ticket.number} est déjà {STATUS_LABELS[ticket.status]} : "
                    "il ne peut plus être annulé."
                )
            old = ticket.status
            ticket.status, ticket.updated_at = "annule", at
            self._add_event(session, ticket, "status_changed", wording.status_event_text(old, "annule", reason),
                            (author or ticket.reporter_channel)[:200], at)
            if ticket.line in EMAILED_LINES:
                self._queue_mail(
                    session, ticket, recipient_for_line(ticket.line, self._env),
                    wording.followup_subject(ticket.number, "Annulation du ticket"),
                    wording.cancel_followup_body(ticket.number, ticket.establishment_name, reason), at,
                )
            return self._records(session, [ticket])[0]

    # ------------------------------------------------------------------ staff side

    def set_status(self, number: str, status: str, *, author: str, note: Optional[str] = None,
                   now: Optional[datetime] = None) -> TicketRecord:
        """Support staff change a ticket's status (the reporter is notified).

        Raises :class:`TicketNotFound`, :class:`InvalidTicketInput` (unknown status) or
        :class:`InvalidStatusTransition`.
        """
        if status not in STATUSES:
            raise InvalidTicketInput(f"Statut inconnu « {wording.one_line(str(status), 40)} » : "
                                     f"statuts possibles : {', '.join(STATUSES)}.")
        note = _check_text(note, "note", required=False, limit=MAX_COMMENT_CHARS)
        at = self._now(now)
        with self._transaction() as session:
            ticket = self._find(session, number, None, lock=True)
            if ticket is None:
                raise TicketNotFound(f"Aucun ticket ne porte le numéro {wording.one_line(str(number), 40)}.")
            if status not in ALLOWED_TRANSITIONS[ticket.status]:
                raise InvalidStatusTransition(
                    f"Le ticket {ticket.number} est {STATUS_LABELS[ticket.status]} : "
                    f"il ne peut pas passer à « {STATUS_LABELS[status]} »."
                )
            old = ticket.status
            ticket.status, ticket.updated_at = status, at
            self._add_event(session, ticket, "status_changed", wording.status_event_text(old, status, note),
                            author[:200], at, notify=True)
            return self._records(session, [ticket])[0]

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
            for model in (TicketEvent, Outbox, Attachment):
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

    # ------------------------------------------------------------------ attachments

    def stage_attachment(self, conversation_id: str, filename: Optional[str], content_type: Optional[str],
                         data: bytes, now: Optional[datetime] = None) -> AttachmentInfo:
        """Keep a file sent during a conversation until the ticket is created (then bound to it).

        JPEG, PNG or PDF, 5 Mo at most, 3 per conversation; raises :class:`AttachmentRejected`
        (French message) otherwise.
        """
        conversation_id = _check_text(conversation_id, "conversation", required=True, limit=MAX_ID_CHARS)
        checked = check_attachment(filename, content_type, data)
        at = self._now(now)
        with self._transaction() as session:
            staged = session.execute(
                select(func.count(Attachment.id))
                .where(Attachment.conversation_id == conversation_id, Attachment.ticket_id.is_(None))
            ).scalar_one()
            if staged >= MAX_ATTACHMENTS_PER_CONVERSATION:
                raise AttachmentRejected(
                    f"Vous avez déjà joint {staged} fichiers : c'est le maximum pour un ticket "
                    f"({MAX_ATTACHMENTS_PER_CONVERSATION})."
                )
            row = Attachment(ticket_id=None, conversation_id=conversation_id, filename=checked.filename,
                             content_type=checked.content_type, size=len(checked.data), data=checked.data,
                             created_at=at)
            session.add(row)
            session.flush()
            return AttachmentInfo(row.id, row.filename, row.content_type, row.size)

    def staged_attachments(self, conversation_id: str) -> list[AttachmentInfo]:
        """Files staged for a conversation and not yet bound to a ticket."""
        with self._transaction() as session:
            rows = session.execute(
                select(Attachment.id, Attachment.filename, Attachment.content_type, Attachment.size)
                .where(Attachment.conversation_id == conversation_id, Attachment.ticket_id.is_(None))
                .order_by(Attachment.id)
            )
            return [AttachmentInfo(*row) for row in rows]

    def discard_staged(self, conversation_id: str) -> int:
        """Forget the files staged for a conversation (the user gave up the declaration)."""
        with self._transaction() as session:
            result = session.execute(
                delete(Attachment)
                .where(Attachment.conversation_id == conversation_id, Attachment.ticket_id.is_(None))
                .execution_options(synchronize_session=False)
            )
            return result.rowcount or 0

    def purge_stale_attachments(self, older_than: timedelta = timedelta(days=1),
                                now: Optional[datetime] = None) -> int:
        """Delete staged files never bound to a ticket after ``older_than``; bound files are kept."""
        limit = self._now(now) - older_than
        with self._transaction() as session:
            result = session.execute(
                delete(Attachment)
                .where(Attachment.ticket_id.is_(None), Attachment.created_at < limit)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount or 0

    def attachment_content(self, number: str, attachment_id: int) -> Optional[tuple[AttachmentInfo, bytes]]:
        """The bytes of one attachment of a ticket (support staff only)."""
        with self._transaction() as session:
            ticket = self._find(session, number, None)
            if ticket is None:
                return None
            row = session.execute(
                select(Attachment).where(Attachment.id == attachment_id, Attachment.ticket_id == ticket.id)
            ).scalar_one_or_none()
            if row is None:
                return None
            return AttachmentInfo(row.id, row.filename, row.content_type, row.size), bytes(row.data)

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

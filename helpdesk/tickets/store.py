"""The ticket store: every read and write of incident tickets goes through :class:`TicketStore`.

Callers get dataclasses (:mod:`helpdesk.tickets.values`), never ORM objects. A reporter only ever
reaches the tickets of the establishment (UAI) they speak for: ``get_ticket`` answers None both for an
unknown number and for another establishment's ticket, so the two cases cannot be told apart. The
``admin_*`` methods, without that filter, are for support staff (the CLI) only.
"""
from __future__ import annotations

import logging
import random
import time
from datetime import datetime
from typing import Optional

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from helpdesk.establishments import is_valid_uai, normalize_uai

from . import wording
from .checks import _CATEGORY, MAX_CONTACT_CHARS, MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_PLACE_CHARS, SYSTEM_AUTHOR, _check_text, is_busy
from .config import recipient_for_line
from .errors import InvalidTicketInput, TicketBusy
from .history import TicketHistory
from .notices import TicketNotices
from .numbering import next_number
from .orm import Attachment, Ticket
from .queries import TicketQueries
from .retention import TicketRetention
from .staging import TicketAttachments
from .values import CHANNELS, EMAILED_LINES, IMPACTS, LINES, AttachmentInfo, TicketRecord

log = logging.getLogger(__name__)
_CREATE_ATTEMPTS = 6
# Statements of every creation, built once with their values as parameters (building one costs more than
# running it).
_INSERT_TICKET = insert(Ticket.__table__)
_DECLARED = select(Ticket.id).where(Ticket.declaration_id == bindparam("declaration"))
_BIND_STAGED = (
    update(Attachment.__table__)
    .where(Attachment.conversation_id == bindparam("conversation"), Attachment.ticket_id.is_(None))
    .values(ticket_id=bindparam("ticket"))
)


class TicketStore(TicketQueries, TicketHistory, TicketRetention, TicketAttachments, TicketNotices):
    """Incident tickets on SQLite or PostgreSQL.

    ``directory`` resolves a UAI to an establishment name (default: ``knowledge/data/establishments.yml``);
    ``env`` overrides the environment for recipients; ``clock`` returns the current UTC time (tests);
    ``busy_budget_s`` bounds every wait on a locked database (default ``TICKETS_BUSY_BUDGET_S``).
    """

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
        declaration_id: Optional[str] = None,
        notify_rupn: bool = False,
        now: Optional[datetime] = None,
    ) -> TicketRecord:
        """Create a ticket, its ``created``/``routed`` events and (lines departement/academie/canope) the
        e-mail to send, all in one transaction; bind the conversation's staged attachments.

        Line ``college`` is the collège's own charge: status ``suivi_college``, nothing is e-mailed.
        Raises :class:`InvalidTicketInput` (French message) on a missing or unacceptable field.

        ``declaration_id`` (unique) makes the call idempotent: a retried or replayed submit of the same
        declaration returns the ticket already made, with no second ticket and no second e-mail.

        ``notify_rupn`` (a teacher's signalement) queues its notice for the RUPNs of the establishment in
        the same transaction (:mod:`helpdesk.tickets.notices`).
        """
        declaration_id = _check_text(declaration_id, "déclaration", required=False, limit=64)
        try:
            row = self._checked_row(uai=uai, category=category, line=line, description=description, impact=impact,
                                    reporter_channel=reporter_channel, place=place, contact=contact,
                                    reporter_id=reporter_id, conversation_id=conversation_id,
                                    establishment_name=establishment_name)
        except InvalidTicketInput:
            # A replayed submit gets its ticket back whatever its fields (the declaration is looked up
            # inside the creating transaction below, so only a refused field needs this extra lookup).
            existing = self._by_declaration(declaration_id) if declaration_id else None
            if existing is not None:
                return existing
            raise
        at = self._now(now)
        year = at.astimezone(wording.PARIS).year
        recipient = recipient_for_line(line, self._env) if line in EMAILED_LINES else None
        row.update(status="ouvert" if recipient else "suivi_college", declaration_id=declaration_id,
                   created_at=at, updated_at=at)

        # Every attempt and pause fits in one budget: the caller gets an answer well inside the gateway's
        # timeout, and no attempt can still be running (and commit) after we have said « occupé ».
        deadline = time.monotonic() + self.busy_budget_s
        for attempt in range(1, _CREATE_ATTEMPTS + 1):
            try:
                with self._transaction() as session:
                    if declaration_id:
                        # In the same transaction as the creation: one BEGIN IMMEDIATE and commit less per
                        # ticket than a lookup of its own, and no submit can slip in between.
                        existing = self._declared(session, declaration_id)
                        if existing is not None:
                            return existing
                    return self._insert_ticket(session, dict(row, number=next_number(session, year)),
                                               recipient, notify_rupn, at)
            except (IntegrityError, OperationalError, TicketBusy) as exc:
                if declaration_id and isinstance(exc, IntegrityError):
                    existing = self._by_declaration(declaration_id)
                    if existing is not None:  # the same declaration, committed by a concurrent submit
                        return existing
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

    def _checked_row(self, *, uai, category, line, description, impact, reporter_channel, place, contact,
                     reporter_id, conversation_id, establishment_name) -> dict:
        """The new ticket's columns from the caller's fields, or :class:`InvalidTicketInput` (French)."""
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
        return dict(
            uai=uai_clean, establishment_name=name, category=category, line=line,
            description=_check_text(description, "description", required=True, limit=MAX_DESCRIPTION_CHARS),
            place=_check_text(place, "lieu", required=False, limit=MAX_PLACE_CHARS), impact=impact,
            contact=_check_text(contact, "contact", required=False, limit=MAX_CONTACT_CHARS),
            reporter_channel=reporter_channel,
            reporter_id=_check_text(reporter_id, "identifiant", required=False, limit=MAX_ID_CHARS),
            conversation_id=_check_text(conversation_id, "conversation", required=False, limit=MAX_ID_CHARS),
        )

    def _insert_ticket(self, session, row: dict, recipient: Optional[str], notify_rupn: bool,
                       at: datetime) -> TicketRecord:
        """Write the ticket, its ``created``/``routed`` events, its e-mail and notice, bind its attachments.

        Plain INSERT statements with their values as parameters rather than ORM objects: the unit of work
        and the building of statements cost more than the SQL itself (a few ms per ticket), and nothing
        here reads the rows back.
        """
        ticket_id = session.execute(_INSERT_TICKET, row).inserted_primary_key[0]
        channel, reporter_id = row["reporter_channel"], row["reporter_id"]
        reporter = f"{channel}:{reporter_id}" if reporter_id else channel
        self._insert_events(session, ticket_id, at, [
            ("created", wording.created_event_text(channel), reporter[:200]),
            ("routed", wording.routed_event_text(row["line"], recipient), SYSTEM_AUTHOR),
        ])
        attached: list[AttachmentInfo] = []
        if row["conversation_id"]:
            bound = session.execute(_BIND_STAGED, {"conversation": row["conversation_id"], "ticket": ticket_id})
            if bound.rowcount:
                attached = self._attachments_of(session, [ticket_id])[ticket_id]
        number, name, uai = row["number"], row["establishment_name"], row["uai"]
        if recipient:
            body = wording.creation_body(
                number=number, establishment_name=name, uai=uai, line=row["line"], category=row["category"],
                place=row["place"], impact=row["impact"], description=row["description"], contact=row["contact"],
                created_at=at, attachment_names=[a.filename for a in attached],
            )
            subject = wording.creation_subject(number, row["category"], name, uai)
            self._queue_mail(session, ticket_id, recipient, subject, body, at, with_attachments=bool(attached))
        if notify_rupn:
            self._queue_notice(session, ticket_id, uai, at)
        return TicketRecord(**{k: v for k, v in row.items() if k != "declaration_id"}, attachments=tuple(attached))

    def ticket_of_declaration(self, declaration_id: str, uai: str) -> Optional[TicketRecord]:
        """The ticket a declaration already filed for ``uai`` (a submit whose answer was lost), else None."""
        ticket = self._by_declaration(declaration_id)
        return ticket if ticket is not None and ticket.uai == uai else None

    def _by_declaration(self, declaration_id: str) -> Optional[TicketRecord]:
        with self._transaction() as session:
            return self._declared(session, declaration_id)

    def _declared(self, session, declaration_id: str) -> Optional[TicketRecord]:
        # Asked before every creation and nearly always absent: a prepared id lookup first, the ORM after.
        if session.execute(_DECLARED, {"declaration": declaration_id}).first() is None:
            return None
        ticket = session.execute(select(Ticket).where(Ticket.declaration_id == declaration_id)).scalar_one()
        return self._record(ticket, self._attachments_of(session, [ticket.id])[ticket.id])


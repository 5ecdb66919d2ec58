"""A ticket's life after creation: comments, cancellation by the reporter, status changes by the staff;
each one an event of the ticket's history, and an e-mail to the support line when it must know."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from . import wording
from .base import StoreBase
from .checks import MAX_COMMENT_CHARS, _check_text
from .config import recipient_for_line
from .errors import InvalidStatusTransition, InvalidTicketInput, TicketNotFound
from .values import ALLOWED_TRANSITIONS, EMAILED_LINES, OPEN_STATUSES, STATUS_LABELS, STATUSES, EventRecord, TicketRecord


class TicketHistory(StoreBase):
    """Comments and status changes."""

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
        checked_text = _check_text(text, "commentaire", required=True, limit=MAX_COMMENT_CHARS)
        if checked_text is None:  # required=True raises rather than return None; this narrows the Optional
            raise InvalidTicketInput("Le champ « commentaire » est obligatoire : pouvez-vous le préciser ?")
        text = checked_text
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
                    session, ticket.id, recipient_for_line(ticket.line, self._env),
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
                    session, ticket.id, recipient_for_line(ticket.line, self._env),
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

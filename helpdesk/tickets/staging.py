"""Attachments: files staged during a conversation, bound to the ticket when it is created."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import delete, func, select

from .attachments import MAX_ATTACHMENTS_PER_CONVERSATION, check_attachment
from .base import StoreBase
from .checks import MAX_ID_CHARS, _check_text
from .errors import AttachmentRejected, InvalidTicketInput
from .orm import Attachment
from .values import AttachmentInfo


class TicketAttachments(StoreBase):
    """Staging, listing and reading attachments."""

    # ------------------------------------------------------------------ attachments

    def stage_attachment(self, conversation_id: str, filename: Optional[str], content_type: Optional[str],
                         data: bytes, now: Optional[datetime] = None) -> AttachmentInfo:
        """Keep a file sent during a conversation until the ticket is created (then bound to it).

        JPEG, PNG or PDF, 5 Mo at most, 3 per conversation; raises :class:`AttachmentRejected`
        (French message) otherwise.
        """
        checked_id = _check_text(conversation_id, "conversation", required=True, limit=MAX_ID_CHARS)
        if checked_id is None:  # required=True raises rather than return None; this narrows the Optional
            raise InvalidTicketInput("Le champ « conversation » est obligatoire : pouvez-vous le préciser ?")
        conversation_id = checked_id
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

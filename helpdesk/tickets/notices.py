"""Notices of teachers' signalements for the RUPNs of their establishment (issue 14).

A teacher's report stays in the collège as a « signalement » until its RUPN forwards it to the service or
answers it. The notice row is written in the transaction that stores the signalement (outbox pattern, like
the e-mails of the dispatcher); the gateways deliver it on the channel each RUPN uses (Telegram: linked
accounts; web chat: the RUPN's next visit) and record each delivery, so nobody is notified twice on a
channel. A notice waits as long as its signalement does: once forwarded or closed, it is no longer offered.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from helpdesk.establishments import normalize_uai
from helpdesk.roles import SIGNALEMENT_PREFIX, notice_buttons

from .base import StoreBase
from .orm import SignalementDelivery, SignalementNotice, Ticket
from .values import IMPACT_LABELS, OPEN_STATUSES, TicketRecord


@dataclass(frozen=True)
class NoticeRecord:
    """A signalement waiting for its RUPNs, and the (channel, recipient) pairs already told about it."""

    id: int
    ticket: TicketRecord
    delivered_to: frozenset[tuple[str, str]]

    @property
    def text(self) -> str:
        """What the RUPN reads (French): who reported what, where, and how to forward or answer it."""
        t = self.ticket
        what = t.description[len(SIGNALEMENT_PREFIX):] if t.description.startswith(SIGNALEMENT_PREFIX) else t.description
        details = [f"Lieu : {t.place}" if t.place else "Lieu non précisé", f"Impact : {IMPACT_LABELS[t.impact]}"]
        if t.contact:
            details.append(f"Contact : {t.contact}")
        return (f"Nouveau signalement {t.number} d'un enseignant ({t.establishment_name}) :\n« {what} »\n"
                f"{' · '.join(details)}\n"
                f"« Transmettre au service » le déclare au service compétent en un clic. Pour répondre à "
                f"l'enseignant : « ajoute au ticket {t.number} : … ».")

    @property
    def buttons(self) -> list[dict[str, str]]:
        """Forward in one tap, or see the signalement (with the way to answer it)."""
        return notice_buttons(self.ticket.number)

    def delivered(self, channel: str, recipient_id: str) -> bool:
        return (channel, recipient_id) in self.delivered_to


class TicketNotices(StoreBase):
    """Signalement notices: queued with the signalement, listed while it waits, marked per recipient."""

    @staticmethod
    def _queue_notice(session, ticket_id: int, uai: str, at: datetime) -> None:
        session.execute(insert(SignalementNotice.__table__), dict(ticket_id=ticket_id, uai=uai, created_at=at))

    def waiting_notices(self, uai: Optional[str] = None, limit: int = 200) -> list[NoticeRecord]:
        """Notices whose signalement still waits (open), oldest first; only ``uai``'s when given."""
        query = (select(SignalementNotice, Ticket).join(Ticket, Ticket.id == SignalementNotice.ticket_id)
                 .where(Ticket.status.in_(OPEN_STATUSES)).order_by(SignalementNotice.id)
                 .limit(max(1, min(limit, 1000))))
        if uai is not None:
            query = query.where(SignalementNotice.uai == normalize_uai(uai))
        with self._transaction() as session:
            rows = session.execute(query).all()
            ids = [notice.id for notice, _ in rows]
            delivered: dict[int, set[tuple[str, str]]] = {i: set() for i in ids}
            if ids:
                for d in session.execute(select(SignalementDelivery).where(SignalementDelivery.notice_id.in_(ids))).scalars():
                    delivered[d.notice_id].add((d.channel, d.recipient_id))
            return [NoticeRecord(notice.id, self._record(ticket), frozenset(delivered[notice.id]))
                    for notice, ticket in rows]

    def mark_notice_delivered(self, notice_id: int, channel: str, recipient_id: str,
                              now: Optional[datetime] = None) -> bool:
        """Record that ``recipient_id`` got the notice on ``channel``; False when already recorded (or when
        a concurrent gateway recorded it first), so that the caller shows it once."""
        at = self._now(now)
        try:
            with self._transaction() as session:
                if session.get(SignalementDelivery, (notice_id, channel, recipient_id[:128])) is not None:
                    return False
                session.add(SignalementDelivery(notice_id=notice_id, channel=channel,
                                                recipient_id=recipient_id[:128], delivered_at=at))
            return True
        except IntegrityError:
            return False

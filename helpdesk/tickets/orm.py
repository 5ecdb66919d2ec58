"""SQLAlchemy models of the ticket store (1.4, 2.0 style). Private to the package: the store hands out
the dataclasses of :mod:`helpdesk.tickets.values` instead.

The schema itself is created by the Alembic migrations in ``migrations/versions``; these classes must
stay in step with them (a test compares both).
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.types import TypeDecorator

from .values import CHANNELS, EVENT_KINDS, IMPACTS, LINES, STATUSES

# Named constraints, so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING_CONVENTION)
Base = declarative_base(metadata=metadata)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite has no timezone type: values are stored as naive UTC there (so string comparison of the
    stored values still orders correctly); PostgreSQL stores ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the ticket store; use timezone-aware UTC")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class TicketCounter(Base):
    """Last number given each year: incremented in the transaction that creates the ticket."""

    __tablename__ = "ticket_counters"
    year = Column(Integer, primary_key=True, autoincrement=False)
    last_value = Column(Integer, nullable=False)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint(_one_of("line", LINES), name="line"),
        CheckConstraint(_one_of("impact", IMPACTS), name="impact"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        CheckConstraint(_one_of("reporter_channel", CHANNELS), name="reporter_channel"),
        Index("ix_tickets_uai_category_status", "uai", "category", "status"),
    )

    id = Column(Integer, primary_key=True)
    number = Column(String(20), nullable=False, unique=True)
    uai = Column(String(8), nullable=False, index=True)
    establishment_name = Column(String(200), nullable=False)
    category = Column(String(64), nullable=False)
    line = Column(String(16), nullable=False)
    description = Column(Text, nullable=False)
    place = Column(String(200), nullable=True)
    impact = Column(String(8), nullable=False)
    contact = Column(String(300), nullable=True)
    status = Column(String(16), nullable=False, index=True)
    reporter_channel = Column(String(16), nullable=False)
    reporter_id = Column(String(128), nullable=True)
    conversation_id = Column(String(128), nullable=True)
    # The id the declaration got when it started: a replayed submit finds its ticket instead of a second one.
    declaration_id = Column(String(64), nullable=True, unique=True)
    created_at = Column(UTCDateTime, nullable=False)
    updated_at = Column(UTCDateTime, nullable=False)

    events = relationship("TicketEvent", back_populates="ticket", order_by="TicketEvent.id")


class TicketEvent(Base):
    __tablename__ = "ticket_events"
    __table_args__ = (
        CheckConstraint(_one_of("kind", EVENT_KINDS), name="kind"),
        Index("ix_ticket_events_pending", "notify_reporter", "notified_at"),
    )

    id = Column(Integer, primary_key=True)
    ticket_id = Column(Integer, ForeignKey("tickets.id"), nullable=False, index=True)
    kind = Column(String(20), nullable=False)
    text = Column(Text, nullable=False)
    author = Column(String(200), nullable=False)
    at = Column(UTCDateTime, nullable=False)
    notify_reporter = Column(Boolean, nullable=False, default=False)
    notified_at = Column(UTCDateTime, nullable=True)

    ticket = relationship("Ticket", back_populates="events")


class Outbox(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "next_attempt_at"),)

    id = Column(Integer, primary_key=True)
    ticket_id = Column(Integer, ForeignKey("tickets.id"), nullable=False, index=True)
    recipient = Column(String(320), nullable=False)
    subject = Column(String(500), nullable=False)
    body = Column(Text, nullable=False)
    # Whether the ticket's attachments go with this e-mail (the first one, not the follow-ups).
    with_attachments = Column(Boolean, nullable=False, default=False)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime, nullable=False)
    # A dispatcher that took the row holds it until then, so that two dispatchers never send it twice.
    claimed_until = Column(UTCDateTime, nullable=True)
    sent_at = Column(UTCDateTime, nullable=True)
    last_error = Column(Text, nullable=True)
    created_at = Column(UTCDateTime, nullable=False)

    ticket = relationship("Ticket")


class Attachment(Base):
    __tablename__ = "attachments"

    id = Column(Integer, primary_key=True)
    # NULL while staged: the file belongs to a conversation until the ticket is created.
    ticket_id = Column(Integer, ForeignKey("tickets.id"), nullable=True, index=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    filename = Column(String(200), nullable=False)
    content_type = Column(String(64), nullable=False)
    size = Column(Integer, nullable=False)
    data = Column(LargeBinary, nullable=False)
    created_at = Column(UTCDateTime, nullable=False)


class SignalementNotice(Base):
    """A teacher's signalement to announce to the RUPNs of its establishment: written in the transaction
    that stores the signalement (outbox pattern); the gateways deliver it (see ``SignalementDelivery``)."""

    __tablename__ = "signalement_notices"

    id = Column(Integer, primary_key=True)
    ticket_id = Column(Integer, ForeignKey("tickets.id"), nullable=False, unique=True)
    uai = Column(String(8), nullable=False, index=True)
    created_at = Column(UTCDateTime, nullable=False)


class SignalementDelivery(Base):
    """One RUPN reached by a notice on one channel: the same RUPN is never notified twice there, and a
    RUPN who links an account later still gets the signalements that wait."""

    __tablename__ = "signalement_deliveries"

    notice_id = Column(Integer, ForeignKey("signalement_notices.id"), primary_key=True)
    channel = Column(String(16), primary_key=True)
    recipient_id = Column(String(128), primary_key=True)
    delivered_at = Column(UTCDateTime, nullable=False)

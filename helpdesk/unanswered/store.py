"""Questions the bot could not answer (fallback, unknown subject, 👎), kept to improve data and NLU.

Each row keeps the answer's trace (issue 11: the words and records that led to the decision, as
``python -m knowledge ask --why`` prints it), so that a maintainer sees why the bot answered as it did. The
trace is built from the message and the knowledge base only: it adds no personal data to the stored text.

The table's schema comes from Alembic (:mod:`helpdesk.unanswered.schema`), upgraded when the store opens.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional, Sequence

from sqlalchemy import Column, DateTime, Float, Integer, String, Text, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, declarative_base

from helpdesk.privacy import pseudonymise
from helpdesk.tickets.engine import make_engine

from .schema import feedback_url, has_columns, upgrade

log = logging.getLogger("helpdesk.unanswered")
Base = declarative_base()
MAX_TEXT = 2000


class UnansweredRow(Base):
    """The model the store reads and writes; its schema is made by the migrations, never by ``create_all``."""

    __tablename__ = "unanswered_questions"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime(timezone=True), nullable=False)
    user = Column(String(40), nullable=False)
    text = Column(Text, nullable=False)
    reason = Column(String(30), nullable=False)
    intent = Column(String(60))
    confidence = Column(Float)
    answer_kind = Column(String(30))
    trace = Column(Text)  # one line per step of the decision, newline-separated


@dataclass(frozen=True)
class Unanswered:
    at: datetime
    user: str
    text: str
    reason: str
    intent: Optional[str]
    confidence: Optional[float]
    answer_kind: Optional[str]
    trace: tuple[str, ...] = ()


class UnansweredStore:
    """Append-only log of questions to look at, with a retention purge."""

    def __init__(self, engine: Optional[Engine] = None, *, migrate: bool = True):
        self.engine = engine or make_engine(feedback_url())
        if migrate:
            self._upgrade()

    def _upgrade(self) -> None:
        """Upgrade the schema to head. A log that cannot be written (read-only file or role) but already has
        every column is used as it is, as before Alembic: reading works, a write fails where it happens."""
        try:
            upgrade(self.engine)
        except DBAPIError as error:
            if not has_columns(self.engine, UnansweredRow.__table__):
                raise
            log.warning("unanswered log not migrated (%s): used as it is", type(error).__name__)

    def record(self, sender_id: str, text: str, reason: str, intent: Optional[str] = None,
               confidence: Optional[float] = None, answer_kind: Optional[str] = None,
               at: Optional[datetime] = None, trace: Sequence[str] = ()) -> None:
        """Store one question with the trace of its answer; the sender is pseudonymised and the text truncated."""
        joined = "\n".join(" ".join(str(step).split()) for step in trace)[:MAX_TEXT] or None
        with Session(self.engine, future=True) as session, session.begin():
            session.add(UnansweredRow(
                at=at or datetime.now(timezone.utc), user=pseudonymise(sender_id), text=(text or "")[:MAX_TEXT],
                reason=reason, intent=intent, confidence=confidence, answer_kind=answer_kind, trace=joined,
            ))

    def list(self, limit: int = 100) -> list[Unanswered]:
        """Most recent first."""
        with Session(self.engine, future=True) as session:
            rows = session.scalars(select(UnansweredRow).order_by(UnansweredRow.at.desc()).limit(limit))
            return [Unanswered(r.at, r.user, r.text, r.reason, r.intent, r.confidence, r.answer_kind,
                               tuple((r.trace or "").splitlines())) for r in rows]

    def purge(self, older_than_days: int, now: Optional[datetime] = None) -> int:
        """Delete entries older than the retention period; returns how many."""
        cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=older_than_days)
        with Session(self.engine, future=True) as session, session.begin():
            result = session.execute(delete(UnansweredRow).where(UnansweredRow.at < cutoff))
            return result.rowcount or 0

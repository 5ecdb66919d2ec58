"""Ticket numbers ``INC-<year>-<5 digits>``: one counter row per year, bumped in the creating transaction.

PostgreSQL locks the counter row (the UPDATE that bumps it) so concurrent creations queue on it; SQLite
transactions are all BEGIN IMMEDIATE (see ``db.make_engine``) which serialises writers the same way.
The unique constraint on ``tickets.number`` stays as the last guard, with a retry in the store.
"""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .orm import TicketCounter

PREFIX = "INC"
_NUMBER_IN_TEXT = re.compile(r"\bINC[\s_\-]*(\d{4})[\s_\-]*(\d{1,6})\b", re.IGNORECASE)
# Without the prefix only when the number is all there is (a /statut argument, a ticket_id entity): in a
# sentence, "2026 42" is more likely a date or a count than a ticket.
_BARE_NUMBER = re.compile(r"#?\s*(\d{4})\s*[\s_\-/]\s*(\d{1,6})")


def format_number(year: int, value: int) -> str:
    """``format_number(2026, 42)`` -> ``"INC-2026-00042"``."""
    return f"{PREFIX}-{year:04d}-{value:05d}"


def normalize_ticket_number(text: Optional[str]) -> Optional[str]:
    """The ticket number a user typed, in canonical form, or None.

    Every channel and action reads numbers here: "INC-2026-00042", "inc 2026 42", "Inc_2026_42" anywhere in
    a message, and the bare "2026-42", "2026-0042", "2026 42", "#2026/42" when they are the whole text.
    """
    text = text or ""
    match = _NUMBER_IN_TEXT.search(text) or _BARE_NUMBER.fullmatch(text.strip())
    if not match:
        return None
    return format_number(int(match.group(1)), int(match.group(2)))


def _insert_counter_if_missing(session: Session, year: int) -> None:
    dialect = session.get_bind().dialect.name
    values = {"year": year, "last_value": 0}
    if dialect == "postgresql":
        statement = postgresql.insert(TicketCounter).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(TicketCounter).values(**values).on_conflict_do_nothing()
    else:  # other databases: only reached when the row is missing, the unique key + retry cover races
        if session.get(TicketCounter, year) is not None:
            return
        statement = TicketCounter.__table__.insert().values(**values)
    session.execute(statement)


_COUNTERS = TicketCounter.__table__
# Built once, the year as a parameter: building a statement costs more than running it (every ticket).
_BUMP = update(_COUNTERS).where(_COUNTERS.c.year == bindparam("counter_year")).values(
    last_value=_COUNTERS.c.last_value + 1)
_LAST_VALUE = select(_COUNTERS.c.last_value).where(_COUNTERS.c.year == bindparam("counter_year"))


def next_number(session: Session, year: int) -> str:
    """Reserve and return the next number of ``year`` inside the caller's transaction."""
    # Bump first: the UPDATE locks the row until commit (PostgreSQL) like SELECT … FOR UPDATE did, and
    # the usual case (the year's row exists) costs two statements instead of three.
    which = {"counter_year": year}
    if session.execute(_BUMP, which).rowcount == 0:
        _insert_counter_if_missing(session, year)
        session.execute(_BUMP, which)
    value = session.execute(_LAST_VALUE, which).scalar_one()
    return format_number(year, value)

"""Whether a support line is open at a given moment, and when it reopens.

Times are Europe/Paris. Lines close on weekends, outside their hours (including the lunch break of the
Département's line) and on French public holidays, taken from the maintained ``holidays`` package.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Optional
from zoneinfo import ZoneInfo

import holidays

from knowledge.records import SupportLine
from settings.config import get_settings

PARIS = ZoneInfo("Europe/Paris")
# French names, Monday first, for what users read (and what the understanding step recognises).
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


@dataclass(frozen=True)
class LineStatus:
    """Open or closed now, why, and the next change."""

    line_id: str
    has_hours: bool
    is_open: bool
    closes_at: Optional[datetime] = None
    next_open: Optional[datetime] = None
    holiday: str = ""

    def describe(self, now: datetime) -> str:
        """French sentence for a chat message."""
        if not self.has_hours:
            return "La convention ne précise pas d'horaires pour cette ligne."
        if self.is_open and self.closes_at:
            return f"C'est ouvert en ce moment (jusqu'à {format_clock(self.closes_at)})."
        reason = f"jour férié : {self.holiday}" if self.holiday else "hors horaires"
        if self.next_open is None:
            return f"C'est fermé en ce moment ({reason})."
        return f"C'est fermé en ce moment ({reason}) : réouverture {format_when(self.next_open, now)}."


def format_clock(moment: datetime | time) -> str:
    """8 h 30, 17 h: the way the agreement writes hours."""
    return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"


def format_when(moment: datetime, now: datetime) -> str:
    """'aujourd'hui à 13 h 30', 'demain à 8 h 30', 'lundi 4 mai à 8 h 30'."""
    local, today = moment.astimezone(PARIS), now.astimezone(PARIS).date()
    clock = format_clock(local)
    if local.date() == today:
        return f"aujourd'hui à {clock}"
    if local.date() == today + timedelta(days=1):
        return f"demain à {clock}"
    return f"{DAY_NAMES[local.weekday()]} {local.day} {MONTH_NAMES[local.month - 1]} à {clock}"


@lru_cache(maxsize=16)
def _french_holidays(year: int) -> holidays.HolidayBase:
    # Metropolitan France: the Deux-Sèvres has no regional public holidays.
    return holidays.country_holidays("FR", years=year, language="fr")


def holiday_name(day: date) -> str:
    """Name of the French public holiday on ``day``, or ''."""
    return _french_holidays(day.year).get(day, "") or ""


def upcoming_holidays(today: date) -> list[tuple[date, str]]:
    """The French public holidays from ``today`` to the end of next year, in order, with their names."""
    found = [(day, name) for year in (today.year, today.year + 1) for day, name in _french_holidays(year).items()]
    return sorted((day, name) for day, name in found if day >= today)


def format_day(day: date) -> str:
    """« samedi 12 décembre 2026 »."""
    return f"{DAY_NAMES[day.weekday()]} {'1er' if day.day == 1 else day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _periods(line: SupportLine, day: date) -> list[tuple[datetime, datetime]]:
    if day.weekday() not in line.days or holiday_name(day):
        return []
    result = []
    for start, end in line.hours:
        opening = datetime.combine(day, time.fromisoformat(start), tzinfo=PARIS)
        closing = datetime.combine(day, time.fromisoformat(end), tzinfo=PARIS)
        result.append((opening, closing))
    return result


def line_status(line: SupportLine, at: datetime) -> LineStatus:
    """Status of ``line`` at ``at`` (an aware datetime; a naive one is read as Europe/Paris time)."""
    if not line.hours:
        return LineStatus(line.id, has_hours=False, is_open=False)
    local = at.replace(tzinfo=PARIS) if at.tzinfo is None else at.astimezone(PARIS)
    for opening, closing in _periods(line, local.date()):
        if opening <= local < closing:
            return LineStatus(line.id, True, True, closes_at=closing)
    # Look ahead far enough to cross Christmas and Easter weekends.
    for offset in range(0, 15):
        day = local.date() + timedelta(days=offset)
        for opening, _ in _periods(line, day):
            if opening > local:
                return LineStatus(line.id, True, False, next_open=opening, holiday=holiday_name(local.date()))
    return LineStatus(line.id, True, False, holiday=holiday_name(local.date()))


def now_paris() -> datetime:
    """Current time in Europe/Paris (env ``BOT_FIXED_NOW``, ISO format, pins it for demos and tests)."""
    moment = get_settings().bot_fixed_now
    if moment is not None:
        return moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment.astimezone(PARIS)
    return datetime.now(PARIS)

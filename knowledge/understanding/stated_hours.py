"""A line's schedule stated in a check, compared with the line's as a whole (issue 11, class 6).

« c'est bien du lundi au vendredi de 8 h à 17 h 30 sans coupure le midi ? », « ouverte de 8 h 30 à 17 h sans
interruption ? », « c'est 8h30-12h30 et 13h30-17h ? »: the message states days and hours, it does not name a moment.
Read as moments, « du lundi au vendredi » was Monday and Friday and « de 8 h 30 à 17 h » was 8 h 30 alone, so a line
closed at lunch got « Oui » for « sans interruption ». Here the days said run from the first to the last, the hours
said are ranges, and both are compared with the line's days and hours (support_lines.yml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Optional

from knowledge.normalise import normalise
from knowledge.records import SupportLine
from knowledge.schedule import DAY_NAMES, format_clock
from knowledge.understanding.moments import Clock, clocks

_DAYS = "|".join(DAY_NAMES)
_DAY_RANGE = re.compile(rf"\b(?:du|de|le|les) ({_DAYS}) (?:au|a|jusqu a|jusqu au) ({_DAYS})\b")
# One moment of the clock as typed (« 8 h », « 8h30 », « 17:30 », « midi », « midi et demi »).
_CLOCK = r"(?:\d{1,2}\s*h\s*(?:\d{2})?|\d{1,2}:\d{2}|midi(?:\s+et\s+demie?)?)"
# Two moments joined as a range: « de 8 h à 17 h 30 », « 8h30-12h30 », « 8 h 30 / 17 h » (« ouvert à midi à 12 h 45 ? »
# names one moment twice: « à » joins a range only after « de », and « la pause de midi » is no start).
_FROM_TO = rf"(?<!pause )(?<!heure )(?<!coupure )\bde\s+({_CLOCK})\s*(?:à|a|au|jusqu'?\s*à)\s*({_CLOCK})"
_DASHED = rf"({_CLOCK})\s*(?:-|–|/)\s*({_CLOCK})"
_RANGE = re.compile(rf"(?:{_FROM_TO})|(?:{_DASHED})", re.IGNORECASE)
# « sans coupure », « non-stop », « en continu »: hours stated without a break.
_CONTINUOUS = re.compile(r"\b(?:sans (?:coupure|interruption|pause|fermeture|arret)|non stop|en continu|journee continue|"
                         r"d une traite|sans discontinuer)\b")


@dataclass(frozen=True)
class StatedSchedule:
    days: tuple[int, ...]  # every day from the first said to the last; () when no range of days is said
    ranges: tuple[tuple[Clock, Clock], ...]  # the ranges of hours said, in order
    continuous: bool  # said to run without a break


def stated_schedule(text: str) -> Optional[StatedSchedule]:
    """The days and hours ``text`` states as a schedule, or None when it states no range (a moment alone, « à 17 h »,
    is not a schedule)."""
    words = normalise(text)
    days: tuple[int, ...] = ()
    said = _DAY_RANGE.search(words)
    if said is not None:
        first, last = DAY_NAMES.index(said.group(1)), DAY_NAMES.index(said.group(2))
        days = tuple(range(first, last + 1)) if first < last else ()
    ranges = []
    for found in _RANGE.finditer(text):
        opening, closing = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        start, end = _clock(opening), _clock(closing)
        if start is not None and end is not None and start < end:
            ranges.append((start, end))
    if not days and not ranges:
        return None
    return StatedSchedule(days=days, ranges=tuple(ranges), continuous=bool(_CONTINUOUS.search(words)))


def matches(line: SupportLine, stated: StatedSchedule, *, state: bool) -> bool:
    """Whether the line keeps the schedule stated.

    Asked as a state (« ouverte de 9 h à 12 h ? », « joignable du lundi au samedi ? »), the line must be open every
    minute of the hours said on every day said. Stated as its schedule (« c'est bien de 8 h à 17 h 30 ? »), the days
    and hours must be the line's: one range spanning them is its day, break included, unless said without a break.
    """
    hours = _line_ranges(line)
    if state:
        days = stated.days or line.days
        minutes = [m for start, end in stated.ranges for m in range(_minute(start), _minute(end))]
        if stated.continuous and not stated.ranges:
            minutes = list(range(_minute(hours[0][0]), _minute(hours[-1][1]))) if hours else []
        return set(days) <= set(line.days) and all(any(_minute(s) <= m < _minute(e) for s, e in hours) for m in minutes)
    if stated.days and set(stated.days) != set(line.days):
        return False
    if stated.continuous and len(hours) > 1:
        return False
    if not stated.ranges:
        return True
    spanning = len(stated.ranges) == 1 and hours and stated.ranges[0] == (hours[0][0], hours[-1][1])
    return set(stated.ranges) == set(hours) or bool(spanning)


def breaks(line: SupportLine) -> list[str]:
    """The line's breaks within the day, in words (« de 12 h 30 à 13 h 30 »)."""
    hours = _line_ranges(line)
    return [f"de {format_clock(time(*end))} à {format_clock(time(*start))}"
            for (_, end), (start, _) in zip(hours, hours[1:])]


def _line_ranges(line: SupportLine) -> list[tuple[Clock, Clock]]:
    return [(_iso(start), _iso(end)) for start, end in line.hours]


def _minute(clock: Clock) -> int:
    return clock[0] * 60 + clock[1]


def _iso(value: str) -> Clock:
    moment = time.fromisoformat(value)
    return moment.hour, moment.minute


def _clock(said: str) -> Optional[Clock]:
    found = clocks(said)
    return found[0][1] if found else None

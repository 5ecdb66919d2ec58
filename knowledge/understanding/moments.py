"""The moments of the day a message names (« à 17 h 15 », « à midi », « entre midi et deux »), for the checks of a
line's hours (:mod:`hours`). Language, not facts: the lines' hours themselves are in support_lines.yml.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from knowledge.normalise import normalise
from knowledge.schedule import DAY_NAMES, MONTH_NAMES, upcoming_holidays

Clock = tuple[int, int]

# (« 8 h », « 8h30 », « 8:30 »; a colon alone is punctuation: « la salle 2 : l'ancien … » names no moment.)
_DIGITS = re.compile(r"\b(\d{1,2})(?:\s*h\s*(\d{2})?|:(\d{2}))\b", re.IGNORECASE)
# « midi », « midi et demi », « midi et quart », « minuit »; « entre midi et deux » is the lunch break, 12 h to 14 h.
# (« l'après-midi » is no moment of the clock: the afternoon, not noon.)
_WORDS = re.compile(r"(?<!après-)(?<!après )(?<!apres-)(?<!apres )\b(midi|minuit)(?:\s+et\s+(demie?|quart|deux))?\b", re.IGNORECASE)
_PAST = {None: 0, "demi": 30, "demie": 30, "quart": 15}
# « une heure et demie », « deux heures »: said of office hours, one to seven is the afternoon.
_SPOKEN = re.compile(r"\b(une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze)\s+heures?(?:\s+et\s+(demie?|quart))?\b",
                     re.IGNORECASE)
_NUMBERS = {"une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
            "dix": 10, "onze": 11}
_STORY = frozenset({"depuis", "hier"})
# Words after which a moment is when a fault began or a deadline, not a moment asked about (« d'ici » is « d ici »).
_STORY_START = frozenset({"depuis", "avant", "ici"})
_BETWEEN = re.compile(r"\bentre\b", re.IGNORECASE)


def clocks(text: str) -> list[tuple[int, Clock]]:
    """Every moment of the day ``text`` names, with where it starts, in order."""
    found = [(m.start(), (int(m.group(1)), int(m.group(2) or m.group(3) or 0))) for m in _DIGITS.finditer(text)
             if 0 <= int(m.group(1)) <= 23]
    for m in _WORDS.finditer(text):
        hour = 12 if m.group(1).lower() == "midi" else 0
        after = (m.group(2) or "").lower() or None
        if after == "deux":
            found += [(m.start(), (hour, 0)), (m.start(2), (14, 0))]
        else:
            found.append((m.start(), (hour, _PAST[after])))
    for m in _SPOKEN.finditer(text):
        hour = _NUMBERS[m.group(1).lower()]
        found.append((m.start(), (hour + 12 if hour < 8 else hour, _PAST[(m.group(2) or "").lower() or None])))
    # « coupée depuis hier midi », « en panne depuis 8 h »: when a fault began, not a moment asked about.
    return sorted((start, clock) for start, clock in found if not _STORY & set(text[:start].lower().split()[-2:]))


# Words of a moment told after « depuis » (« depuis lundi », « depuis ce matin », « depuis le week-end dernier »).
_STORY_MOMENT = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "ce", "cette", "le",
                           "la", "matin", "soir", "midi", "hier", "avant", "week", "end", "weekend", "semaine",
                           "dernier", "derniere", "aujourd", "hui", "tout", "a", "l", "heure"})


def without_story(tokens: list[str]) -> list[str]:
    """Normalised ``tokens`` without the moment a fault began (« le wifi passe pas depuis lundi »: that « lundi » asks
    no opening hours) or a deadline (« un souci à régler avant lundi », « d'ici lundi »), nor « hier » (always the
    past)."""
    kept, told = [], False
    for token in tokens:
        if token in _STORY_START:
            told = True
            continue
        if told and token in _STORY_MOMENT:
            continue
        told = False
        if token != "hier":
            kept.append(token)
    return kept


def asked_before(text: str) -> bool:
    """Whether the first moment named is asked « avant » (« on peut appeler avant 8 h ? »)."""
    found = clocks(text)
    return bool(found) and text[:found[0][0]].lower().split()[-1:] == ["avant"]


def first_clock(text: str) -> Optional[Clock]:
    """The first moment named, if any (« ouvert à 17 h 15 ? »)."""
    found = clocks(text)
    return found[0][1] if found else None


# Parts of the day (« le soir », « cet aprem », « la nuit ») and the stretch each stands for when a line's hours are
# checked: « dispo le soir ? » asks whether the line answers at some point then. Language, not facts.
_PARTS = re.compile(r"(?:\b(depuis|hier)\s+)?\b(?:le|ce|cet|cette|en|la|l'|l’|dans la|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*"
                    r"(matin|matinee|matinée|apres-midi|après-midi|apres midi|après midi|aprem|aprèm|soir|soiree|soirée|nuit)\b",
                    re.IGNORECASE)
_DAY_NAMES = frozenset(DAY_NAMES)
# Office parts of the day: « le matin » is 9 h to noon, « l'après-midi » 14 h to 17 h, the lunch break noon to 14 h.
_PART_HOURS = {"matin": ((9, 0), (12, 0)), "apres": ((14, 0), (17, 0)), "aprem": ((14, 0), (17, 0)),
               "soir": ((18, 0), (23, 0)), "nuit": ((0, 0), (6, 0))}
LUNCH_BREAK: tuple[Clock, Clock] = ((12, 0), (14, 0))
_LUNCH = re.compile(r"(?:(?:a |à )?l'?\s*heure du|pause(?: de| du)?|(?:pendant |a |à )?la pause(?: de| du)?)\s*"
                    r"(?:dej|déj|dejeuner|déjeuner|dejeune|midi|repas)\b|\ble midi\b", re.IGNORECASE)


def part_of_day(text: str) -> Optional[tuple[str, tuple[Clock, Clock]]]:
    """The part of the day a message asks about, as typed (« le soir »; after a day, the part alone: « mercredi
    après-midi » gives « après-midi »), with its stretch; None when there is none or it tells when a fault began
    (« depuis ce matin »)."""
    lunch = _LUNCH.search(text)
    if lunch:
        return lunch.group(0).strip().lower(), LUNCH_BREAK
    for found in _PARTS.finditer(text):
        if found.group(1):
            continue
        word = found.group(2).lower().replace("è", "e").replace("é", "e")
        key = next(k for k in _PART_HOURS if word.startswith(k))
        said = found.group(0).strip().lower()
        return (found.group(2).lower() if said.split()[0] in _DAY_NAMES else said), _PART_HOURS[key]
    return None


def span(text: str) -> Optional[tuple[Clock, Clock]]:
    """« entre 12 h 30 et 13 h 30 », « entre midi et deux »: the stretch of time asked about, in order."""
    between = _BETWEEN.search(text)
    if between is None:
        return None
    after = [clock for start, clock in clocks(text) if start > between.start()]
    if len(after) < 2 or after[0] >= after[1]:
        return None
    return after[0], after[1]


# « le 14 juillet », « le 1er mai », « le 24 décembre »: a date of the calendar (the next one to come).
_MONTH_NUMBERS = {normalise(name): number for number, name in enumerate(MONTH_NAMES, start=1)}
_DATE = re.compile(r"\b(1er|\d{1,2})\s+(" + "|".join(_MONTH_NUMBERS) + r")\b")


def date_named(text: str, today: date) -> Optional[date]:
    """The next date ``text`` names, by day and month (« le 14 juillet ») or by a public holiday's name (« à la
    Toussaint », « le lundi de Pâques »: the names come from the ``holidays`` package); None when it names none, or
    only the day a fault began (« depuis le 3 décembre »)."""
    words = normalise(text)
    found = _DATE.search(words)
    if found is not None:
        if _STORY_START & set(words[:found.start()].split()[-2:]):
            return None
        day, month = 1 if found.group(1) == "1er" else int(found.group(1)), _MONTH_NUMBERS[found.group(2)]
        for year in (today.year, today.year + 1):
            try:
                named = date(year, month, day)
            except ValueError:
                return None
            if named >= today:
                return named
        return None
    padded = f" {words} "
    return next((day for day, name in upcoming_holidays(today) if f" {normalise(name)} " in padded), None)

"""Opening hours of the two phone lines of article 4, public holidays and daylight-saving time."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import holidays
import pytest

from knowledge.query import line_open
from knowledge.schedule import PARIS, format_clock, format_when, holiday_name, line_status, now_paris

UTC = timezone.utc


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def status(kb, line, moment):
    return line_status(kb.support_lines[line], moment)


# --------------------------------------------------------------------------- a plain week

@pytest.mark.parametrize(("moment", "departement", "academie"), [
    (paris(2026, 11, 30, 10, 0), True, True),     # Monday morning
    (paris(2026, 11, 30, 12, 45), False, True),   # the Département's lunch break
    (paris(2026, 11, 30, 12, 30), False, True),   # closing minute is closed
    (paris(2026, 11, 30, 13, 30), True, True),    # reopening minute is open
    (paris(2026, 11, 30, 8, 15), False, True),    # Académie opens at 8:00, Département at 8:30
    (paris(2026, 11, 30, 7, 59), False, False),
    (paris(2026, 12, 4, 16, 59), True, True),     # Friday afternoon
    (paris(2026, 12, 4, 17, 15), False, True),    # Académie until 17:30
    (paris(2026, 12, 4, 17, 30), False, False),
    (paris(2026, 12, 5, 10, 0), False, False),    # Saturday
    (paris(2026, 12, 6, 10, 0), False, False),    # Sunday
])
def test_open_or_closed(kb, moment, departement, academie):
    assert status(kb, "departement", moment).is_open is departement
    assert status(kb, "academie", moment).is_open is academie


def test_lunch_break_reopens_the_same_day(kb):
    moment = paris(2026, 11, 30, 12, 45)
    closed = status(kb, "departement", moment)
    assert closed.next_open == paris(2026, 11, 30, 13, 30)
    assert closed.holiday == ""
    assert closed.describe(moment) == "C'est fermé en ce moment (hors horaires) : réouverture aujourd'hui à 13 h 30."
    open_ = status(kb, "academie", moment)
    assert open_.closes_at == paris(2026, 11, 30, 17, 30)
    assert open_.describe(moment) == "C'est ouvert en ce moment (jusqu'à 17 h 30)."


def test_open_line_says_when_it_closes(kb):
    moment = paris(2026, 11, 30, 10, 0)
    assert status(kb, "departement", moment).describe(moment) == "C'est ouvert en ce moment (jusqu'à 12 h 30)."
    afternoon = paris(2026, 11, 30, 15, 0)
    assert status(kb, "departement", afternoon).closes_at == paris(2026, 11, 30, 17, 0)


def test_saturday_reopens_monday(kb):
    saturday = paris(2026, 12, 5, 10, 0)
    departement = status(kb, "departement", saturday)
    assert departement.next_open == paris(2026, 12, 7, 8, 30)
    assert departement.describe(saturday) == (
        "C'est fermé en ce moment (hors horaires) : réouverture lundi 7 décembre à 8 h 30.")
    assert status(kb, "academie", saturday).next_open == paris(2026, 12, 7, 8, 0)


def test_friday_evening_reopens_monday(kb):
    friday = paris(2026, 12, 4, 18, 0)
    assert status(kb, "departement", friday).next_open == paris(2026, 12, 7, 8, 30)


def test_sunday_evening_says_tomorrow(kb):
    sunday = paris(2026, 12, 6, 20, 0)
    assert status(kb, "academie", sunday).describe(sunday).endswith("réouverture demain à 8 h.")


# --------------------------------------------------------------------------- French public holidays

@pytest.mark.parametrize(("day", "reopens"), [
    (date(2026, 7, 14), date(2026, 7, 15)),     # Fête nationale, a Tuesday
    (date(2026, 12, 25), date(2026, 12, 28)),   # Noël, a Friday: reopens Monday
    (date(2027, 3, 29), date(2027, 3, 30)),     # Lundi de Pâques 2027
    (date(2027, 5, 6), date(2027, 5, 7)),       # Ascension 2027 (Thursday)
    (date(2027, 5, 17), date(2027, 5, 18)),     # Lundi de Pentecôte 2027
    (date(2026, 5, 1), date(2026, 5, 4)),       # Fête du Travail, a Friday
])
def test_closed_on_public_holidays(kb, day, reopens):
    assert day in holidays.France(years=day.year)
    moment = datetime(day.year, day.month, day.day, 10, 0, tzinfo=PARIS)
    for line, opening in (("departement", (8, 30)), ("academie", (8, 0))):
        result = status(kb, line, moment)
        assert not result.is_open
        assert result.holiday == holiday_name(day) != ""
        assert result.next_open == datetime(reopens.year, reopens.month, reopens.day, *opening, tzinfo=PARIS)
        assert "jour férié" in result.describe(moment)


def test_holiday_names_are_french(kb):
    assert holiday_name(date(2026, 12, 25)) == "Noël"
    assert holiday_name(date(2026, 7, 14)) == "Fête nationale"
    assert holiday_name(date(2027, 5, 6)) == "Ascension"
    assert holiday_name(date(2026, 12, 24)) == ""
    moment = paris(2026, 12, 25, 10, 0)
    assert status(kb, "departement", moment).describe(moment) == (
        "C'est fermé en ce moment (jour férié : Noël) : réouverture lundi 28 décembre à 8 h 30.")


def test_christmas_eve_evening_skips_christmas(kb):
    moment = paris(2026, 12, 24, 18, 0)
    assert status(kb, "departement", moment).next_open == paris(2026, 12, 28, 8, 30)


def test_holiday_bridge_over_a_long_weekend(kb):
    # Ascension Thursday 14 May 2026: the Friday is a working day.
    moment = paris(2026, 5, 13, 18, 0)
    assert status(kb, "academie", moment).next_open == paris(2026, 5, 15, 8, 0)


# --------------------------------------------------------------------------- daylight-saving time

def test_spring_forward(kb):
    """Summer time starts on Sunday 29 March 2026: 8:45 in Paris is 07:45 UTC before, 06:45 UTC after."""
    before = datetime(2026, 3, 27, 7, 45, tzinfo=UTC)   # Friday 8:45 CET
    after = datetime(2026, 3, 30, 6, 45, tzinfo=UTC)    # Monday 8:45 CEST
    too_early = datetime(2026, 3, 30, 6, 15, tzinfo=UTC)  # Monday 8:15 CEST
    assert status(kb, "departement", before).is_open
    assert status(kb, "departement", after).is_open
    closed = status(kb, "departement", too_early)
    assert not closed.is_open
    assert closed.next_open == paris(2026, 3, 30, 8, 30)
    assert closed.next_open.utcoffset() == timedelta(hours=2)
    # Across the switch: Saturday (winter time) to Monday (summer time).
    weekend = status(kb, "departement", paris(2026, 3, 28, 12, 0))
    assert weekend.next_open.astimezone(UTC) == datetime(2026, 3, 30, 6, 30, tzinfo=UTC)


def test_fall_back(kb):
    """Winter time starts on Sunday 25 October 2026: Monday 8:30 in Paris is 07:30 UTC."""
    weekend = status(kb, "departement", paris(2026, 10, 24, 12, 0))
    assert weekend.next_open.astimezone(UTC) == datetime(2026, 10, 26, 7, 30, tzinfo=UTC)
    assert weekend.next_open.utcoffset() == timedelta(hours=1)
    assert status(kb, "academie", datetime(2026, 10, 26, 7, 5, tzinfo=UTC)).is_open  # 8:05 CET
    assert not status(kb, "academie", datetime(2026, 10, 23, 5, 55, tzinfo=UTC)).is_open  # 7:55 CEST
    assert status(kb, "academie", datetime(2026, 10, 23, 15, 25, tzinfo=UTC)).is_open  # 17:25 CEST


def test_switch_in_2027_last_sundays(kb):
    # 28 March and 31 October 2027 are the last Sundays of their months.
    assert status(kb, "departement", datetime(2027, 3, 26, 16, 30, tzinfo=UTC)).is_open is False  # 17:30 CET
    assert status(kb, "departement", datetime(2027, 3, 31, 14, 30, tzinfo=UTC)).is_open is True  # 16:30 CEST
    assert status(kb, "departement", datetime(2027, 11, 2, 15, 30, tzinfo=UTC)).is_open is True  # 16:30 CET
    assert status(kb, "departement", datetime(2027, 10, 29, 15, 30, tzinfo=UTC)).is_open is False  # 17:30 CEST


def test_naive_time_is_read_as_paris(kb):
    naive = datetime(2026, 11, 30, 12, 45)
    assert status(kb, "departement", naive).is_open is False
    assert status(kb, "academie", naive).is_open is True


# --------------------------------------------------------------------------- French texts

def test_format_clock_writes_hours_like_the_agreement():
    assert format_clock(paris(2026, 1, 5, 8, 30)) == "8 h 30"
    assert format_clock(paris(2026, 1, 5, 17, 0)) == "17 h"
    assert format_clock(paris(2026, 1, 5, 13, 5)) == "13 h 05"


def test_format_when():
    now = paris(2026, 12, 3, 18, 0)  # Thursday
    assert format_when(paris(2026, 12, 3, 19, 0), now) == "aujourd'hui à 19 h"
    assert format_when(paris(2026, 12, 4, 8, 30), now) == "demain à 8 h 30"
    assert format_when(paris(2026, 12, 7, 8, 0), now) == "lundi 7 décembre à 8 h"
    assert format_when(paris(2027, 8, 16, 8, 0), now) == "lundi 16 août à 8 h"


def test_lines_without_hours(kb):
    moment = paris(2026, 11, 30, 10, 0)
    for line in ("canope", "college"):
        result = status(kb, line, moment)
        assert result.has_hours is False and result.is_open is False
        assert result.describe(moment) == "La convention ne précise pas d'horaires pour cette ligne."


def test_line_open_through_the_query_api(kb):
    assert line_open(kb, "departement", paris(2026, 11, 30, 10, 0)).is_open
    assert not line_open(kb, "departement", paris(2026, 11, 30, 12, 45)).is_open


def test_now_paris_can_be_pinned(monkeypatch):
    monkeypatch.setenv("BOT_FIXED_NOW", "2026-11-30T12:45:00")
    assert now_paris() == paris(2026, 11, 30, 12, 45)
    monkeypatch.delenv("BOT_FIXED_NOW")
    assert now_paris().tzinfo is PARIS

"""Issue 11, class 6: a line's schedule stated in a check (days from one to another, hours as ranges) is compared
with the line's as a whole (article 4), not read as two days and one moment: « du lundi au vendredi » is every day
between, « de 8 h 30 à 17 h sans interruption » is a day without a break. Examples written for these tests from the
agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.stated_hours import stated_schedule


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # a Wednesday morning


def test_a_range_of_days_is_every_day_between():
    stated = stated_schedule("ils répondent du mardi au jeudi ?")
    assert stated is not None and stated.days == (1, 2, 3) and stated.ranges == ()


def test_hours_typed_with_a_dash_are_a_range():
    stated = stated_schedule("c'est 9h-11h30 puis 14h-16h ?")
    assert stated is not None and stated.ranges == (((9, 0), (11, 30)), ((14, 0), (16, 0)))


def test_a_moment_alone_is_no_schedule():
    assert stated_schedule("le Département répond à 16 h ?") is None


@pytest.mark.parametrize("text, verdict", [
    # Article 4: the Département « de 8 h 30 à 12 h 30 et de 13 h 30 à 17 h »: closed at lunch.
    ("le numéro du Département répond en continu de 8 h 30 à 17 h ?", "Non."),
    ("la DSI du Département, on l'a au téléphone de 8h30 à 17h non stop ?", "Non."),
    # The same days and both ranges stated.
    ("pour le Département les horaires c'est bien 8 h 30 - 12 h 30 puis 13 h 30 - 17 h ?", "Oui."),
    # Article 4: the Académie's platform « du lundi au vendredi de 8 h à 17 h 30 ».
    ("la plateforme de l'Académie tient une permanence du lundi au samedi ?", "Non."),
    ("plateforme de l'Académie : joignable de 10 h à 16 h ?", "Oui."),
])
def test_a_stated_schedule_gets_its_computed_verdict(kb, now, text, verdict):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(verdict), answer.text
    assert "article-4" in answer.articles


def test_the_missed_break_is_said(kb, now):
    answer = answer_question(kb, "le Département décroche sans interruption de 8h30 à 17h ?", now=now)
    assert answer.text.startswith("Non.") and "fermée de 12 h 30 à 13 h 30" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "le Département doit réparer en moins de 24 h une imprimante en panne ?",
    "une panne de serveur est prise en charge sous 72h ?",
])
def test_a_count_of_hours_is_still_a_delay_the_text_leaves_open(kb, now, text):
    # Hours of the clock (« de 8 h 30 à 17 h ») are no delay; a count of hours is one, which article 4 does not give.
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_number_checked_beside_an_hour_gets_its_own_yes(kb, now):
    # Article 4: 05.49.06.63.60 is the Département's line, which opens at 8 h 30.
    answer = answer_question(kb, "1) le 05.49.06.63.60 c'est bien le Département ? 2) ça ouvre à 8h ?", now=now)
    assert answer.text.startswith("Oui pour le numéro"), answer.text
    assert "Pour l'horaire : Non." in answer.text

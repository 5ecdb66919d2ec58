"""Moments of the day in a message (issue 11, class 6: checks of a line's hours). Article 4: the Département's line
« du lundi au vendredi de 8 h 30 à 12 h 30 et de 13 h 30 à 17 h », the Académie's « du lundi au vendredi de 8 h à
17 h 30 ». Examples written for these tests, never copied from an evaluation file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.moments import first_clock, span

# A Wednesday evening: the line's state now must not leak into a check of another moment.
NOW = datetime(2026, 12, 2, 19, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, clock", [
    ("ouvert à midi ?", (12, 0)), ("à midi et demi ?", (12, 30)), ("vers 17h15 ?", (17, 15)),
    ("à une heure et demie ?", (13, 30)), ("en panne depuis hier midi", None), ("coupé depuis 8 h", None),
    ("qui appeler mercredi après-midi ?", None), ("joignable l'apres midi ?", None),  # the afternoon, not noon
])
def test_the_moment_named(text, clock):
    assert first_clock(text) == clock


@pytest.mark.parametrize("text, stretch", [
    ("fermé entre midi et deux ?", ((12, 0), (14, 0))),
    ("entre 12h30 et 13 h 30 ?", ((12, 30), (13, 30))),
    ("ouvert à 9 h ?", None),
])
def test_the_stretch_asked(text, stretch):
    assert span(text) == stretch


@pytest.mark.parametrize("text, lead, state", [
    ("la hotline du Département est bien fermée entre midi et demi et 13h30 ?", "Oui.", "fermée entre 12 h 30 et 13 h 30"),
    ("la hotline du Département coupe entre midi et demi et une heure et demie ?", "Oui.", "fermée"),
    ("la hotline du Département est ouverte entre 9h et 11h ?", "Oui.", "ouverte entre 9 h et 11 h"),
    ("la hotline du Département répond entre midi et deux ?", "", "ouverte en partie seulement"),
])
def test_a_stretch_of_the_day_is_checked_whole(kb, text, lead, state):
    answer = answer_question(kb, text, now=NOW)
    assert answer.text.startswith(lead or "Assistance du Département"), answer.text
    assert state in answer.text and "article-4" in answer.articles, answer.text


def test_when_a_fault_began_asks_no_hours(kb):
    answer = answer_question(kb, "la ligne est coupée depuis hier midi", now=NOW)
    assert not answer.text.startswith(("Oui", "Non")) and "article-4" not in answer.articles, answer.text


def test_a_fault_asked_with_a_moment_gets_the_lines_state_then(kb):
    # Article 3: the servers are the Département's; article 4: its line is open « du lundi au vendredi ». Asked
    # about a Saturday, the reply gives the line's state then, not its state on the Wednesday evening the question
    # is asked.
    answer = answer_question(kb, "si le serveur tombe samedi matin, qui appeler ?", now=NOW)
    assert "departement" in answer.parties and "article-3" in answer.articles, answer.text
    assert "Cette ligne est fermée le samedi." in answer.text and "en ce moment" not in answer.text, answer.text


def test_assistance_outside_the_lines_hours_is_a_point_the_text_leaves_open(kb):
    # Article 4 gives days and hours only; who helps « le soir ou le week-end » is not said (inferences.yml
    # sil-assistance-hors-horaires): no party is named for it, and the hours the text gives are quoted.
    answer = answer_question(kb, "qui appeler le soir ou le week-end si le serveur tombe ?", now=NOW)
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert "du lundi au vendredi de 8 h 30 à 12 h 30" in answer.text and "article-4" in answer.articles, answer.text


def test_someone_sent_outside_the_hours_is_no_question_of_the_lines_hours(kb):
    # « un technicien d'astreinte » asks for an on-call service, which article 4 neither provides nor excludes: the
    # line's being closed that day answers no « Non ».
    answer = answer_question(kb, "pour le forum des métiers samedi, le CD peut envoyer un technicien d'astreinte ?", now=NOW)
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert not answer.text.startswith("Non") and "du lundi au vendredi" in answer.text, answer.text


def test_whether_the_line_answers_then_gets_a_computed_no(kb):
    answer = answer_question(kb, "le serveur est en panne, la hotline du département est ouverte le samedi ?", now=NOW)
    assert answer.text.startswith("Non. Assistance du Département des Deux-Sèvres : fermée le samedi"), answer.text
    assert "article-3" in answer.articles, answer.text


def test_a_moment_beside_who_acts_gets_no_verdict_from_the_hours(kb):
    # « le Département intervient ? » asks who acts; its line being closed on Sunday does not answer « Non ».
    answer = answer_question(kb, "si le serveur plante un dimanche, le Département intervient ?", now=NOW)
    assert not answer.text.startswith("Non"), answer.text
    assert "Cette ligne est fermée le dimanche." in answer.text, answer.text


def test_closing_on_public_holidays_is_said_as_an_inference(kb):
    # Article 4 gives weekdays and hours only: closed on a public holiday is inferred (inferences.yml), and said so.
    answer = answer_question(kb, "la hotline du Département est ouverte le samedi ?", now=NOW)
    assert answer.text.startswith("Non.") and "La convention ne le dit pas expressément" in answer.text, answer.text


def test_a_check_of_the_lines_state_over_a_stretch_is_an_hours_check(kb):
    # « c'est bien ça ? » asks a check of a fact; over a stretch of the day with a word of the line's state, the
    # Département's hours (« de 8 h 30 à 12 h 30 et de 13 h 30 à 17 h ») decide it.
    answer = answer_question(kb, "entre midi et demi et 13h30 la hotline du Département est coupée, c'est bien ça ?",
                             now=NOW)
    assert answer.text.startswith("Oui.") and "fermée entre 12 h 30 et 13 h 30" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "y a-t-il une astreinte le week-end en cas de panne du réseau ?",
    # a line asked for the night, beside a fault that might happen: no declaration offered (it was, for the fault)
    "est-ce qu'il existe une permanence la nuit si le réseau tombe pendant un examen ?",
    "il y a un numéro le dimanche si l'ENT plante avant la rentrée ?",
])
def test_an_on_call_service_asked_for_a_fault_is_a_point_the_text_leaves_open(kb, text):
    # Article 4 gives the lines' weekdays and hours; no on-call service (« astreinte ») for a fault at the week-end.
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "not_specified" and not answer.parties and not answer.choices, answer.text


def test_a_line_named_and_asked_for_the_evening_is_its_hours(kb):
    # Article 4: the Département's line answers until 17 h; « le numéro du Département » is the line, not an on-call one.
    answer = answer_question(kb, "le numéro du Département, on peut l'appeler le soir ?", now=NOW)
    assert answer.text.startswith("Non.") and "article-4" in answer.articles, answer.text

"""Issue 11, checks of a fact: a closed question on a quantity of the agreement gets a computed « Oui » or
« Non » (its term, its notice, how often its bodies meet); a time asked about a thing, not about the
agreement, is a point the text leaves open. Examples written for these tests from the agreement text,
never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.fact_check import Quantity, quantities, verdict


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


def test_quantities_read_numbers_in_words_and_figures_with_their_unit():
    assert quantities("conclue pour une période de 2 ans") == [Quantity(frozenset({2}), "an")]
    assert quantities("un préavis de trois mois") == [Quantity(frozenset({3}), "mois")]
    assert quantities("à raison d'une ou 2 fois l'an") == [Quantity(frozenset({1, 2}), "fois/an")]
    assert quantities("au moins une fois par an") == [Quantity(frozenset({1}), "fois/an", bounded=True)]


def test_a_bound_or_a_missing_unit_gives_no_verdict():
    assert verdict(quantities("3 fois par an"), quantities("au moins une fois par an")) == (None, None)
    assert verdict(quantities("3 semaines"), quantities("2 mois")) == (None, None)


@pytest.mark.parametrize("text, lead, article", [
    ("la convention est signée pour 4 ans ?", "Non : 2 ans, et non 4 ans.", "article-12"),
    ("elle dure bien deux ans cette convention ?", "Oui.", "article-12"),
    ("pour résilier la convention il faut prévenir 6 mois avant ?", "Non : 2 mois, et non 6 mois.", "article-13"),
    ("on doit prévenir deux mois avant de résilier la convention ?", "Oui.", "article-13"),
])
def test_a_quantity_checked_is_answered_from_the_record(kb, now, text, lead, article):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(lead), answer.text
    assert article in answer.articles
    assert answer.yes_no == lead[:3].strip(" .:").lower()


def test_a_closed_question_without_a_quantity_keeps_the_record_without_a_verdict(kb, now):
    answer = answer_question(kb, "la convention peut être modifiée par avenant ?", now=now)
    assert not answer.text.startswith(("Oui", "Non")), answer.text


@pytest.mark.parametrize("text", [
    "combien de temps faut-il au Département pour réparer un ordinateur ?",
    "la pose d'un vidéoprojecteur prend combien de temps ?",
    "l'intervention sur le réseau dure combien de temps en général ?",
])
def test_a_time_asked_about_a_thing_is_not_the_agreements_term(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified", answer.text
    assert answer.text.startswith("La convention ne précise pas de délai"), answer.text
    assert "article-12" not in answer.articles and not answer.parties


@pytest.mark.parametrize("text, article", [
    ("la convention dure combien de temps ?", "article-12"),
    ("combien de temps avant faut-il prévenir pour résilier ?", "article-13"),
])
def test_a_time_asked_about_the_agreement_is_its_term_or_notice(kb, now, text, article):
    answer = answer_question(kb, text, now=now)
    assert answer.articles == [article], answer.text


# ------------------------------------------------------------------ a count or a date the record does not give
def test_a_date_the_record_does_not_give_is_said_missing_naming_no_one(kb, now):
    answer = answer_question(kb, "la prochaine réunion du GTI, c'est quelle date ?", now=now)
    assert answer.text.startswith("La convention ne précise pas ce point. Ce qu'elle dit de plus proche"), answer.text
    assert "article-11" in answer.articles and not answer.parties


def test_a_frequency_answers_when_and_a_blank_date_is_already_said(kb, now):
    assert answer_question(kb, "le groupe de travail informatique se réunit quand ?", now=now).kind == "agreement"
    signed = answer_question(kb, "la convention a été signée à quelle date ?", now=now)
    assert "laissée en blanc" in signed.text and not signed.text.startswith("La convention ne précise pas")


def test_a_date_asked_about_a_duty_that_the_record_does_not_give_is_said_missing(kb, now):
    answer = answer_question(kb, "la prochaine mise à jour de l'antivirus sur les postes, c'est à quelle date ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


def test_a_verb_that_happens_to_be_date_asks_no_date(kb, now):
    answer = answer_question(kb, "qui remet à niveau le câblage ? le nôtre date des années 90", now=now)
    assert "departement" in answer.parties, answer.text

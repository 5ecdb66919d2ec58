"""Issue 11, class 6: a line's hours asked « jusqu'à quand » and its web address asked without a question word are
questions on the line (article 4), not on the agreement's term nor an unrecognised message. Examples written for
these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # a Wednesday morning


@pytest.mark.parametrize("text, hour", [
    # Article 4: the Département's line « de 8 h 30 à 12 h 30 et de 13 h 30 à 17 h ».
    ("le midi la hotline du Département s'arrête, elle reprend à quelle heure et jusqu'à quand ?", "17 h"),
    # Article 4: the Académie's platform « de 8 h à 17 h 30 ».
    ("la plateforme de l'académie répond jusqu'à quand le soir ?", "17 h 30"),
])
def test_until_when_a_line_answers_is_its_hours(kb, now, text, hour):
    answer = answer_question(kb, text, now=now)
    assert "article-4" in answer.articles and "article-12" not in answer.articles, answer.text
    assert hour in answer.text


def test_until_when_the_agreement_runs_is_still_its_term(kb, now):
    answer = answer_question(kb, "la convention court jusqu'à quand ?", now=now)
    assert "article-12" in answer.articles, answer.text


def test_the_web_address_of_the_intranet_is_not_given(names_no_party):
    # Article 4 names « un intranet de déclaration d'incident avec suivi en ligne », with no address.
    names_no_party("l'intranet pour déclarer un incident au Département, son url c'est laquelle ?", "not_specified")


@pytest.mark.parametrize("text", [
    # Article 4: « un intranet de déclaration d'incident avec suivi en ligne ». « y a moyen de » asks whether one can:
    # « moyen » is no thing the agreement leaves out.
    "après avoir signalé une panne au Département, il y a moyen de voir en ligne où elle en est ?",
    "on peut suivre en ligne les incidents déclarés au Département ?",
])
def test_the_online_follow_up_of_incidents_is_the_departement_s_intranet(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert "article-4" in answer.articles and "departement" in answer.parties, answer.text
    assert "suivi en ligne" in answer.text


def test_a_line_that_does_not_answer_said_in_the_subjunctive_is_its_hours(kb, now):
    # « réponde » was read as a misspelt « répondeur » (an option of the autocom, article 1): the line's hours answer.
    answer = answer_question(kb, "est-il normal que l'Académie ne réponde pas le jeudi à 10 h ?", now=now)
    assert "article-4" in answer.articles and "05.16.52.66.86" in answer.text and "article-1" not in answer.articles, answer.text


@pytest.mark.parametrize("text, lead", [
    # Article 4: the Département's line closes « de 12 h 30 » to « 13 h 30 ». The closed state offered after « ou » is
    # the other answer: « can I call then » gets « Non » (it had « Oui », the answer to « is it closed »).
    ("on peut joindre l'assistance du Département à 13 h 10 ou c'est fermé ?", "Non"),
    # « c fermé » typed without its accent is the state (« c'est fermé »), not the time the line closes.
    ("l'assistance du Département c ferme à 13 h 10 ?", "Oui"),
    # Article 4: the Académie's platform « de 8 h à 17 h 30 »: open at 16 h 40.
    ("je peux appeler la plateforme de l'Académie à 16 h 40 ou ce sera fermé ?", "Oui"),
])
def test_a_closed_state_offered_after_or_leaves_the_question_before_it(kb, now, text, lead):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(f"{lead}.") and "article-4" in answer.articles, answer.text


def test_both_states_named_get_no_yes_or_no(kb, now):
    answer = answer_question(kb, "l'assistance du Département est ouverte à 13 h 10 ou fermée ?", now=now)
    assert not answer.text.startswith(("Oui", "Non")) and "fermée à 13 h 10" in answer.text, answer.text

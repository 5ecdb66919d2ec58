"""Issue 11, class 3: who installs (or maintains) equipment the collège bought on its own funds depends on whether it
was bought within the référentiel (article 5, scenario 2: the Département) or outside it (scenario 3: the collège). A
question that says neither is asked back; each button leads to its case's answer. Examples written for these tests
from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text", [
    "les 3 imprimantes payées sur nos fonds propres, qui vient les installer ?",
    # The collège's money is its own funds, however it is called.
    "on a payé des tablettes avec l'argent du collège, qui vient les installer ?",
])
def test_the_case_left_out_is_asked_back_and_each_button_answers_it(kb, text):
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and not answer.parties and len(answer.choices) == 2, answer.text
    within, outside = (answer_question(kb, choice.payload) for choice in answer.choices)
    assert within.parties == ["departement"] and "article-5" in within.articles, within.text
    assert outside.parties == ["college"] and "article-5" in outside.articles, outside.text


def test_the_case_named_is_answered(kb, stated_parties):
    answer = answer_question(kb, "des vidéoprojecteurs achetés sur nos fonds propres hors référentiel, qui les installe ?")
    assert answer.kind != "clarify" and stated_parties(answer) == {"college"}, answer.text


def test_buying_itself_is_not_asked_back(kb):
    answer = answer_question(kb, "le collège a-t-il le droit d'acheter des tablettes sur ses fonds propres ?")
    assert answer.kind != "clarify", answer.text


def test_a_record_that_holds_within_the_referentiel_does_not_answer_for_equipment_bought_outside_it(kb):
    # Article 6: « en cas d'acquisition sur fonds propres dans le cadre du référentiel de service, l'établissement
    # devra déclarer … » says nothing of equipment bought outside the référentiel: no « Oui », no party.
    outside = answer_question(kb, "des casques VR achetés hors référentiel avec notre budget, faut-il aussi les déclarer "
                                  "pour l'inventaire du Département ?")
    assert outside.kind == "not_specified" and not outside.parties and "article-6" in outside.articles, outside.text
    within = answer_question(kb, "des tablettes achetées sur nos fonds dans le référentiel, faut-il les déclarer pour l'inventaire ?")
    assert within.text.startswith("Oui") and "article-6" in within.articles, within.text


def test_maintenance_left_without_its_case_is_asked_back_too(kb):
    # Outside the référentiel the collège maintains (scenario 3); within it the text is silent on maintenance.
    answer = answer_question(kb, "les tablettes qu'on a payées sur nos fonds propres, qui doit les maintenir ?")
    assert answer.kind == "clarify" and not answer.parties and len(answer.choices) == 2, answer.text
    within, outside = (answer_question(kb, choice.payload) for choice in answer.choices)
    assert within.kind == "not_specified" and not within.parties, within.text
    assert outside.parties == ["college"] and "article-5" in outside.articles, outside.text

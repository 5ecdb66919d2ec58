"""Issue 11, class 2: a condition stated in a question (« si le Département refuse… », « en cas de refus… », or a
sentence telling the refusal before the question) picks the scenario of article 5 it names, and the verdict is about
the clause that asks under it. Examples written for these tests from the agreement text, never copied from an eval
file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, lead", [
    # Article 5, scenario 2: « refus du Département des Deux-Sèvres, le collège peut la prendre en charge sur fonds
    # propres mais dans le cadre du référentiel de services ».
    ("si le Département répond non à notre demande, on peut quand même payer le matériel nous-mêmes ?",
     "Oui. Scénario 2"),
    ("Si le Département refuse notre demande de tablettes, le collège peut les financer sur son budget ?",
     "Oui. Scénario 2"),
])
def test_the_condition_stated_picks_the_scenario(kb, now, text, lead):
    answer = answer_question(kb, text, intent="ask_procedure", now=now)
    assert answer.text.startswith(lead), answer.text
    assert answer.text.count("Scénario 2 : si le Département refuse") == 1


@pytest.mark.parametrize("text", [
    # The condition said without « si »: « en cas de … », « après … », or a sentence of its own before the question.
    # (« Non. Scénario 1 » was stated on the first: the agreement's scenario 2 says the collège may.)
    "en cas de refus du département, le collège peut acheter lui-même ?",
    "apres un refus du departement, on peut financer sur nos fonds ?",
    "Le Département a refusé notre demande de tablettes. On peut les acheter quand même ?",
    # The refusal told in a clause ended by a comma (« Oui. Scénario 1 : si le Département accepte » was stated).
    "le département a dit non pour nos vidéoprojecteurs, on peut les payer sur nos fonds ?",
    # The question is the last sentence: « refusée » names a request, but « payer » is what is asked (the reply
    # was « la convention ne dit pas qui formule la demande »).
    "Notre demande de PC a été refusée par le Département. Peut-on les financer nous-mêmes ?",
])
def test_a_refusal_told_without_si_picks_scenario_2(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("Oui. Scénario 2"), answer.text


def test_the_verdict_under_a_condition_is_about_the_main_clause(kb, now):
    # Scenario 1: « accord du Département, le collège est doté sur fonds du Département »: the collège asked about
    # in the main clause does not pay (the Département, named in the condition, is not the one asked about).
    answer = answer_question(kb, "si le Département accepte notre demande de matériel, on doit payer ?", now=now)
    assert answer.text.startswith("Non. Scénario 1"), answer.text


@pytest.mark.parametrize("text", [
    "si le département refuse, qu'est ce qu'on peut faire ?",
    "si jamais le Département refuse, on fait comment pour avoir le matériel ?",  # the procedure, led by it
    "qui paie les ordinateurs si le département refuse ?",  # the condition said last
])
def test_an_open_question_under_a_refusal_gets_scenario_2(kb, now, text):
    # « faire » had found scenario 1 (« accord du Département »), the very case the question rules out.
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("Scénario 2") and answer.articles == ["article-5"], answer.text
    assert answer.yes_no is None


def test_the_case_of_an_agreement_is_no_rule(kb, now):
    # Scenario 1 holds « si le Département accepte »; scenario 2 says it may refuse: no « Oui » to an obligation.
    answer = answer_question(kb, "le Département est obligé de nous équiper ?", now=now)
    assert not answer.text.startswith(("Oui", "Non")) and answer.yes_no is None, answer.text


def test_a_refusal_named_keeps_its_yes(kb, now):
    answer = answer_question(kb, "le département peut-il refuser notre demande de matériel ?", now=now)
    assert answer.text.startswith("Oui") and "article-5" in answer.articles, answer.text


def test_the_act_asked_under_the_condition_picks_the_record_of_that_case(kb, now):
    # Scenario 2 has two records: the collège may pay (« prendre en charge sur fonds propres ») and the Département
    # installs (« assurera l'installation »); the installation asked is the second one's.
    answer = answer_question(kb, "Quand le Département a refusé et qu'on paie dans le référentiel sur nos crédits, "
                                 "on n'a pas à faire l'installation nous-mêmes ?", now=now)
    assert "installation" in answer.text.split("(Article 5)")[0] and answer.parties == ["departement"], answer.text


def test_the_exception_of_another_partys_charge_supposed_met_is_a_yes_in_it(kb):
    # Article 5, scenario 3: « L'installation et la maintenance sont à la charge du collège sauf dans le cadre d'une
    # expérimentation concertée et validée par le Département. » Asked whether the Département may do it in that case.
    answer = answer_question(kb, "des tablettes achetées hors référentiel sur nos crédits : le Département peut les "
                                 "installer si c'est une expérimentation concertée avec lui ?")
    assert answer.text.startswith("Oui, dans l'exception") and answer.yes_no == "oui", answer.text
    assert "article-5" in answer.articles and "departement" in answer.parties, answer.parties


def test_the_exception_not_supposed_gets_no_yes(kb):
    answer = answer_question(kb, "des tablettes achetées hors référentiel sur nos crédits : le Département les installe ?")
    assert not answer.text.startswith("Oui"), answer.text


def test_the_predicate_asked_under_a_refusal_is_not_the_verb_of_a_relative_clause(kb, now):
    # « qu'on paie » only says which equipment; « qui l'installe » asks scenario 2's installation (the Département),
    # not its purchase on the collège's funds, which named the collège.
    answer = answer_question(kb, "en cas de refus du Département, qui installe les PC qu'on paie sur notre budget ?",
                             now=now)
    assert answer.parties == ["departement"] and "installation" in answer.text, answer.text


@pytest.mark.parametrize("text, lead", [
    # No comma after the condition, and « acheter » is scenario 1's act: the case named is still scenario 2's.
    ("si le département dit non à notre commande d'ordinateurs on peut les payer sur notre budget ?", "Oui. Scénario 2"),
    # Whether the Département may refuse: scenario 2 is the case of its refusal.
    ("est-ce que le département a le droit de refuser notre demande de tablettes ?", "Oui. Scénario 2"),
])
def test_the_case_named_picks_its_record_over_the_act(kb, now, text, lead):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(lead), answer.text
    assert "Scénario 1" not in answer.text


def test_a_refusal_told_first_is_compared_with_its_own_case(kb, now):
    # The Département refused; a check on another party paying is compared with scenario 2, not with the agreement.
    text = "Le département a refusé notre projet de classe mobile. Canopé peut-il payer les ordinateurs à sa place ?"
    answer = answer_question(kb, text, now=now)
    assert "Scénario 2" in answer.text and "Scénario 1" not in answer.text, answer.text

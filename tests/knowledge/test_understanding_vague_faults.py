"""Faults told without the thing that fails (issue 11, classes 1 and 5): what the writer cannot do is a fault, and the
question back offers first the thing a word of the message names alone among those a ticket can be declared on.
Examples written for these tests from the agreement, never copied from an eval file nor from the questions that found
the faults.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)  # a Tuesday morning


@pytest.mark.parametrize("text", [
    "je n'arrive pas à aller sur internet depuis la salle 4",
    "on ne parvient pas à se connecter au wifi du CDI",
    # the writer's own access lacking, told in the first person
    "je n'ai pas accès à internet en salle de techno",
    "nous n'avons pas d'accès à internet au CDI depuis lundi",
])
def test_what_the_writer_fails_to_do_is_a_fault_not_a_question(kb, text):
    # Article 2: the network is the Département's; a fault on it gets its line, never a Oui/Non on a prohibition.
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "support" and "departement" in answer.parties, answer.text
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_fault_on_an_unnamed_thing_offers_first_the_thing_its_words_point_to(kb):
    # « site » is a word of the filtering's terms alone (article 3: the Académie's « administration du filtrage »).
    answer = answer_question(kb, "le site de la bibliothèque ne s'ouvre plus chez nous", now=NOW)
    assert answer.choices and answer.choices[0].subject == "filtrage_internet", answer.choices


def test_a_word_shared_by_two_things_points_to_neither(kb):
    answer = answer_question(kb, "on n'arrive plus à rien faire en salle 3", now=NOW)
    assert answer.choices and answer.choices[0].subject == "materiel_informatique", answer.choices


def test_a_generic_word_of_another_thing_does_not_settle_an_open_word(kb):
    # « débloquer » is a weak word of the filtering (a site unblocked); beside « compte », whose readings are the
    # collège's accounts (article 3) and an Éducation nationale application's (article 4), it settles nothing.
    answer = answer_question(kb, "mon compte est verrouillé depuis lundi, qui peut me le débloquer ?", now=NOW)
    assert answer.kind == "clarify" and "filtrage_internet" not in {c.subject for c in answer.choices}, answer.text


def test_the_building_s_gate_opens_no_way_to_reach_a_line(kb):
    answer = answer_question(kb, "le portail de l'entrée des élèves s'ouvre plus depuis ce matin", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_whether_the_online_form_is_reachable_at_night_is_no_yes(kb):
    # Article 4 gives hours to the telephone lines only, none to the online form.
    answer = answer_question(kb, "le formulaire de l'académie est accessible de nuit ?", now=NOW)
    assert not answer.text.startswith(("Oui", "Non")) and answer.kind == "not_specified", answer.text


@pytest.mark.parametrize("text, party, article", [
    # Article 1: « les options spécifiques ou supplémentaires des autocommutateurs seront à la charge du collège ».
    ("un message d'attente enregistré sur le standard, qui le paie ?", "college", "article-1"),
    # A screen broken by a fall is a fault of the device (the Département's computers: « acquisition et maintenance »).
    ("la tablette de la salle 6 a l'écran éclaté, je le signale à qui ?", "departement", "article-4"),
])
def test_everyday_words_of_a_feature_or_a_breakage(kb, text, party, article):
    answer = answer_question(kb, text, now=NOW)
    assert party in answer.parties and article in answer.articles, answer.text

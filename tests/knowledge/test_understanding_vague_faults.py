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

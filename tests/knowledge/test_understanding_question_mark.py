"""Issue 11: a question typed without its question mark, as people type in a chat, is read as the same question
with it (question_mark.py); a fault told, a request or an order is not made a question. Examples written for these
tests, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.question_mark import questioned


@pytest.mark.parametrize("text, lead", [
    ("le preavis pour resilier la convention est bien de 3 mois", "Non : 2 mois"),  # a check stated
    ("la hotline du departement repond le samedi matin", "Non"),  # a check stated, with no marker at all
    ("canope fournit il les ordinateurs des salles", "Non"),  # an inversion typed without hyphens
    ("est ce que le departement installe le materiel dans les colleges", "Oui"),  # a closed question's opening
])
def test_a_question_without_its_question_mark_gets_the_answer_with_it(kb, text, lead):
    now = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)
    plain, marked = (answer_question(kb, t, now=now) for t in (text, f"{text} ?"))
    assert plain.text.startswith(lead), plain.text
    assert (plain.kind, plain.parties, plain.articles) == (marked.kind, marked.parties, marked.articles)


@pytest.mark.parametrize("text", [
    "le switch de la salle 5 est en panne",  # a fault told
    "je voudrais une prise reseau de plus en salle 12",  # a request
    "mettre a jour le logiciel de SVT sur les postes",  # an order
    "merci c'est bien",  # small talk
    # A relative « qui » opens no question; a fault said « jamais » is a fault.
    "le switch qui est dans la baie du premier ne marche plus",
    "plein de choses qui vont pas : l'imprimante, le wifi, les tablettes... rien ne marche jamais ici",
])
def test_what_does_not_ask_keeps_its_words(kb, text):
    assert questioned(kb, text) == text


def test_a_request_stated_gets_no_verdict(kb):
    # « nous demandons … » asks for something; no « ? » is put back, so no « Oui »/« Non » answers it.
    answer = answer_question(kb, "nous demandons l'installation d'un logiciel de géométrie en salle 14")
    assert not answer.text.startswith(("Oui", "Non")), answer.text

"""Issue 11: a question typed without accents is parsed as if typed with them (knowledge/understanding/accents.py).
Examples written for these tests, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.accents import restored


@pytest.mark.parametrize("typed, accented", [
    ("les nouveaux eleves du college", "les nouveaux élèves du collège"),
    ("le reseau du departement", "le réseau du département"),
    # French as typed: « ou » may be « or », « a » the verb, « cote » a rating: left alone.
    ("le departement ou l'academie a la cote", "le département ou l'académie a la cote"),
    ("Le Reseau", "Le Réseau"),  # the capital kept
    # The commonest words stay as typed (a rare misspelling shares their vector row); « deja » is still « déjà ».
    ("au CDI depuis ce matin, deja", "au CDI depuis ce matin, déjà"),
])
def test_accents_are_put_back_only_on_words_that_are_not_french_as_typed(spacy_loaded, typed, accented):
    assert restored(typed) == accented
    assert len(restored(typed)) == len(typed)  # the parse's offsets still point into the message as typed


def test_a_question_typed_without_accents_gets_the_answer_of_the_accented_one(kb):
    now = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)
    plain = answer_question(kb, "qui cree les comptes des nouveaux eleves a la rentree ?", now=now)
    accented = answer_question(kb, "qui crée les comptes des nouveaux élèves à la rentrée ?", now=now)
    assert "college" in plain.parties and "article-3" in plain.articles, plain.text
    assert (plain.kind, plain.parties, plain.articles) == (accented.kind, accented.parties, accented.articles)


@pytest.mark.parametrize("typed, hyphened", [
    ("le departement rembourse t il l'essence ?", "le département rembourse-t-il l'essence ?"),
    ("qu'est ce que c'est ?", "qu'est-ce que c'est ?"),
    ("est ce que le CD installe ?", "est-ce que le CD installe ?"),
    ("c'est ce que je pense", "c'est ce que je pense"),  # « c'est ce que » is no inversion
])
def test_an_inversion_typed_without_hyphens_gets_them(spacy_loaded, typed, hyphened):
    assert restored(typed) == hyphened

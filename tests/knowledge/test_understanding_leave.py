"""Issue 11, class 2: whether a party's leave is needed, against a prohibition whose exception is that leave
(article 3: no intervention on the systems by the collège « sauf autorisation expresse du Département des
Deux-Sèvres »). Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answer_types import YES_BY_EXCEPTION
from knowledge.answers import answer_question


@pytest.mark.parametrize("text", [
    "faut-il le feu vert du Département avant que je modifie moi-même la sauvegarde ?",
    "le collège doit demander l'autorisation du département avant de modifier le serveur ?",
])
def test_the_leave_the_exception_names_is_required(kb, text):
    answer = answer_question(kb, text)
    assert answer.text.startswith(YES_BY_EXCEPTION) and answer.articles[:1] == ["article-3"], answer.text
    assert "autorisation expresse du Département" in answer.text


@pytest.mark.parametrize("text", [
    "il faut l'accord de l'Académie pour toucher aux sauvegardes du serveur ?",  # not the party of the exception
    "on peut relancer les sauvegardes sans autorisation ?",  # without it: the prohibition's « Non »
])
def test_another_partys_leave_or_none_is_not_confirmed(kb, text):
    answer = answer_question(kb, text)
    assert not answer.text.startswith("Oui"), answer.text

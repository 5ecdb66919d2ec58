"""Issue 11, class 2: what the collège may do. Another party's duty forbids it nothing; a prohibition whose
exception is a party's leave (article 3: no intervention on the systems by the collège « sauf autorisation expresse
du Département des Deux-Sèvres ») makes that leave required. Examples written for these tests from the agreement
text, never copied from an eval file."""
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


def test_another_partys_duty_forbids_the_college_nothing(kb):
    # Article 9 gives the installation of pedagogical software to the Département; it forbids the collège nothing:
    # « Non » would be a leave refused that the text does not refuse.
    answer = answer_question(kb, "les collègues peuvent installer eux-mêmes des logiciels sur les postes ?")
    assert not answer.text.startswith(("Oui", "Non")) and "article-9" in answer.articles, answer.text
    # A prohibition does refuse it (article 2).
    answer = answer_question(kb, "les collègues peuvent modifier eux-mêmes le réseau ?")
    assert answer.text.startswith("Non"), answer.text


@pytest.mark.parametrize("text, article", [
    # Article 2: extensions, modifications and moves need « une étude préalable … et une validation ».
    ("faut-il une étude préalable pour déménager la baie de brassage ?", "article-2"),
    # Article 6: the Département « suit l'inventaire »: a light verb asks whether it handles the thing.
    ("le département fait l'inventaire du matériel ?", "article-6"),
])
def test_a_condition_or_a_charge_the_record_states_is_confirmed(kb, text, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith("Oui.") and answer.articles[:1] == [article], answer.text


def test_a_light_verb_is_not_confirmed_by_a_narrower_act(kb):
    # « fait les sauvegardes » is not « définit les stratégies de sauvegarde » (article 3): no « Oui ».
    answer = answer_question(kb, "le département fait les sauvegardes ?")
    assert not answer.text.startswith("Oui"), answer.text

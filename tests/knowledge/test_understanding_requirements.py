"""Issue 11, class 2: « faut-il faire une demande ? » gets its « Oui » when a record it states requires that very step
(understanding/requirements.py), and none otherwise. Examples written for these tests from article 5, never copied
from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text", [
    # Article 5: « Tout déplacement de matériel … doit faire l'objet d'une demande. »
    "On réaménage la salle 12 et on voudrait bouger les postes vers le CDI. Est-ce qu'il faut faire une demande ?",
    "pour déplacer le matériel de la salle de techno lors des travaux, une demande est obligatoire ?",
])
def test_a_step_the_record_requires_is_confirmed(kb, text):
    answer = answer_question(kb, text)
    assert answer.text.startswith("Oui. ") and answer.yes_no == "oui" and "article-5" in answer.articles, answer.text


def test_a_step_not_required_gets_no_oui(kb):
    answer = answer_question(kb, "On réaménage la salle 12 et on voudrait bouger les postes vers le CDI. Il faut une "
                                 "délibération du CA ?")
    assert not answer.text.startswith("Oui"), answer.text


def test_acting_without_the_required_step_is_denied(kb):
    # The rule's « Oui » (one may move equipment) held only with the request it requires.
    answer = answer_question(kb, "On réaménage la salle 12 : on peut bouger les postes sans faire de demande ?")
    assert answer.text.startswith("Non. ") and answer.yes_no == "non" and "article-5" in answer.articles, answer.text


def test_a_rule_naming_no_party_confirms_none_the_question_names(kb):
    # Article 5 does not say to whom the request goes: « Oui » would confirm the rectorat.
    answer = answer_question(kb, "pour bouger les postes de la salle 12 vers le CDI, faut-il faire une demande au "
                                 "rectorat ?")
    assert not answer.text.startswith("Oui") and "academie" not in answer.parties, answer.text

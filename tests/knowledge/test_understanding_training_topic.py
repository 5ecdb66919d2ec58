"""A training on something no article provides (issue 11, class 1): articles 4, 9 and 10 provide the teachers' trainings
on the pedagogical uses of digital tools and on the pedagogical software; one on anything else is declined, never
answered with those articles. Sentences written for these tests from the agreement, never copied from an eval file nor
from the questions that found the class.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.frame import understand


@pytest.mark.parametrize("text", [
    "est-ce que quelqu'un peut former notre équipe à l'accueil des familles ?",
    "je cherche une formation en comptabilité publique pour la gestionnaire, vers qui me tourner ?",
    "les profs d'EPS voudraient être formés au sauvetage aquatique, c'est qui qui organise ?",
])
def test_a_training_on_something_else_is_declined(kb, text):
    answer = answer_question(kb, text)
    assert answer.kind == "out_of_scope" and answer.parties == [] and answer.articles == [], answer.text
    assert "ne traite pas de cette formation" in answer.text, answer.text
    assert understand(kb, text).out_of_scope == "formation_hors_numerique"


@pytest.mark.parametrize("text", [
    "qui peut former les collègues à l'utilisation des tablettes ?",
    "une formation sur la programmation avec les élèves, on demande à qui ?",
    "on voudrait être formés à distance aux logiciels de SVT, c'est possible ?",
    "qui forme les enseignants en début d'année ?",
    "une formation pour les nouveaux profs, c'est qui ?",
])
def test_a_training_on_digital_uses_or_without_a_topic_stays_the_agreement_s(kb, text):
    # Articles 4 and 9: the Académie and Réseau Canopé; how, when or for whom says nothing of the topic.
    frame = understand(kb, text)
    assert frame.out_of_scope != "formation_hors_numerique", frame
    assert answer_question(kb, text).kind != "out_of_scope"

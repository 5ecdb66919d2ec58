"""Where a computed « Oui » / « Non » stops (issue 11, class 2): a record's condition the question leaves out, a
share for each person that a general record does not settle, a judgement the record does not give. Examples written
for these tests from the agreement, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text", [
    # Répartition des compétences: the Département deploys pedagogical resources « sur demande de l'Académie ».
    "le Département déploie des ressources pédagogiques de lui-même ?",
    "le département peut déployer des ressources pédagogiques d'office ?",
])
def test_acting_unasked_against_a_record_on_request_is_no(kb, text):
    answer = answer_question(kb, text)
    assert answer.text.startswith("Non."), answer.text
    assert "sur demande de l'Académie" in answer.text


def test_the_same_act_on_request_is_still_yes(kb):
    assert answer_question(kb, "le département déploie des ressources pédagogiques ?").text.startswith("Oui.")


def test_a_share_for_each_teacher_is_not_settled_by_the_context(kb):
    # Contexte: the Département's charge of equipment in general says nothing of one laptop per teacher.
    answer = answer_question(kb, "le Département donne-t-il une tablette à chaque professeur ?")
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


@pytest.mark.parametrize("text", [
    # Article 8: « Le collège n'interviendra pas » on the core software; « Non » would read « not serious ».
    "on a mis nous-mêmes un antivirus gratuit sur les postes de la salle 3, c'est grave ?",
    "le prof de techno a désinstallé l'antivirus des postes pour son logiciel, ça pose problème ?",
])
def test_a_judgement_asked_gets_the_record_without_a_bare_verdict(kb, text):
    answer = answer_question(kb, text)
    assert not answer.text.startswith(("Oui", "Non")) and "n'intervient pas" in answer.text, answer.text
    assert "article-8" in answer.articles

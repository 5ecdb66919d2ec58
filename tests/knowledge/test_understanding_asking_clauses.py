"""What a message asks, apart from what it tells before the question (issue 11): the clause that asks decides the
question type and the yes or no. Examples written for these tests from the agreement text, never copied from an
evaluation file.
"""
from __future__ import annotations

from knowledge.answers import answer_question
from knowledge.understanding.frame import understand


def test_a_duration_told_before_the_question_is_not_what_is_asked(kb):
    # Article 1: the Département « gère le parc d'autocommutateurs … et le contrat de maintenance associé ».
    text = "le contrat de maintenance de l'autocom arrive à échéance et se termine en juin, c'est à nous de le renouveler ?"
    assert understand(kb, text).question_type.value != "duration"
    answer = answer_question(kb, text)
    assert "article-1" in answer.articles and "departement" in answer.parties, answer.text
    assert understand(kb, "et la convention, elle se termine quand ?").question_type.value == "duration"


def test_a_closed_question_then_an_open_one_keeps_its_yes_or_no(kb):
    # Article 13: « La présente convention peut être résiliée à tout moment … dans un délai de 2 mois ».
    text = "Peut-on résilier la convention avant son terme, et il faut prévenir combien de temps avant ?"
    assert understand(kb, text).yes_no
    answer = answer_question(kb, text)
    assert answer.text.startswith("Oui.") and "2 mois" in answer.text and "article-13" in answer.articles, answer.text

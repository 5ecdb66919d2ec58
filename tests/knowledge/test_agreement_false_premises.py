"""Premises a principal takes for granted that the agreement does not hold (issue 11, class 8): an article it does
not have, cited to back a question, is corrected before the answer; what becomes of the equipment after a
termination, asked as « on rend … ? », is a point the text leaves open. Examples written for these tests from the
agreement, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text, missing", [
    ("d'après l'article 17 sur les pénalités, le Département doit-il réparer sous 48 h ?", "17"),
    ("l'article 20 prévoit que le collège paie ses antivirus, c'est ça ?", "20"),
])
def test_an_article_the_agreement_does_not_have_is_corrected_first(kb, text, missing):
    answer = answer_question(kb, text)
    assert answer.text.startswith("Attention : la convention compte 14 articles"), answer.text
    assert f"pas d'article {missing}" in answer.text


def test_an_article_it_has_is_no_premise_to_correct(kb):
    answer = answer_question(kb, "comme le dit l'article 8, l'antivirus c'est le Département ?")
    assert "Attention" not in answer.text and "article-8" in answer.articles, answer.text


def test_a_legal_code_article_is_no_article_of_the_agreement(kb):
    # The visas cite « l'article L. 213-2 » of the Code de l'éducation: no article 213 of the agreement is meant.
    answer = answer_question(kb, "l'article L. 213-2 du code de l'éducation, la convention s'appuie dessus ?")
    assert "Attention" not in answer.text, answer.text


def test_giving_the_equipment_back_after_a_termination_is_left_open(kb):
    # Article 13 gives the termination's form and notice only.
    answer = answer_question(kb, "si on résilie la convention, on rend les ordis au Département ?")
    assert answer.kind == "not_specified" and "article-13" in answer.articles, answer.text
    assert not answer.text.startswith(("Oui", "Non")), answer.text

"""Issue 11, class 8: a who-question answered by a term of the agreement that names nobody (articles 13 and 14 are
in the passive) says the text does not say who, and keeps the term as what it says closest. Examples written for
these tests from the agreement's articles, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text, point, article", [
    # Article 13: « La présente convention peut être modifiée par voie d'avenants. Elle peut être résiliée … ».
    ("qui peut décider de résilier la convention ?", "qui peut décider de résilier la convention.", "article-13"),
    ("qui rédige les avenants de la convention ?", "qui rédige les avenants de la convention.", "article-13"),
    # Article 14: « … sera soumise au tribunal compétent ».
    ("en cas de litige sur la convention, qui tranche ?", "qui tranche.", "article-14"),
    # « qui a le droit de V » asks who may V: the verb is the one after the noun of leave (article 13 again).
    ("qui a le droit de signer un avenant à la convention ?", "qui a le droit de signer un avenant à la convention.",
     "article-13"),
])
def test_a_who_question_on_a_term_naming_nobody_is_not_answered_by_the_term(kb, text, point, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith(f"La convention ne précise pas {point} Ce qu'elle dit de plus proche : "), answer.text
    assert answer.kind == "not_specified" and article in answer.articles and not answer.parties


@pytest.mark.parametrize("text, start", [
    # To whom: article 13 says « aux cocontractants ».
    ("à qui faut-il envoyer la lettre de résiliation de la convention ?", "La convention peut être résiliée"),
    # What, not who.
    ("qu'est-ce qui est prévu en cas de litige sur la convention ?", "En cas de difficulté"),
    # A term that names its party answers who: the Atelier Canopé 79 follows the agreement (preamble).
    ("qui assure le suivi de la convention ?", "La convention est suivie par l'Atelier Canopé 79"),
])
def test_other_questions_keep_the_term(kb, text, start):
    assert answer_question(kb, text).text.startswith(start)


@pytest.mark.parametrize("text", [
    # Article 13: « peut être modifiée par voie d'avenants », written in the passive, names no one.
    "pour modifier un article, l'avenant est préparé par qui ?",
    "un avenant, ça serait rédigé par qui ?",
])
def test_qui_the_agent_of_a_passive_asks_who_acts_too(names_no_party, text):
    assert "article-13" in names_no_party(text, "not_specified").articles


def test_a_passive_whose_agent_the_text_names_keeps_its_answer(kb):
    # The préambule: « la présente convention sera suivie par l'Atelier CANOPÉ 79 - Niort ».
    answer = answer_question(kb, "la convention est suivie par qui ?")
    assert "Atelier Canopé" in answer.text, answer.text

"""Issue 11: « which one exactly » asked of a thing the agreement names only as a kind. Article 14 says « le
tribunal compétent », article 2 « une qualification agréée et reconnue »: a reply quoting them as the answer would
dodge the question; the bot says the text does not specify, and quotes them as what it says closest. Examples
written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text, article", [
    ("Si un désaccord tourne mal, ce serait devant quel tribunal exactement ?", "article-14"),
    ("le tribunal compétent de l'article 14, c'est lequel au juste ?", "article-14"),
    ("Un agent du collège peut toucher au réseau avec une qualification reconnue : quelle qualification précisément ?",
     "article-2"),
])
def test_which_one_of_a_thing_named_only_as_a_kind_is_said_to_be_unspecified(kb, text, article):
    answer = answer_question(kb, text)
    # The court has its own open point (inferences.yml sil-tribunal-designe), worded « ne dit pas ».
    assert answer.text.startswith(("La convention ne précise pas", "La convention ne dit pas")), answer.text
    assert article in answer.articles and not answer.parties, answer.text


@pytest.mark.parametrize("text, article, party", [
    # Article 8 lists the base software in a parenthesis: the list answers « which ones ».
    ("quels logiciels socles exactement le Département maintient-il ?", "article-8", "departement"),
    # A who-question that insists is still answered by its party (article 3).
    ("le filtrage d'internet, qui l'administre exactement ?", "article-3", "academie"),
])
def test_a_record_that_names_them_or_a_who_question_is_still_answered(kb, text, article, party):
    answer = answer_question(kb, text)
    assert "ne précise pas" not in answer.text, answer.text
    assert article in answer.articles and party in answer.parties, answer.text

"""Issue 11: a closed question that the record found leaves without « Oui » or « Non », about an act the record does
not carry, gets the record as context only (no party designated). Sentences written for these tests from the
agreement (article 4: « un intranet de déclaration d'incident avec suivi en ligne »)."""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.unsettled import NOT_IN_THOSE_TERMS


def test_an_act_the_record_does_not_carry_gets_no_party(kb):
    # Article 4 gives the Département's assistance and its intranet, nothing on changing a closed ticket.
    answer = answer_question(kb, "Le Département peut-il modifier un ticket déjà traité sur son intranet ?")
    assert answer.kind == "not_specified" and answer.parties == [], answer.text
    assert answer.text.startswith(NOT_IN_THOSE_TERMS) and "article-4" in answer.articles, answer.text


@pytest.mark.parametrize("text, party", [
    # The record's condition carries the request: « déploiement de ressources pédagogiques sur demande de l'Académie ».
    ("le rectorat peut-il demander au Département d'installer des ressources pédagogiques dans les salles ?",
     "departement"),
    # An act told in the story before the question is not the one asked (« c'est à nous de le créer ? »).
    ("On vient d'obtenir une AED de plus. Son compte informatique, c'est à nous de le créer ?",
     "college"),
    # No act asked: the record's parties answer « quelqu'un peut … ? » (article 4, accompaniment).
    ("Est-ce que quelqu'un peut m'accompagner pour monter un projet pédagogique avec des robots ?", "academie"),
])
def test_a_record_that_carries_the_act_or_a_question_with_none_keeps_its_parties(kb, text, party):
    answer = answer_question(kb, text)
    assert party in answer.parties, answer.text

"""Yes/no on an approval (issue 11, class 2): « faut-il l'accord de X ? » is checked against the record's own
condition, never denied by a record that gives no one that approval. Examples written for these tests from the
agreement text, never copied from an evaluation file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text, article", [
    # Article 5: the collège installs a projector « avec, au préalable, une validation technique du Département ».
    ("pour installer un vidéoprojecteur dans ma salle, faut-il l'accord du Département ?", "article-5"),
    # Répartition des compétences: the collège buys on its own funds « en concertation avec le Département ».
    ("faut-il se concerter avec le Département pour acheter des tablettes sur nos fonds propres ?", "repartition"),
])
def test_the_party_of_the_records_condition_is_confirmed(kb, text, article):
    answer = answer_question(kb, text)
    assert answer.yes_no == "oui" and answer.text.startswith("Oui") and article in answer.articles, answer.text


def test_an_approval_no_record_gives_is_not_denied(kb):
    # Article 9: the Département installs the pedagogical software; the text asks no approval of Canopé for that.
    answer = answer_question(kb, "il faut l'avis de Canopé pour installer un logiciel pédagogique ?")
    assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non")), answer.text


def test_the_act_the_record_gives_another_party_is_still_denied(kb):
    # Article 5: the technical validation of a projector is the Département's, not the Académie's.
    answer = answer_question(kb, "l'Académie doit-elle valider l'installation d'un vidéoprojecteur ?")
    assert answer.yes_no == "non" and "article-5" in answer.articles, answer.text

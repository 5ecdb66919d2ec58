"""An article named by its number with no thing asked (issue 11, class 8): « que contient l'article 6 ? » gets what
that article provides, record by record, and nothing from another article; a number the agreement does not have is
said so. Sentences written for these tests from the agreement's articles, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text, article, said", [
    # Article 6: the inventory, followed by the Département, open to the establishment and the partners.
    ("que contient l'article 6 ?", "article-6", ("inventaire", "disposition de l'établissement")),
    # Article 8: the Département acquires and maintains the basic software; the collège keeps out of it.
    ("l'art 8 en bref stp", "article-8", ("logiciels socles", "n'intervient pas")),
    # Article 14: a term on the agreement itself, not a commitment of a party.
    ("article 14, ça dit quoi ?", "article-14", ("tribunal compétent",)),
    ("de quoi parle l'article premier ?", "article-1", ("autocommutateurs", "téléphones mobiles")),
])
def test_an_article_named_alone_is_summed_up_from_its_records(kb, text, article, said):
    answer = answer_question(kb, text)
    assert answer.kind == "agreement" and answer.articles == [article], (answer.kind, answer.articles, answer.text)
    assert all(s in answer.text for s in said), answer.text


def test_one_sentence_of_the_text_is_said_once_but_each_party_it_binds_keeps_its_part(kb):
    # Article 1's « gestion centralisée avec facturation aux collèges » holds two records; article 2's concertation
    # binds the collège, and the Académie and Canopé in a sentence of their own.
    first = answer_question(kb, "que dit l'article 1 ?").text
    assert first.count("facturation") == 1, first
    second = answer_question(kb, "que dit l'article 2 ?").text
    assert "Tout besoin du collège" in second and "de l'Académie ou de Réseau Canopé" in second, second


def test_a_party_named_keeps_only_its_commitments(kb):
    answer = answer_question(kb, "que prévoit l'article 3 pour l'Académie ?")
    assert "filtrage internet" in answer.text and "stratégies de sauvegarde" not in answer.text, answer.text


def test_two_articles_named_get_both(kb):
    answer = answer_question(kb, "les articles 12 et 13 disent quoi ?")
    assert answer.articles == ["article-12", "article-13"] and "avenants" in answer.text, answer.text


def test_an_article_the_agreement_does_not_have_is_said_so(kb):
    answer = answer_question(kb, "que dit l'article 21 ?")
    assert "14 articles" in answer.text and "pas d'article 21" in answer.text and not answer.articles, answer.text


def test_a_thing_named_beside_the_article_is_answered_as_usual(kb):
    # The filtering (article 3), not a summary of article 3: the thing decides, the article is cited anyway.
    answer = answer_question(kb, "d'après l'article 3, qui administre le filtrage internet ?")
    assert answer.kind != "agreement" and answer.parties == ["academie"] and answer.articles == ["article-3"], answer

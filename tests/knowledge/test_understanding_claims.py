"""Issue 11, classes 2 and 8: a closed question asserting something of a term of the agreement (duration,
amendments, termination) gets its « Oui » / « Non » from the term's own text (agreement.yml ``claims``).
Examples written for these tests from articles 12 to 14, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.records import Claim, Term
from knowledge.understanding.claims import _verdict


@pytest.mark.parametrize("text, verdict, article", [
    # Article 13: « résiliée à tout moment, moyennant l'envoi d'une lettre recommandée avec accusé réception …
    # dans un délai de 2 mois avant la résiliation effective ».
    ("on peut quitter la convention du jour au lendemain ?", "Non", "article-13"),
    ("faut il prevenir a l avance avant de resilier la convention, il y a un preavis ?", "Oui", "article-13"),
    ("la résiliation de la convention se fait par lettre recommandée ?", "Oui", "article-13"),
    ("un courriel au Département suffit pour résilier la convention ?", "Non", "article-13"),
    ("on est obligé d'attendre la fin de la convention pour la résilier ?", "Non", "article-13"),
    # Article 12: « renouvelable par tacite reconduction ».
    ("la convention est-elle renouvelable par tacite reconduction ?", "Oui", "article-12"),
    ("apres la premiere periode la convention se renouvelle toute seule par tacite reconduction ?", "Oui",
     "article-12"),
    # « sans qu'on … » is a conjunction: the question stays closed.
    ("a l'issue des deux ans, elle se prolonge sans qu'on la resigne ?", "Oui", "article-12"),
    ("peut-on résilier la convention sans envoyer de lettre recommandée ?", "Non", "article-13"),
    # A closing « ou pas ? » / « ou non ? » is a check tag: its « pas » negates nothing.
    ("pour sortir de la convention, un coup de fil au Département ça suffit ou pas ?", "Non", "article-13"),
    ("la résiliation passe par une lettre recommandée, oui ou non ?", "Oui", "article-13"),
    # Article 13: « La présente convention peut être modifiée par voie d'avenants. »
    ("est-ce qu'on peut modifier la convention avant la fin des deux ans ?", "Oui", "article-13"),
    # Article 14: « la recherche d'une résolution à l'amiable … »
    ("en cas de désaccord sur la convention, un règlement à l'amiable est prévu ?", "Oui", "article-14"),
])
def test_a_claim_on_a_term_is_checked_against_its_text(kb, text, verdict, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith((f"{verdict}. La convention", f"{verdict}. En cas")), answer.text
    assert answer.articles == [article] and answer.yes_no == verdict.lower()


@pytest.mark.parametrize("text", [
    "on ne peut pas résilier la convention par courriel ?",  # negative: never « Oui » (« Non » agrees with it)
    "la convention se résilie avec un préavis de 6 mois ?",  # a count the text does not state: not « Oui »
    "comment résilier la convention ?",  # an open question asserts nothing
    "la convention peut-elle être résiliée par le Département seul ?",  # who, which no claim weighs
    "la convention a-t-elle déjà été modifiée par un avenant ?",  # whether it was: a fact the text cannot know
])
def test_no_claim_verdict_without_a_plain_assertion(kb, text):
    answer = answer_question(kb, text)
    assert not answer.text.startswith("Oui"), answer.text
    if "6 mois" in text:
        assert answer.text.startswith("Non : 2 mois"), answer.text


def test_a_longer_wording_wins_over_the_one_it_covers():
    term = Term(id="t", section="s", subjects=(), statement="", source="",
                claims=(_claim("oui", "preavis", "sans attendre"), _claim("non", "sans aucun preavis", "attendre la fin")))
    assert _verdict(term, "on peut partir sans aucun preavis".split()) == "non"
    assert _verdict(term, "on peut partir sans attendre la fin".split()) == "oui"
    # Two claims that disagree and neither covers the other: no verdict.
    assert _verdict(term, "un preavis ou attendre la fin".split()) is None


def _claim(verdict: str, *words: str) -> Claim:
    return Claim(verdict=verdict, words=tuple(words))


def test_the_termination_is_stated_in_the_texts_own_words(kb):
    # Article 13 writes « lettre recommandée avec accusé réception … dans un délai de 2 mois »: quoted as written.
    answer = answer_question(kb, "un simple courriel aux autres parties suffit pour résilier la convention ?")
    assert answer.text.startswith("Non") and "avec accusé réception" in answer.text, answer.text
    assert "dans un délai de 2 mois" in answer.text


def test_the_end_of_the_two_years_is_the_duration(kb):
    # Article 12: « conclue pour une période de 2 ans … renouvelable par tacite reconduction ».
    answer = answer_question(kb, "qu'est-ce qui se passe une fois les deux années écoulées ?")
    assert answer.articles == ["article-12"] and "tacite reconduction" in answer.text, answer.text
    answer = answer_question(kb, "elle a été conclue pour 5 ans ?")
    assert answer.text.startswith("Non : 2 ans, et non 5 ans"), answer.text


def test_a_delay_asked_of_the_agreement_is_its_term(kb):
    # Article 12: a delay asked about the agreement itself is its term, not the service's open delay.
    answer = answer_question(kb, "au bout de combien de temps la convention est-elle renouvelée ?")
    assert answer.text.startswith("La convention est conclue pour 2 ans"), answer.text

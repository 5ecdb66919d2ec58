"""Acts no record names, answered by the records whose acts imply them (message_kinds.yml `implied_by`),
« contrôler » read as checking, not managing, and where a request goes told apart from who makes it (issue 11).
Examples written for these tests from the agreement text, never copied from an evaluation file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text, party, article", [
    # Article 3: the Académie administers the filtering; checking it is no act of its own in the text.
    ("qui contrôle le filtrage internet des élèves ?", "academie", "article-3"),
    # Article 8: the Département « fera l'acquisition » of the socle software; renewing its licence is buying it again
    # (coverage.settled_by, for the coverage check only).
    ("l'abonnement de l'antivirus se termine en juin, qui doit renouveler la licence ?", "departement", "article-8"),
])
def test_an_act_is_answered_by_the_record_whose_act_implies_it(kb, text, party, article):
    answer = answer_question(kb, text)
    assert answer.kind == "responsibility" and party in answer.parties and article in answer.articles, answer.text


def test_controlling_that_an_ent_fits_is_the_eligibility_check(kb):
    # Article 7: « Le Département vérifie l'éligibilité technique et l'Académie l'éligibilité pédagogique ».
    answer = answer_question(kb, "on veut changer d'ENT : qui contrôle que la nouvelle solution convient techniquement ?")
    assert answer.kind == "responsibility" and "article-7" in answer.articles and "departement" in answer.parties, \
        answer.text


def test_where_a_request_goes_is_answered_not_who_makes_it(kb):
    # Article 5: « toute demande de moyens informatiques fera l'objet d'une demande conjointe à la direction de
    # l'éducation et à la direction des systèmes d'information » (who makes the request is left open).
    to_whom = answer_question(kb, "on voudrait 10 tablettes de plus : une demande de matériel, ça s'envoie à qui ?")
    assert to_whom.kind == "responsibility" and "direction de l'éducation" in to_whom.text, to_whom.text
    assert "article-5" in to_whom.articles and not to_whom.text.startswith("La convention ne dit pas")
    who = answer_question(kb, "qui fait la demande de matériel, le principal ou le RUPN ?")
    assert who.kind == "not_specified" and not who.parties, who.text


def test_an_action_id_is_written_back_with_its_accents(kb):
    # No record of the tablets carries a check: the reply names the act asked, as French.
    answer = answer_question(kb, "qui contrôle les tablettes du CDI ?")
    assert answer.kind == "not_specified" and "qui doit vérifier" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "qui peut nous conseiller sur le droit à l'image des élèves ?",
    "qui peut nous éclairer sur les droits d'auteur de nos vidéos de classe ?",  # « éclairer »: no typo of « déclarer »
])
def test_advice_on_the_legal_aspects_is_article_10s_accompaniment(kb, text):
    answer = answer_question(kb, text)
    assert answer.parties == ["academie", "canope"] and answer.articles[:1] == ["article-10"], answer.text


@pytest.mark.parametrize("text, parties, article", [
    # Article 7: the Département checks the technical eligibility to the ENT, the Académie the pedagogical one.
    ("qui décide si notre collège peut passer à l'ENT ?", ["departement", "academie"], "article-7"),
    # Article 3: the Académie administers the filtering.
    ("qui tranche sur les sites bloqués pour les élèves ?", ["academie"], "article-3"),
])
def test_deciding_is_done_by_whoever_checks_validates_or_administers(kb, text, parties, article):
    answer = answer_question(kb, text)
    assert set(answer.parties) == set(parties) and article in answer.articles, answer.text

"""Issue 11: how the question is read before any record is chosen: its opening (« qu'est-ce qu'on doit… »), its
subordinate clauses, the agreement named by another word (« l'accord »), a verb read two ways (« rappeler »), a
fault said in other words (« ne se recharge plus »). Examples written for these tests from the agreement text,
never copied from an eval file."""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # a Wednesday morning: every line open


def test_the_agreement_s_principles_asked_to_be_recalled_are_not_a_call_back(kb):
    """« rappeler » also reads as calling the support back; the principles of the preamble are what is asked."""
    answer = answer_question(kb, "les principes du dispositif, vous pouvez me les rappeler ?",
                             now=NOW)
    assert answer.kind == "agreement" and "preambule" in answer.articles and answer.parties == [], answer.text


@pytest.mark.parametrize("text, article", [
    # « l'accord » is the agreement: its term (article 12), not an open delay.
    ("l'accord entre le Département, l'Académie et nous, il vaut pour combien de temps ?", "article-12"),
    # « qu'est-ce qu'on doit déclarer » asks what to do (article 6), its « quand » is subordinate.
    ("qu'est-ce qu'on doit déclarer quand on achète des tablettes sur nos fonds propres ?", "article-6"),
])
def test_the_question_asked_is_read_past_its_opening_and_its_subordinate(kb, text, article):
    answer = answer_question(kb, text, now=NOW)
    assert answer.articles[0] == article, answer.text


@pytest.mark.parametrize("text, article", [
    # « partenariat » names the agreement (its title is a « convention cadre de partenariat »).
    ("on souhaite sortir de ce partenariat, ça se passe comment ?", "article-13"),
    # « informatique » after the agreement's name says its field: no equipment is asked about.
    ("la convention informatique, elle s'applique depuis quand ?", "article-12"),
    # A precise topic word (« se retirer ») wins over the partners named beside it.
    ("on aimerait se retirer de l'accord, faut-il prévenir les partenaires ?", "article-13"),
])
def test_the_agreement_named_by_another_word_or_with_its_field_is_what_is_asked(kb, text, article):
    answer = answer_question(kb, text, now=NOW)
    assert answer.articles[:1] == [article], answer.text


def test_what_to_do_is_an_open_question_never_a_bare_no(kb):
    answer = answer_question(kb, "qu'est-ce qu'on doit faire quand le réseau tombe ?",
                             now=NOW)
    assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non")), answer.text


@pytest.mark.parametrize("text", ["je veux résilier la ligne fixe de la loge", "on veut arrêter le forfait mobile du CPE"])
def test_a_wish_stated_without_a_question_mark_is_no_closed_question(kb, text):
    # « je veux … » states what the writer wants: read as a closed question, it got « Non. » against article 1's
    # telecom contracts, a « Non » nobody asked for.
    answer = answer_question(kb, text, now=NOW)
    assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non")), answer.text


def test_which_college_signed_is_the_signatories(kb):
    answer = answer_question(kb, "avec quel collège cette convention a-t-elle été conclue ?",
                             now=NOW)
    assert "signatures" in answer.articles or "entete" in answer.articles, answer.text


def test_a_device_that_no_longer_charges_is_a_fault_of_the_equipment(kb):
    answer = answer_question(kb, "nos tablettes ne se rechargent plus sur le chariot, qui appeler ?", now=NOW)
    assert answer.line == "departement" and answer.parties == ["departement"], answer.text
    assert [c.label for c in answer.choices] == ["Déclarer l'incident"]
    # Asked whether it is the collège's job: the Département maintains the equipment (répartition).
    answer = answer_question(kb, "nos tablettes ne se rechargent plus sur le chariot, c'est pour nous ?", now=NOW)
    assert answer.yes_no == "non" and answer.parties == ["departement"], answer.text


def test_what_the_agreement_aims_at_is_its_preamble(kb):
    answer = answer_question(kb, "ce partenariat signé en 2017, en résumé il vise quoi ?", now=NOW)
    assert answer.kind == "agreement" and "preambule" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "un élève se fait harceler sur les réseaux sociaux par d'autres élèves, je le signale à qui ?",
    "incident en EPS : un élève s'est blessé au genou, quelle est la procédure ?",
])
def test_harassment_and_injuries_are_declined_even_beside_it_words(kb, text):
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "out_of_scope" and answer.parties == [] and answer.text.startswith("Désolé"), answer.text


@pytest.mark.parametrize("text, absent", [
    ("est-ce que la convention parle de la visioconférence ?", "visioconférence"),
    ("la convention traite-t-elle de la domotique ?", "domotique"),
])
def test_whether_the_agreement_speaks_of_a_word_it_does_not_contain(kb, text, absent):
    # The agreement named as the text searched, not as the topic: it got the agreement's overview, which says
    # nothing of what was asked.
    answer = answer_question(kb, text, now=NOW)
    assert "ne mentionne pas" in answer.text and absent in answer.text, answer.text

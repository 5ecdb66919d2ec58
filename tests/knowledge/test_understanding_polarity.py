"""Issue 11, class 2: a closed question asked in the negative is answered « Si » when the record says the
affirmative holds, « Non » when it does not (a « Oui » would agree with the negation, then contradict itself).
Examples written for these tests from the agreement's articles, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.polarity import negative_question


@pytest.mark.parametrize("text, lead, article", [
    # Article 13: « peut être résiliée à tout moment ».
    ("on ne peut pas résilier la convention avant sa fin ?", "Si.", "article-13"),
    ("on peut pas resilier la convention en cours de route ?", "Si.", "article-13"),
    # « sans préavis » is what article 13 rules out: « Non, en effet » agrees with the negative question.
    ("on ne peut pas résilier la convention sans préavis ?", "Non, en effet.", "article-13"),
    # Article 12: « renouvelable par tacite reconduction ».
    ("la convention ne se renouvelle pas par tacite reconduction ?", "Si.", "article-12"),
    # Article 5: the collège « a la charge de l'installation physique » of video projectors.
    ("le collège n'installe pas lui-même les vidéoprojecteurs ?", "Si.", "article-5"),
    ("le Département n'installe pas les vidéoprojecteurs ?", "Non, en effet.", "article-5"),
    # Article 11: the GTI has 8 representatives of the establishments' management teams.
    ("le groupe de travail informatique ne comprend pas de principaux de collège ?", "Si :", "article-11"),
])
def test_a_negative_question_gets_si_or_non(kb, text, lead, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead), answer.text
    assert article in answer.articles


@pytest.mark.parametrize("text, negative", [
    ("le collège ne peut pas acheter de matériel sur ses fonds propres ?", True),
    ("personne ne répond à la hotline à 10 h ?", True),
    ("on ne peut plus rien installer sur les postes ?", True),
    # The negation is in the condition, the relative clause or a tag, not on the verb that asks.
    ("si le réseau ne marche pas, c'est le Département qui intervient ?", False),
    ("on peut acheter un ordinateur qui ne figure pas au catalogue ?", False),
    ("la convention dure deux ans, n'est-ce pas ?", False),
    ("le Département fournit les tablettes, je ne me trompe pas ?", False),
    # « ne … que » restricts: « ne serait-ce qu'un » asks for at least one.
    ("les RUPN ont-ils une place au GTI, ne serait-ce qu'un ?", False),
    ("le Département installe les vidéoprojecteurs ?", False),
])
def test_the_negation_is_read_on_the_verb_that_asks(text, negative):
    assert negative_question(text) is negative


@pytest.mark.parametrize("text, lead, state", [
    # Article 4: the Département's line « du lundi au vendredi de 8h30 à 12h30 et de 13h30 à 17h ».
    ("la hotline du Département n'est pas joignable le mardi à 10 h ?", "Si.", "ouverte"),
    ("la hotline du Département n'est pas joignable le dimanche ?", "Non, en effet.", "fermée"),
    ("personne ne répond à la hotline du Département le mardi à 10 h ?", "Si.", "ouverte"),
])
def test_a_line_asked_in_the_negative(kb, text, lead, state):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead) and state in answer.text, answer.text


def test_a_reading_chosen_by_button_after_a_negative_question_answers_si(kb):
    # The button's reading answers the question asked before it (actions/questions.py passes that text on).
    question = "Canopé ne propose pas d'animations sur les logiciels pédagogiques ?"
    answer = answer_question(kb, question, subject="logiciel_pedagogique", action="former")
    assert answer.text.startswith("Si."), answer.text
    assert "article-4" in answer.articles or "article-9" in answer.articles


@pytest.mark.parametrize("text", [
    "je comprends pas qui doit fournir les autocommutateurs",
    "on comprend plus qui paie les options du standard",
])
def test_an_indirect_question_after_a_negated_verb_of_knowing_asks_who(kb, text):
    # « je comprends pas qui … » asks who; it is no closed question in the negative (it got « Si. »).
    answer = answer_question(kb, text)
    assert not answer.text.startswith(("Si", "Oui", "Non")) and "article-1" in answer.articles, answer.text


@pytest.mark.parametrize("text, lead, article", [
    # A negative statement with a tag asks whether it is right. Article 2: no intervention on the network by the
    # collège; « Non » alone would read as « you are wrong ».
    ("le collège n'a pas le droit de toucher aux switchs, c'est bien ça ?", "Non, en effet", "article-2"),
    ("on ne peut pas modifier le câblage nous-mêmes, c'est exact ?", "Non, en effet", "article-2"),
    # Article 6: purchases on own funds within the référentiel are declared for the inventory.
    ("on n'a pas à déclarer les tablettes payées sur notre budget, si ?", "Si.", "article-6"),
])
def test_a_negative_statement_with_a_tag_is_confirmed_or_contradicted(kb, text, lead, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead), answer.text
    assert article in answer.articles


def test_a_tag_checks_the_statement_not_a_party(kb):
    # « pas le droit » names no party: the collège's prohibition answers, not the Département's infrastructure
    # record compared with a « collège » taken for the party denied.
    answer = answer_question(kb, "le collège n'a pas le droit de brancher un switch, c'est bien ça ?")
    assert "ce n'est pas le collège" not in answer.text, answer.text
    assert "aucune intervention" in answer.text


@pytest.mark.parametrize("text, verdict_kept", [
    # Article 9: the Académie and Canopé propose only validated software.
    ("l'Académie propose-t-elle des logiciels non validés aux référents ?", False),
    ("l'Académie propose-t-elle des logiciels validés aux référents ?", True),
    # Denied by « pas encore », « sans être » before the participle.
    ("Réseau Canopé peut proposer aux référents un logiciel pédagogique pas encore validé ?", False),
    ("l'Académie propose aux référents de nouveaux logiciels pédagogiques sans être validés ?", False),
])
def test_a_denied_qualifier_of_the_record_gets_no_yes(kb, text, verdict_kept):
    answer = answer_question(kb, text)
    assert answer.text.startswith("Oui") is verdict_kept, answer.text
    assert "article-9" in answer.articles


def test_a_party_deciding_alone_is_no_confirmed_party(kb):
    # The référentiel is drawn up jointly by the four parties (Répartition des compétences).
    answer = answer_question(kb, "c'est le département qui élabore le référentiel tout seul ?")
    assert not answer.text.startswith(("Oui", "Si")), answer.text
    assert "conjointement" in answer.text


def test_a_no_agreeing_with_a_negative_question_says_so(kb):
    # Article 2: the collège must not intervene on the network. « Non » alone to « on n'a pas le droit … ? » reads
    # as « yes you may »; « Non, en effet » agrees with the negation.
    answer = answer_question(kb, "on n'a pas le droit de rebrancher nous-mêmes la baie de brassage ?")
    assert answer.text.startswith("Non, en effet"), answer.text

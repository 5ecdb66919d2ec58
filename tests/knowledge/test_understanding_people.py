"""Issue 11, class 8: the people the agreement names. Whether someone signed comes from the signature block
(agreement.yml `people`), never from the heading alone: the Département's Vice-présidente signs for its Président by
delegation, Canopé's territorial director for its Director general, and the name under the collège's signature is
not its principal's. A name asked of a function is the one the text writes, or « the text does not name them ».
Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answer_types import UNSETTLED
from knowledge.answers import answer_question
from knowledge.understanding.frame import understand
from knowledge.understanding.people import person_answer


@pytest.mark.parametrize("text, verdict, name", [
    ("Gilbert Favreau a-t-il signé la convention ?", "non", "Rose-Marie NIETO"),
    ("c'est le président lui-même qui a signé pour le Département ?", "non", "Rose-Marie NIETO"),
    ("la rectrice a signé en personne ?", "oui", "Anne BISAGNI-FAURE"),
    ("c'est Mme Nieto qui a signé ?", "oui", "Rose-Marie NIETO"),
    ("M. Merriaux a signé lui-même pour Canopé ?", "non", "Frank FAUQUEMBERGUE"),
])
def test_a_signing_check_gets_the_verdict_of_the_signature_block(kb, text, verdict, name):
    answer = answer_question(kb, text)
    assert answer.yes_no == verdict and answer.text.lower().startswith(verdict), answer.text
    assert name in answer.text and "signatures" in answer.articles


def test_a_signatory_the_text_leaves_unclear_gets_no_verdict(kb):
    # « K. Fauquembergue » stands under the collège's signature, while the heading names Mme Kathy LAUANCHÉ.
    answer = answer_question(kb, "c'est Fauquembergue qui a signé pour le collège ?")
    assert answer.yes_no == UNSETTLED and not answer.text.startswith(("Oui", "Non")), answer.text
    assert "K. Fauquembergue" in answer.text and "ne permet pas de dire" in answer.text


@pytest.mark.parametrize("text, name, article", [
    ("la vice-présidente du département, elle s'appelle comment ?", "Rose-Marie NIETO", "signatures"),
    ("comment s'appelle la principale du collège signataire ?", "Kathy LAUANCHÉ", "entete"),
    ("qui est Frank Fauquembergue ?", "Directeur territorial", "entete"),
])
def test_a_name_asked_of_a_function_is_the_one_the_text_writes(kb, text, name, article):
    answer = answer_question(kb, text)
    assert name in answer.text and answer.articles[0] == article, answer.text


@pytest.mark.parametrize("text", [
    "le DSI du Département, c'est qui ?",
    # Put first and taken up by « elle », however far from the question words.
    "la directrice de l'atelier Canopé de Niort qui siège au GTI, elle s'appelle comment ?",
])
def test_a_member_named_by_function_only_is_said_unnamed(kb, text):
    answer = answer_question(kb, text)
    assert "ne précise pas son nom" in answer.text and answer.parties == [], answer.text
    assert "article-11" in answer.articles


@pytest.mark.parametrize("text", [
    # « qui est » far from the « prof principale » told before: a question on the filtering.
    "je suis prof principale et des parents demandent pourquoi des sites sont bloqués, qui décide de ce qui est filtré ?",
    "c'est bien le DSI du rectorat qui est membre du GTI ?",  # a membership check
    "le groupe de travail informatique a un président ? c'est qui ?",  # no one the text names
])
def test_other_questions_naming_a_function_are_not_about_a_person(kb, text):
    assert person_answer(kb, understand(kb, text)) is None


def test_who_is_the_titled_signatory_is_asked_not_checked(kb):
    # « c'est qui la rectrice qui a signé ? » asks who: the « qui » after « c'est » is no cleft to confirm (it got
    # « Oui. »).
    answer = answer_question(kb, "c'est qui le vice-président qui signe pour le Département ?")
    assert not answer.text.startswith(("Oui", "Non")), answer.text

"""Words the agreement explains itself (issue 11, class 10): an acronym spelled out by the text is answered from
its own words (glossary.yml entries with their section and verbatim source). Examples written for these tests from
the agreement text, never copied from an evaluation file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text", ["ENT, c'est le sigle de quoi ?", "que signifie ENT dans la convention ?"])
def test_an_acronym_the_text_spells_out_is_answered_from_its_own_words(kb, monday_10am, text):
    # Article 7's title: « Environnement numérique de travail (ENT) ».
    answer = answer_question(kb, text, now=monday_10am)
    assert "environnement numérique de travail" in answer.text.lower() and answer.articles == ["article-7"], answer.text



def test_a_fault_beside_an_acronym_is_no_definition(kb, monday_10am):
    # « c'est qui ? » after a fault asks who handles it; the ENT only says where the fault shows. The bare question
    # on the word is still its definition.
    answer = answer_question(kb, "l'ENT est filtré depuis ce matin, c'est qui ?", now=monday_10am)
    assert "environnement numérique de travail" not in answer.text.lower(), answer.text
    answer = answer_question(kb, "c'est qui l'ENT ?", now=monday_10am)
    assert "environnement numérique de travail" in answer.text.lower(), answer.text


def test_the_ent_blocked_by_the_filtering_is_the_filtering_s_fault(kb, monday_10am):
    # Article 3: the Académie administers the internet filtering; the ENT's own silence (no line names its support)
    # does not take over a fault the filtering causes.
    answer = answer_question(kb, "le filtrage bloque l'ENT, c'est qui ?", now=monday_10am)
    assert "academie" in answer.parties and "article-3" in answer.articles, answer.text


def test_a_training_on_the_ent_is_the_training_not_the_ent_s_support(kb, monday_10am):
    # Article 4: the Académie and Canopé train the teachers. The closing « qui s'occupe de quoi ? » asks who takes
    # charge of each part; for the training, that is not the ENT's administration the text leaves open.
    answer = answer_question(kb, "Deux choses : la borne wifi du CDI est morte, et les profs voudraient une "
                                 "formation sur l'ENT. Qui s'occupe de quoi ?", now=monday_10am)
    second = answer.text.split("\n2. ")[1]
    assert "formation" in second and "Canopé" in second and "ne dit pas" not in second, answer.text

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

"""A closed question naming a party and an action but no subject (« le collège doit-il payer la maintenance ? »):
the records that give that action to that party and share the question's words (record_choice.records_for_party_action),
stated with a « Oui » only when they are not one scenario of article 5 the question does not name. Sentences written
for these tests from the agreement (article 1: « facturation aux collèges »; article 5, scenario 3: « l'installation et
la maintenance sont à la charge du collège sauf … »)."""
from __future__ import annotations

from datetime import datetime

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)


def test_a_record_sharing_the_question_words_is_chosen_over_those_sharing_the_action_only(kb):
    # The telecom bills and the autocom options share « payer » with the question, nothing else: they answered.
    answer = answer_question(kb, "le collège paie-t-il quelque chose au Département pour la maintenance ?", now=NOW)
    assert answer.articles == ["article-5"] and "télécommunications" not in answer.text, answer.text


def test_a_scenario_the_question_does_not_name_gives_no_yes(kb):
    answer = answer_question(kb, "le collège doit-il payer la maintenance ?", now=NOW)
    assert not answer.text.startswith(("Oui", "Non")) and answer.yes_no is None, answer.text
    assert "hors référentiel" in answer.text


def test_the_scenario_named_keeps_its_yes(kb):
    answer = answer_question(kb, "le collège paie-t-il la maintenance du matériel acheté hors référentiel ?", now=NOW)
    assert answer.text.startswith("Oui") and answer.articles == ["article-5"], answer.text

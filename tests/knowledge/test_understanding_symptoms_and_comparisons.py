"""Symptoms typed as people type them (« down », « l'image reste noire », a page « accès refusé »), an existence
asked « ça existe ? », a line nobody answers typed without « ne », a home only compared with, and the music on hold
of the switchboard (issue 11). Examples written for these tests from the agreement, never copied from an eval file
nor from the questions that found the faults.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)  # a Tuesday morning, every line open


@pytest.mark.parametrize("text, article", [
    # Article 2: the network is the Département's; a fault, with its line, never a « Non » about the collège's rights.
    ("la connexion du labo de physique est down depuis ce matin, les gamins peuvent rien faire", "article-2"),
    # Répartition des compétences: the equipment's maintenance.
    ("le vidéoprojecteur est allumé mais l'écran reste tout noir en salle 5", "repartition"),
])
def test_a_symptom_typed_as_people_type_it_is_a_fault_with_its_line(kb, text, article):
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "support" and "05.49.06.63.60" in answer.text, answer.text
    assert article in answer.articles and not answer.text.startswith(("Non", "Oui")), answer.text


@pytest.mark.parametrize("text", [
    "quand j'ouvre le site de l'office de tourisme j'ai une page accès refusé",
    "les élèves vont sur des sites de jeux pendant le cours, c'est pas censé être bloqué ?",
])
def test_what_the_filter_shows_or_should_block_is_the_filtering(kb, text):
    # Article 3: the Académie administers the Internet filtering.
    answer = answer_question(kb, text, now=NOW)
    assert "article-3" in answer.articles and "academie" in answer.parties, answer.text


def test_an_existence_asked_with_ca_existe_gets_no_denial(kb):
    # Article 10: the Éducation nationale and Canopé train the Éducation nationale's staff in digital uses.
    answer = answer_question(kb, "pour notre CPE, une formation aux usages du numérique, ça existe ?", now=NOW)
    assert {"article-4", "article-10"} & set(answer.articles) and not answer.text.startswith("Non"), answer.text


def test_nobody_answering_typed_without_ne_asks_whether_the_line_is_closed(kb):
    # Article 4: the Département's line is closed from 12 h 30 to 13 h 30.
    answer = answer_question(kb, "à 13h personne décroche au Département, c'est normal ?", now=NOW)
    assert answer.text.startswith("Oui") and "fermée" in answer.text, answer.text


@pytest.mark.parametrize("text, declined", [
    ("au collège l'ENT mouline dans le vide alors que chez moi ça marche très bien", False),
    ("la box chez moi ça marche pas depuis hier", True),
])
def test_a_home_only_compared_with_is_not_what_the_message_is_about(kb, text, declined):
    answer = answer_question(kb, text, now=NOW)
    assert (answer.kind == "out_of_scope") is declined, answer.text


def test_music_on_hold_is_an_option_of_the_switchboard(kb):
    # Article 1: the switchboards' specific or extra options are the collège's to pay.
    answer = answer_question(kb, "on aimerait une petite musique pour les appels en attente au standard", now=NOW)
    assert "article-1" in answer.articles and "college" in answer.parties, answer.text


def test_a_personal_key_carrying_software_to_the_colleges_computers_is_not_declined(kb):
    # The message is about installing on the collège's computers (articles 3, 8, 9), not about the key itself.
    answer = answer_question(kb, "je peux mettre un jeu éducatif de ma clé usb sur les postes du CDI ?", now=NOW)
    assert answer.kind != "out_of_scope", answer.text
    answer = answer_question(kb, "ma clé usb perso ne s'ouvre plus", now=NOW)
    assert answer.kind == "out_of_scope", answer.text

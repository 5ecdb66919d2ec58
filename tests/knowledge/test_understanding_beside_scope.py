"""A thing out of scope named beside a fault or a question of the agreement (issue 11, classes 1 and 7): each gets
its answer, the thing out of scope its polite decline. Sentences written for these tests from the agreement (article
2: the network is the Département's; subjects.yml declares Pronote and school life out of scope)."""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, declined", [
    ("j'ai un souci avec pronote et un autre avec le wifi", "ne traite pas de Pronote"),
    ("qui gère pronote et qui gère le wifi ?", "ne traite pas de Pronote"),
    ("le chauffage du CDI est en panne et le switch aussi", "ne traite pas des bâtiments"),
    # the faults, then one question on both: the message's parts were answered as one
    ("plus de réseau en salle 7 et en plus le radiateur fuit, je signale ça où ?", "ne traite pas des bâtiments"),
])
def test_the_thing_out_of_scope_is_declined_beside_the_answer(kb, text, declined):
    answer = answer_question(kb, text, now=NOW)
    assert declined in answer.text, answer.text
    assert "departement" in answer.parties and "article-2" in answer.articles, answer.text
    assert answer.subject == "reseau"  # the conversation goes on about the network


@pytest.mark.parametrize("text", [
    "le wifi du CDI ne marche plus",                 # nothing out of scope
    "qui gère le wifi de la cantine ?",              # the canteen only says where
    # Words of a building, of school life or of the catch-all topic that report nothing and ask nothing:
    "le câblage du bâtiment neuf, c'est porte par qui ?",           # « porté » typed without its accent
    "d'après mes notes, le switch du CDI c'est le Département qui le gère ?",
    "on voudrait 2 prises réseau en salle de musique, qui les pose ?",
])
def test_nothing_is_declined_when_no_clause_is_out_of_scope(kb, text):
    answer = answer_question(kb, text, now=NOW)
    assert "ne traite pas" not in answer.text and "Votre message" not in answer.text, answer.text


def test_a_clause_taking_up_the_thing_with_a_pronoun_is_not_declined(kb):
    # Article 5: « pour les vidéoprojecteurs, le collège a la charge de l'installation physique »; the ceiling only
    # says where « les » (the projectors) go.
    answer = answer_question(kb, "on a reçu 3 vidéoprojecteurs neufs, est-ce qu'on peut les fixer nous-mêmes au plafond ?",
                             now=NOW)
    assert "ne traite pas" not in answer.text and answer.articles[:1] == ["article-5"], answer.text
    assert "college" in answer.parties


@pytest.mark.parametrize("text", [
    "Les rideaux de la salle informatique sont déchirés, le soleil empêche de voir l'écran du tableau interactif.",
    "les stores du CDI sont cassés, on ne voit plus rien sur le vidéoprojecteur",
])
def test_a_fault_of_a_thing_out_of_scope_whose_effect_falls_on_equipment_is_declined(kb, text):
    # The blinds are what is broken (the subject of « cassés »); the screen only suffers from it: the Département's
    # maintenance line was given, as if the screen had failed.
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_equipment_failing_beside_a_building_fault_keeps_its_answer(kb):
    answer = answer_question(kb, "le chauffage de la salle 3 est en panne et les PC surchauffent", now=NOW)
    assert "departement" in answer.parties and answer.text.startswith("Votre message parle de 2 problèmes")


@pytest.mark.parametrize("text", [
    # the question takes the lock up (« la »): the laptops only say which cupboard
    "La serrure du placard des ordinateurs portables est bloquée, le Département peut la changer ?",
    # an inverted question the tagger misreads (« la change-t-il » as a noun)
    "La serrure de l'armoire où on range les tablettes est forcée. Le Département la change-t-il ?",
    "La table où est posé le vidéoprojecteur est cassée, qui la remplace ?",
])
def test_a_question_taking_up_a_fault_of_a_thing_out_of_scope_is_declined(kb, text):
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


@pytest.mark.parametrize("text", [
    "L'écran du TBI est fissuré. Qui le remplace ?",                  # the screen itself fails
    "L'armoire de la baie ne ferme plus à clé, qui la répare ?",      # the rack's cabinet may be the rack itself
    "Le store est cassé et le vidéoprojecteur ne marche plus, qui les répare ?",
])
def test_a_question_taking_up_equipment_keeps_its_answer(kb, text):
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind != "out_of_scope", answer.text


@pytest.mark.parametrize("text", [
    "le proxy bloque le site de la mairie, qui peut le débloquer ?",
    "le filtrage empêche d'ouvrir la page du lycée voisin pour notre projet commun",
])
def test_a_website_named_by_its_owner_is_no_other_establishment(kb, text):
    # Article 3: the Académie administers the filtering. The mairie or the lycée only say whose site is blocked.
    answer = answer_question(kb, text)
    assert answer.parties == ["academie"] and "article-3" in answer.articles, answer.text


def test_another_establishments_own_equipment_is_still_out_of_scope(kb):
    answer = answer_question(kb, "le serveur de la mairie est en panne, qui le répare ?")
    assert answer.kind == "out_of_scope" and answer.parties == [], answer.text


@pytest.mark.parametrize("text", [
    # The clause told before sets the scene (the computers); the question asks about the furniture, which the
    # agreement does not cover.
    "l'étagère qui tient les tablettes s'est cassée, qui rachète le mobilier ?",
    "les PC sont arrivés, qui paie les tables pour les poser ?",
])
def test_a_question_on_furniture_after_a_clause_on_equipment_is_declined(names_no_party, text):
    names_no_party(text, "out_of_scope")


def test_equipment_asked_after_a_clause_is_still_answered(kb):
    # Article 5: « pour les vidéoprojecteurs, le collège a la charge de l'installation physique ».
    answer = answer_question(kb, "le vidéoprojecteur est livré, qui doit l'accrocher au plafond ?")
    assert "college" in answer.parties and "article-5" in answer.articles, answer.text


def test_replacing_a_teacher_away_on_training_is_personnel_not_equipment(kb):
    # « remplacement » of teachers is no renewal of equipment, and training (article 4) does not settle it.
    answer = answer_question(kb, "la DANE s'occupe aussi du remplacement des profs pendant les formations au numérique ?",
                             now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties and not answer.text.startswith("Oui"), answer.text


@pytest.mark.parametrize("text", [
    "notre RUPN est en congé maladie et le switch de la salle 3 ne répond plus, on fait comment ?",
    "avec la grève de la cantine, personne n'a vu que le wifi du CDI est en panne",
])
def test_a_staff_circumstance_beside_a_fault_leaves_the_fault_answered(kb, text):
    # The leave or the strike only says why nobody saw to it: the network's fault is reported (article 2).
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind != "out_of_scope" and answer.line == "departement" and "article-2" in answer.articles, answer.text


def test_pay_asked_beside_equipment_is_still_declined(kb):
    answer = answer_question(kb, "le RUPN est-il payé en heures sup pour réparer les PC ?", now=NOW)
    assert answer.kind == "out_of_scope", answer.text


def test_playing_over_a_network_is_a_leisure_game_not_the_network(kb):
    # Article 2's network is the collège's cabling and active equipment; a LAN game in the foyer is leisure.
    answer = answer_question(kb, "pour la fête du collège les 3e veulent jouer en réseau sur les PC, qui organise ?", now=NOW)
    assert answer.kind == "out_of_scope" and answer.parties == [], answer.text


@pytest.mark.parametrize("text, apart", [
    # « carnet » is known only inside the idiom « sort le carnet de chèques » (paying): alone it names no subject.
    ("mon élève a encore oublié son carnet, qui j'appelle ?", "carnet"),
])
def test_whom_to_call_about_a_thing_no_subject_names_is_asked_back(kb, text, apart):
    # Article 4's lines are the collèges' IT lines: listed as the answer, they would read as the ones for that thing.
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "unknown" and answer.parties == [] and answer.choices, answer.text
    assert f"« {apart} »" in answer.text, answer.text

"""Typed answers as people write them: places stored as written, the impact scale, roles — on tables."""
from __future__ import annotations

import pytest

from helpdesk.incidents import impact_from_text
from helpdesk.places import place_answer, place_from_text
from helpdesk.roles import ACTIONS, ROLES, may, refusal, reports_to_rupn


@pytest.mark.parametrize("sentence, place", [
    ("le 1er étage n'a plus de réseau", "1er étage"),
    ("le local serveur est fermé à clé", "local serveur"),
    ("plus rien ne marche dans tout le bâtiment", "tout le bâtiment"),
    ("le vidéoprojecteur de la salle B12 ne s'allume plus", "salle B12"),
    ("le vidéoprojecteur de la salle 3 est tombé en panne", "salle 3"),
    ("plus de réseau dans le bâtiment D depuis ce matin", "bâtiment D"),
    ("le wifi ne marche plus au CDI", "CDI"),
    ("ya plu d'internet en salle des profs", "salle des profs"),
    ("le câble a été arraché dans le couloir du 1er étage", "couloir du 1er étage"),
    ("le wifi a sauté dans toute l'aile sud depuis hier", "toute l'aile sud"),
    ("pas de réseau dans la salle informatique du bâtiment C", "salle informatique du bâtiment C"),
    ("le filtrage bloque un site", None),
    ("le standard téléphonique est en panne", None),
])
def test_place_named_in_a_declaration_is_kept_as_written(sentence, place):
    assert place_from_text(sentence) == place


@pytest.mark.parametrize("answer, stored", [
    ("salle B12", "salle B12"),
    ("1er étage", "1er étage"),
    ("bâtiment B", "bâtiment B"),
    ("local serveur", "local serveur"),
    ("CDI", "CDI"),
    ("salle des profs", "salle des profs"),
    ("tout le bâtiment", "tout le bâtiment"),
    ("au CDI", "CDI"),
    ("dans le bureau du principal", "bureau du principal"),
    ("bâtiment B, 2e étage, salle 214", "bâtiment B, 2e étage, salle 214"),
    ("non, c'est salle 12", "salle 12"),
    ("le 1er étage n'a plus de réseau", "1er étage"),
    ("labo de physique", "labo de physique"),
    ("derrière la loge, à gauche", "derrière la loge, à gauche"),  # nothing to parse: the words are kept
])
def test_answer_to_where_is_stored_as_written(answer, stored):
    assert place_answer(answer) == stored


@pytest.mark.parametrize("answer, level", [
    ("juste mon poste", "poste"),
    ("un équipement", "poste"),
    ("uniquement mon ordinateur", "poste"),
    ("seulement l'appareil de ma salle", "poste"),
    ("une salle", "salle"),
    ("juste une classe", "salle"),
    ("les 15 postes de la salle", "salle"),
    ("plusieurs salles", "zone"),
    ("premier étage", "zone"),
    ("tout le 1er étage", "zone"),
    ("toute l'aile nord", "zone"),
    ("tout le bâtiment", "zone"),
    ("tout le collège", "site"),
    ("tout l'établissement", "site"),
    ("euh", None),
])
def test_typed_impact_maps_onto_the_scale(answer, level):
    assert impact_from_text(answer) == level


# Each role × ticket action: teachers report to their RUPN; RUPNs and principals declare, cancel and close.
EXPECTED = {
    "enseignant": {"signal", "comment", "status"},
    "rupn": {"declare", "forward", "cancel", "close", "comment", "status", "list_all", "see_contact"},
    "principal": {"declare", "forward", "cancel", "close", "comment", "status", "list_all", "see_contact"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_role_policy_table(role, action):
    assert may(role, action) is (action in EXPECTED[role])


def test_a_missing_role_has_the_least_rights():
    assert not may(None, "cancel") and not may("inconnu", "see_contact") and may(None, "signal")


def test_teachers_report_to_their_rupn():
    assert reports_to_rupn("enseignant") and not reports_to_rupn("rupn") and not reports_to_rupn("principal")
    assert "RUPN" in refusal("enseignant", "cancel") and "annuler un ticket" in refusal("enseignant", "cancel")


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError):
        may("rupn", "delete")


@pytest.mark.parametrize("sentence, category", [
    # Article 1: « les autocommutateurs et les téléphones »; a « poste fixe » that rings is the desk phone.
    ("le poste fixe de l'accueil ne sonne plus depuis ce matin", "telephone_fixe"),
    ("le poste fixe de la salle 12 ne démarre plus", "materiel_informatique"),
    ("le switch de la salle 5 redémarre sans arrêt", "reseau"),
])
def test_the_ticket_category_reads_a_word_with_two_meanings_by_its_context(sentence, category):
    from helpdesk.incidents import incident_category
    from knowledge import loader
    assert incident_category(loader.load(), sentence) == category

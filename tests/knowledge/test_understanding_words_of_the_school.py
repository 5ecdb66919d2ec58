"""Words of a collège's daily life that led to a wrong or unhelpful reply (issue 11): a school trip, a note to write,
the users to manage, the word « sécurité » alone, pupils' photos put online. Examples written for these tests from
the agreement, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)  # a Tuesday morning, every line open


@pytest.mark.parametrize("text", [
    # A trip is school life: « le budget du Département » had the IT budget the text leaves open.
    "le voyage à Londres des 3e, le Département peut le financer ?",
    "pour la sortie au musée jeudi, qui paie le car ?",
])
def test_a_school_trip_is_out_of_scope(names_no_party, text):
    names_no_party(text, "out_of_scope")


@pytest.mark.parametrize("text", [
    # « un mot » to write had the agreement's correspondence address (preamble).
    "tu pourrais me rédiger un mot pour prévenir les familles de la réunion ?",
    "écris-moi une lettre pour le conseil d'administration stp",
])
def test_writing_something_for_the_user_is_declined(names_no_party, text):
    answer = names_no_party(text, "out_of_scope")
    assert "rédige pas" in answer.text, answer.text


def test_the_users_to_manage_are_the_members_the_college_manages(kb):
    # Article 3: « les collèges ont la charge de la gestion des membres de la communauté éducative ». It had « Non »
    # from the prohibition of any intervention on the systems.
    answer = answer_question(kb, "C'est au collège de gérer les utilisateurs ou au Département ?", now=NOW)
    assert answer.articles == ["article-3"] and answer.parties == ["college"], answer.text
    assert "communauté éducative" in answer.text and not answer.text.startswith("Non"), answer.text


def test_security_alone_asks_which(kb):
    # Article 3 (security equipment's funding), article 8 (security patches), or a building's safety (out of scope).
    answer = answer_question(kb, "la sécurité, c'est géré par qui ?", now=NOW)
    labels = [c.label for c in answer.choices]
    assert len(labels) == 3 and any("pare-feu" in x for x in labels) and any("antivirus" in x for x in labels), labels


@pytest.mark.parametrize("text, article", [
    ("qui s'occupe des mises à jour de sécurité de l'antivirus ?", "article-8"),
    ("la sécurité, le boîtier pare-feu, c'est payé par qui ?", "article-3"),
])
def test_security_with_its_thing_is_answered(kb, text, article):
    answer = answer_question(kb, text, now=NOW)
    assert article in answer.articles and "departement" in answer.parties and not answer.choices, answer.text


def test_pupils_photos_online_are_a_legal_aspect(kb):
    # Article 10: the Académie and Canopé « accompagnent les collèges … sur les aspects juridiques des TICE ».
    answer = answer_question(kb, "on voudrait mettre des photos des élèves sur le site, qui peut nous conseiller ?", now=NOW)
    assert "article-10" in answer.articles and {"academie", "canope"} <= set(answer.parties), answer.text


def test_a_teacher_s_working_time_is_out_of_scope(names_no_party):
    # Articles 4 and 10 say who trains the teachers, not on what time: « Oui » came from the trainers' record.
    answer = names_no_party("la formation ENT proposée par la DANE, ça compte dans nos heures de service ?", "out_of_scope")
    assert not answer.text.startswith(("Oui", "Non")), answer.text


"""Which party and which thing a teacher's question asks about (issue 11, classes 2 and 4): the party a question
ends on after a verb of calling (« … j'appelle le CD79 ? »), not the owner of an application named in the story;
a clause whose two-meaning word its own words decide is no school-life decline; the thing after « c'est pareil
pour » is the one checked; « toujours valable » is not confirmed by the year that names the agreement. Examples
written for these tests from the agreement, never copied from an eval file nor from the questions that found the
faults.
"""
from __future__ import annotations

from datetime import datetime

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)  # a Tuesday morning


def test_the_party_called_at_the_end_is_the_one_asked(kb):
    # Article 4: the Académie's platform supports the Éducation nationale's business applications.
    answer = answer_question(kb, "le logiciel de l'Éducation nationale pour les bourses bloque, je contacte le Département ?",
                             now=NOW)
    assert answer.text.startswith("Non") and "academie" in answer.parties, answer.text


def test_an_application_clause_beside_a_call_is_not_declined_as_school_life(kb):
    text = "À la vie scolaire, l'application de l'Éducation nationale pour les absences plante. J'appelle qui ?"
    answer = answer_question(kb, text, now=NOW)
    assert "ne traite pas" not in answer.text and "05.16.52.66.86" in answer.text, answer.text


def test_the_thing_after_pareil_pour_is_the_one_checked(kb):
    # Article 5: the collège installs the video projectors; the Département installs the other equipment.
    answer = answer_question(kb, "les vidéoprojecteurs c'est nous qui les posons, c'est pareil pour les tablettes ?", now=NOW)
    assert not answer.text.startswith("Oui") and "departement" in answer.parties, answer.text


def test_the_year_naming_the_agreement_does_not_confirm_it_still_runs(kb):
    answer = answer_question(kb, "la convention de 2017 reste valable aujourd'hui ?", now=NOW)
    assert not answer.text.startswith("Oui") and "article-12" in answer.articles, answer.text

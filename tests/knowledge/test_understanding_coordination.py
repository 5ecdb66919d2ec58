"""Issue 11, class 7: one verb said of several things (« le serveur et le standard sont en panne ») is a problem per
thing when the things are of different topics; one kind and its examples, or two things of one topic, stay one.
Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.frame import understand


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, quoted, subjects", [
    # The clause split cut before « et le »: a bare thing, then the verb said of both.
    ("le serveur et le standard sont en panne", ["le serveur", "le standard"], ["serveur", "autocommutateur"]),
    ("l'autocom et le serveur pédagogique sont plantés", ["l'autocom", "le serveur pédagogique"],
     ["autocommutateur", "serveur"]),
    # Each thing keeps its own complement (the parse's conjunct, not the words between).
    ("le téléphone du secrétariat et les ordinateurs du CDI sont en panne, j'appelle qui ?",
     ["le téléphone du secrétariat", "les ordinateurs du CDI"], ["telephone_fixe", "materiel_informatique"]),
    ("le logiciel de SVT et les tablettes ont un souci", ["le logiciel de SVT", "les tablettes"],
     ["logiciel_pedagogique", "materiel_informatique"]),
])
def test_one_verb_said_of_things_of_two_topics_is_a_part_each(kb, text, quoted, subjects):
    frame = understand(kb, text)
    assert [p.text for p in frame.parts] == quoted, frame.evidence
    assert [p.subjects[0] for p in frame.parts] == subjects


def test_each_thing_is_read_as_the_clause_said_of_it_alone(kb):
    first, second = understand(kb, "le serveur et le standard sont en panne").parts
    assert (first.asked, second.asked) == ("le serveur sont en panne", "le standard sont en panne")
    assert first.problem and second.problem


def test_each_coordinated_fault_gets_its_own_record_and_line(kb, now):
    answer = answer_question(kb, "l'autocom et le serveur pédagogique sont plantés", now=now)
    lines = answer.text.splitlines()
    assert lines[0].startswith("Votre message parle de 2 problèmes"), answer.text
    assert "« l'autocom »" in lines[1] and "autocommutateurs" in lines[1] and "(Article 1)" in lines[1]
    assert "« le serveur pédagogique »" in lines[2] and "(Article 3)" in lines[2]
    assert "05.49.06.63.60" in lines[1] and "05.49.06.63.60" in lines[2]


@pytest.mark.parametrize("text", [
    "les câbles et les prises de la salle 3 sont arrachés",  # one topic: one problem
    "Le pare-feu et autres équipements de protection du réseau, c'est sur notre budget ?",  # a kind and its examples
    "le téléphone de la salle des profs ne marche plus",  # a complement, no coordination
])
def test_one_topic_or_a_kind_and_its_examples_stay_one(kb, text):
    assert understand(kb, text).parts == ()


def test_a_word_inside_a_longer_term_of_another_subject_is_that_terms(kb):
    # « les réseaux sociaux » are the filtering's (a weak term of it), never the network of article 2.
    assert [s.value for s in understand(kb, "les réseaux sociaux sont accessibles aux élèves, c'est normal ?").subjects] \
        == ["filtrage_internet"]
    text = "on voudrait deux bornes wifi de plus au bâtiment A, et aussi bloquer les réseaux sociaux. Qui gère quoi ?"
    assert [p.subjects[0] for p in understand(kb, text).parts] == ["reseau", "filtrage_internet"]


def test_a_closing_question_on_what_one_may_do_is_asked_of_every_act_told(kb):
    text = ("je dois créer les comptes de deux profs, et j'aimerais lancer moi-même une sauvegarde du serveur. "
            "Qu'est-ce que j'ai le droit de faire ?")
    assert [p.subjects[0] for p in understand(kb, text).parts] == ["comptes_utilisateurs", "sauvegarde"]

"""Software named with the device it runs on (issue 11, class 4): the software is what the message is about, the
device says where (subjects.yml ``runs_on``), unless the software only describes the device asked about. Examples
written for these tests from articles 5 and 8, never copied from an eval file."""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text", [
    "un virus a été détecté sur l'ordinateur du CDI, qui s'en charge ?",
    "l'ordinateur de la vie scolaire affiche une alerte de virus depuis ce matin",
    "depuis la mise à jour de Windows, les postes de la salle 2 redémarrent en boucle, j'appelle qui ?",
    "peut-on réinstaller nous-mêmes le système d'exploitation des PC qui viennent d'arriver ?",
])
def test_software_on_a_device_is_the_software_s_article(kb, text):
    answer = answer_question(kb, text)
    assert "article-8" in answer.articles and not answer.text.startswith("Oui"), answer.text


def test_a_fault_s_verb_before_the_question_is_not_the_act_asked(kb):
    # « …, c'est qui ? » asks who handles the fault: « afficher » is what the screen does, not an act no record
    # carries (« la convention ne précise pas qui doit afficher »).
    answer = answer_question(kb, "les portables de la salle 4 affichent que Windows n'est pas activé, c'est qui ?")
    assert "afficher" not in answer.text and "article-8" in answer.articles, answer.text


def test_software_that_describes_the_device_asked_about_leaves_it_the_device(kb):
    # « des portables sous Linux » are portables: their purchase is asked, not the system's maintenance.
    answer = answer_question(kb, "le collège peut-il commander des ordinateurs sous Linux ?")
    assert "article-8" not in answer.articles, answer.text


def test_a_fault_of_the_device_an_application_runs_on_is_a_second_problem(kb, monday_10am):
    # The administrative application (the Académie's line, article 4) runs on the workstation, which only said where;
    # the printer beside it, with its own fault, is the Département's: two problems, two lines. (« son » opened no
    # clause, and the workstation's family swallowed the printer.)
    answer = answer_question(kb, "l'appli de gestion financière plante sur le PC de l'intendante et sa petite imprimante "
                                 "laser fait des bourrages", now=monday_10am)
    assert "2 problèmes" in answer.text and {"academie", "departement"} <= set(answer.parties), answer.text


def test_the_devices_software_runs_on_told_with_no_fault_only_say_where(kb):
    answer = answer_question(kb, "le système d'exploitation des PC et des serveurs, il est acheté par qui ?")
    assert "2 points" not in answer.text and "article-8" in answer.articles, answer.text

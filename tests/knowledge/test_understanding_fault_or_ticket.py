"""A fault told or a ticket asked for (issue 11, problem reports): the first is answered (who handles it, the line,
whether it is open, « Déclarer l'incident » under it), the second starts the declaration."""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.frame import understand
from knowledge.understanding.message_checks import asks_to_declare

MONDAY_10H = datetime(2026, 12, 7, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text", [
    "je signale que le wifi ne marche plus au CDI",
    "Incident : PC salle 14 HS",
    "Ticket - le switch du 1er étage clignote rouge",
    "ouvrez un ticket pour l'imprimante du CDI svp",
    "je voudrais déclarer une panne du serveur",
])
def test_a_ticket_asked_for_starts_the_declaration(kb, text):
    assert asks_to_declare(kb, text)


@pytest.mark.parametrize("text", [
    "le wifi de la salle des profs ne marche plus",
    "URGENT - le serveur est planté",
    "g pa d'internet ds ma salle",
    "le vidéoprojecteur de la salle 3 est tombé en panne",
])
def test_a_fault_only_told_is_answered_first(kb, text):
    assert not asks_to_declare(kb, text)


@pytest.mark.parametrize("text, party, article", [
    # Article 2: the network is the Département's; « pas d'internet » is a fault, not a network question.
    ("g pa d'internet ds ma salle", "departement", "article-2"),
    # A question mark with nothing that asks (no question word, no party to check) still reports the fault.
    ("le switch de la salle 5 ne marche plus ?", "departement", "article-2"),
])
def test_a_fault_told_is_answered_with_its_line_and_the_declaration_offered(kb, text, party, article):
    assert understand(kb, text).kind.value == "problem_report"
    answer = answer_question(kb, text, now=MONDAY_10H)
    assert answer.parties == [party] and article in answer.articles, answer.text
    assert [c.label for c in answer.choices] == ["Déclarer l'incident"]


def test_a_question_mark_on_a_fault_still_asks_when_a_party_is_named(kb):
    # « …, c'est le Département ? » checks a party: a question, not a report.
    assert understand(kb, "le switch de la salle 5 ne marche plus, c'est le Département ?").kind.value != "problem_report"

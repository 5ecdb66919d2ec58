"""Issue 11, class 2/5: leave to ask for something (« peut-on demander une prise réseau de plus ? ») is no intervention
a prohibition forbids: no « Non » from one, and a change of the network gets its procedure. Split from
test_understanding_yes_no.py. Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


def test_leave_to_ask_for_a_network_change_is_its_procedure_not_the_prohibition(kb, now):
    # Article 2 forbids the collège to intervene on the network; it is the collège that asks for the prior study.
    answer = answer_question(kb, "peut-on demander une prise réseau supplémentaire ?", now=now)
    assert answer.text.startswith("Oui") and "étude préalable" in answer.text, answer.text
    assert answer.articles[0] == "article-2"


@pytest.mark.parametrize("text", [
    "peut-on demander un accès wifi pour les parents lors des réunions ?",
    "le collège peut-il demander un nouveau serveur ?",
])
def test_asking_for_something_gets_no_non_from_a_prohibition_on_intervening(kb, now, text):
    assert not answer_question(kb, text, now=now).text.startswith("Non"), text


def test_acting_without_asking_still_gets_the_prohibition(kb, now):
    answer = answer_question(kb, "le collège peut changer la config du switch sans rien demander à personne ?", now=now)
    assert answer.text.startswith("Non") and answer.articles[0] == "article-2", answer.text

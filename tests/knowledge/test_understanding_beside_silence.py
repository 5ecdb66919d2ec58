"""A thing the agreement is silent on, beside one it answers (issue 11, class 7): each gets its own numbered reply.
Examples written for these tests from the agreement (article 3: the Académie administers the internet filter;
article 2: the network is the Département's; photocopiers are named nowhere), never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)  # a Tuesday morning


@pytest.mark.parametrize("text, party", [
    ("le proxy bloque le site de l'INA et la photocopieuse de la salle des profs est en panne", "academie"),
    ("la photocopieuse du CDI est en panne et le switch du couloir clignote rouge", "departement"),
])
def test_the_silence_and_the_answer_are_both_given(kb, text, party):
    # Only « la convention ne précise pas qui prend en charge les photocopieurs » was said.
    answer = answer_question(kb, text, now=NOW)
    assert answer.text.startswith("Votre message parle de 2 problèmes"), answer.text
    assert "ne précise pas qui prend en charge les photocopieurs" in answer.text
    assert party in answer.parties and answer.line == party


def test_a_message_only_about_the_silent_thing_keeps_its_silence(kb):
    answer = answer_question(kb, "la photocopieuse est en panne et le bac papier est coincé", now=NOW)
    assert answer.kind == "not_specified" and not answer.text.startswith("Votre message"), answer.text

"""Who follows the agreement (the Atelier Canopé 79, in the preamble) and the legal status its heading gives
(Réseau Canopé's only), asked as people ask (issue 11, class 8). Examples written for these tests from the
agreement text, never copied from an eval file."""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text", [
    "qui est chargé de suivre l'application de cette convention ?",   # not the « difficulté d'application » of art. 14
    "le suivi de cette convention, c'est qui ?",
    "quel service assure le suivi du texte ?",
])
def test_the_follow_up_of_the_agreement_is_the_atelier_canope_79(kb, monday_10am, text):
    answer = answer_question(kb, text, now=monday_10am)
    assert "Atelier Canopé 79" in answer.text, answer.text
    assert answer.articles == ["preambule"] and "article-14" not in answer.articles


def test_the_status_the_heading_gives_is_canope_s(kb, monday_10am):
    answer = answer_question(kb, "Réseau Canopé, c'est quel type d'organisme au juste ?", now=monday_10am)
    assert "établissement public national à caractère administratif" in answer.text, answer.text
    assert answer.articles == ["entete", "preambule"]


def test_a_status_asked_of_another_party_is_said_not_given(kb, monday_10am):
    # The heading gives no status for the Département: Canopé's is not stated as if it were the Département's.
    answer = answer_question(kb, "quelle est la forme juridique du Département ?", now=monday_10am)
    assert answer.text.startswith("La convention ne le précise pas pour le Département des Deux-Sèvres."), answer.text

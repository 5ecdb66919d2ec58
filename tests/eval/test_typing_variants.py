"""The rewritings of tests/eval/typing_variants.py, and its refusal of the held-out set."""
from __future__ import annotations

from tests.eval.model import HELDOUT_FILE
from tests.eval.typing_variants import main, no_accents, no_question_mark, sms


def test_each_variant_types_as_people_do():
    assert no_accents("Qui crée les comptes des élèves ?") == "qui cree les comptes des eleves ?"
    assert no_question_mark("C'est bien le Département ? Et la plateforme ?") == "c'est bien le departement et la plateforme"
    assert sms("C'est qui pour le réseau, quand ça plante ?") == "c ki pr le reseau, qd ca plante ?"


def test_the_held_out_set_is_refused():
    assert main(["--file", str(HELDOUT_FILE)]) == 2

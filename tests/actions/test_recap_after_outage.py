"""Issue 15: a « confirmer » typed after a turn whose action server was unreachable answers no recap.

That turn logs the form's action but no utterance (the user read « indisponible » from the gateway), so the
confirmation must show the recap again instead of filing the declaration.
"""
from __future__ import annotations

from rasa_sdk import Tracker

from actions.incident_form import recap_just_shown


def _tracker(events: list[dict]) -> Tracker:
    return Tracker("u1", {"requested_slot": "incident_confirmed"}, {"text": "confirmer"}, events, False, None,
                   {"name": "incident_form"}, "action_listen")


RECAP = [{"event": "user", "text": "M. Dupont 05 49 00 00 00"},
         {"event": "action", "name": "incident_form"},
         {"event": "bot", "text": "Récapitulatif : …"},
         {"event": "action", "name": "action_listen"}]


def test_a_confirmation_right_after_the_recap_answers_it():
    assert recap_just_shown(_tracker(RECAP + [{"event": "user", "text": "confirmer"}]))


def test_a_confirmation_after_a_silent_failed_turn_answers_no_recap():
    failed_turn = [{"event": "user", "text": "/affirm"},
                   {"event": "action", "name": "action_extract_slots"},
                   {"event": "action", "name": "incident_form"},  # logged, but the action server never answered
                   {"event": "action", "name": "action_listen"}]
    assert not recap_just_shown(_tracker(RECAP + failed_turn + [{"event": "user", "text": "confirmer"}]))

"""The equivalence check of speed changes: what counts as the same answer, and what does not."""
from __future__ import annotations

import pytest

from bench.equivalence import SCRIPTS, differing_turns
from bench.replay import effect


def _request(**slots):
    return {"tracker": {"slots": {"incident_place": None, "incident_contact": "M. X", **slots}}}


def _answer(events, text="Récapitulatif"):
    return {"events": events, "responses": [{"text": text, "buttons": []}]}


def _slot(name, value):
    return {"event": "slot", "name": name, "value": value, "timestamp": None}


def test_a_slot_cleared_when_already_empty_has_no_effect():
    request = _request()
    with_noop = _answer([_slot("incident_place", None), _slot("incident_contact", None)])
    without = _answer([_slot("incident_contact", None)])
    assert effect(request, with_noop) == effect(request, without)


def test_a_slot_left_set_is_a_different_effect():
    request = _request()
    cleared = _answer([_slot("incident_contact", None)])
    kept = _answer([])
    assert effect(request, cleared) != effect(request, kept)


def test_another_text_or_another_event_is_a_different_effect():
    request = _request()
    base = _answer([{"event": "followup", "name": "incident_form", "timestamp": None}])
    assert effect(request, base) != effect(request, _answer(base["events"], text="Récapitulatif."))
    assert effect(request, base) != effect(request, _answer([]))


def test_only_the_declaration_id_is_masked():
    request = _request()
    first = _answer([_slot("incident_declaration", "a" * 32)])
    second = _answer([_slot("incident_declaration", "b" * 32)])
    assert effect(request, first) == effect(request, second)
    assert effect(request, _answer([_slot("ticket_number", "INC-2026-00001")])) != \
        effect(request, _answer([_slot("ticket_number", "INC-2026-00002")]))


def test_replies_are_compared_byte_for_byte():
    before = [{"sender": "s", "text": "bonjour", "reply": [{"text": "Bonjour !"}]},
              {"sender": "s", "text": "merci", "reply": [{"text": "Avec plaisir."}]}]
    after = [dict(before[0]), {"sender": "s", "text": "merci", "reply": [{"text": "Avec plaisir !"}]}]
    assert differing_turns(before, before) == []
    assert differing_turns(before, after) == [1]
    with pytest.raises(ValueError):
        differing_turns(before, before[:1])


def test_the_scripts_reach_the_form_paths_the_driver_never_takes():
    words = " ".join(turn for script in SCRIPTS for turn in script)
    for needed in ("non, c'est salle", '"choice": "edit"', "qui paie", '"choice": "cancel"', "/affirm", "annuler"):
        assert needed in words

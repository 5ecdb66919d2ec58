"""Wiring between domain.yml and the action server: every action the domain names exists, and every form
question can be asked."""
from __future__ import annotations

from .support import served_actions


def _registered() -> set[str]:
    return served_actions("actions")


def test_every_custom_action_of_the_domain_is_registered(domain):
    custom = {a for a in domain["actions"] if a.startswith(("action_", "validate_"))}
    missing = custom - _registered()
    assert not missing, f"listed in domain.yml but not served by actions/: {sorted(missing)}"


def test_every_registered_action_is_listed_in_the_domain(domain):
    unlisted = _registered() - set(domain["actions"])
    assert not unlisted, f"served by actions/ but missing from domain.yml: {sorted(unlisted)}"


def test_every_form_slot_has_a_question(domain):
    responses = set(domain.get("responses") or {})
    actions = set(domain["actions"])
    for slot in domain["forms"]["incident_form"]["required_slots"]:
        assert f"utter_ask_{slot}" in responses or f"action_ask_{slot}" in actions, slot


def test_every_slot_the_actions_set_is_in_the_domain(domain):
    """A SlotSet for an unknown slot is rejected by Rasa: the ones our actions use must be declared."""
    from actions.incidents import FORM_SLOTS

    declared = set(domain["slots"])
    for slot in (*FORM_SLOTS, "incident_editing", "ticket_number", "user_uai", "topic_subject", "topic_actions"):
        assert slot in declared, slot

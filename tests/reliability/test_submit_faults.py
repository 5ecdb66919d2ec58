"""Fault injection on the submit of a declaration, on the real actions (issue 15): its answer lost after
the commit, or the submit never reached. Each ends with exactly one ticket, the right one, and the user
reads the truth: « enregistrée » only when a ticket exists, « pas encore enregistrée » only when none does.
(The live version, with the action server killed at the confirmation, is in test_faults.py.)"""
from __future__ import annotations

import re

from actions.incident_submit import ActionSubmitIncident, ActionTriageIncident
from actions.tickets import ActionAnswerConfirmation
from tests.actions.support import DEMO_UAI, load_tracker, run, slot_sets, texts

NUMBER = re.compile(r"INC-\d{4}-\d{5}")
CONFIRMED = {
    "incident_establishment": DEMO_UAI, "incident_category": "reseau", "college_charge_ack": "n/a",
    "incident_description": "le wifi ne marche plus au CDI", "incident_place": "CDI", "incident_impact": "salle",
    "incident_contact": "M. Martin, RUPN, 05 49 00 00 00", "incident_similar": "none",
    "incident_confirmed": "yes", "incident_declaration": "decl-fault-1",
}


def confirmer():
    """« confirmer » typed later, outside the form: the slots are those Rasa kept when the submit failed."""
    return load_tracker("ticket_cancel", text="confirmer", intent="affirm", entities=[], slots=CONFIRMED)


def test_a_response_lost_after_commit_then_confirmer_says_the_ticket_exists_and_files_nothing_more(action_stores):
    store = action_stores()
    committed, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    [number] = set(NUMBER.findall(texts(committed)))  # ...but this answer never reached Rasa (the user read
    # « indisponible » from the gateway), so the form's slots are still there.
    messages, events = run(ActionAnswerConfirmation(), confirmer())
    told = texts(messages)
    assert told.startswith(f"Votre déclaration est bien enregistrée : ticket {number}")
    assert "pas encore" not in told and "Avec plaisir" not in told
    slots = slot_sets(events)
    assert slots["ticket_number"] == number and slots["incident_declaration"] is None  # the form is cleared
    assert slots["incident_confirmed"] is None
    [ticket] = store.admin_list_tickets()
    assert (ticket.number, ticket.place, ticket.uai) == (number, "CDI", DEMO_UAI)


def test_a_submit_never_reached_then_confirmer_says_not_saved_and_resume_files_once(action_stores):
    store = action_stores()
    messages, _ = run(ActionAnswerConfirmation(), confirmer())
    told = texts(messages)
    assert told.startswith("Votre déclaration n'est pas encore enregistrée") and "Avec plaisir" not in told
    assert [b["title"] for m in messages for b in m.get("buttons") or []] == ["Reprendre", "Annuler"]
    assert store.admin_list_tickets() == []
    # « Reprendre »: the same declaration (same id) is shown again, then confirmed twice (a double tap).
    resume = load_tracker("incident_activation", text='/declare_incident{"choice": "retry"}', intent="declare_incident",
                          entities=[{"entity": "choice", "value": "retry"}], slots=CONFIRMED)
    _, events = run(ActionTriageIncident(), resume)
    assert slot_sets(events) == {"incident_confirmed": None}
    first, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    again, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    [number] = set(NUMBER.findall(texts(first)))
    assert set(NUMBER.findall(texts(again))) == {number}
    [ticket] = store.admin_list_tickets()
    assert (ticket.number, ticket.description) == (number, "le wifi ne marche plus au CDI")

"""What the tests of the incident form share: the recorded trackers of a declaration and how to feed them."""
from __future__ import annotations

import re

from actions.incident_form import ValidateIncidentForm
from tests.actions.support import DEMO_UAI, load_tracker, run_async

NUMBER = re.compile(r"INC-\d{4}-\d{5}")
CONTACT = "M. Martin, RUPN, 05 49 00 00 00"
# A declaration complete up to the confirmation (what the recap fixture holds).
COMPLETE = {
    "incident_establishment": DEMO_UAI, "incident_category": "reseau", "college_charge_ack": "n/a",
    "incident_description": "le wifi ne marche plus au CDI", "incident_place": "CDI", "incident_impact": "salle",
    "incident_contact": CONTACT, "incident_similar": "none",
}
CONFIRMED = {**COMPLETE, "incident_confirmed": "yes", "requested_slot": None}


SIDE_SLOTS_DROPPED = (
    "rasa_sdk's ValidationAction.run returns only SlotSets of the form's required slots: the extra slots "
    "the extractors set (incident_editing, user_uai) are dropped, so 'Modifier' loops on the recap. "
    "Fix in actions/incidents.py, ValidateIncidentForm.run: re-emit the side slots the extractors changed."
)


async def validate(tracker):
    return await run_async(ValidateIncidentForm(), tracker)


def answering(slot: str, text: str, *, intent: str = "inform", entities=None, **slots):
    """The form asked for ``slot``; the user replies ``text``."""
    return load_tracker("incident_answer", text=text, intent=intent, entities=entities or [],
                        slots={slot: None, "requested_slot": slot, **slots})


def ticket_rows(store):
    return store.admin_list_tickets()

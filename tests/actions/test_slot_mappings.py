"""The domain's declarative slot mappings, as Rasa applies them, and the harness that stands in for Rasa.

The action tests run validate_incident_form without a Rasa server; ``with_domain_mappings`` (support.py)
sets the candidates Rasa's ``action_extract_slots`` would. Here Rasa's own action decides, so that the
stand-in never fills a slot the real one would leave empty (or the reverse).
"""
from __future__ import annotations

import pytest

from actions.incident_form import ValidateIncidentForm
from tests.actions.support import load_domain, load_tracker, run_async, slot_sets, with_domain_mappings

# Rasa warns about every slot of a domain read from a dict; nothing to act on here.
pytestmark = pytest.mark.filterwarnings("ignore:Slot auto-fill:UserWarning")

# (latest message, requested slot, active loop) -> what Rasa sets before the form validates.
CASES = [
    ("oui", "affirm", [], "incident_confirmed", "incident_form"),
    ("non", "deny", [], "incident_confirmed", "incident_form"),
    ('/inform{"choice": "edit"}', "inform", [{"entity": "choice", "value": "edit"}], "incident_confirmed",
     "incident_form"),
    ("oui", "affirm", [], "incident_similar", "incident_form"),
    ("non", "deny", [], "college_charge_ack", "incident_form"),
    ("tout le collège", "inform", [{"entity": "value", "value": "college"}], "incident_impact", "incident_form"),
    ("le wifi", "inform", [{"entity": "subject", "value": "reseau"}], "incident_category", "incident_form"),
    ("oui", "affirm", [], "incident_contact", "incident_form"),  # no mapping for a yes to the contact
    ("oui", "affirm", [], None, None),  # no form: a yes fills nothing
]


def _rasa_tracker(text, intent, entities, requested, loop):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_dict(load_domain())
    events = [ActiveLoop(loop)] if loop else []
    events += [SlotSet("requested_slot", requested),
               UserUttered(text, intent={"name": intent, "confidence": 1.0}, entities=entities)]
    return DialogueStateTracker.from_events("mappings", events, slots=domain.slots), domain


async def _rasa_sets(text, intent, entities, requested, loop) -> dict:
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.core.channels import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator

    tracker, domain = _rasa_tracker(text, intent, entities, requested, loop)
    events = await ActionExtractSlots(None).run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain)
    return {e.key: e.value for e in events}


def _harness_sets(text, intent, entities, requested, loop) -> dict:
    from rasa.shared.core.trackers import EventVerbosity
    from rasa_sdk import Tracker

    tracker, _ = _rasa_tracker(text, intent, entities, requested, loop)
    sdk = Tracker.from_dict(tracker.current_state(EventVerbosity.AFTER_RESTART))
    after = with_domain_mappings(sdk, load_domain())
    return {k: v for k, v in after.slots.items() if v != sdk.slots.get(k)}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}->{c[3]}" for c in CASES])
async def test_the_harness_fills_what_rasa_fills(case):
    assert _harness_sets(*case) == await _rasa_sets(*case)


async def test_a_yes_to_the_recap_confirms_through_the_mapping():
    tracker = load_tracker("incident_recap", text="oui", intent="affirm", entities=[])
    _, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events)["incident_confirmed"] == "yes"


async def test_a_no_to_the_recap_cancels_through_the_mapping():
    tracker = load_tracker("incident_recap", text="non", intent="deny", entities=[])
    _, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events)["incident_confirmed"] == "cancel"


async def test_a_field_named_while_choosing_outranks_the_no():
    tracker = load_tracker("incident_recap", text="non, le lieu", intent="deny", entities=[],
                           slots={"incident_editing": "choose"})
    _, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events)["incident_place"] is None  # asked again
    assert slot_sets(events)["incident_confirmed"] is None  # not cancelled


async def test_a_correction_of_another_field_at_the_recap_does_not_cancel():
    tracker = load_tracker("incident_recap", text="non, c'est en salle 12", intent="deny", entities=[])
    _, events = await run_async(ValidateIncidentForm(), tracker)
    sets = slot_sets(events)
    assert sets.get("incident_confirmed") is None
    assert "12" in sets["incident_place"]


async def test_a_question_typed_at_the_category_step_is_not_its_answer():
    # NLU finds a subject in the question, so the domain's mapping offers it; the form must not take it.
    tracker = load_tracker("incident_answer", text="qui paie les téléphones portables ?", intent="ask_responsibility",
                           entities=[{"entity": "subject", "value": "telephone_mobile"}],
                           slots={"incident_category": None, "requested_slot": "incident_category"})
    _, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events).get("incident_category") is None

"""The incident form past its fields: the collège's own charge, duplicates, action_submit_incident, a whole declaration."""
from __future__ import annotations

import pytest

import actions.incidents
from actions import prompts
from actions.incident_ask import (
    ActionAskCollegeChargeAck,
    ActionAskIncidentConfirmed,
    ActionAskIncidentSimilar,
)
from actions.incident_submit import ActionSubmitIncident
from tests.actions.form_support import (
    COMPLETE,
    CONFIRMED,
    CONTACT,
    NUMBER,
    answering,
    ticket_rows,
    validate,
)
from tests.actions.support import (
    ACADEMIE_PHONE,
    DEMO_UAI,
    DEPARTEMENT_PHONE,
    OTHER_UAI,
    active_loops,
    buttons,
    citations,
    load_tracker,
    run,
    slot_sets,
    texts,
)

# ------------------------------------------------------------------------------ the collège's own charge

@pytest.mark.asyncio
async def test_mobile_phone_asks_confirmation_with_the_rule_and_no_closes_the_form(tickets):
    asked = load_tracker("incident_mobile_phone", text="le téléphone portable de la vie scolaire est cassé",
                         intent="declare_incident")
    messages, _ = run(ActionAskCollegeChargeAck(), asked)
    text = texts(messages)
    assert "à la charge du collège" in text and "Article 1" in text
    assert [b["payload"] for b in buttons(messages)] == ["/affirm", "/deny"]

    messages, events = await validate(load_tracker("incident_mobile_phone"))  # the user clicked "Non merci"
    assert slot_sets(events) == {"college_charge_ack": "no", "requested_slot": None}  # the form ends here

    messages, events = run(ActionSubmitIncident(), load_tracker("incident_mobile_phone", slots={
        "college_charge_ack": "no", "requested_slot": None}))
    assert "aucun ticket n'est ouvert" in texts(messages)
    assert ticket_rows(tickets) == []
    assert all(value is None for value in slot_sets(events).values())


@pytest.mark.asyncio
async def test_mobile_phone_yes_goes_on_and_is_stored_for_the_college(tickets):
    messages, events = await validate(load_tracker("incident_mobile_phone", text="/affirm", intent="affirm"))
    assert slot_sets(events)["college_charge_ack"] == "yes"
    assert "requested_slot" not in slot_sets(events)  # the form goes on with the next question

    slots = {"incident_establishment": DEMO_UAI, "incident_category": "telephone_mobile", "college_charge_ack": "yes",
             "incident_description": "le téléphone portable de la vie scolaire est cassé",
             "incident_place": "Vie scolaire", "incident_impact": "poste", "incident_contact": CONTACT,
             "incident_similar": "none", "incident_confirmed": "yes", "requested_slot": None}
    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_mobile_phone", slots=slots))
    [row] = ticket_rows(tickets)
    assert row.line == "college" and row.status == "suivi_college"
    assert "suivi interne du collège" in texts(messages)
    assert DEPARTEMENT_PHONE not in texts(messages)


@pytest.mark.asyncio
async def test_an_unclear_answer_to_the_charge_question_is_asked_again():
    _, events = await validate(load_tracker("incident_mobile_phone", text="peut-être", intent="inform"))
    assert slot_sets(events)["college_charge_ack"] is None


# ------------------------------------------------------------------------------ duplicates

def _existing(tickets, place="CDI", uai=DEMO_UAI, category="reseau"):
    return tickets.create_ticket(uai=uai, category=category, line="departement",
                                 description="Plus de wifi au CDI depuis ce matin", impact="salle", place=place,
                                 reporter_channel="web", reporter_id="autre-personne")


@pytest.mark.asyncio
async def test_similar_open_ticket_is_offered_for_a_comment(tickets):
    existing = _existing(tickets, place="cdi")
    tracker = answering("incident_contact", CONTACT, incident_impact="salle", incident_similar=None)
    _, events = await validate(tracker)
    assert slot_sets(events)["incident_contact"] == CONTACT
    assert "incident_similar" not in slot_sets(events)  # left for the question below

    asking = load_tracker("incident_recap", slots={**COMPLETE, "incident_similar": None,
                                                   "requested_slot": "incident_similar"})
    messages, events = run(ActionAskIncidentSimilar(), asking)
    text = texts(messages)
    assert existing.number in text and "Plus de wifi au CDI" in text
    assert [b["payload"] for b in buttons(messages)] == ["/affirm", "/deny"]
    assert events == []

    yes = load_tracker("incident_recap", text="/affirm", intent="affirm", entities=[],
                       slots={**COMPLETE, "incident_similar": None, "requested_slot": "incident_similar"})
    _, events = await validate(yes)
    assert slot_sets(events)["incident_similar"] == f"comment:{existing.number}"

    recap = run(ActionAskIncidentConfirmed(), load_tracker("incident_recap", slots={
        **COMPLETE, "incident_similar": f"comment:{existing.number}"}))[0]
    assert f"commentaire au ticket {existing.number}" in texts(recap)

    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={
        **CONFIRMED, "incident_similar": f"comment:{existing.number}"}))
    assert f"C'est ajouté au ticket {existing.number}" in texts(messages)
    assert slot_sets(events)["ticket_number"] == existing.number
    assert [t.number for t in ticket_rows(tickets)] == [existing.number]  # no second ticket
    history = tickets.history(existing.number, DEMO_UAI)
    assert history[-1].kind == "commented" and CONTACT in history[-1].text


@pytest.mark.asyncio
async def test_declining_the_similar_ticket_creates_a_new_one(tickets):
    existing = _existing(tickets)
    no = load_tracker("incident_recap", text="/deny", intent="deny", entities=[],
                      slots={**COMPLETE, "incident_similar": None, "requested_slot": "incident_similar"})
    _, events = await validate(no)
    assert slot_sets(events)["incident_similar"] == "new"

    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={
        **CONFIRMED, "incident_similar": "new"}))
    numbers = {t.number for t in ticket_rows(tickets)}
    assert len(numbers) == 2 and existing.number in numbers


@pytest.mark.asyncio
async def test_no_similar_ticket_elsewhere_or_in_another_room(tickets):
    _existing(tickets, uai=OTHER_UAI)  # another collège
    _existing(tickets, place="salle 12")  # another room
    tracker = answering("incident_contact", CONTACT, incident_impact="salle", incident_similar=None)
    _, events = await validate(tracker)
    assert slot_sets(events)["incident_similar"] == "none"


# ------------------------------------------------------------------------------ submit

@pytest.mark.parametrize("category, line, phone", [
    ("reseau", "departement", DEPARTEMENT_PHONE),
    ("filtrage_internet", "academie", ACADEMIE_PHONE),
])
def test_submit_creates_the_ticket_on_the_right_line(tickets, category, line, phone):
    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={
        **CONFIRMED, "incident_category": category}))

    [row] = ticket_rows(tickets)
    assert row.uai == DEMO_UAI and row.establishment_name == "Collège Jean Donnet (Lezay)"
    assert row.category == category and row.line == line and row.status == "ouvert"
    assert row.description == "le wifi ne marche plus au CDI" and row.place == "CDI"
    assert row.impact == "salle" and row.contact == CONTACT
    assert row.reporter_id == "ent-rupn-0012" and row.conversation_id == "ent-rupn-0012"
    text = texts(messages)
    assert NUMBER.search(text).group(0) == row.number
    assert row.number in text and phone in text
    assert "C'est ouvert en ce moment" in text
    assert slot_sets(events)["ticket_number"] == row.number
    assert slot_sets(events)["user_uai"] == DEMO_UAI
    assert slot_sets(events)["incident_description"] is None  # the form is reset for the next declaration
    [payload] = citations(messages)
    assert payload["ticket"] == row.number and payload["articles"]
    assert line in payload["parties"]
    assert tickets.outbox_of(row.number)[0].subject.startswith(f"[{row.number}]")  # e-mail queued with it


def test_submit_training_request_goes_to_canope(tickets):
    run(ActionSubmitIncident(), load_tracker("incident_recap", slots={**CONFIRMED, "incident_category": "formation",
                                                                     "incident_description": "former les profs à l'ENT"}))
    [row] = ticket_rows(tickets)
    assert row.line == "canope"


def test_submit_on_a_saturday_says_the_line_is_closed(tickets, monkeypatch):
    monkeypatch.setenv("BOT_FIXED_NOW", "2026-11-28T10:00:00")
    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    assert "C'est fermé en ce moment" in texts(messages)
    assert len(ticket_rows(tickets)) == 1


def test_submit_without_confirmation_opens_nothing(tickets):
    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={
        **COMPLETE, "incident_confirmed": None, "requested_slot": None}))
    assert texts(messages) == prompts.CANCELLED
    assert ticket_rows(tickets) == []


def test_failing_store_gives_the_retry_message_and_keeps_the_form(tickets, monkeypatch):
    calls = []

    def down(**fields):
        calls.append(fields)
        raise OSError("connection refused")

    monkeypatch.setattr(tickets, "create_ticket", down)
    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))

    assert len(calls) == 1
    text = texts(messages)
    assert "Je n'ai pas pu enregistrer le ticket" in text and "Reprendre" in text
    # « Reprendre » resumes the same declaration through the triage; the submit never re-opens the form.
    assert [b["payload"] for b in buttons(messages)] == ['/declare_incident{"choice": "retry"}', "/stop"]
    assert active_loops(events) == []
    assert slot_sets(events) == {"incident_confirmed": None}
    assert "OSError" not in text and "connection refused" not in text
    # The answers are kept (no reset) and nothing was written.
    assert ticket_rows(tickets) == []
    assert citations(messages) == []


def test_retry_after_a_failure_creates_exactly_one_ticket(tickets, monkeypatch):
    real = tickets.create_ticket
    monkeypatch.setattr(tickets, "create_ticket", lambda **kw: (_ for _ in ()).throw(OSError("down")))
    run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    monkeypatch.setattr(tickets, "create_ticket", real)
    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    assert len(ticket_rows(tickets)) == 1
    assert ticket_rows(tickets)[0].number in texts(messages)


def test_a_field_the_store_refuses_is_explained_and_the_form_goes_back_to_editing(tickets):
    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={
        **CONFIRMED, "incident_description": "nul\x00caractère"}))
    assert "caractère nul" in texts(messages)
    assert active_loops(events) == []
    assert slot_sets(events)["incident_editing"] == "choose"
    assert ticket_rows(tickets) == []


# ------------------------------------------------------------------------------ the whole declaration

@pytest.mark.asyncio
async def test_a_whole_declaration_turn_by_turn(tickets):
    """Activation, impact, contact, no duplicate, confirm, submit: each step's events feed the next."""
    _, events = await validate(load_tracker("incident_activation"))
    slots = slot_sets(events)

    _, events = await validate(answering("incident_impact", '/inform{"value": "salle"}',
                                         entities=[{"entity": "value", "value": "salle"}], **slots))
    slots.update(slot_sets(events))
    _, events = await validate(answering("incident_contact", CONTACT, **slots))
    slots.update(slot_sets(events))
    assert slots["incident_similar"] == "none"

    recap, _ = run(ActionAskIncidentConfirmed(), load_tracker("incident_recap", slots={
        **slots, "incident_confirmed": None, "requested_slot": "incident_confirmed"}))
    assert "Lieu : CDI" in texts(recap)

    _, events = await validate(load_tracker("incident_recap", slots={**slots, "incident_confirmed": None}))
    slots.update(slot_sets(events))
    assert slots["incident_confirmed"] == "yes"

    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={**slots, "requested_slot": None}))
    [row] = ticket_rows(tickets)
    assert (row.uai, row.category, row.line, row.place, row.impact) == (DEMO_UAI, "reseau", "departement", "CDI", "salle")
    assert row.number in texts(messages)


def test_ticket_store_is_opened_on_the_test_database(tmp_path):
    """Guard for the isolation of these tests: the actions' store is the per-test SQLite file."""
    assert str(tmp_path) in str(actions.incidents.ticket_store().engine.url)

"""The incident form: validate_incident_form, its ask actions and action_submit_incident, on recorded trackers.

The form's slots are fed turn by turn as Rasa would: what one step returns becomes the slots of the next.
"""
from __future__ import annotations

import re

import pytest

import actions.incidents
from actions import prompts
from actions.incident_ask import (
    ActionAskCollegeChargeAck,
    ActionAskIncidentCategory,
    ActionAskIncidentConfirmed,
    ActionAskIncidentSimilar,
)
from actions.incident_form import ValidateIncidentForm
from actions.incident_submit import ActionCancelIncident, ActionSubmitIncident
from actions.incidents import EDITABLE
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
    run_async,
    slot_sets,
    texts,
)

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


# ------------------------------------------------------------------------------ activation

@pytest.mark.asyncio
async def test_activation_prefills_what_the_declaration_says():
    messages, events = await validate(load_tracker("incident_activation"))

    assert slot_sets(events) == {
        "incident_establishment": DEMO_UAI,  # the demo identity's collège
        "incident_category": "reseau",  # "wifi" is part of the network
        "college_charge_ack": "n/a",  # the Département's charge: nothing to confirm
        "incident_description": "le wifi ne marche plus au CDI",
        "incident_place": "CDI",
    }
    assert messages == []  # the form itself asks the next question (impact)


@pytest.mark.asyncio
async def test_activation_with_a_generic_sentence_prefills_only_the_establishment():
    messages, events = await validate(load_tracker("incident_activation_generic"))
    assert slot_sets(events) == {"incident_establishment": DEMO_UAI}
    assert messages == []


def test_category_question_offers_the_likeliest_categories_and_other():
    messages, _ = run(ActionAskIncidentCategory(), load_tracker("incident_activation_generic"))
    offered = buttons(messages)
    assert 4 <= len(offered) <= 6  # 3 to 5 categories, then « Autre… »
    assert offered[-1] == {"title": "Autre…", "payload": '/inform{"choice": "other"}'}
    assert all(b["payload"].startswith('/inform{"subject": "') for b in offered[:-1])
    assert texts(messages).startswith("De quel type d'incident s'agit-il ? Écrivez-le")


def test_category_question_puts_the_words_given_first():
    tracker = load_tracker("incident_activation_generic", text="le filtrage bloque un site")
    messages, _ = run(ActionAskIncidentCategory(), tracker)
    assert buttons(messages)[0]["payload"] == '/inform{"subject": "filtrage_internet"}'


@pytest.mark.asyncio
async def test_other_opens_every_category_grouped_by_family():
    tracker = answering("incident_category", '/inform{"choice": "other"}',
                        entities=[{"entity": "choice", "value": "other"}], college_charge_ack=None)
    _, events = await validate(tracker)
    assert slot_sets(events)["incident_category"] is None
    messages, _ = run(ActionAskIncidentCategory(), answering("incident_category", "", **slot_sets(events)))
    payloads = [b["payload"] for b in buttons(messages)]
    assert '/inform{"subject": "telephone_mobile"}' in payloads and '/inform{"subject": "reseau"}' in payloads
    assert len(payloads) == 16 and '/inform{"choice": "other"}' not in payloads
    families = [m["text"] for m in messages if m.get("buttons")]
    assert "Le matériel informatique" in families and "Le téléphone" in families


@pytest.mark.asyncio
async def test_category_from_a_button():
    tracker = answering("incident_category", '/inform{"subject": "filtrage_internet"}',
                        entities=[{"entity": "subject", "value": "filtrage_internet"}],
                        college_charge_ack=None)
    messages, events = await validate(tracker)
    assert slot_sets(events)["incident_category"] == "filtrage_internet"
    assert slot_sets(events)["college_charge_ack"] == "n/a"
    assert messages == []


@pytest.mark.asyncio
async def test_unrecognised_category_is_asked_again():
    tracker = answering("incident_category", "bof je sais pas", college_charge_ack=None)
    messages, events = await validate(tracker)
    assert slot_sets(events)["incident_category"] is None
    asked, _ = run(ActionAskIncidentCategory(), answering("incident_category", "", **slot_sets(events)))
    assert "Je n'ai pas reconnu la catégorie" in texts(asked)


# ------------------------------------------------------------------------------ establishment

@pytest.mark.asyncio
async def test_uai_with_a_wrong_check_letter_is_refused_with_a_message():
    # 0799001 has check letter E; F is wrong.
    messages, events = await validate(answering("incident_establishment", "0799001F"))
    assert slot_sets(events)["incident_establishment"] is None
    assert "user_uai" not in slot_sets(events)
    text = texts(messages)
    assert "Je ne reconnais pas ce collège" in text
    assert "UAI" in text


@pytest.mark.asyncio
async def test_misspelt_college_name_is_matched():
    messages, events = await validate(answering("incident_establishment", "college jean donet de lezay"))
    assert slot_sets(events)["incident_establishment"] == DEMO_UAI
    assert messages == []


@pytest.mark.asyncio
async def test_establishment_given_in_the_form_is_remembered_as_user_uai():
    _, events = await validate(answering("incident_establishment", "college jean donet de lezay"))
    assert slot_sets(events).get("user_uai") == DEMO_UAI


@pytest.mark.asyncio
async def test_uai_entity_in_any_case_is_accepted():
    tracker = answering("incident_establishment", "c'est le 0799003g",
                        entities=[{"entity": "uai", "value": "0799003g"}])
    _, events = await validate(tracker)
    assert slot_sets(events)["incident_establishment"] == OTHER_UAI


@pytest.mark.asyncio
async def test_ambiguous_town_offers_the_candidate_colleges():
    messages, events = await validate(answering("incident_establishment", "Niort"))
    assert slot_sets(events)["incident_establishment"] is None
    assert "Plusieurs collèges correspondent" in texts(messages)
    offered = buttons(messages)
    assert 2 <= len(offered) <= 5
    assert all("(Niort)" in b["title"] for b in offered)
    assert all(re.fullmatch(r'/inform\{"uai": "079\d{4}[A-Z]"\}', b["payload"]) for b in offered)


# ------------------------------------------------------------------------------ other fields

@pytest.mark.asyncio
@pytest.mark.parametrize("value", ["site", "zone", "salle", "poste"])
async def test_impact_from_buttons(value):
    tracker = answering("incident_impact", f'/inform{{"value": "{value}"}}',
                        entities=[{"entity": "value", "value": value}])
    messages, events = await validate(tracker)
    assert slot_sets(events) == {"incident_impact": value}
    assert messages == []


@pytest.mark.asyncio
async def test_every_impact_button_offered_is_understood():
    from actions.prompts import ActionAskIncidentImpact

    messages, _ = run(ActionAskIncidentImpact(), answering("incident_impact", ""))
    offered = buttons(messages)
    assert len(offered) == 4
    values = []
    for button in offered:
        value = button["payload"].split('"value": "')[1].split('"')[0]
        tracker = answering("incident_impact", button["payload"], entities=[{"entity": "value", "value": value}])
        _, events = await validate(tracker)
        values.append(slot_sets(events)["incident_impact"])
    assert values == ["poste", "salle", "zone", "site"]  # the scale, narrowest first


@pytest.mark.parametrize("slot", ["incident_establishment", "incident_description", "incident_place",
                                  "incident_contact"])
def test_each_form_question_has_a_registered_ask_action(slot, domain):
    from actions import prompts

    actions_by_name = {cls().name(): cls() for cls in (
        prompts.ActionAskIncidentEstablishment, prompts.ActionAskIncidentDescription,
        prompts.ActionAskIncidentPlace, prompts.ActionAskIncidentContact)}
    name = f"action_ask_{slot}"
    assert name in domain["actions"]  # Rasa calls it only if the domain lists it
    messages, events = run(actions_by_name[name], answering(slot, ""))
    assert len(texts(messages)) > 10
    assert events == []


@pytest.mark.asyncio
async def test_impact_in_words():
    _, events = await validate(answering("incident_impact", "tout le collège est touché"))
    assert slot_sets(events)["incident_impact"] == "site"


@pytest.mark.asyncio
async def test_impact_that_says_nothing_is_asked_again_then_explained_with_buttons():
    from actions.prompts import ActionAskIncidentImpact

    _, events = await validate(answering("incident_impact", "euh"))
    assert slot_sets(events)["incident_impact"] is None
    first, _ = run(ActionAskIncidentImpact(), answering("incident_impact", "", **slot_sets(events)))
    assert "juste mon poste" in texts(first)  # asked again with examples of what works
    _, events = await validate(answering("incident_impact", "bof", **slot_sets(events)))
    second, _ = run(ActionAskIncidentImpact(), answering("incident_impact", "", **slot_sets(events)))
    assert texts(second) != texts(first) and "urgence" in texts(second)  # a short explanation, not the same sentence
    assert len(buttons(second)) == 4


@pytest.mark.asyncio
async def test_a_question_in_the_middle_of_the_form_is_not_taken_as_an_answer():
    tracker = answering("incident_impact", "qui installe le vidéoprojecteur ?", intent="ask_responsibility")
    messages, events = await validate(tracker)
    assert slot_sets(events).get("incident_impact") is None
    assert messages == []


@pytest.mark.asyncio
async def test_contact_is_kept_verbatim_and_capped():
    _, events = await validate(answering("incident_contact", CONTACT, incident_impact="salle"))
    assert slot_sets(events)["incident_contact"] == CONTACT
    _, events = await validate(answering("incident_contact", "x" * 5000, incident_impact="salle"))
    assert len(slot_sets(events)["incident_contact"]) == 300


@pytest.mark.asyncio
async def test_huge_description_is_truncated_not_refused():
    tracker = answering("incident_description", "panne " * 4000, incident_place=None)
    _, events = await validate(tracker)
    assert 3 <= len(slot_sets(events)["incident_description"]) <= 2000


# ------------------------------------------------------------------------------ recap and edits

def test_recap_lists_every_field_and_the_destination():
    messages, events = run(ActionAskIncidentConfirmed(), load_tracker("incident_recap"))
    text = texts(messages)
    for expected in ("Collège Jean Donnet (Lezay)", "Réseau, câblage, Wi-Fi", "le wifi ne marche plus au CDI",
                     "Lieu : CDI", "Impact : une salle", CONTACT,
                     "Destinataire : Assistance du Département des Deux-Sèvres"):
        assert expected in text
    assert [b["title"] for b in buttons(messages)] == ["Confirmer", "Modifier", "Annuler"]
    assert [b["payload"] for b in buttons(messages)] == ['/inform{"choice": "confirm"}', '/inform{"choice": "edit"}',
                                                         '/inform{"choice": "cancel"}']
    assert events == []


@pytest.mark.asyncio
async def test_confirm_button_confirms():
    messages, events = await validate(load_tracker("incident_recap"))
    assert slot_sets(events)["incident_confirmed"] == "yes"
    assert messages == []


@pytest.mark.asyncio
async def test_modify_button_switches_the_recap_to_the_field_choice():
    edit = load_tracker("incident_recap", text='/inform{"choice": "edit"}',
                        entities=[{"entity": "choice", "value": "edit"}])
    _, events = await validate(edit)
    assert slot_sets(events) == {"incident_editing": "choose", "incident_confirmed": None}


@pytest.mark.asyncio
async def test_modify_button_does_not_confirm():
    edit = load_tracker("incident_recap", text='/inform{"choice": "edit"}',
                        entities=[{"entity": "choice", "value": "edit"}])
    _, events = await validate(edit)
    assert slot_sets(events).get("incident_confirmed") is None


def test_field_choice_offers_every_editable_field():
    choosing = load_tracker("incident_recap", slots={"incident_editing": "choose"})
    messages, _ = run(ActionAskIncidentConfirmed(), choosing)
    assert texts(messages).startswith("Que voulez-vous modifier ?")
    offered = {b["title"]: b["payload"] for b in buttons(messages)}
    assert offered == {label: f'/inform{{"choice": "{slot}"}}' for slot, label in EDITABLE.items()}
    assert set(offered) == {"Établissement", "Catégorie", "Description", "Lieu", "Impact", "Contact"}


@pytest.mark.asyncio
async def test_choosing_a_field_clears_it_and_keeps_the_others():
    pick_place = load_tracker("incident_recap", text='/inform{"choice": "incident_place"}',
                              entities=[{"entity": "choice", "value": "incident_place"}],
                              slots={"incident_editing": "choose"})
    _, events = await validate(pick_place)
    slots = slot_sets(events)
    assert slots["incident_place"] is None  # asked again by the form
    assert slots["incident_confirmed"] is None
    assert slots["incident_similar"] is None  # the duplicate check runs again for the new place
    assert "incident_description" not in slots and "incident_contact" not in slots


@pytest.mark.asyncio
async def test_choosing_a_field_leaves_the_field_choice():
    pick_place = load_tracker("incident_recap", text='/inform{"choice": "incident_place"}',
                              entities=[{"entity": "choice", "value": "incident_place"}],
                              slots={"incident_editing": "choose"})
    _, events = await validate(pick_place)
    assert "incident_editing" in slot_sets(events) and slot_sets(events)["incident_editing"] is None


@pytest.mark.asyncio
async def test_cancel_button_then_submit_opens_nothing(tickets):
    cancel = load_tracker("incident_recap", text='/inform{"choice": "cancel"}',
                          entities=[{"entity": "choice", "value": "cancel"}])
    _, events = await validate(cancel)
    assert slot_sets(events)["incident_confirmed"] == "cancel"

    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={
        **COMPLETE, "incident_confirmed": "cancel", "requested_slot": None}))
    assert texts(messages) == prompts.CANCELLED
    assert all(value is None for value in slot_sets(events).values())  # the form is reset
    assert ticket_rows(tickets) == []


def test_stop_cancels_the_declaration(tickets):
    messages, events = run(ActionCancelIncident(), load_tracker("incident_recap", text="stop", intent="stop"))
    assert texts(messages) == prompts.CANCELLED
    assert active_loops(events) == [None]
    assert slot_sets(events)["incident_description"] is None and slot_sets(events)["requested_slot"] is None
    assert ticket_rows(tickets) == []


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

"""The incident form, its fields and its recap: validate_incident_form and its ask actions, on recorded trackers.

The form's slots are fed turn by turn as Rasa would: what one step returns becomes the slots of the next.
"""
from __future__ import annotations

import re

import pytest

from actions import prompts
from actions.incident_ask import (
    ActionAskIncidentCategory,
    ActionAskIncidentConfirmed,
)
from actions.incident_submit import ActionCancelIncident, ActionSubmitIncident
from actions.incidents import EDITABLE
from tests.actions.form_support import (
    COMPLETE,
    CONTACT,
    answering,
    ticket_rows,
    validate,
)
from tests.actions.support import (
    DEMO_UAI,
    OTHER_UAI,
    active_loops,
    buttons,
    load_tracker,
    run,
    slot_sets,
    texts,
)

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
    _, events = await validate(answering("incident_contact", "05 49 00 00 00 " + "x" * 5000, incident_impact="salle"))
    assert len(slot_sets(events)["incident_contact"]) == 300


@pytest.mark.asyncio
@pytest.mark.parametrize("contact", ["Mme Durand 0549112233", "M. Roy, +33 5 49 11 22 33",
                                     "secrétariat : secretariat.college@ac-poitiers.fr", "06.12.34.56.78"])
async def test_a_contact_with_a_phone_or_an_email_is_accepted(contact):
    _, events = await validate(answering("incident_contact", contact, incident_impact="salle"))
    assert slot_sets(events)["incident_contact"] == contact


@pytest.mark.asyncio
@pytest.mark.parametrize("story", ["depuis ce matin, plus aucune sonnerie", "Mme Durand", "le secrétariat"])
async def test_a_contact_the_line_cannot_call_back_is_refused_and_asked_again(story):
    """The support line must be able to reach someone: a name alone, or more of the story, is asked again."""
    messages, events = await validate(answering("incident_contact", story, incident_impact="salle"))
    assert slot_sets(events)["incident_contact"] is None
    assert "ni numéro de téléphone ni adresse e-mail" in texts(messages)
    asked, _ = run(prompts.ActionAskIncidentContact(),
                   answering("incident_contact", "", incident_impact="salle", **slot_sets(events)))
    assert "05 xx" in texts(asked) and "@" in texts(asked)  # the question again, with an example of each


@pytest.mark.asyncio
async def test_a_greeting_opening_the_description_is_not_recorded():
    # « bonjour, » is said to the bot, not part of what the service reads in the ticket.
    tracker = answering("incident_description", "Bonjour, le vidéoprojecteur de la salle 12 ne s'allume plus",
                        incident_place=None)
    _, events = await validate(tracker)
    assert slot_sets(events)["incident_description"] == "Le vidéoprojecteur de la salle 12 ne s'allume plus"


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
async def test_a_new_contact_typed_at_the_recap_replaces_the_one_shown_and_confirms_nothing():
    typed = "Mme Durand, 05 49 11 22 33"
    tracker = load_tracker("incident_recap", text=typed, intent="inform", entities=[])
    _, events = await validate(tracker)
    slots = slot_sets(events)
    assert slots["incident_contact"] == typed
    assert slots.get("incident_confirmed") != "yes"  # the recap is shown again with the new contact


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


@pytest.mark.asyncio
@pytest.mark.parametrize("typed, value", [
    # The duplicate question's buttons typed instead of clicked: NLU reads « créer un nouveau ticket » as a new
    # declaration, which restarted the form without its category.
    ("Créer un nouveau ticket", "new"),
    ("nouveau ticket svp", "new"),
])
async def test_the_duplicate_question_buttons_typed_are_its_answer(typed, value):
    filled = {k: v for k, v in COMPLETE.items() if k != "incident_similar"}
    tracker = answering("incident_similar", typed, intent="declare_incident", **filled)
    _, events = await validate(tracker)
    assert slot_sets(events).get("incident_similar") == value
    assert "incident_category" not in slot_sets(events)  # nothing already given is lost

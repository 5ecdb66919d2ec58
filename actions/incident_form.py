"""validate_incident_form: rasa-sdk's FormValidationAction used as intended.

The domain declares what a mapping can say: a button or an NLU entity (``from_entity`` « choice », « subject »,
« value ») and a yes or a no (``from_intent`` affirm / deny), each with conditions on the form and the asked
slot (domain.yml). ``extract_<slot>`` reads only what no mapping can: typed words (a place, an impact in the
user's words, a collège's name, « modifier », « le lieu »), the prefill of the first turn from the declaration
and the identity, and it drops a mapped candidate when the message answers something else (a correction of
another field, a question). ``validate_<slot>`` decides whether the candidate is acceptable, says why not, and
sets the slots that go with it (``user_uai``, ``incident_editing``, ``incident_refusals``).

Why some slots stay ``custom`` only: the free-text fields (description, place, contact) take the whole message
but must refuse a question typed mid-form and a correction of another field, which ``from_text`` cannot tell
apart; the establishment comes from the verified identity first; the duplicate check needs the ticket store.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from rasa_sdk import FormValidationAction, Tracker

from actions.identity import conversation_scope
from actions.incidents import (
    ANSWER_INTENTS,
    EDITABLE,
    FORM_SLOTS,
    declaration_text,
    declared_actions,
    domain_intents,
    in_thread,
    is_hold,
    last_bot_action,
    latest_entity,
    latest_intent,
    latest_text,
    similar_choice_typed,
    ticket_store,
    yes_no,
)
from actions.kb import knowledge
from helpdesk.contact_details import can_be_reached
from helpdesk.corrections import corrected_field
from helpdesk.establishments import find_establishment
from helpdesk.incidents import IMPACT_SCALE, impact_from_text, incident_category, looks_like_a_question, route, without_greeting
from helpdesk.places import place_answer, place_from_text
from knowledge.normalise import normalise

logger = logging.getLogger(__name__)

FREE_TEXT_SLOTS = {"incident_description", "incident_place", "incident_contact", "incident_establishment"}
# The recap's buttons and what they mean (typed words too).
CONFIRM_CHOICES = {"confirm": "yes", "cancel": "cancel"}


def answering(tracker: Tracker, slot: str, domain: dict) -> bool:
    """True when the latest message answers the question the form asked for ``slot``."""
    if tracker.get_slot("requested_slot") != slot:
        return False
    intent = latest_intent(tracker)
    if intent in domain_intents(domain) - ANSWER_INTENTS or is_hold(tracker):
        return False
    fix = correction(tracker)
    if fix is not None and fix[0] != slot:
        return False  # « non, c'est salle 12 » while asked for the contact corrects the place
    text = latest_text(tracker)
    # A question typed in the middle of the form (« qui paie les portables ? ») is not the answer to ours.
    return not (slot in FREE_TEXT_SLOTS and text.endswith("?") and looks_like_a_question(knowledge(), text))


def correction(tracker: Tracker) -> Optional[tuple[str, str]]:
    """« non, c'est salle 12 », « pardon, tout le 1er étage »: (slot, value) of a field given earlier."""
    filled = frozenset(s for s in ("incident_place", "incident_impact", "incident_contact") if tracker.get_slot(s))
    return corrected_field(latest_text(tracker), at_recap=tracker.get_slot("requested_slot") == "incident_confirmed",
                           filled=filled)


def stray_candidate(tracker: Tracker, slot: str, domain: dict) -> Optional[dict[str, Any]]:
    """``{slot: None}`` when a domain mapping filled the asked ``slot`` from a message that answers something
    else (« non, c'est salle 12 » while asked for the impact corrects the place; « non » is no answer)."""
    if tracker.get_slot("requested_slot") != slot or tracker.get_slot(slot) is None:
        return None
    return None if answering(tracker, slot, domain) else {slot: None}


def _activating(tracker: Tracker) -> bool:
    return tracker.get_slot("requested_slot") is None


def refused(tracker: Tracker, slot: str) -> dict[str, Any]:
    """The slot stays empty and the refusals of this question are counted (its question changes with them)."""
    current = tracker.get_slot("incident_refusals") or ""
    name, _, count = current.partition(":")
    count = int(count) + 1 if name == slot and count.isdigit() else 1
    return {slot: None, "incident_refusals": f"{slot}:{count}"}


def accepted(tracker: Tracker, slot: str, value: Any) -> dict[str, Any]:
    result = {slot: value}
    if (tracker.get_slot("incident_refusals") or "").startswith(f"{slot}:"):
        result["incident_refusals"] = None
    return result


class ValidateIncidentForm(FormValidationAction):
    """Reads and checks every field; prefills what the declaration and the identity already say."""

    def name(self) -> str:
        return "validate_incident_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        if not conversation_scope(tracker).allowed:
            return []  # the submit action explains why no ticket can be opened
        if tracker.get_slot("college_charge_ack") == "no":
            return list(FORM_SLOTS[:3])
        return list(domain_slots)

    # -- establishment -------------------------------------------------------------------------
    def extract_incident_establishment(self, dispatcher, tracker, domain) -> dict[str, Any]:
        scope = conversation_scope(tracker)
        current = tracker.get_slot("incident_establishment")
        if scope.verified:
            # A verified identity decides the establishment; nothing the user types can change it.
            return {} if current == scope.uai else {"incident_establishment": scope.uai}
        if current:
            return {}
        if _activating(tracker):
            return {"incident_establishment": scope.uai} if scope.uai else {}
        if not answering(tracker, "incident_establishment", domain):
            return {}
        return {"incident_establishment": latest_entity(tracker, "uai") or latest_text(tracker)}

    def validate_incident_establishment(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        scope = conversation_scope(tracker)
        if not value or value == scope.uai:  # the identity's own establishment: nothing to look up
            return {"incident_establishment": value}
        match = find_establishment(value)
        if match.establishment is not None:
            uai = match.establishment.uai
            side = {} if scope.verified else {"user_uai": uai}
            return {**accepted(tracker, "incident_establishment", uai), **side}
        if match.ambiguous:
            dispatcher.utter_message(
                text="Plusieurs collèges correspondent. Lequel ?",
                buttons=[{"title": c.establishment.label, "payload": f'/inform{{"uai": "{c.establishment.uai}"}}'}
                         for c in match.candidates[:5]],
            )
        else:
            dispatcher.utter_message(text=(
                "Je ne reconnais pas ce collège. Donnez son nom (par ex. « Jean Donnet Lezay ») ou son code "
                "UAI : 079, 4 chiffres et une lettre (par ex. 0799001E)."
            ))
        return {"incident_establishment": None}

    # -- category ------------------------------------------------------------------------------
    def extract_incident_category(self, dispatcher, tracker, domain) -> dict[str, Any]:
        stray = stray_candidate(tracker, "incident_category", domain)
        if stray is not None:
            return stray
        if tracker.get_slot("incident_category"):
            return {}
        if _activating(tracker):
            category = incident_category(knowledge(), declaration_text(tracker))
            return {"incident_category": category} if category else {}
        if not answering(tracker, "incident_category", domain):
            return {}
        choice = latest_entity(tracker, "choice")
        if choice == "other":
            return {"incident_category": "other"}
        return {"incident_category": latest_text(tracker) or None}  # an NLU « subject »: the domain's mapping

    def validate_incident_category(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        kb = knowledge()
        if not value or value == "other":  # « Autre… »: the form asks again, with the full list
            return {"incident_category": None, "incident_refusals": "incident_category:other"} if value else {}
        if value in kb.subjects and kb.subjects[value].incident:
            return accepted(tracker, "incident_category", value)
        category = incident_category(kb, value, subject_hint=value if value in kb.subjects else None)
        if category:
            return accepted(tracker, "incident_category", category)
        return refused(tracker, "incident_category")

    # -- the collège's own charge ----------------------------------------------------------------
    def extract_college_charge_ack(self, dispatcher, tracker, domain) -> dict[str, Any]:
        stray = stray_candidate(tracker, "college_charge_ack", domain)
        if stray is not None:
            return stray
        category = tracker.get_slot("incident_category")
        if tracker.get_slot("college_charge_ack") or category not in knowledge().subjects:
            return {}  # no category yet, or a candidate that its validation will refuse
        routing = route(knowledge(), category, declared_actions(tracker))
        if not routing.college_charge:
            return {"college_charge_ack": "n/a"}
        if not answering(tracker, "college_charge_ack", domain):
            return {}
        answer = yes_no(tracker)
        return {"college_charge_ack": latest_text(tracker) or "?"} if answer is None else \
            {"college_charge_ack": "yes" if answer else "no"}

    def validate_college_charge_ack(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value in ("yes", "no", "n/a") or value is None:
            return accepted(tracker, "college_charge_ack", value)
        return refused(tracker, "college_charge_ack")

    # -- free text fields ----------------------------------------------------------------------
    def extract_incident_description(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("incident_description"):
            return {}
        text = latest_text(tracker)
        if _activating(tracker):
            # « le wifi ne marche plus au CDI » is already a description, typed to declare or answered before its
            # « Déclarer l'incident » button; « je veux déclarer un incident » is not.
            told = declaration_text(tracker)
            if incident_category(knowledge(), told) and len(told.split()) >= 3:
                return {"incident_description": told}
            return {}
        if not answering(tracker, "incident_description", domain):
            return {}
        return {"incident_description": text}

    def validate_incident_description(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:
            return {}
        if len(value.strip()) < 3:
            dispatcher.utter_message(text="Pouvez-vous décrire le problème en quelques mots ?")
            return refused(tracker, "incident_description")
        return accepted(tracker, "incident_description", without_greeting(knowledge(), value))

    def extract_incident_place(self, dispatcher, tracker, domain) -> dict[str, Any]:
        fix = correction(tracker)
        if fix is not None and fix[0] == "incident_place":
            return {"incident_place": fix[1]}
        if tracker.get_slot("incident_place"):
            return {}
        if _activating(tracker):
            place = place_from_text(declaration_text(tracker))
            return {"incident_place": place} if place else {}
        if not answering(tracker, "incident_place", domain):
            return {}
        return {"incident_place": place_answer(latest_text(tracker)) or latest_entity(tracker, "place") or ""}

    def validate_incident_place(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:
            return {}
        if len(value.strip()) < 2:
            return refused(tracker, "incident_place")
        if correction(tracker) is not None:
            dispatcher.utter_message(text=f"C'est corrigé : lieu « {value} ».")
        return accepted(tracker, "incident_place", value[:200])

    def extract_incident_impact(self, dispatcher, tracker, domain) -> dict[str, Any]:
        fix = correction(tracker)
        if fix is not None and fix[0] == "incident_impact":
            return {"incident_impact": fix[1]}
        stray = stray_candidate(tracker, "incident_impact", domain)
        if stray is not None:
            return stray
        if tracker.get_slot("incident_impact") or not answering(tracker, "incident_impact", domain):
            return {}
        return {"incident_impact": latest_text(tracker) or "?"}  # a button's « value »: the domain's mapping

    def validate_incident_impact(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:
            return {}
        impact = value if value in IMPACT_SCALE else impact_from_text(value)
        if impact is None:
            return refused(tracker, "incident_impact")
        # The recap repeats the user's own words (« tout le 1er étage ») beside the level of the scale.
        words = None if value in IMPACT_SCALE else value[:100]
        side = {"incident_impact_words": words} if words or tracker.get_slot("incident_impact_words") else {}
        return {**accepted(tracker, "incident_impact", impact), **side}

    def extract_incident_contact(self, dispatcher, tracker, domain) -> dict[str, Any]:
        fix = correction(tracker)
        if fix is not None and fix[0] == "incident_contact":
            return {"incident_contact": fix[1]}
        if tracker.get_slot("incident_contact") or not answering(tracker, "incident_contact", domain):
            return {}
        return {"incident_contact": latest_text(tracker)}

    def validate_incident_contact(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is None:
            return {}
        if not can_be_reached(value):
            # A sentence that goes on with the story (« depuis ce matin, plus aucune sonnerie ») is no way
            # to call back: the line would receive a ticket it cannot follow up.
            dispatcher.utter_message(text="Je n'y trouve ni numéro de téléphone ni adresse e-mail.")
            return refused(tracker, "incident_contact")
        return accepted(tracker, "incident_contact", value[:300])

    # -- duplicate check -----------------------------------------------------------------------
    async def extract_incident_similar(self, dispatcher, tracker, domain) -> dict[str, Any]:
        stray = stray_candidate(tracker, "incident_similar", domain)
        if stray is not None:
            return stray
        if tracker.get_slot("incident_similar"):
            return {}
        needed = ("incident_establishment", "incident_category", "incident_description", "incident_place",
                  "incident_impact", "incident_contact")
        if any(not tracker.get_slot(s) for s in needed) or tracker.get_slot("incident_impact") not in IMPACT_SCALE:
            return {}  # a field is missing, or holds a candidate its validation may still refuse
        typed = similar_choice_typed(tracker) if tracker.get_slot("requested_slot") == "incident_similar" else None
        if typed is not None:
            # « Créer un nouveau ticket » typed instead of clicked reads as a new declaration (its intent), which
            # restarted the form and lost the category: the button's words are the answer to this question.
            return {"incident_similar": "yes" if typed else "new"}
        if answering(tracker, "incident_similar", domain):
            answer = yes_no(tracker)
            return {} if answer is None else {"incident_similar": "yes" if answer else "new"}
        if tracker.get_slot("requested_slot") == "incident_similar":
            return {}
        return {} if await similar_ticket(tracker) else {"incident_similar": "none"}

    async def validate_incident_similar(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value == "yes":
            similar = await similar_ticket(tracker)
            return {"incident_similar": f"comment:{similar.number}" if similar else "new"}
        if value == "no":
            return {"incident_similar": "new"}
        return {"incident_similar": value}

    # -- confirmation --------------------------------------------------------------------------
    def extract_incident_confirmed(self, dispatcher, tracker, domain) -> dict[str, Any]:
        # The domain maps the recap's buttons (entity « choice ») and a yes / a no (affirm / deny intents).
        # Python reads what no mapping can: typed words (« modifier », « le lieu », « annuler », « c'est bon »),
        # which outrank the intent (« non, le lieu » names the field to change, it does not cancel); a
        # message that answers something else (a correction of another field) drops the intent's candidate.
        stray = stray_candidate(tracker, "incident_confirmed", domain)
        if stray is not None:
            return stray
        if not answering(tracker, "incident_confirmed", domain):
            return {}
        if latest_entity(tracker, "choice"):
            return {}  # a button: its mapping gave the value
        text = normalise(tracker.latest_message.get("text") or "")
        typed_field = next((slot for slot, label in EDITABLE.items() if normalise(label) in text.split()), None)
        if text.startswith("modifier"):
            return {"incident_confirmed": "edit"}
        if tracker.get_slot("incident_editing") == "choose" and typed_field:
            return {"incident_confirmed": typed_field}
        if text.startswith("annuler"):
            return {"incident_confirmed": "cancel"}
        if tracker.get_slot("incident_confirmed"):
            return {}  # affirm / deny, mapped by the domain
        return {"incident_confirmed": "confirm"} if yes_no(tracker) else {}

    def validate_incident_confirmed(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value in EDITABLE:
            # Clear the field: the form asks it again, then shows the recap again.
            return {value: None, "incident_confirmed": None, "incident_similar": None, "incident_editing": None}
        if value == "edit":
            return {"incident_editing": "choose", "incident_confirmed": None}
        if value in CONFIRM_CHOICES and not recap_just_shown(tracker):
            # A confirmation answers the recap just shown, never an older one (a stale button, a replay).
            return {"incident_confirmed": None}
        return {"incident_confirmed": CONFIRM_CHOICES.get(value) if value else None}


def recap_just_shown(tracker: Tracker) -> bool:
    """True when the latest message answers the recap (or the retry offer of a failed submit)."""
    # Rasa runs a form's questions inside the form: the recap's action event is the form's own name.
    return (last_bot_action(tracker) in ("incident_form", "action_ask_incident_confirmed", "action_submit_incident")
            and tracker.get_slot("requested_slot") == "incident_confirmed"
            and bot_spoke_since_previous_message(tracker))


def bot_spoke_since_previous_message(tracker: Tracker) -> bool:
    """True when the bot said something between the user's previous message and the latest one.

    A turn whose action server was unreachable still logs the form's action, but no utterance: the user
    read « indisponible » from the gateway, not the recap, so a « confirmer » typed next answers nothing.
    """
    seen_latest = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_latest:
                return False
            seen_latest = True
        elif kind == "bot" and seen_latest:
            return True
    return False


async def similar_ticket(tracker: Tracker):
    """An open ticket of the same establishment, category and place, or None (never blocks a declaration)."""
    try:
        found = await in_thread(
            ticket_store().find_similar_open, tracker.get_slot("incident_establishment"),
            tracker.get_slot("incident_category"), tracker.get_slot("incident_place"),
        )
    except Exception:  # noqa: BLE001 - a duplicate check must not block a declaration
        logger.exception("similar-ticket lookup failed")
        return None
    return found[0] if found else None

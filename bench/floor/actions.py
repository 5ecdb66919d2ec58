"""Constant versions of every custom action of domain.yml (no knowledge base, no database).

The incident form keeps the product's shape: the first message is taken as a complete declaration (the
product prefills establishment, category, description and place from such a message), then impact, contact
and confirmation are asked with the same button payloads, so the same turns drive both bots.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

ANSWER = "Réponse constante du banc d'essai (plancher)."
TICKET = "Ticket INC-0000-00000 enregistré (plancher)."
# Prefilled on activation, as the product does for a declaration that names the problem and the place.
PREFILLED = {
    "incident_establishment": "0799001E",
    "incident_category": "materiel_informatique",
    "college_charge_ack": "n/a",
    "incident_description": "banc d'essai",
    "incident_place": "banc d'essai",
    "incident_similar": "none",
}
FORM_SLOTS = (
    "incident_establishment", "incident_category", "college_charge_ack", "incident_description",
    "incident_place", "incident_impact", "incident_contact", "incident_similar", "incident_confirmed",
)
# Messages the product's form does not take as answers (rules answer them, then the form resumes).
NOT_AN_ANSWER = {
    "ask_responsibility", "ask_support", "ask_procedure", "ask_agreement", "ask_followup", "out_of_scope",
    "stop", "talk_to_human", "greet", "goodbye", "thank", "bot_challenge", "ask_capabilities",
    "check_ticket_status", "list_tickets", "cancel_ticket", "feedback",
}


def _reset() -> list[EventType]:
    return [SlotSet(slot, None) for slot in (*FORM_SLOTS, "incident_editing", "requested_slot")]


class _Constant:
    """Sends one constant text; subclasses only name themselves (not an Action itself: never registered)."""

    action_name = ""
    text = ANSWER

    def name(self) -> str:
        return self.action_name

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text=self.text)
        return []


class AnswerQuestion(_Constant, Action):
    action_name = "action_answer_question"


class Courtesy(_Constant, Action):
    action_name = "action_courtesy"


class CoreFallback(_Constant, Action):
    action_name = "action_core_fallback"


class Feedback(_Constant, Action):
    action_name = "action_feedback"


class TalkToHuman(_Constant, Action):
    action_name = "action_talk_to_human"


class TicketStatus(_Constant, Action):
    action_name = "action_ticket_status"


class ListTickets(_Constant, Action):
    action_name = "action_list_tickets"


class AddTicketComment(_Constant, Action):
    action_name = "action_add_ticket_comment"


class CancelTicket(_Constant, Action):
    action_name = "action_cancel_ticket"


class CancelIncident(_Constant, Action):
    action_name = "action_cancel_incident"
    text = "D'accord, j'annule la déclaration : rien n'a été enregistré."

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        super().run(dispatcher, tracker, domain)
        return _reset()


class TriageIncident(Action):
    """Every declaration starts the form, as the product does for the benchmark's declarations."""

    def name(self) -> str:
        return "action_triage_incident"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        return [FollowupAction("incident_form")]


class ValidateIncidentForm(Action):
    """Prefills on activation, then stores the latest message in the slot the form asked for."""

    def name(self) -> str:
        return "validate_incident_form"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        if requested is None:
            return [SlotSet(slot, value) for slot, value in PREFILLED.items() if not tracker.get_slot(slot)]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in NOT_AN_ANSWER:
            return []
        text = (tracker.latest_message.get("text") or "").strip()
        value = next(iter(tracker.get_latest_entity_values("value")), None) or \
            next(iter(tracker.get_latest_entity_values("choice")), None) or text
        return [SlotSet(requested, value[:300] or "?")]


class _Ask:
    """Asks for one slot with a constant text and the product's button payloads (not an Action: never
    registered)."""

    slot = ""
    text = ""
    buttons: list[dict[str, str]] = []

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        dispatcher.utter_message(text=self.text, buttons=self.buttons or None)
        return []


class AskEstablishment(_Ask, Action):
    slot, text = "incident_establishment", "Pour quel collège ?"


class AskCategory(_Ask, Action):
    slot, text = "incident_category", "Décrivez la catégorie."


class AskCollegeChargeAck(_Ask, Action):
    slot, text = "college_charge_ack", "Enregistrer quand même ?"
    buttons = [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}]


class AskDescription(_Ask, Action):
    slot, text = "incident_description", "Décrivez le problème."


class AskPlace(_Ask, Action):
    slot, text = "incident_place", "Où exactement ?"


class AskImpact(_Ask, Action):
    slot, text = "incident_impact", "Qu'est-ce qui est touché ?"
    buttons = [{"title": t, "payload": f'/inform{{"value": "{v}"}}'}
               for t, v in (("Tout l'établissement", "site"), ("Une salle", "salle"), ("Un appareil", "poste"))]


class AskContact(_Ask, Action):
    slot, text = "incident_contact", "Qui le service peut-il contacter ?"


class AskSimilar(_Ask, Action):
    slot, text = "incident_similar", "Un ticket semblable existe."
    buttons = [{"title": "Ajouter", "payload": "/affirm"}, {"title": "Nouveau", "payload": "/deny"}]


class AskConfirmed(_Ask, Action):
    slot, text = "incident_confirmed", "Je l'enregistre ?"
    buttons = [{"title": "Confirmer", "payload": '/inform{"choice": "confirm"}'},
               {"title": "Annuler", "payload": '/inform{"choice": "cancel"}'}]


class SubmitIncident(Action):
    """Confirms with a constant number when the user confirmed; stores nothing."""

    def name(self) -> str:
        return "action_submit_incident"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        confirmed = tracker.get_slot("incident_confirmed")
        dispatcher.utter_message(text=TICKET if confirmed == "confirm" else
                                 "D'accord, j'annule la déclaration : rien n'a été enregistré.")
        return _reset()


class AnswerConfirmation(Action):
    """The product asks « Annuler INC-… ? » before cancelling; the floor only acknowledges."""

    def name(self) -> str:
        return "action_answer_confirmation"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        dispatcher.utter_message(text="D'accord.")
        return []


class ForwardSignalement(Action):
    """A RUPN forwards a teacher's signalement to the service; the floor confirms with a constant text."""

    def name(self) -> str:
        return "action_forward_signalement"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        dispatcher.utter_message(text=TICKET)
        return []

"""What the incident form asks, and the fixed sentences actions send (French, in one place)."""
from __future__ import annotations

from rasa_sdk import Action
from rasa_sdk.events import EventType

CANCELLED = "D'accord, j'annule la déclaration : rien n'a été enregistré."
BAD_INPUT = ("Je n'ai reçu aucun texte exploitable. Posez-moi une question en français, par exemple : "
             "« qui installe le vidéoprojecteur ? ».")

QUESTIONS = {
    "incident_establishment": ("Pour quel collège ? Donnez son nom ou son code UAI (079 suivi de 4 chiffres et "
                               "d'une lettre).", None),
    "incident_description": ("Décrivez le problème en une ou deux phrases.", None),
    "incident_place": ("Où exactement ? (salle, bâtiment)", None),
    "incident_impact": ("Qu'est-ce qui est touché ?", [
        {"title": "Tout l'établissement", "payload": '/inform{"value": "site"}'},
        {"title": "Une salle ou une classe", "payload": '/inform{"value": "salle"}'},
        {"title": "Un seul appareil", "payload": '/inform{"value": "poste"}'},
    ]),
    "incident_contact": ("Qui le service peut-il contacter (nom et téléphone ou e-mail) ?", None),
}


class _AskSlot:
    """Mixin asking the form question of ``slot`` (not an Action itself, so never registered)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        text, buttons = QUESTIONS[self.slot]
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ActionAskIncidentEstablishment(_AskSlot, Action):
    slot = "incident_establishment"


class ActionAskIncidentDescription(_AskSlot, Action):
    slot = "incident_description"


class ActionAskIncidentPlace(_AskSlot, Action):
    slot = "incident_place"


class ActionAskIncidentImpact(_AskSlot, Action):
    slot = "incident_impact"


class ActionAskIncidentContact(_AskSlot, Action):
    slot = "incident_contact"

"""What the incident form asks, and the fixed sentences actions send (French, in one place).

Every question accepts typed answers; buttons are shortcuts. A question refused once is asked again with
examples of what works; refused twice, it offers its buttons with a short explanation instead of
repeating itself (``incident_refusals`` counts the refusals of the current question).
"""
from __future__ import annotations

from typing import Optional

from rasa_sdk import Action
from rasa_sdk.events import EventType

CANCELLED = "D'accord, j'annule la déclaration : rien n'a été enregistré."
STOP_HINT = "Tapez « annuler » pour arrêter à tout moment."
HOLD = ("Je vous écoute : posez votre question. Votre déclaration reste en attente et reprend juste après "
        "(tapez « annuler » pour l'abandonner).")
# A bare « oui » / « non » that answers no question the bot asked (kept here, not as a domain response that no
# story or rule uses: `rasa data validate` warns about those).
NOT_UNDERSTOOD = "Je n'ai pas bien compris. Pouvez-vous reformuler ? Par exemple : « qui paie les téléphones portables ? »."
# Greetings, thanks, goodbyes and « are you a bot? »: sent by action_courtesy, which first checks that the message says nothing more
# (here rather than as domain responses, which `rasa data validate` wants used by a rule).
GREETING = ("Bonjour ! Je connais la convention informatique des collèges des Deux-Sèvres : demandez-moi qui "
            "installe, paie ou dépanne quoi, quel numéro appeler, ou déclarez un incident.")
WHO_ANSWERS = ("Je suis un assistant automatique : mes réponses viennent uniquement de la convention cadre de partenariat "
               "de 2017 entre le Département des Deux-Sèvres, l'Académie de Poitiers, Réseau Canopé et les collèges. "
               "Pour parler à une personne, écrivez « je veux parler à quelqu'un ».")
THANKS = "Avec plaisir ! Une autre question ?"
GOODBYE = "Au revoir et bonne journée !"
BAD_INPUT = ("Je n'ai reçu aucun texte exploitable. Posez-moi une question en français, par exemple : "
             "« qui installe le vidéoprojecteur ? ».")

IMPACT_BUTTONS = [
    {"title": "Un seul appareil", "payload": '/inform{"value": "poste"}'},
    {"title": "Une salle", "payload": '/inform{"value": "salle"}'},
    {"title": "Plusieurs salles ou un étage", "payload": '/inform{"value": "zone"}'},
    {"title": "Tout l'établissement", "payload": '/inform{"value": "site"}'},
]
YES_NO_BUTTONS = [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}]

# slot -> (question, buttons, the question again after one refusal, the explanation after two)
QUESTIONS: dict[str, tuple[str, Optional[list], str, str]] = {
    "incident_establishment": (
        "Pour quel collège ? Donnez son nom ou son code UAI (079 suivi de 4 chiffres et d'une lettre).", None,
        "Pour quel collège ? Son nom et sa ville suffisent (par ex. « Jean Donnet Lezay »).",
        "Pour quel collège ? Son code UAI est sur les courriers officiels (par ex. 0799001E).",
    ),
    "incident_description": (
        "Décrivez le problème en une ou deux phrases.", None,
        "Décrivez le problème en une phrase, par ex. « l'imprimante n'imprime plus depuis hier ».",
        "Une phrase suffit : ce qui ne marche pas, et depuis quand.",
    ),
    "incident_place": (
        "Où exactement ? (salle, étage, bâtiment…)", None,
        "Où exactement ? Par ex. « salle B12 », « 1er étage », « CDI », « local serveur ».",
        "Le lieu aide le technicien à trouver l'appareil : une salle, un étage ou un bâtiment suffit.",
    ),
    "incident_impact": (
        "Qu'est-ce qui est touché ? Écrivez-le (« juste mon poste », « tout le 1er étage ») ou choisissez :",
        IMPACT_BUTTONS,
        "Je n'ai pas compris l'étendue du problème. Par ex. « juste mon poste », « toute la salle », "
        "« plusieurs salles », « tout le collège » :",
        "L'étendue décide de l'urgence pour le service. Choisissez simplement, du plus petit au plus grand :",
    ),
    "incident_contact": (
        "Qui le service peut-il contacter (nom et téléphone ou e-mail) ?", None,
        "Qui le service peut-il contacter ? Par ex. « M. Martin, 05 xx xx xx xx » ou « M. Martin, m.martin@exemple.fr ».",
        "Le service rappelle la personne indiquée : un nom et un téléphone ou un e-mail.",
    ),
}


def refusals(tracker, slot: str) -> int:
    """How many answers to the question of ``slot`` were refused in a row."""
    name, _, count = (tracker.get_slot("incident_refusals") or "").partition(":")
    return int(count) if name == slot and count.isdigit() else 0


def ask_again(dispatcher, tracker, slot: str, question: str, buttons: Optional[list], retry: str,
              explain: str) -> None:
    """Ask the question of ``slot``, rephrased after one refusal, with an explanation and buttons after two."""
    count = refusals(tracker, slot)
    if count == 0:
        dispatcher.utter_message(text=question, buttons=buttons)
    elif count == 1 or not buttons:
        dispatcher.utter_message(text=retry, buttons=buttons)
    else:
        dispatcher.utter_message(text=explain, buttons=buttons)


class _AskSlot:
    """Mixin asking the form question of ``slot`` (not an Action itself, so never registered)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        ask_again(dispatcher, tracker, self.slot, *QUESTIONS[self.slot])
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

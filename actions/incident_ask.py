"""The incident form's questions that depend on the declaration: category, the collège's own charge,
a similar open ticket, and the recap (with the fields to change after « Modifier »)."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.identity import conversation_scope
from actions.incident_form import similar_ticket
from actions.incidents import EDITABLE, declaration_text, declared_actions
from actions.kb import knowledge
from actions.prompts import refusals
from helpdesk.establishments import get_establishment
from helpdesk.incidents import category_families, college_charge_text, likely_categories, route
from helpdesk.roles import reports_to_rupn
from helpdesk.tickets.values import IMPACT_LABELS

OTHER = {"title": "Autre…", "payload": '/inform{"choice": "other"}'}


def _category_button(kb, subject: str) -> dict:
    return {"title": kb.subjects[subject].incident_label, "payload": f'/inform{{"subject": "{subject}"}}'}


class ActionAskIncidentCategory(Action):
    """The 3 to 5 likeliest categories for the words given, plus « Autre… », which opens the full list
    grouped by family."""

    def name(self) -> str:
        return "action_ask_incident_category"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        kb = knowledge()
        count = refusals(tracker, "incident_category")
        if (tracker.get_slot("incident_refusals") or "") == "incident_category:other" or count >= 2:
            intro = ("Voici toutes les catégories, par famille :" if count < 2 else
                     "Je n'ai pas reconnu la catégorie. Elle décide du service qui recevra le ticket : "
                     "choisissez-la dans la liste, par famille.")
            dispatcher.utter_message(text=intro)
            for family, items in category_families(kb):
                dispatcher.utter_message(text=family, buttons=[_category_button(kb, sid) for sid, _ in items])
            return []
        text = ("De quel type d'incident s'agit-il ? Écrivez-le ou choisissez :" if count == 0 else
                "Je n'ai pas reconnu la catégorie : écrivez l'appareil ou le service en cause "
                "(« imprimante », « wifi », « standard »…) ou choisissez :")
        likely = likely_categories(kb, declaration_text(tracker))
        dispatcher.utter_message(text=text, buttons=[_category_button(kb, s) for s in likely] + [OTHER])
        return []


class ActionAskCollegeChargeAck(Action):
    def name(self) -> str:
        return "action_ask_college_charge_ack"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        kb = knowledge()
        routing = route(kb, tracker.get_slot("incident_category"), declared_actions(tracker))
        if refusals(tracker, "college_charge_ack") >= 2:
            dispatcher.utter_message(
                text="Répondez par oui ou par non : oui enregistre un ticket de suivi interne, non n'enregistre rien.",
                buttons=[{"title": "Oui, l'enregistrer", "payload": "/affirm"}, {"title": "Non merci", "payload": "/deny"}],
            )
            return []
        dispatcher.utter_message(
            text=f"{college_charge_text(kb, routing)} Voulez-vous quand même enregistrer un ticket pour le suivi "
                 "interne du collège ?",
            buttons=[{"title": "Oui, l'enregistrer", "payload": "/affirm"}, {"title": "Non merci", "payload": "/deny"}],
        )
        return []


class ActionAskIncidentSimilar(Action):
    def name(self) -> str:
        return "action_ask_incident_similar"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        similar = await similar_ticket(tracker)
        if similar is None:
            return [SlotSet("incident_similar", "none")]
        dispatcher.utter_message(
            text=(f"Un ticket semblable est déjà ouvert pour votre établissement : {similar.number} "
                  f"({similar.status_label}, {similar.place or 'lieu non précisé'}) : « {similar.description[:120]} ». "
                  "Voulez-vous plutôt y ajouter votre signalement en commentaire ?"),
            buttons=[{"title": f"Ajouter à {similar.number}", "payload": "/affirm"},
                     {"title": "Créer un nouveau ticket", "payload": "/deny"}],
        )
        return []


class ActionAskIncidentConfirmed(Action):
    """The recap with Confirmer / Modifier / Annuler (or, after « Modifier », the fields to change)."""

    def name(self) -> str:
        return "action_ask_incident_confirmed"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if tracker.get_slot("incident_editing") == "choose":
            fixed = conversation_scope(tracker).verified  # the establishment then comes from the identity
            dispatcher.utter_message(
                text="Que voulez-vous modifier ? (écrivez-le ou choisissez)",
                buttons=[{"title": label, "payload": f'/inform{{"choice": "{slot}"}}'} for slot, label in EDITABLE.items()
                         if not (fixed and slot == "incident_establishment")],
            )
            return []
        dispatcher.utter_message(text=recap_text(tracker), buttons=[
            {"title": "Confirmer", "payload": '/inform{"choice": "confirm"}'},
            {"title": "Modifier", "payload": '/inform{"choice": "edit"}'},
            {"title": "Annuler", "payload": '/inform{"choice": "cancel"}'},
        ])
        return []


def impact_text(tracker: Tracker) -> str:
    """The impact in the user's own words, with the level of the scale it was read as."""
    impact = tracker.get_slot("incident_impact")
    label = IMPACT_LABELS.get(impact, impact or "")
    words = tracker.get_slot("incident_impact_words")
    return f"{words} ({label})" if words and words.strip().lower() != label else label


def recap_text(tracker: Tracker) -> str:
    """The declaration as it will be stored and where it will go, in the user's own words."""
    kb = knowledge()
    establishment = get_establishment(tracker.get_slot("incident_establishment") or "")
    category = tracker.get_slot("incident_category")
    routing = route(kb, category, declared_actions(tracker))
    similar = tracker.get_slot("incident_similar") or ""
    lines = [
        "Récapitulatif de votre déclaration :",
        f"• Établissement : {establishment.label if establishment else tracker.get_slot('incident_establishment')}",
        f"• Catégorie : {kb.subjects[category].incident_label}",
        f"• Description : {tracker.get_slot('incident_description')}",
        f"• Lieu : {tracker.get_slot('incident_place')}",
        f"• Impact : {impact_text(tracker)}",
        f"• Contact : {tracker.get_slot('incident_contact')}",
    ]
    if similar.startswith("comment:"):
        lines.append(f"→ Sera ajouté en commentaire au ticket {similar.split(':', 1)[1]}.")
    elif _signalement(tracker):
        lines.append("→ Destinataire : le RUPN de votre collège (signalement), qui saisira le service compétent.")
    else:
        lines.append(f"→ Destinataire : {routing.line.name}.")
    lines.append("Je l'enregistre ?")
    return "\n".join(lines)


def _signalement(tracker: Tracker) -> bool:
    return reports_to_rupn(conversation_scope(tracker).role)

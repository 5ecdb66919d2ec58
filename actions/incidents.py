"""The incident declaration form: collect what is missing, recap, look for a duplicate, store and route."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.identity import conversation_scope
from actions import prompts
from actions.kb import knowledge
from actions.rendering import citation_payload
from helpdesk.establishments import find_establishment, get_establishment
from helpdesk.incidents import (
    college_charge_text,
    looks_like_a_question,
    looks_like_an_incident,
    impact_from_text,
    incident_actions,
    incident_category,
    ticket_line_text,
    place_from_text,
    route,
)
from knowledge.query import incident_categories
from knowledge.schedule import now_paris
from helpdesk.tickets import TicketBusy, TicketError, TicketStore

logger = logging.getLogger(__name__)

FORM_SLOTS = (
    "incident_establishment", "incident_category", "college_charge_ack", "incident_description",
    "incident_place", "incident_impact", "incident_contact", "incident_similar", "incident_confirmed",
)
EDITABLE = {
    "incident_establishment": "Établissement",
    "incident_category": "Catégorie",
    "incident_description": "Description",
    "incident_place": "Lieu",
    "incident_impact": "Impact",
    "incident_contact": "Contact",
}
IMPACT_LABELS = {"site": "tout l'établissement", "salle": "une salle ou une classe", "poste": "un seul appareil"}
# Intents that are not an answer to the form's question: the form lets the rules handle them, then resumes.
NOT_AN_ANSWER = {
    "ask_responsibility", "ask_support", "ask_procedure", "ask_agreement", "ask_followup", "out_of_scope",
    "stop", "talk_to_human", "greet", "goodbye", "thank", "bot_challenge", "ask_capabilities",
    "check_ticket_status", "list_tickets", "cancel_ticket", "feedback",
}
MAX_FIELD = 2000
FREE_TEXT_SLOTS = {"incident_description", "incident_place", "incident_contact", "incident_establishment"}


@lru_cache(maxsize=1)
def ticket_store() -> TicketStore:
    """The ticket store of this action server (TICKETS_DATABASE_URL), opened once and migrated."""
    return TicketStore.open()


def _text(tracker: Tracker) -> str:
    text = (tracker.latest_message.get("text") or "").strip()
    return "" if text.startswith("/") else text[:MAX_FIELD]


def _intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _entity(tracker: Tracker, name: str) -> Optional[str]:
    return next(tracker.get_latest_entity_values(name), None)


def _answering(tracker: Tracker, slot: str) -> bool:
    """True when the latest message answers the question the form asked for ``slot``."""
    if tracker.get_slot("requested_slot") != slot or _intent(tracker) in NOT_AN_ANSWER:
        return False
    text = _text(tracker)
    # A question typed in the middle of the form ("qui paie les portables ?") is not the answer to ours.
    return not (slot in FREE_TEXT_SLOTS and text.endswith("?") and looks_like_a_question(knowledge(), text))


def _activating(tracker: Tracker) -> bool:
    return tracker.get_slot("requested_slot") is None


def _yes_no(tracker: Tracker) -> Optional[bool]:
    intent = _intent(tracker)
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    text = (tracker.latest_message.get("text") or "").strip().lower()
    if text in {"oui", "ok", "d'accord", "daccord", "oui merci", "confirmer", "confirme"}:
        return True
    if text in {"non", "non merci", "nan"}:
        return False
    return None


class ValidateIncidentForm(FormValidationAction):
    """Extracts and checks every field; prefills what the declaration and the identity already say."""

    # The SDK only returns the form's own slots; these are set alongside and must not be dropped.
    SIDE_SLOTS = ("user_uai", "incident_editing")

    def name(self) -> str:
        return "validate_incident_form"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        before = {slot: tracker.get_slot(slot) for slot in self.SIDE_SLOTS}
        events = await super().run(dispatcher, tracker, domain)
        side = [SlotSet(slot, tracker.slots.get(slot)) for slot in self.SIDE_SLOTS
                if tracker.slots.get(slot) != before[slot]]
        return side + events

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        if not conversation_scope(tracker).allowed:
            return []  # the submit action explains why no ticket can be opened
        if tracker.get_slot("college_charge_ack") == "no":
            return list(FORM_SLOTS[:3])
        return list(domain_slots)

    # -- establishment -------------------------------------------------------------------------
    def extract_incident_establishment(self, dispatcher, tracker, domain) -> dict[str, Any]:
        scope = conversation_scope(tracker)
        if scope.verified:
            # A verified identity decides the establishment; nothing the user types can change it.
            current = tracker.get_slot("incident_establishment")
            return {} if current == scope.uai else {"incident_establishment": scope.uai}
        if tracker.get_slot("incident_establishment"):
            return {}
        if _activating(tracker):
            return {"incident_establishment": scope.uai} if scope.uai else {}
        if not _answering(tracker, "incident_establishment"):
            return {}
        given = _entity(tracker, "uai") or _text(tracker)
        match = find_establishment(given)
        if match.establishment is not None:
            return {"incident_establishment": match.establishment.uai, "user_uai": match.establishment.uai}
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
        if tracker.get_slot("incident_category"):
            return {}
        kb = knowledge()
        if _activating(tracker):
            category = incident_category(kb, _text(tracker))
            return {"incident_category": category} if category else {}
        if not _answering(tracker, "incident_category"):
            return {}
        category = incident_category(kb, _text(tracker), subject_hint=_entity(tracker, "subject"))
        if category:
            return {"incident_category": category}
        dispatcher.utter_message(text="Je n'ai pas reconnu la catégorie : choisissez-la dans la liste.")
        return {"incident_category": None}

    # -- the collège's own charge ----------------------------------------------------------------
    def extract_college_charge_ack(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("college_charge_ack") or not tracker.get_slot("incident_category"):
            return {}
        routing = route(knowledge(), tracker.get_slot("incident_category"), self._actions(tracker))
        if not routing.college_charge:
            return {"college_charge_ack": "n/a"}
        if not _answering(tracker, "college_charge_ack"):
            return {}
        answer = _yes_no(tracker)
        if answer is None:
            return {}
        return {"college_charge_ack": "yes" if answer else "no"}

    @staticmethod
    def _actions(tracker: Tracker) -> list[str]:
        first = _declaration_text(tracker)
        return incident_actions(knowledge(), first)

    # -- free text fields ----------------------------------------------------------------------
    def extract_incident_description(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("incident_description"):
            return {}
        text = _text(tracker)
        if _activating(tracker):
            # "le wifi ne marche plus au CDI" is already a description; "je veux déclarer un incident" is not.
            if incident_category(knowledge(), text) and len(text.split()) >= 3:
                return {"incident_description": text}
            return {}
        if not _answering(tracker, "incident_description"):
            return {}
        if len(text) < 3:
            dispatcher.utter_message(text="Pouvez-vous décrire le problème en quelques mots ?")
            return {"incident_description": None}
        return {"incident_description": text}

    def extract_incident_place(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("incident_place"):
            return {}
        if _activating(tracker):
            place = place_from_text(_text(tracker))
            return {"incident_place": place} if place else {}
        if not _answering(tracker, "incident_place"):
            return {}
        place = _entity(tracker, "place") or _text(tracker)
        if len(place) < 2:
            return {"incident_place": None}
        return {"incident_place": place[:200]}

    def extract_incident_impact(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("incident_impact") or not _answering(tracker, "incident_impact"):
            return {}
        impact = impact_from_text(_entity(tracker, "value") or _text(tracker))
        if impact is None:
            dispatcher.utter_message(text="Choisissez l'une des trois réponses, s'il vous plaît.")
        return {"incident_impact": impact}

    def extract_incident_contact(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("incident_contact") or not _answering(tracker, "incident_contact"):
            return {}
        text = _text(tracker)
        if len(text) < 3:
            dispatcher.utter_message(text="Indiquez un nom et un moyen de contact (téléphone ou e-mail).")
            return {"incident_contact": None}
        return {"incident_contact": text[:300]}

    # -- duplicate check -----------------------------------------------------------------------
    def extract_incident_similar(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("incident_similar"):
            return {}
        needed = ("incident_establishment", "incident_category", "incident_description", "incident_place",
                  "incident_impact", "incident_contact")
        if any(not tracker.get_slot(s) for s in needed):
            return {}
        if _answering(tracker, "incident_similar"):
            answer = _yes_no(tracker)
            if answer is None:
                return {}
            similar = _similar_ticket(tracker)
            return {"incident_similar": f"comment:{similar.number}" if answer and similar else "new"}
        if tracker.get_slot("requested_slot") == "incident_similar":
            return {}
        return {} if _similar_ticket(tracker) else {"incident_similar": "none"}

    # -- confirmation --------------------------------------------------------------------------
    def extract_incident_confirmed(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("incident_confirmed") or not _answering(tracker, "incident_confirmed"):
            return {}
        if _submitted_this_turn(tracker):
            return {}
        choice = _entity(tracker, "choice")
        text = (tracker.latest_message.get("text") or "").strip().lower()
        if choice in EDITABLE:
            # Clear the field: the form asks it again, then shows the recap again.
            return {choice: None, "incident_confirmed": None, "incident_similar": None, "incident_editing": None}
        if choice == "edit" or text.startswith("modifier"):
            return {"incident_editing": "choose", "incident_confirmed": None}
        if choice == "cancel" or text.startswith("annuler") or _intent(tracker) == "deny":
            return {"incident_confirmed": "cancel"}
        if choice == "confirm" or _yes_no(tracker):
            return {"incident_confirmed": "yes"}
        return {}


def _submitted_this_turn(tracker: Tracker) -> bool:
    """True when action_submit_incident already ran since the latest user message (a failed save re-opens
    the form: the same "confirm" must not be read twice in one turn)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == "action_submit_incident":
            return True
    return False


def _declaration_text(tracker: Tracker) -> str:
    """The message that started the declaration (it says what the problem is)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and (event.get("parse_data") or {}).get("intent", {}).get("name") == "declare_incident":
            return event.get("text") or ""
    return _text(tracker)


def _similar_ticket(tracker: Tracker):
    try:
        found = ticket_store().find_similar_open(
            tracker.get_slot("incident_establishment"), tracker.get_slot("incident_category"),
            tracker.get_slot("incident_place"),
        )
    except Exception:  # noqa: BLE001 - a duplicate check must not block a declaration
        logger.exception("similar-ticket lookup failed")
        return None
    return found[0] if found else None


class ActionAskIncidentCategory(Action):
    def name(self) -> str:
        return "action_ask_incident_category"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        buttons = [{"title": label, "payload": f'/inform{{"subject": "{subject}"}}'}
                   for subject, label in incident_categories(knowledge())]
        dispatcher.utter_message(text="De quel type d'incident s'agit-il ?", buttons=buttons)
        return []


class ActionAskCollegeChargeAck(Action):
    def name(self) -> str:
        return "action_ask_college_charge_ack"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        kb = knowledge()
        routing = route(kb, tracker.get_slot("incident_category"), ValidateIncidentForm._actions(tracker))
        dispatcher.utter_message(
            text=f"{college_charge_text(kb, routing)} Voulez-vous quand même enregistrer un ticket pour le suivi "
                 "interne du collège ?",
            buttons=[{"title": "Oui, l'enregistrer", "payload": "/affirm"}, {"title": "Non merci", "payload": "/deny"}],
        )
        return []


class ActionAskIncidentSimilar(Action):
    def name(self) -> str:
        return "action_ask_incident_similar"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        similar = _similar_ticket(tracker)
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
    """The recap with Confirmer / Modifier / Annuler (or, after "Modifier", the fields to change)."""

    def name(self) -> str:
        return "action_ask_incident_confirmed"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if tracker.get_slot("incident_editing") == "choose":
            fixed = conversation_scope(tracker).verified  # the establishment then comes from the identity
            dispatcher.utter_message(
                text="Que voulez-vous modifier ?",
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


def recap_text(tracker: Tracker) -> str:
    """The declaration as it will be stored and where it will go."""
    kb = knowledge()
    establishment = get_establishment(tracker.get_slot("incident_establishment") or "")
    category = tracker.get_slot("incident_category")
    routing = route(kb, category, ValidateIncidentForm._actions(tracker))
    similar = tracker.get_slot("incident_similar") or ""
    lines = [
        "Récapitulatif de votre déclaration :",
        f"• Établissement : {establishment.label if establishment else tracker.get_slot('incident_establishment')}",
        f"• Catégorie : {kb.subjects[category].incident_label}",
        f"• Description : {tracker.get_slot('incident_description')}",
        f"• Lieu : {tracker.get_slot('incident_place')}",
        f"• Impact : {IMPACT_LABELS.get(tracker.get_slot('incident_impact'), tracker.get_slot('incident_impact'))}",
        f"• Contact : {tracker.get_slot('incident_contact')}",
    ]
    if similar.startswith("comment:"):
        lines.append(f"→ Sera ajouté en commentaire au ticket {similar.split(':', 1)[1]}.")
    else:
        lines.append(f"→ Destinataire : {routing.line.name}.")
    lines.append("Je l'enregistre ?")
    return "\n".join(lines)


def reset_form() -> list[EventType]:
    return [SlotSet(slot, None) for slot in (*FORM_SLOTS, "incident_editing", "requested_slot")]


class ActionSubmitIncident(Action):
    """Stores the ticket (or the comment on a similar one) and says where it went and how to reach them."""

    def name(self) -> str:
        return "action_submit_incident"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        scope = conversation_scope(tracker)
        if not scope.allowed:
            dispatcher.utter_message(text=scope.reason)
            return reset_form()
        if tracker.get_slot("college_charge_ack") == "no":
            dispatcher.utter_message(text="D'accord : aucun ticket n'est ouvert, c'est au collège de s'en charger.")
            return reset_form()
        if tracker.get_slot("incident_confirmed") != "yes":
            dispatcher.utter_message(text=prompts.CANCELLED)
            return reset_form()
        kb = knowledge()
        category = tracker.get_slot("incident_category")
        routing = route(kb, category, ValidateIncidentForm._actions(tracker))
        uai = scope.uai if scope.verified else tracker.get_slot("incident_establishment")
        similar = tracker.get_slot("incident_similar") or ""
        store = ticket_store()
        try:
            if similar.startswith("comment:"):
                number = similar.split(":", 1)[1]
                comment = (f"Nouveau signalement ({tracker.get_slot('incident_place')}) : "
                           f"{tracker.get_slot('incident_description')} — contact : {tracker.get_slot('incident_contact')}")
                if store.add_comment(number, comment, author="assistant", uai=uai) is None:
                    raise LookupError(number)
                dispatcher.utter_message(text=f"C'est ajouté au ticket {number} : inutile d'en ouvrir un second.")
                return reset_form() + [SlotSet("ticket_number", number)]
            establishment = get_establishment(uai)
            ticket = store.create_ticket(
                uai=uai,
                category=category,
                line=routing.line.id,
                description=tracker.get_slot("incident_description"),
                impact=tracker.get_slot("incident_impact"),
                place=tracker.get_slot("incident_place"),
                contact=tracker.get_slot("incident_contact"),
                reporter_channel=scope.channel,
                reporter_id=tracker.sender_id,
                conversation_id=tracker.sender_id,
                establishment_name=establishment.label if establishment else None,
            )
        except TicketBusy as error:
            # The database stayed locked for the whole wait budget and nothing was written: same retry
            # offer as an unavailable store, in the store's own words (« occupé, réessayez dans une minute »).
            dispatcher.utter_message(text=error.message, buttons=[
                {"title": "Réessayer", "payload": '/inform{"choice": "confirm"}'},
                {"title": "Annuler", "payload": '/inform{"choice": "cancel"}'}])
            return [SlotSet("incident_confirmed", None), SlotSet("requested_slot", "incident_confirmed"),
                    ActiveLoop("incident_form"), FollowupAction("action_listen")]
        except TicketError as error:
            # The store refused a field (its message is French and meant for the user): let them fix it.
            dispatcher.utter_message(text=error.message)
            return [SlotSet("incident_confirmed", None), SlotSet("incident_editing", "choose"),
                    SlotSet("requested_slot", "incident_confirmed"), ActiveLoop("incident_form"),
                    FollowupAction("action_listen")]
        except Exception:  # noqa: BLE001 - any storage failure: tell the user, keep their answers
            logger.exception("ticket creation failed")
            dispatcher.utter_message(
                text=("Je n'ai pas pu enregistrer le ticket : le service de tickets est momentanément indisponible. "
                      "Rien n'a été enregistré à moitié et vos réponses sont conservées : cliquez sur « Réessayer » "
                      "dans un instant."),
                buttons=[{"title": "Réessayer", "payload": '/inform{"choice": "confirm"}'},
                         {"title": "Annuler", "payload": '/inform{"choice": "cancel"}'}],
            )
            return [SlotSet("incident_confirmed", None), SlotSet("requested_slot", "incident_confirmed"),
                    ActiveLoop("incident_form"), FollowupAction("action_listen")]
        now = now_paris()
        if routing.college_charge:
            text = (f"Ticket {ticket.number} enregistré pour le suivi interne du collège "
                    f"({kb.subjects[category].incident_label}).")
        else:
            # Not « transmis »: the e-mail leaves with the dispatcher, and may wait if SMTP is down; the
            # reporter is notified when the ticket's status becomes « transmis ».
            text = (f"Ticket {ticket.number} enregistré : il part par courriel vers {routing.line.name}. "
                    f"{ticket_line_text(kb, routing.line, now)}")
        text += f" Pour le suivre : « où en est mon ticket {ticket.number} ? »."
        obligation = routing.obligation
        quoted = citation_payload(kb, [obligation.section], obligation.parties, obligation.source, "ticket",
                                  ticket=ticket.number) if obligation else None
        dispatcher.utter_message(text=text, json_message=quoted)
        return reset_form() + [SlotSet("ticket_number", ticket.number), SlotSet("user_uai", uai)]


class ActionCancelIncident(Action):
    def name(self) -> str:
        return "action_cancel_incident"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        dispatcher.utter_message(text=prompts.CANCELLED)
        return [ActiveLoop(None)] + reset_form()



class ActionTriageIncident(Action):
    """NLU said "declare an incident": start the form, unless the message is in fact a question
    ("l'imprimante est HS, qui répare ?") or only names a subject ("vidéoprojecteur svp")."""

    def name(self) -> str:
        return "action_triage_incident"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        from actions.questions import ActionAnswerQuestion

        text = _text(tracker)
        kb = knowledge()
        if text and not looks_like_an_incident(kb, text) and (looks_like_a_question(kb, text)
                                                             or incident_category(kb, text)):
            # e.g. "vidéoprojecteur svp" (clarified) or "…, qui répare ?" (answered)
            return ActionAnswerQuestion().run(dispatcher, tracker, domain)
        return [FollowupAction("incident_form")]

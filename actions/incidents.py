"""What the incident actions share: the ticket store, the form's slots, and readers of the latest message.

The form itself is in :mod:`actions.incident_form` (extraction and validation), its questions in
:mod:`actions.incident_ask`, the start and the end of a declaration in :mod:`actions.incident_submit`.
"""
from __future__ import annotations

import asyncio
import logging
import re
from functools import lru_cache
from typing import Any, Callable, Optional, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.kb import knowledge
from helpdesk.incidents import declared_part, incident_actions
from helpdesk.tickets import TicketStore
from knowledge.normalise import normalise

logger = logging.getLogger(__name__)
T = TypeVar("T")

FORM_SLOTS = (
    "incident_establishment", "incident_category", "college_charge_ack", "incident_description",
    "incident_place", "incident_impact", "incident_contact", "incident_similar", "incident_confirmed",
)
# Slots of one declaration besides the form's own: cleared with it, so that a new one starts clean.
DECLARATION_SLOTS = ("incident_editing", "incident_declaration", "incident_refusals", "incident_impact_words",
                     "requested_slot")
EDITABLE = {
    "incident_establishment": "Établissement",
    "incident_category": "Catégorie",
    "incident_description": "Description",
    "incident_place": "Lieu",
    "incident_impact": "Impact",
    "incident_contact": "Contact",
}
# The intents that can answer a form question; every other intent of the domain is something else
# (a question, « stop », a greeting…) that the rules handle before the form resumes.
ANSWER_INTENTS = {"inform", "affirm", "deny", "declare_incident", "nlu_fallback"}
MAX_FIELD = 2000
_HOLD = re.compile(r"^\s*(?:attend|attends|attendez|une seconde|une minute|minute|pause|j'ai une question|"
                   r"une question)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def ticket_store() -> TicketStore:
    """The ticket store of this action server (TICKETS_DATABASE_URL), opened once and migrated."""
    return TicketStore.open()


async def in_thread(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a (blocking) store call off the action server's event loop: one slow database call must not
    freeze every other conversation."""
    return await asyncio.to_thread(call, *args, **kwargs)


def latest_text(tracker: Tracker) -> str:
    """What the user typed (a button payload « /inform{…} » is not text)."""
    text = (tracker.latest_message.get("text") or "").strip()
    return "" if text.startswith("/") else text[:MAX_FIELD]


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_entity(tracker: Tracker, name: str) -> Optional[str]:
    return next(tracker.get_latest_entity_values(name), None)


def domain_intents(domain: dict) -> set[str]:
    """The intent names the domain declares (as plain names or as mappings with options)."""
    names = set()
    for intent in domain.get("intents") or []:
        names.update(intent if isinstance(intent, dict) else [intent])
    return names


def is_hold(tracker: Tracker) -> bool:
    """« attends, j'ai une question »: the user pauses the form to ask something."""
    return bool(_HOLD.match(latest_text(tracker)))


def yes_no(tracker: Tracker) -> Optional[bool]:
    """The user's yes or no, from the intent or the usual typed forms; None when it is neither."""
    intent = latest_intent(tracker)
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    text = (tracker.latest_message.get("text") or "").strip().lower().rstrip(" !.")
    if text in {"oui", "ok", "d'accord", "daccord", "oui merci", "confirmer", "confirme", "oui oui", "ouais",
                "yes", "c'est ça", "c'est bon", "exact", "tout à fait", "parfait", "valider", "je confirme"}:
        return True
    if text in {"non", "non merci", "nan", "pas du tout", "no", "surtout pas"}:
        return False
    return None


def similar_choice_typed(tracker: Tracker) -> Optional[bool]:
    """The duplicate-ticket question's buttons typed rather than clicked: True for « Ajouter à INC-… » (comment the
    open ticket), False for « Créer un nouveau ticket », None for anything else."""
    words = normalise(tracker.latest_message.get("text") or "").split()
    if words[:1] == ["ajouter"] or words[:2] == ["l", "ajouter"]:
        return True
    if "nouveau" in words and ("ticket" in words or "creer" in words or len(words) <= 2):
        return False
    return None


def declaration_text(tracker: Tracker) -> str:
    """The message that says what the problem is: the one typed to declare it or, when the declaration started
    from « Déclarer l'incident » under an answer (a payload naming the thing), the message that answer was about
    (« le wifi ne marche plus au CDI »: its place and words are the declaration's, not an older message's)."""
    from_button, subject = False, None
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        if from_button:
            # « Déclarer : le réseau » under a message with several problems declares that one: its part only.
            return "" if text.startswith("/") else declared_part(knowledge(), text, subject)
        parse = event.get("parse_data") or {}
        if parse.get("intent", {}).get("name") == "declare_incident":
            if not text.startswith("/"):
                return text
            from_button = '"subject"' in text
            subject = next((e.get("value") for e in parse.get("entities") or [] if e.get("entity") == "subject"), None)
    return latest_text(tracker)


def declared_actions(tracker: Tracker) -> list[str]:
    """The actions the declaration names (« installer un VP » is not « VP en panne »)."""
    return incident_actions(knowledge(), declaration_text(tracker))


def last_bot_action(tracker: Tracker) -> Optional[str]:
    """The last action run before the latest user message (skipping action_listen): the question the
    message answers."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
            continue
        if seen_user and event.get("event") == "action" and event.get("name") not in ("action_listen", None):
            return event.get("name")
    return None


def reset_form(tracker: Optional[Tracker] = None) -> list[EventType]:
    """Clear the whole declaration: the form's slots and those that go with them.

    Given the tracker, only the slots that hold a value: clearing an empty slot changes nothing, and Rasa
    checks, stores and sends back every event of a conversation on each of its later action calls (a new
    declaration starts with all fourteen empty)."""
    slots = (*FORM_SLOTS, *DECLARATION_SLOTS)
    if tracker is not None:
        slots = tuple(slot for slot in slots if tracker.get_slot(slot) is not None)
    return [SlotSet(slot, None) for slot in slots]

"""Following tickets in conversation: status, list, comment, cancellation — scoped to the establishment."""
from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.identity import conversation_scope
from actions.incidents import ticket_store
from actions.kb import knowledge
from actions.questions import answer_latest_message
from helpdesk.tickets import STATUS_LABELS, TicketError, normalize_ticket_number
from knowledge.schedule import PARIS
from knowledge.vocabulary import vocabulary_for

_NUMBER = re.compile(r"\bINC[\s\-_]*\d{4}[\s\-_]*\d{1,5}\b", re.IGNORECASE)
NOT_FOUND = "Je ne trouve pas de ticket {number} pour votre établissement. Vérifiez le numéro (forme INC-2026-00042)."


def _number(tracker: Tracker) -> Optional[str]:
    """The ticket number named in the message (entity or text), else the last one of this conversation."""
    # helpdesk.tickets.normalize_ticket_number is the one reader of numbers (Telegram's /statut uses it too).
    candidates = [next(tracker.get_latest_entity_values("ticket_id"), None), tracker.latest_message.get("text")]
    for candidate in candidates:
        number = normalize_ticket_number(candidate) if candidate else None
        if number:
            return number
    return tracker.get_slot("ticket_number")


def _comment_text(tracker: Tracker) -> str:
    """What follows the ticket number or a colon: "ajoute au ticket INC-2026-00042 : le VP remarche"."""
    text = tracker.latest_message.get("text") or ""
    if ":" in text:
        return text.split(":", 1)[1].strip()
    match = _NUMBER.search(text)
    return text[match.end():].strip(" ,.-") if match else ""


def _names_a_subject(tracker: Tracker) -> bool:
    text = tracker.latest_message.get("text") or ""
    return bool(vocabulary_for(knowledge()).detect(text).subjects) and "ticket" not in text.lower()


class _Scoped:
    """Mixin: refuse politely when the conversation has no establishment (not an Action: never registered)."""

    def scope_or_refuse(self, dispatcher, tracker):
        scope = conversation_scope(tracker)
        if not scope.allowed:
            dispatcher.utter_message(text=scope.reason)
            return None
        return scope


class ActionTicketStatus(_Scoped, Action):
    def name(self) -> str:
        return "action_ticket_status"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        number = _number(tracker)
        if not number and _names_a_subject(tracker):
            # "vidéoprojecteur ?" can read like a status request to NLU; it is a question.
            return answer_latest_message(dispatcher, tracker, domain)
        scope = self.scope_or_refuse(dispatcher, tracker)
        if scope is None:
            return []
        if not number:
            dispatcher.utter_message(text="Quel est le numéro du ticket ? (forme INC-2026-00042)")
            return []
        store = ticket_store()
        ticket = store.get_ticket(number, scope.uai)
        if ticket is None:
            dispatcher.utter_message(text=NOT_FOUND.format(number=number))
            return []
        history = store.history(number, scope.uai) or []
        lines = [f"Ticket {ticket.number} : {ticket.status_label}.",
                 f"Objet : {ticket.description[:200]} ({ticket.place or 'lieu non précisé'})."]
        for event in history[-4:]:
            lines.append(f"• {event.at.astimezone(PARIS).strftime('%d/%m %H:%M')} — {event.text[:160]}")
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("ticket_number", ticket.number)]


class ActionListTickets(_Scoped, Action):
    def name(self) -> str:
        return "action_list_tickets"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        scope = self.scope_or_refuse(dispatcher, tracker)
        if scope is None:
            return []
        tickets = ticket_store().list_tickets(scope.uai, limit=8)
        if not tickets:
            dispatcher.utter_message(text="Aucun ticket pour votre établissement.")
            return []
        lines = ["Les tickets de votre établissement :"]
        lines += [f"• {t.number} — {STATUS_LABELS[t.status]} — {t.description[:70]}" for t in tickets]
        dispatcher.utter_message(text="\n".join(lines))
        return []


class ActionAddTicketComment(_Scoped, Action):
    def name(self) -> str:
        return "action_add_ticket_comment"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        scope = self.scope_or_refuse(dispatcher, tracker)
        if scope is None:
            return []
        number = _number(tracker)
        comment = _comment_text(tracker)
        if not number or len(comment) < 2:
            dispatcher.utter_message(text="Écrivez par exemple : « ajoute au ticket INC-2026-00042 : le vidéoprojecteur remarche ».")
            return []
        try:
            event = ticket_store().add_comment(number, comment, author=tracker.sender_id, uai=scope.uai)
        except TicketError as error:  # e.g. a comment too long: say why
            dispatcher.utter_message(text=error.message)
            return []
        if event is None:
            dispatcher.utter_message(text=NOT_FOUND.format(number=number))
            return []
        dispatcher.utter_message(text=f"Commentaire ajouté au ticket {number}.")
        return [SlotSet("ticket_number", number)]


class ActionCancelTicket(_Scoped, Action):
    def name(self) -> str:
        return "action_cancel_ticket"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        scope = self.scope_or_refuse(dispatcher, tracker)
        if scope is None:
            return []
        number = _number(tracker)
        if not number:
            dispatcher.utter_message(text="Quel ticket faut-il annuler ? (forme INC-2026-00042)")
            return []
        try:
            ticket = ticket_store().cancel_ticket(number, scope.uai, author=tracker.sender_id)
        except TicketError as error:  # e.g. an already closed ticket: say it plainly
            dispatcher.utter_message(text=error.message)
            return []
        if ticket is None:
            dispatcher.utter_message(text=NOT_FOUND.format(number=number))
            return []
        dispatcher.utter_message(text=f"Le ticket {number} est annulé.")
        return []

"""Following tickets in conversation: status, list, comment, cancel and close — scoped to the establishment,
checked against the role (helpdesk.roles), and confirmed before anything that cannot be undone."""
from __future__ import annotations

import json
import re
from typing import Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.identity import Scope, conversation_scope
from actions.incidents import in_thread, last_bot_action, reset_form, ticket_store, yes_no
from actions.kb import knowledge
from actions.prompts import NOT_UNDERSTOOD, THANKS
from actions.questions import answer_latest_message
from actions.rendering import forward_buttons
from helpdesk.roles import is_signalement, may, refusal
from helpdesk.tickets import STATUS_LABELS, TicketError, normalize_ticket_number
from helpdesk.tickets.wording import RUPN_ANSWER_PREFIX
from knowledge.normalise import normalise
from knowledge.schedule import PARIS
from knowledge.understanding.message_checks import is_ticket_operation
from knowledge.vocabulary import vocabulary_for

_NUMBER = re.compile(r"\bINC[\s\-_]*\d{4}[\s\-_]*\d{1,5}\b", re.IGNORECASE)
_CLOSE_WORDS = ("fermer", "ferme", "cloturer", "cloture", "clore", "resolu", "regle", "remarche", "repare")
NOT_FOUND = "Je ne trouve pas de ticket {number} pour votre établissement. Vérifiez le numéro (forme INC-2026-00042)."
RESUME = ("Votre déclaration n'est pas encore enregistrée : « Reprendre » vous remontre le récapitulatif à "
          "confirmer (rien ne sera enregistré deux fois).")
# What « Oui » to a confirmation does, by the action that asked it.
FILED = ("Votre déclaration est bien enregistrée : ticket {number} (la réponse s'était perdue en route). "
         "Pour le suivre : « où en est mon ticket {number} ? ».")
QUESTIONS = {"cancel": "Annuler {number} ?", "close": "Clore {number} (problème résolu) ?"}


def _explicit_number(tracker: Tracker) -> Optional[str]:
    """The ticket number named in the message (entity, a number inside the text, or the whole text)."""
    # helpdesk.tickets.normalize_ticket_number is the one reader of numbers (Telegram's /statut uses it too).
    text = tracker.latest_message.get("text") or ""
    match = _NUMBER.search(text)
    candidates = [next(tracker.get_latest_entity_values("ticket_id"), None), match.group(0) if match else None, text]
    return next((n for n in (normalize_ticket_number(c) for c in candidates if c) if n), None)


def _number(tracker: Tracker) -> Optional[str]:
    """The ticket number named in the message, else the last one of this conversation."""
    return _explicit_number(tracker) or tracker.get_slot("ticket_number")


def _comment_text(tracker: Tracker) -> str:
    """What follows the ticket number or a colon: « ajoute au ticket INC-2026-00042 : le VP remarche »."""
    text = tracker.latest_message.get("text") or ""
    if ":" in text:
        return text.split(":", 1)[1].strip()
    match = _NUMBER.search(text)
    return text[match.end():].strip(" ,.-") if match else ""


def _ordinary_words(tracker: Tracker) -> bool:
    """No ticket number and no ticket word: "rajouter 2 prises réseau" or "je veux résilier" read as a ticket
    operation by NLU are questions on the agreement (issue 11, class 9)."""
    text = tracker.latest_message.get("text") or ""
    return (not text.startswith("/") and _explicit_number(tracker) is None
            and not is_ticket_operation(knowledge(), text))


def _names_a_subject(tracker: Tracker) -> bool:
    text = tracker.latest_message.get("text") or ""
    # (« Ticket : délai de livraison des PC ? » is titled, not about a ticket: the title is no ticket word.)
    return bool(vocabulary_for(knowledge()).detect(text).subjects) and not is_ticket_operation(knowledge(), text)


class _Scoped:
    """Mixin for the actions on an establishment's tickets (not an Action: never registered).

    ``run`` refuses politely when the conversation has no establishment, or when the role may not do
    ``permission`` (helpdesk.roles); otherwise it calls ``act`` with the conversation's scope.
    """

    permission: Optional[str] = None
    # True for the actions that ordinary words can trigger (« rajouter 3 prises », « je veux résilier »):
    # without a ticket number or ticket word, the message is answered from the agreement instead.
    answers_ordinary_words = False

    def scope_or_refuse(self, dispatcher, tracker) -> Optional[Scope]:
        scope = conversation_scope(tracker)
        if not scope.allowed:
            dispatcher.utter_message(text=scope.reason)
            return None
        return scope

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if self.answers_ordinary_words and _ordinary_words(tracker):
            return answer_latest_message(dispatcher, tracker, domain)
        scope = self.scope_or_refuse(dispatcher, tracker)
        if scope is None:
            return []
        if self.permission and not may(scope.role, self.permission):
            dispatcher.utter_message(text=refusal(scope.role, self.permission))
            return []
        return await self.act(dispatcher, tracker, scope)

    async def act(self, dispatcher, tracker, scope: Scope) -> list[EventType]:
        raise NotImplementedError

    async def named_ticket(self, dispatcher, tracker, scope: Scope, ask: str):
        """The ticket the message names (else the last one discussed), or None after saying why (``ask``
        when no number is known, « not found » for an unknown or another establishment's number)."""
        number = _number(tracker)
        if not number:
            dispatcher.utter_message(text=ask)
            return None
        ticket = await in_thread(ticket_store().get_ticket, number, scope.uai)
        if ticket is None:
            dispatcher.utter_message(text=NOT_FOUND.format(number=number))
        return ticket


class ActionTicketStatus(_Scoped, Action):
    def name(self) -> str:
        return "action_ticket_status"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if not _number(tracker) and _names_a_subject(tracker):
            # "vidéoprojecteur ?" can read like a status request to NLU; it is a question.
            return answer_latest_message(dispatcher, tracker, domain)
        return await super().run(dispatcher, tracker, domain)

    async def act(self, dispatcher, tracker, scope: Scope) -> list[EventType]:
        ticket = await self.named_ticket(dispatcher, tracker, scope, "Quel est le numéro du ticket ? (forme INC-2026-00042)")
        if ticket is None:
            return []
        history = await in_thread(ticket_store().history, ticket.number, scope.uai) or []
        lines = [f"Ticket {ticket.number} : {ticket.status_label}.",
                 f"Objet : {ticket.description[:200]} ({ticket.place or 'lieu non précisé'})."]
        if ticket.contact and may(scope.role, "see_contact"):
            lines.append(f"Contact : {ticket.contact}")
        for event in history[-4:]:
            lines.append(f"• {event.at.astimezone(PARIS).strftime('%d/%m %H:%M')} — {event.text[:160]}")
        buttons = None
        if ticket.is_open and is_signalement(ticket.description, ticket.line) and may(scope.role, "forward"):
            lines.append(f"Pour répondre à l'enseignant : « ajoute au ticket {ticket.number} : … ».")
            buttons = forward_buttons(ticket.number)
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return [SlotSet("ticket_number", ticket.number)]


class ActionListTickets(_Scoped, Action):
    def name(self) -> str:
        return "action_list_tickets"

    async def act(self, dispatcher, tracker, scope: Scope) -> list[EventType]:
        tickets = await in_thread(ticket_store().list_tickets, scope.uai, limit=8)
        if not may(scope.role, "list_all"):
            # A teacher follows the tickets they reported; the RUPN and the principal see all of them.
            tickets = [t for t in tickets if t.reporter_id == tracker.sender_id]
        if not tickets:
            dispatcher.utter_message(text="Aucun ticket pour votre établissement.")
            return []
        # Teachers' signalements wait for the RUPN: shown as such, with the one-tap forward.
        waiting = [t for t in tickets if t.is_open and is_signalement(t.description, t.line)]
        forwarder = may(scope.role, "forward")
        lines = ["Les tickets de votre établissement :"]
        lines += [f"• {t.number} — {'signalement à transmettre' if forwarder and t in waiting else STATUS_LABELS[t.status]}"
                  f" — {t.description[:70]}" for t in tickets]
        buttons = None
        if forwarder and waiting:
            buttons = [dict(b, title=f"Transmettre {t.number}") for t in waiting[:5] for b in forward_buttons(t.number)]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return []


class ActionAddTicketComment(_Scoped, Action):
    answers_ordinary_words = True

    def name(self) -> str:
        return "action_add_ticket_comment"

    async def act(self, dispatcher, tracker, scope: Scope) -> list[EventType]:
        number = _number(tracker)
        comment = _comment_text(tracker)
        if not number or len(comment) < 2:
            dispatcher.utter_message(text="Écrivez par exemple : « ajoute au ticket INC-2026-00042 : le vidéoprojecteur remarche ».")
            return []
        store = ticket_store()
        ticket = await in_thread(store.get_ticket, number, scope.uai)
        # The RUPN's answer to a waiting signalement goes to the teacher who filed it (as staff news do);
        # the ticket was just checked to be this establishment's.
        answer = bool(ticket and ticket.is_open and is_signalement(ticket.description, ticket.line)
                      and may(scope.role, "forward") and ticket.reporter_id != tracker.sender_id)
        try:
            event = None if ticket is None else await in_thread(
                store.add_comment, number, f"{RUPN_ANSWER_PREFIX}{comment}" if answer else comment,
                author=tracker.sender_id, uai=scope.uai, from_staff=answer)
        except TicketError as error:  # e.g. a comment too long: say why
            dispatcher.utter_message(text=error.message)
            return []
        if event is None:
            dispatcher.utter_message(text=NOT_FOUND.format(number=number))
            return []
        dispatcher.utter_message(text=f"Réponse envoyée à l'enseignant (signalement {number})." if answer
                                 else f"Commentaire ajouté au ticket {number}.")
        return [SlotSet("ticket_number", number)]


class ActionCancelTicket(_Scoped, Action):
    """« annule mon ticket », « c'est réparé, clôture le ticket »: asks « Annuler INC-… ? » (or « Clore … ? »)
    with Oui/Non, and which ticket when several could be meant. Nothing changes before « Oui »."""

    answers_ordinary_words = True

    def name(self) -> str:
        return "action_cancel_ticket"

    async def act(self, dispatcher, tracker, scope: Scope) -> list[EventType]:
        folded = f" {normalise(tracker.latest_message.get('text') or '')} "
        verb = "close" if any(f" {w} " in folded for w in _CLOSE_WORDS) or "close" in str(
            next(tracker.get_latest_entity_values("choice"), "")) else "cancel"
        if not may(scope.role, verb):
            dispatcher.utter_message(text=refusal(scope.role, verb))
            return []
        number = _explicit_number(tracker)
        if number is None:
            candidates = [t for t in await in_thread(ticket_store().list_tickets, scope.uai, open_only=True, limit=8)]
            remembered = tracker.get_slot("ticket_number")
            candidates.sort(key=lambda t: t.number != remembered)  # the ticket just discussed first
            if not candidates:
                dispatcher.utter_message(text="Aucun ticket ouvert pour votre établissement.")
                return []
            if len(candidates) > 1:
                dispatcher.utter_message(
                    text="Plusieurs tickets sont ouverts. Lequel ?",
                    buttons=[{"title": f"{t.number} — {t.description[:40]}", "payload": _payload(t.number, verb)}
                             for t in candidates[:5]],
                )
                return []
            number = candidates[0].number
        ticket = await in_thread(ticket_store().get_ticket, number, scope.uai)
        if ticket is None:
            dispatcher.utter_message(text=NOT_FOUND.format(number=number))
            return []
        dispatcher.utter_message(
            text=f"{QUESTIONS[verb].format(number=number)} « {ticket.description[:80]} »",
            buttons=[{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}],
        )
        return [SlotSet("ticket_pending", f"{verb}:{number}"), SlotSet("ticket_number", number)]


# A message of this many words is a sentence to answer, not a bare « oui » / « non ».
_SENTENCE_WORDS = 3


class ActionAnswerConfirmation(_Scoped, Action):
    """« oui » / « non » outside a form: the answer to « Annuler INC-… ? » just asked, else small talk."""

    def name(self) -> str:
        return "action_answer_confirmation"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        pending = tracker.get_slot("ticket_pending") or ""
        answer = yes_no(tracker)
        if not pending and answer and tracker.get_slot("incident_declaration"):
            # « confirmer » after a submit that failed: never « Avec plaisir ! ». If the submit did commit and
            # only its answer was lost, say the ticket exists; otherwise that it is not saved yet.
            filed = await self._filed(tracker)
            if filed is not None:
                dispatcher.utter_message(text=FILED.format(number=filed.number))
                return reset_form() + [SlotSet("ticket_number", filed.number)]
            dispatcher.utter_message(text=RESUME, buttons=[
                {"title": "Reprendre", "payload": '/declare_incident{"choice": "retry"}'},
                {"title": "Annuler", "payload": "/stop"}])
            return []
        if not pending or last_bot_action(tracker) != "action_cancel_ticket" or answer is None:
            text = (tracker.latest_message or {}).get("text") or ""
            if not pending and len(text.split()) >= _SENTENCE_WORDS:
                # « rien ne marche » read as a « non »: a sentence, not an answer to a question nobody asked.
                return answer_latest_message(dispatcher, tracker, domain)
            if answer:
                dispatcher.utter_message(text=THANKS)
            else:
                dispatcher.utter_message(text=NOT_UNDERSTOOD)
            return [SlotSet("ticket_pending", None)] if pending else []
        verb, _, number = pending.partition(":")
        if not answer:
            dispatcher.utter_message(text=f"D'accord, le ticket {number} reste tel quel.")
            return [SlotSet("ticket_pending", None)]
        scope = self.scope_or_refuse(dispatcher, tracker)
        if scope is None or not may(scope.role, verb):
            if scope is not None:
                dispatcher.utter_message(text=refusal(scope.role, verb))
            return [SlotSet("ticket_pending", None)]
        try:
            done = await in_thread(_apply, verb, number, scope.uai, tracker.sender_id)
        except TicketError as error:  # e.g. an already closed ticket: say it plainly
            dispatcher.utter_message(text=error.message)
            return [SlotSet("ticket_pending", None)]
        if done is None:
            dispatcher.utter_message(text=NOT_FOUND.format(number=number))
        else:
            dispatcher.utter_message(text=f"Le ticket {number} est {'annulé' if verb == 'cancel' else 'clos (résolu)'}.")
        return [SlotSet("ticket_pending", None)]


    @staticmethod
    async def _filed(tracker: Tracker):
        scope = conversation_scope(tracker)
        uai = scope.uai if scope.verified else tracker.get_slot("incident_establishment")
        if not scope.allowed or not uai:
            return None
        return await in_thread(ticket_store().ticket_of_declaration, tracker.get_slot("incident_declaration"), uai)


def _payload(number: str, verb: str) -> str:
    entities = {"ticket_id": number, **({"choice": "close"} if verb == "close" else {})}
    return f"/cancel_ticket{json.dumps(entities, ensure_ascii=False)}"


def _apply(verb: str, number: str, uai: str, author: str):
    """Cancel or close (resolve) ``number`` of ``uai``; None when it is not this establishment's ticket."""
    store = ticket_store()
    if verb == "cancel":
        return store.cancel_ticket(number, uai, author=author)
    if store.get_ticket(number, uai) is None:
        return None
    return store.set_status(number, "resolu", author=author, note="Clos par l'établissement.")

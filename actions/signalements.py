"""A teacher's signalement, forwarded by the RUPN to the service in one tap.

The signalement waits in the ticket store on line ``college`` (nothing e-mailed). Forwarding files the
ticket for the service the agreement names — idempotently: the forward's declaration id is the
signalement's number, so a double tap files one ticket — and closes the signalement with a note that
points to it.
"""
from __future__ import annotations

from rasa_sdk import Action
from rasa_sdk.events import EventType, SlotSet

from actions.identity import Scope
from actions.incidents import in_thread, ticket_store
from actions.kb import knowledge
from actions.tickets import _Scoped
from helpdesk.incidents import route, ticket_line_text
from helpdesk.roles import SIGNALEMENT_PREFIX, is_signalement
from knowledge.schedule import now_paris


class ActionForwardSignalement(_Scoped, Action):
    permission = "forward"

    def name(self) -> str:
        return "action_forward_signalement"

    async def act(self, dispatcher, tracker, scope: Scope) -> list[EventType]:
        ticket = await self.named_ticket(dispatcher, tracker, scope,
                                         "Quel signalement faut-il transmettre ? (forme INC-2026-00042)")
        if ticket is None:
            return []
        store = ticket_store()
        if not (ticket.is_open and is_signalement(ticket.description, ticket.line)):
            dispatcher.utter_message(text=f"Le ticket {ticket.number} n'est pas un signalement en attente de transmission.")
            return []
        kb = knowledge()
        routing = route(kb, ticket.category)
        if routing.college_charge:
            dispatcher.utter_message(text=(f"D'après la convention, {kb.subjects[ticket.category].incident_label} "
                                           "relève du collège : aucun service extérieur n'est à saisir."))
            return []
        forwarded = await in_thread(
            store.create_ticket, uai=scope.uai, category=ticket.category, line=routing.line.id,
            description=ticket.description[len(SIGNALEMENT_PREFIX):], impact=ticket.impact, place=ticket.place,
            contact=ticket.contact, reporter_channel=scope.channel, reporter_id=tracker.sender_id,
            conversation_id=tracker.sender_id, declaration_id=f"forward:{ticket.number}",
        )
        await in_thread(store.set_status, ticket.number, "resolu", author=tracker.sender_id,
                        note=f"Transmis par le RUPN à {routing.line.name} : ticket {forwarded.number}.")
        dispatcher.utter_message(text=(
            f"Signalement {ticket.number} transmis à {routing.line.name} : ticket {forwarded.number}. "
            f"{ticket_line_text(kb, routing.line, now_paris())}"))
        return [SlotSet("ticket_number", forwarded.number)]

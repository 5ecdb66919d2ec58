"""The start and the end of a declaration: triage and announcement, submission, cancellation.

A declaration gets an id when it starts (``incident_declaration``); the ticket store keeps it unique, so
a submit that is retried or replayed returns the ticket already made. Starting a new declaration always
clears the previous form.
"""
from __future__ import annotations

import logging
import uuid

from rasa_sdk import Action
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet

from actions import prompts
from actions.identity import conversation_scope
from actions.incidents import declared_actions, in_thread, latest_entity, latest_text, reset_form, ticket_store
from actions.kb import knowledge
from actions.questions import answer_latest_message
from actions.rendering import citation_payload
from helpdesk.establishments import get_establishment
from helpdesk.incidents import (
    announcement_text,
    incident_category,
    looks_like_a_question,
    looks_like_an_incident,
    route,
    ticket_line_text,
)
from helpdesk.roles import SIGNALEMENT_PREFIX, reports_to_rupn
from helpdesk.tickets import TicketBusy, TicketError
from knowledge.schedule import now_paris
from knowledge.understanding.message_checks import (
    answers_instead_of_declaring,
    asks_to_declare,
    declines,
    names_nothing,
    names_one_thing,
)

logger = logging.getLogger(__name__)

RETRY = '/declare_incident{"choice": "retry"}'  # resumes the same declaration (same id, same answers)
UNAVAILABLE = ("Je n'ai pas pu enregistrer le ticket : le service de tickets est momentanément indisponible. "
               "Vos réponses sont conservées : cliquez sur « Reprendre » dans un instant (rien ne sera "
               "enregistré deux fois).")


class ActionTriageIncident(Action):
    """NLU said « declare an incident »: answer it if it is in fact a question or a fault only told, else (a
    ticket asked for, or the « Déclarer l'incident » button) announce the declaration in one line and start the
    form on a clean slate."""

    def name(self) -> str:
        return "action_triage_incident"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        text = latest_text(tracker)
        kb = knowledge()
        if latest_entity(tracker, "choice") == "retry" and tracker.get_slot("incident_declaration"):
            return [SlotSet("incident_confirmed", None), FollowupAction("incident_form")]
        if text and declines(kb, text):
            # « fuite d'eau en salle 4 », « mon ordi perso a un virus »: no party of the agreement takes it, so
            # no ticket and no support line; the polite decline (or « la convention ne le précise pas ») instead.
            return answer_latest_message(dispatcher, tracker, domain)
        if text and not looks_like_an_incident(kb, text) and (looks_like_a_question(kb, text)
                                                             or incident_category(kb, text)):
            # e.g. « vidéoprojecteur svp » (clarified) or « …, qui répare ? » (answered)
            return answer_latest_message(dispatcher, tracker, domain)
        if text and names_nothing(kb, text):
            # « ya un bug », « plus rien ne marche »: which equipment decides who handles it; the buttons ask
            # that, then say who handles it and offer the declaration.
            return answer_latest_message(dispatcher, tracker, domain)
        if text and incident_category(kb, text) is None and names_one_thing(kb, text):
            # « mon compte est bloqué », « l'ENT ne s'ouvre plus »: one thing no support line takes as a ticket category
            # (the collège's own accounts, a service the text leaves open). A declaration would have no recipient;
            # the answer says who handles it, with « Déclarer l'incident » when a line does.
            return answer_latest_message(dispatcher, tracker, domain)
        if text and answers_instead_of_declaring(kb, text):
            # « on voudrait étendre le wifi au nouveau bâtiment »: the procedure; several problems: one answer
            # each, with a « Déclarer » button per problem (issue 11, classes 5 and 7).
            return answer_latest_message(dispatcher, tracker, domain)
        if text and not asks_to_declare(kb, text):
            # « le wifi de la salle des profs ne marche plus »: a fault told, not a ticket asked for. The answer says
            # who handles it, the line and whether it is open, with « Déclarer l'incident » under it; the form starts
            # from that button, or from a message that asks for a ticket (« je signale… », « Incident : … »).
            return answer_latest_message(dispatcher, tracker, domain)
        scope = conversation_scope(tracker)
        uai = scope.uai
        if uai is None:  # i.e. not scope.allowed: no establishment to declare for
            dispatcher.utter_message(text=scope.reason)
            return reset_form(tracker)
        # « Déclarer l'incident » under an answer carries the thing answered about: its category is known, and
        # the announcement says where the ticket will go instead of « le destinataire dépendra de la catégorie ».
        hint = latest_entity(tracker, "subject")
        category = incident_category(kb, text, subject_hint=hint if hint in kb.subjects else None)
        routing = route(kb, category, declared_actions(tracker)) if category else None
        establishment = get_establishment(uai)
        name = establishment.label if establishment else uai
        dispatcher.utter_message(text=announcement_text(kb, routing, name, reports_to_rupn(scope.role)))
        chosen = [SlotSet("incident_category", category)] if category and not text else []
        return reset_form(tracker) + [SlotSet("incident_declaration", uuid.uuid4().hex), *chosen,
                                      FollowupAction("incident_form")]


class ActionSubmitIncident(Action):
    """Stores the ticket (or the comment on a similar one) and says where it went and how to reach them."""

    def name(self) -> str:
        return "action_submit_incident"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        scope = conversation_scope(tracker)
        if not scope.allowed:
            dispatcher.utter_message(text=scope.reason)
            return reset_form(tracker)
        if tracker.get_slot("college_charge_ack") == "no":
            dispatcher.utter_message(text="D'accord : aucun ticket n'est ouvert, c'est au collège de s'en charger.")
            return reset_form(tracker)
        if tracker.get_slot("incident_confirmed") != "yes":
            dispatcher.utter_message(text=prompts.CANCELLED)
            return reset_form(tracker)
        uai = scope.uai if scope.verified else tracker.get_slot("incident_establishment")
        try:
            similar = tracker.get_slot("incident_similar") or ""
            if similar.startswith("comment:"):
                return await self._comment(dispatcher, tracker, uai, similar.split(":", 1)[1])
            return await self._create(dispatcher, tracker, scope, uai)
        except TicketBusy as error:
            # The database stayed locked for the whole wait budget and nothing was written: offer to retry,
            # in the store's own words (« occupé, réessayez dans une minute »); the answers are kept.
            dispatcher.utter_message(text=error.message, buttons=[
                {"title": "Réessayer", "payload": RETRY}, {"title": "Annuler", "payload": "/stop"}])
            return [SlotSet("incident_confirmed", None)]
        except TicketError as error:
            # The store refused a field (its message is French and meant for the user): let them fix it.
            dispatcher.utter_message(text=error.message, buttons=[{"title": "Modifier", "payload": RETRY}])
            return [SlotSet("incident_confirmed", None), SlotSet("incident_editing", "choose")]
        except Exception:  # noqa: BLE001 - any storage failure: the log has it, the user keeps their answers
            logger.exception("ticket creation failed")
            dispatcher.utter_message(text=UNAVAILABLE, buttons=[
                {"title": "Reprendre", "payload": RETRY}, {"title": "Annuler", "payload": "/stop"}])
            return [SlotSet("incident_confirmed", None)]

    async def _comment(self, dispatcher, tracker, uai, number) -> list[EventType]:
        comment = (f"Nouveau signalement ({tracker.get_slot('incident_place')}) : "
                   f"{tracker.get_slot('incident_description')} — contact : {tracker.get_slot('incident_contact')}")
        if await in_thread(ticket_store().add_comment, number, comment, author="assistant", uai=uai) is None:
            raise LookupError(number)
        dispatcher.utter_message(text=f"C'est ajouté au ticket {number} : inutile d'en ouvrir un second.")
        return reset_form(tracker) + [SlotSet("ticket_number", number)]

    async def _create(self, dispatcher, tracker, scope, uai) -> list[EventType]:
        kb = knowledge()
        category = tracker.get_slot("incident_category")
        routing = route(kb, category, declared_actions(tracker))
        signalement = reports_to_rupn(scope.role)
        establishment = get_establishment(uai)
        description = tracker.get_slot("incident_description")
        if signalement:
            # A teacher's report stays in the collège until its RUPN forwards it: no service is e-mailed.
            description = f"{SIGNALEMENT_PREFIX}{description}"
        ticket = await in_thread(
            ticket_store().create_ticket,
            uai=uai, category=category, line="college" if signalement else routing.line.id,
            description=description, impact=tracker.get_slot("incident_impact"),
            place=tracker.get_slot("incident_place"), contact=tracker.get_slot("incident_contact"),
            reporter_channel=scope.channel, reporter_id=tracker.sender_id, conversation_id=tracker.sender_id,
            establishment_name=establishment.label if establishment else None,
            declaration_id=tracker.get_slot("incident_declaration"),
            notify_rupn=signalement,  # the RUPNs are told on their channel (helpdesk.tickets.notices)
        )
        if signalement:
            text = (f"Signalement {ticket.number} enregistré pour le RUPN de votre collège : il le transmettra à "
                    f"{routing.line.name} ou vous répondra.")
        elif routing.college_charge:
            text = (f"Ticket {ticket.number} enregistré pour le suivi interne du collège "
                    f"({kb.subjects[category].incident_label}).")
        else:
            # Not « transmis »: the e-mail leaves with the dispatcher and may wait if SMTP is down; the
            # reporter is told when the ticket's status becomes « transmis ».
            text = (f"Ticket {ticket.number} enregistré : il part par courriel vers {routing.line.name}. "
                    f"{ticket_line_text(kb, routing.line, now_paris())}")
        text += f" Pour le suivre : « où en est mon ticket {ticket.number} ? »."
        obligation = routing.obligation
        quoted = citation_payload(kb, [obligation.section], obligation.parties, obligation.source, "ticket",
                                  ticket=ticket.number) if obligation and not signalement else None
        dispatcher.utter_message(text=text, json_message=quoted)
        return reset_form(tracker) + [SlotSet("ticket_number", ticket.number), SlotSet("user_uai", uai)]


class ActionCancelIncident(Action):
    """« annuler », « laisse tomber » during a declaration: nothing is stored, the form is cleared."""

    def name(self) -> str:
        return "action_cancel_incident"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if tracker.active_loop_name is None and not tracker.get_slot("incident_declaration"):
            dispatcher.utter_message(text=prompts.THANKS)  # « stop » with nothing to stop
            return [ActiveLoop(None)]
        dispatcher.utter_message(text=prompts.CANCELLED)
        return [ActiveLoop(None)] + reset_form(tracker)

"""Answer questions about the agreement from the knowledge base."""
from __future__ import annotations

from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import prompts
from actions.identity import conversation_scope
from actions.intents import intent_names, question_intents
from actions.kb import knowledge
from actions.rendering import render_answer
from actions.unanswered import record_unanswered
from helpdesk.roles import reports_to_rupn
from knowledge.answers import Context, answer_question
from knowledge.understanding.compose import DECLARE_INTENT, as_signalement_offer
from knowledge.understanding.message_checks import declares_a_fault
from knowledge.vocabulary import vocabulary_for

# Longer messages are cut: nobody asks a real question in more than this, and matching stays fast.
MAX_QUESTION_CHARS = 1000


def _payload_entity(tracker: Tracker, name: str) -> Optional[str]:
    """An entity given by a button payload ("/ask_responsibility{...}"), never one guessed by NLU."""
    text = tracker.latest_message.get("text") or ""
    if not text.startswith("/"):
        return None
    return next(tracker.get_latest_entity_values(name), None)


def _question_before(tracker: Tracker) -> str:
    """The question a clicked button answers: the user's message before the click. « la résiliation, c'est
    possible à tout moment ? » then « La convention elle-même » is answered as that question about the
    agreement's termination, not as the bare topic."""
    said = [e for e in reversed(tracker.events) if e.get("event") == "user"]
    text = (said[1].get("text") or "").strip() if len(said) > 1 else ""
    return "" if text.startswith("/") else text[:MAX_QUESTION_CHARS]


def answer_latest_message(dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: dict[str, Any]) -> list[EventType]:
    """Answer the latest message from the knowledge base; returns the topic slots that changed.

    Shared by the actions that answer (action_answer_question, the core fallback) and those that find a
    question where they expected something else (a ticket status, an incident triage).
    """
    kb = knowledge()
    message = tracker.latest_message or {}
    text = (message.get("text") or "").strip()
    intent = (message.get("intent") or {}).get("name")
    confidence = (message.get("intent") or {}).get("confidence")
    if text.startswith("/"):
        text = ""
    text = text[:MAX_QUESTION_CHARS]
    vocabulary = vocabulary_for(kb)
    subject = _payload_entity(tracker, "subject")
    action = _payload_entity(tracker, "action")
    subject = vocabulary.subject_id_for(subject) if subject else None
    action = vocabulary.action_id_for(action) if action else None
    if not text and not subject:
        dispatcher.utter_message(text=prompts.BAD_INPUT)
        return []
    if not text:
        text = _question_before(tracker)
    context = Context(
        subject=tracker.get_slot("topic_subject"),
        actions=tuple(tracker.get_slot("topic_actions") or ()),
        kind=tracker.get_slot("topic_kind"),
    )
    answer = answer_question(
        kb,
        text,
        intent=intent if intent in question_intents(intent_names(domain)) else None,
        context=context,
        subject=subject,
        action=action,
    )
    if any((getattr(c, "payload", None) or "").startswith(f"/{DECLARE_INTENT}") for c in answer.choices) \
            and reports_to_rupn(conversation_scope(tracker).role):
        answer = as_signalement_offer(kb, answer)  # a teacher's declaration is a signalement for the RUPN
    render_answer(dispatcher, kb, answer)
    if not answer.answered or intent == "nlu_fallback":
        record_unanswered(tracker, text, reason="unknown" if not answer.answered else "fallback",
                          intent=intent, confidence=confidence, answer_kind=answer.kind, trace=answer.trace)
    if not answer.subject or answer.kind in {"out_of_scope", "unknown"}:
        return []
    topic = {"topic_subject": answer.subject, "topic_actions": list(answer.actions), "topic_kind": answer.kind}
    # Only what changed: every event is checked, stored and replayed by Rasa on each later turn.
    return [SlotSet(name, value) for name, value in topic.items() if tracker.get_slot(name) != value]


class ActionAnswerQuestion(Action):
    """Answers any question about the agreement; also the fallback when NLU is unsure."""

    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = (tracker.latest_message.get("text") or "").strip()
        if tracker.active_loop_name is None and not text.startswith("/") and declares_a_fault(knowledge(), text):
            # « je signale que mon téléphone de service est cassé », « Incident : PC salle 14 HS »: a fault and its
            # ticket asked for, whatever intent NLU read; the triage starts the declaration (or answers, by its checks).
            return [FollowupAction("action_triage_incident")]
        return answer_latest_message(dispatcher, tracker, domain)


class ActionCoreFallback(Action):
    """When no rule fits (e.g. a form answer outside the form): answer from the knowledge base, then forget
    the turn so that the conversation goes back to listening instead of looping."""

    def name(self) -> str:
        return "action_core_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        answer_latest_message(dispatcher, tracker, domain)
        return [UserUtteranceReverted()]

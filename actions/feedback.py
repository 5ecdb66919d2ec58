"""👍/👎 on answers, and handing over to a human line."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.kb import knowledge
from actions.questions import answer_latest_message
from actions.unanswered import record_unanswered
from knowledge.answers import human_handover
from knowledge.understanding.message_checks import names_a_thing_not_a_person


def _previous_user_text(tracker: Tracker) -> str:
    """The last real question before the feedback click."""
    for event in reversed(tracker.events[:-1]):
        if event.get("event") == "user" and not (event.get("text") or "").startswith("/"):
            return event.get("text") or ""
    return ""


class ActionFeedback(Action):
    def name(self) -> str:
        return "action_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        value = next(tracker.get_latest_entity_values("value"), None)
        if value == "down":
            record_unanswered(tracker, _previous_user_text(tracker), reason="negative_feedback")
            dispatcher.utter_message(text="Merci, c'est noté : cette réponse sera revue. Vous pouvez reformuler "
                                          "votre question ou écrire « je veux parler à quelqu'un ».")
        else:
            dispatcher.utter_message(text="Merci pour votre retour !")
        return []


class ActionTalkToHuman(Action):
    """The right human line for the subject at hand, whether it is open, and a summary to paste."""

    def name(self) -> str:
        return "action_talk_to_human"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        latest = (tracker.latest_message or {}).get("text") or ""
        if names_a_thing_not_a_person(knowledge(), latest):
            # « vidéoprojecteur svp » asks about the thing: answered as a question, never every line at once.
            return answer_latest_message(dispatcher, tracker, domain)
        questions = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
        questions = [q for q in questions if q and not q.startswith("/")][-6:]
        subject = tracker.get_slot("incident_category") or tracker.get_slot("topic_subject")
        handover = human_handover(knowledge(), subject, questions)
        dispatcher.utter_message(text=handover.text)
        dispatcher.utter_message(text=handover.summary)
        return []

"""Greetings, thanks and goodbyes: a short reply, unless the message also asks or reports something."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import prompts
from actions.kb import knowledge
from actions.questions import answer_latest_message
from knowledge.understanding.message_checks import more_than_courtesy

REPLIES = {"greet": prompts.GREETING, "thank": prompts.THANKS, "goodbye": prompts.GOODBYE}


class ActionCourtesy(Action):
    """« slt » gets the greeting; « jpeu pa me co a l'ent », which the NLU has read as a greeting, gets the
    answer to the fault it reports (the knowledge base reads the words, not only the intent)."""

    def name(self) -> str:
        return "action_courtesy"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if text and not text.startswith("/") and more_than_courtesy(knowledge(), text):
            return answer_latest_message(dispatcher, tracker, domain)
        intent = str((message.get("intent") or {}).get("name") or "")
        dispatcher.utter_message(text=REPLIES.get(intent, prompts.GREETING))
        return []

"""Greetings, thanks, goodbyes and « are you a bot? »: a short reply, unless the message also asks or reports something."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import prompts
from actions.kb import knowledge
from actions.questions import answer_latest_message
from knowledge.understanding.message_checks import asks_the_text, more_than_courtesy

REPLIES = {"greet": prompts.GREETING, "thank": prompts.THANKS, "goodbye": prompts.GOODBYE, "bot_challenge": prompts.WHO_ANSWERS}


class ActionCourtesy(Action):
    """« slt » gets the greeting; « jpeu pa me co a l'ent », which the NLU has read as a greeting, gets the
    answer to the fault it reports (the knowledge base reads the words, not only the intent)."""

    def name(self) -> str:
        return "action_courtesy"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = str((message.get("intent") or {}).get("name") or "")
        # « are you a bot? » is itself a question: only a message that asks the text or reports something counts
        # as more (« est-ce que la convention parle de l'intelligence artificielle ? », read as bot_challenge).
        more = asks_the_text if intent == "bot_challenge" else more_than_courtesy
        if text and not text.startswith("/") and more(knowledge(), text):
            return answer_latest_message(dispatcher, tracker, domain)
        dispatcher.utter_message(text=REPLIES.get(intent, prompts.GREETING))
        return []

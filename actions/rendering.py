"""Turn domain answers into chat messages: text, buttons and a citation payload channels can render."""
from __future__ import annotations

import json
from typing import Any, Optional

from rasa_sdk.executor import CollectingDispatcher

from knowledge.answers import Answer, Choice
from knowledge.records import KnowledgeBase

FEEDBACK_BUTTONS = [
    {"title": "👍", "payload": '/feedback{"value": "up"}'},
    {"title": "👎", "payload": '/feedback{"value": "down"}'},
]


def choice_payload(choice: Choice, intent: str = "ask_responsibility") -> str:
    """Button payload that asks the question again with the chosen subject/action as entities."""
    entities = {k: v for k, v in (("subject", choice.subject), ("action", choice.action)) if v}
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}"


def citation(kb: KnowledgeBase, answer: Answer) -> Optional[dict[str, Any]]:
    """The ``custom`` payload: articles, parties and the verbatim quote."""
    if not answer.articles and not answer.parties:
        return None
    return {
        "type": "citation",
        "articles": list(answer.articles),
        "article_labels": [kb.sections[a].label for a in answer.articles],
        "article_label": kb.sections[answer.articles[0]].label if answer.articles else "",
        "parties": list(answer.parties),
        "party_names": [kb.parties[p].name for p in answer.parties],
        "quote": answer.quote,
        "kind": answer.kind,
    }


def render_answer(dispatcher: CollectingDispatcher, kb: KnowledgeBase, answer: Answer, *, feedback: bool = True) -> None:
    """Send ``answer``: the text (with buttons to choose or to rate it), then the citation payload."""
    buttons = [{"title": c.label, "payload": choice_payload(c)} for c in answer.choices]
    if not buttons and feedback and answer.kind in {"responsibility", "support", "procedure", "agreement"}:
        buttons = FEEDBACK_BUTTONS
    dispatcher.utter_message(text=answer.text, buttons=buttons or None)
    payload = citation(kb, answer)
    if payload:
        dispatcher.utter_message(json_message=payload)

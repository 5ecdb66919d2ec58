"""Turn domain answers into chat messages: text, buttons and a citation payload channels can render."""
from __future__ import annotations

import json
from typing import Any, Optional, Sequence

from rasa_sdk.executor import CollectingDispatcher

from helpdesk.roles import FORWARD_TITLE, forward_payload
from knowledge.answers import Answer, Choice
from knowledge.records import KnowledgeBase

# Text labels: an emoji alone renders as an empty box where no emoji font is installed, and a screen
# reader reads no name for it. The web chat adds an aria-label, Telegram shows the words.
FEEDBACK_BUTTONS = [
    {"title": "Utile", "payload": '/feedback{"value": "up"}'},
    {"title": "Pas utile", "payload": '/feedback{"value": "down"}'},
]


def choice_payload(choice: Choice, intent: str = "ask_responsibility") -> str:
    """Button payload that asks the question again with the chosen subject/action as entities."""
    entities = {k: v for k, v in (("subject", choice.subject), ("action", choice.action)) if v}
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}"


def citation(kb: KnowledgeBase, answer: Answer) -> Optional[dict[str, Any]]:
    """The ``custom`` payload: articles, parties and the verbatim quote."""
    if not answer.articles and not answer.parties:
        return None
    return citation_payload(kb, answer.articles, answer.parties, answer.quote, answer.kind)


def citation_payload(kb: KnowledgeBase, articles: Sequence[str], parties: Sequence[str], quote: str, kind: str,
                     **extra: Any) -> dict[str, Any]:
    """The ``custom`` payload channels render as a citation (``extra`` adds keys, e.g. a ticket number)."""
    return {
        "type": "citation",
        "articles": list(articles),
        "article_labels": [kb.sections[a].label for a in articles],
        "article_label": kb.sections[articles[0]].label if articles else "",
        "parties": list(parties),
        "party_names": [kb.parties[p].name for p in parties],
        "quote": quote,
        "kind": kind,
        **extra,
    }


def render_answer(dispatcher: CollectingDispatcher, kb: KnowledgeBase, answer: Answer, *, feedback: bool = True) -> None:
    """Send ``answer``: the text (with buttons to choose or to rate it) and its citation payload.

    One message carries both: channels still receive the text, then the citation (Rasa's output channels
    send a message's ``custom`` part after its text), but the conversation stores one event, not two.
    """
    # A choice may carry its whole payload (issue 11: « Déclarer l'incident » starts the declaration form).
    buttons = [{"title": c.label, "payload": getattr(c, "payload", None) or choice_payload(c)} for c in answer.choices]
    if not buttons and feedback and answer.kind in {"responsibility", "support", "procedure", "agreement"}:
        buttons = FEEDBACK_BUTTONS
    dispatcher.utter_message(text=answer.text, buttons=buttons or None, json_message=citation(kb, answer))


def forward_buttons(number: str) -> list[dict]:
    """What the RUPN sees under a signalement: forward it, or answer it."""
    return [{"title": FORWARD_TITLE, "payload": forward_payload(number)}]

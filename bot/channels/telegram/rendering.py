"""Rasa's REST answers as Telegram messages: plain text, inline keyboards, one-line citations."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

TELEGRAM_TEXT_LIMIT = 4096
CHOOSE = "Choisissez une réponse :"


# Feedback buttons read as words whatever the title Rasa sent (an emoji alone is an empty box on some
# clients and has no name for a screen reader).
FEEDBACK_LABELS = {'/feedback{"value": "up"}': "👍 Utile", '/feedback{"value": "down"}': "👎 Pas utile"}


@dataclass
class OutMessage:
    """One Telegram message to send: text (plain, no parse mode) and rows of (title, payload) buttons."""

    text: str
    buttons: list[tuple[str, str]] = field(default_factory=list)


def citation_line(custom: dict) -> Optional[str]:
    """``📖 Article 5 — « quote »`` from a citation payload, or None when it is not one."""
    quote = custom.get("quote")
    label = custom.get("article_label")
    if not isinstance(quote, str) or not quote.strip():
        return None
    if not isinstance(label, str) or not label.strip():
        articles = custom.get("articles") or []
        label = str(articles[0]).replace("article-", "Article ") if articles else "Convention"
    return f"📖 {label.strip()} — « {quote.strip()} »"


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Cut a long text at line or word boundaries so that each piece fits in one Telegram message."""
    pieces = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def render(messages: list[dict]) -> list[OutMessage]:
    """Group Rasa messages into Telegram messages, keeping their order.

    Buttons attach to the text before them (Telegram keyboards belong to a message); a citation joins
    the answer it supports so that the source is read with the answer.
    """
    out: list[OutMessage] = []
    for message in messages:
        text = message.get("text")
        if isinstance(text, str) and text.strip():
            out.extend(OutMessage(piece) for piece in split_text(text.strip()))
        custom = message.get("custom")
        line = citation_line(custom) if isinstance(custom, dict) else None
        if line:
            if out and not out[-1].buttons and len(out[-1].text) + len(line) + 2 <= TELEGRAM_TEXT_LIMIT:
                out[-1].text += "\n\n" + line
            else:
                out.extend(OutMessage(piece) for piece in split_text(line))
        image = message.get("image")
        if isinstance(image, str) and image.startswith(("https://", "http://")):
            out.append(OutMessage(image))
        buttons = [
            (FEEDBACK_LABELS.get(str(b["payload"]), str(b.get("title") or b.get("payload")))[:60], str(b["payload"]))
            for b in message.get("buttons") or [] if isinstance(b, dict) and b.get("payload")
        ]
        if buttons:
            if out and not out[-1].buttons:
                out[-1].buttons = buttons
            else:
                out.append(OutMessage(CHOOSE, buttons))
    return out

"""Checks on what users type, shared by the gateways: one place decides what reaches Rasa."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional

MAX_MESSAGE_CHARS = 2000

EMPTY = "Votre message est vide : écrivez votre question, par exemple « Qui répare les ordinateurs ? »."
TOO_LONG = (
    f"Votre message est trop long (plus de {MAX_MESSAGE_CHARS:,} caractères). ".replace(",", " ")
    + "Pouvez-vous le résumer en quelques phrases ? Vous pourrez ajouter des détails ensuite."
)


@dataclass(frozen=True)
class CleanedMessage:
    """A user message ready for Rasa, or the French reason it cannot be sent (``error``)."""

    text: str = ""
    error: Optional[str] = None


def clean_message(raw: object) -> CleanedMessage:
    """Normalise (NFC), drop control and bidi-override characters, refuse empty or over-long messages."""
    if not isinstance(raw, str):
        return CleanedMessage(error=EMPTY)
    text = unicodedata.normalize("NFC", raw)
    # Keep line breaks and tabs; other control/format characters only serve to hide or reorder text.
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    text = text.strip()
    if not text:
        return CleanedMessage(error=EMPTY)
    if len(text) > MAX_MESSAGE_CHARS:
        return CleanedMessage(error=TOO_LONG)
    return CleanedMessage(text=text)


_INTENT_SYNTAX = re.compile(r"^\s*/")
# Buttons stay pressable after later answers (a chat shows them until they scroll away): each channel
# honours the payloads of about this many recent buttons.
MAX_REMEMBERED_BUTTONS = 60


def neutralise_intent_syntax(text: str, offered_payloads: Iterable[str] = ()) -> str:
    """Stop typed text from driving Rasa directly with ``/intent{...}`` unless it is a button we offered.

    Rasa reads a message starting with ``/`` as an intent with entities; only payloads of buttons the
    bot itself showed may do that, anything else is passed on as plain words.
    """
    if not _INTENT_SYNTAX.match(text) or text in set(offered_payloads):
        return text
    return _INTENT_SYNTAX.sub("", text, count=1).lstrip("/ ") or text.replace("/", " ").strip()


def intent_message(intent: str, entities: Optional[dict[str, str]] = None) -> str:
    """A ``/intent{"entity": "value"}`` message built by the gateway itself (commands, not user text)."""
    if not re.fullmatch(r"[a-z_]+", intent):
        raise ValueError(f"not an intent name: {intent!r}")
    return f"/{intent}" + (json.dumps(entities, ensure_ascii=False) if entities else "")


def recent_payloads(remembered: Iterable[str], new: Iterable[str]) -> list[str]:
    """The payloads still honoured after an answer offering ``new``: the latest ones, each once."""
    latest = list(dict.fromkeys([*reversed(list(new)), *reversed(list(remembered))]))
    return list(reversed(latest[:MAX_REMEMBERED_BUTTONS]))


def button_payloads(messages: Iterable[dict]) -> list[str]:
    """Payloads of every button in a Rasa answer."""
    payloads = []
    for message in messages:
        for button in message.get("buttons") or []:
            if isinstance(button, dict) and isinstance(button.get("payload"), str):
                payloads.append(button["payload"])
    return payloads

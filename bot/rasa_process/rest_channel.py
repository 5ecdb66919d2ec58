"""Rasa's REST channel with its input checked: a malformed body gets HTTP 400, never a server error.

Rasa's stock ``rest`` channel answers 500 to an empty body or to JSON that is not an object (it calls
``request.json.get``). This subclass, loaded by Rasa from ``credentials.yml``
(``bot.rasa_process.rest_channel.CheckedRestInput:`` instead of ``rest:``), keeps the same URL
(``/webhooks/rest/webhook``) and behaviour for well-formed messages and refuses the rest politely.
It runs inside the Rasa process, which is why it may import ``rasa`` (as do the launcher
``bot/rasa_process/server.py`` and the stores Rasa loads from the endpoints files, ``bot/rasa_process/tracker_store.py`` and
``bot/rasa_process/lock_store.py``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from settings.deployment import is_production

MALFORMED = ("Requête invalide : envoyez un objet JSON en UTF-8 de la forme "
             '{"sender": "identifiant", "message": "votre question"}.')


def body_problem(raw: bytes) -> Optional[str]:
    """Why a webhook body cannot be a user message (None when it can)."""
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "not UTF-8 JSON"
    if not isinstance(data, dict):
        return "not a JSON object"
    if not isinstance(data.get("message"), str):
        return "message missing or not a string"
    if "sender" in data and not isinstance(data["sender"], (str, type(None))):
        return "sender not a string"
    if "metadata" in data and not isinstance(data["metadata"], (dict, type(None))):
        return "metadata not an object"
    return None


class CheckedRestInput(RestInput):
    """The ``rest`` channel (same name and URL), with malformed bodies refused with a 400."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_message(self, req: Request) -> Optional[str]:
        message = super()._extract_message(req)
        if not isinstance(message, str):
            return message
        return neutralise_command(message, is_production())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def refuse_malformed(request: Request):
            if request.method == "POST" and request.path.rstrip("/").endswith("/webhook"):
                if body_problem(request.body or b"") is not None:
                    return response.json({"error": MALFORMED}, status=400)
            return None

        return webhook


# Rasa reads "/intent{...}" as an intent with entities. Its own commands (restart, back, session start)
# are never a user's business; in production only the intents of our domain may come that way (buttons and
# gateway commands send them). Forged ones cannot reach a ticket anyway: the actions check the identity.
RASA_COMMANDS = {"restart", "back", "session_start", "nlu_fallback"}


def _domain_intents() -> set[str]:
    import yaml

    domain = Path(__file__).resolve().parents[2] / "domain.yml"
    try:
        return {str(i) for i in (yaml.safe_load(domain.read_text(encoding="utf-8")) or {}).get("intents", [])}
    except OSError:
        return set()


BUTTON_INTENTS = _domain_intents() - RASA_COMMANDS


def neutralise_command(message: str, production: bool) -> str:
    """Drop the leading "/" of a message that would reach Rasa as an internal or forged intent."""
    if not message.startswith("/"):
        return message
    intent = message[1:].split("{", 1)[0].strip()
    if intent in RASA_COMMANDS or (production and intent not in BUTTON_INTENTS):
        return message.lstrip("/")
    return message


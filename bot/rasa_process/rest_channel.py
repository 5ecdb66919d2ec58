"""Rasa's REST channel with its input checked: a malformed body gets HTTP 400, never a server error.

Rasa's stock ``rest`` channel answers 500 to an empty body or to JSON that is not an object (it calls
``request.json.get``). This subclass, loaded by Rasa from ``credentials.yml``
(``bot.rasa_process.rest_channel.CheckedRestInput:`` instead of ``rest:``), keeps the same URL
(``/webhooks/rest/webhook``) and behaviour for well-formed messages and refuses the rest politely:

- a message over ``MAX_MESSAGE_CHARS`` (2,000) gets HTTP 413 and a French explanation, before NLU sees it
  (100,000 characters once took 80 s and 17 GiB of TensorFlow memory);
- when ``GATEWAY_SECRET`` is set (required in production), a post without it in the
  ``X-Gateway-Secret`` header gets HTTP 403: only the gateways may speak under a sender id;
- bidi override and other invisible format characters are dropped from the text;
- when the conversations cannot be saved any more (``tracker_store.failure``), the turn that found out
  answers what it did plus a French note, later posts get HTTP 503 (the gateways then show their « service
  indisponible » message), and the process exits (code :data:`EXIT_STORE_UNWRITABLE`) so that its
  supervisor restarts it with a growing delay;
- Rasa's own handler logs the message text on a timeout or failure, and its JSON tracebacks carry every
  local variable (tokens included): ours logs a pseudonymous sender id and the exception type only, and
  the tracebacks Rasa still prints are rendered without locals.
It runs inside the Rasa process, which is why it may import ``rasa`` (as do the launcher
``bot/rasa_process/server.py`` and the stores Rasa loads from the endpoints files, ``bot/rasa_process/tracker_store.py`` and
``bot/rasa_process/lock_store.py``).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import unicodedata
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

import structlog
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.rasa_process import EXIT_STORE_UNWRITABLE, tracker_store
from settings.deployment import bot_mode, is_production
from settings.reliability import gateway_secret, max_message_chars

log = logging.getLogger(__name__)
GATEWAY_SECRET_HEADER = "X-Gateway-Secret"
TOO_LONG = ("Votre message est trop long ({length} caractères, {limit} au maximum). Pouvez-vous le résumer "
            "en quelques phrases ? Vous pourrez ajouter des détails ensuite.")
FORBIDDEN = "Ce point d'entrée est réservé aux passerelles du service (ENT, Telegram)."

# The turn that found the conversations unsaveable: what the user read above it did happen (a ticket number
# shown is recorded); what follows is not remembered, so the user is asked to come back rather than go on.
NOT_SAVED = ("⚠️ Un incident technique m'empêche d'enregistrer la suite de notre conversation : le service "
             "redémarre. Ce que je viens de vous répondre est valable (un numéro de ticket indiqué est bien "
             "enregistré) ; pour continuer, réessayez dans quelques minutes.")
RESTARTING = "Le service redémarre après un incident technique : réessayez dans quelques minutes."
EXIT_DELAY_S = 2.0  # long enough for the answers of the turns in flight to leave


def stop_for_restart() -> None:
    """Exit the process shortly (once), so that the supervisor restarts it on a store it can write."""
    global _exit_scheduled
    if _exit_scheduled:
        return
    _exit_scheduled = True
    log.critical("stopping: the conversation store is not writable (%s)", tracker_store.failure)
    asyncio.get_running_loop().call_later(EXIT_DELAY_S, os._exit, EXIT_STORE_UNWRITABLE)


_exit_scheduled = False

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
        return neutralise_command(drop_invisible(message), is_production())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        scrub_traceback_locals()
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request):
            # The mode, so that the supervisor can check that Rasa agrees with the other processes.
            return response.json({"status": "ok", "mode": bot_mode()})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            return await self.receive(request, on_new_message)

        return webhook

    async def receive(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]):
        """One REST turn: refused (403/400/413, French message) or handed to Rasa, logged without content."""
        refusal = refuse(request.body or b"", request.headers.get(GATEWAY_SECRET_HEADER))
        if refusal is not None:
            status, message = refusal
            return response.json({"error": message}, status=status)
        if tracker_store.failure is not None:
            stop_for_restart()
            return response.json({"error": RESTARTING}, status=503)
        sender_id = await self._extract_sender(request)
        collector = CollectingOutputChannel()
        try:
            await on_new_message(UserMessage(
                self._extract_message(request), collector, sender_id,
                input_channel=self._extract_input_channel(request), metadata=self.get_metadata(request),
            ))
        except asyncio.CancelledError:
            log.error("rest turn timed out (sender %s)", pseudonymise(sender_id))
        except Exception as error:  # noqa: BLE001 - Rasa's own behaviour: answer what was collected
            log.error("rest turn failed (sender %s): %s", pseudonymise(sender_id), type(error).__name__)
        if tracker_store.failure is not None:
            # Rasa kept this turn in memory only (its fail-safe store): say so, then restart on a sound store.
            stop_for_restart()
            return response.json([*collector.messages, {"recipient_id": sender_id, "text": NOT_SAVED}])
        return response.json(collector.messages)


def refuse(raw: bytes, presented_secret: Optional[str]) -> Optional[tuple[int, str]]:
    """(HTTP status, French message) when a webhook post must not reach a conversation, else None."""
    expected = gateway_secret()
    if expected is None and is_production():
        return 403, FORBIDDEN  # production without the shared secret: nobody may post (misconfiguration)
    if expected is not None and not hmac.compare_digest((presented_secret or "").encode(), expected.encode()):
        return 403, FORBIDDEN
    if body_problem(raw) is not None:
        return 400, MALFORMED
    length = len(json.loads(raw.decode("utf-8"))["message"])
    limit = max_message_chars()
    if length > limit:
        return 413, TOO_LONG.format(length=f"{length:,}".replace(",", " "), limit=f"{limit:,}".replace(",", " "))
    return None


def drop_invisible(text: str) -> str:
    """Drop bidi overrides/isolates and other invisible format characters (category Cf), which can reorder
    or hide what a support agent later reads in a ticket; keep every visible character as typed."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def pseudonymise(sender_id: Optional[str]) -> str:
    """The sender id as logs may show it: keyed like ``helpdesk.privacy.pseudonymise`` (this process may not
    import helpdesk), so that the same person reads the same in every process's logs."""
    key = os.environ.get("PSEUDONYM_KEY", "demo-only-pseudonym-key").encode()
    digest = hmac.new(key, (sender_id or "").encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return f"u-{digest[:16]}"


def scrub_traceback_locals() -> None:
    """Render Rasa's structlog tracebacks without local variables (a turn's locals hold the user's text and
    token). Rasa configures structlog before it loads the channels, so this runs after it."""
    config = structlog.get_config()
    processors = []
    for processor in config.get("processors", []):
        if processor is structlog.processors.dict_tracebacks or (
                isinstance(processor, structlog.processors.ExceptionRenderer)):
            processor = structlog.processors.ExceptionRenderer(
                structlog.tracebacks.ExceptionDictTransformer(show_locals=False))
        elif isinstance(processor, structlog.dev.ConsoleRenderer):
            processor = type(processor)(exception_formatter=structlog.dev.plain_traceback)
        processors.append(processor)
    if processors:
        structlog.configure(processors=processors)


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


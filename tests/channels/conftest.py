"""Fixtures of the channel tests: a fake Rasa REST server and a fake Telegram Bot API, both on 127.0.0.1.

The fakes are test doubles for the servers the gateways talk to; the gateways under test are the real
code (aiohttp app, python-telegram-bot application).
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

import pytest
from aiohttp import web
from telegram import Update

from bot.channels.telegram.app import build_application, close_services
from helpdesk.identity import Identity, issue_token

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

SECRET = "channel-tests-secret-not-used-anywhere-else-0123456789"
DEMO_UAI = "0799001E"
OTHER_UAI = "0799002F"
# A sentence of the agreement (preamble), as Rasa's citation payload carries it.
QUOTE = ("Le Département a la charge des collèges, il en assure l'équipement et le fonctionnement.")
FEEDBACK_UP = '/feedback{"value": "up"}'


def token_for(role: str = "rupn", uai: str = DEMO_UAI, sub: str = "ent-user-1", name: Optional[str] = "Camille Martin",
              ttl: timedelta = timedelta(hours=1)) -> str:
    """A token as the ENT would sign it."""
    return issue_token(Identity(sub, role, uai, name), SECRET, ttl)


@contextlib.asynccontextmanager
async def telegram_application(settings):
    """The real python-telegram-bot application of the gateway, initialised, closed after use."""
    application = build_application(settings)
    await application.initialize()
    try:
        yield application
    finally:
        await application.shutdown()
        await close_services(application)


async def feed(application, data: dict) -> None:
    """Hand one Bot API update to the application, as its polling or webhook would."""
    await application.process_update(Update.de_json(data, application.bot))


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    """Start an aiohttp app on a free loopback port; returns its runner and base URL."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - the only way to read port 0's choice
    return runner, f"http://127.0.0.1:{port}"


# ------------------------------------------------------------------------------------ fake Rasa


@dataclass
class FakeRasa:
    """Records every webhook call and answers like the bot's REST channel would."""

    url: str = ""
    calls: list[dict] = field(default_factory=list)
    fail: bool = False
    delay: float = 0.0
    active: int = 0
    max_active: int = 0

    def answer(self, message: str) -> list[dict[str, Any]]:
        lowered = message.lower()
        if message.startswith("/feedback"):
            return [{"text": "Merci pour votre retour !"}]
        if message.startswith("/declare_incident"):
            return [{"text": "D'accord, déclarons un incident. Décrivez le problème en une phrase."}]
        if "ordinateur" in lowered:
            return [
                {"text": "L'acquisition et la maintenance des matériels informatiques sont à la charge du "
                         "Département. En cas de panne, appelez la hotline au 05.49.06.63.60 ou déclarez "
                         "l'incident sur https://intranet.example.org/incidents."},
                {"custom": {"articles": ["preambule"], "parties": ["departement"], "quote": QUOTE,
                            "article_label": "Préambule"}},
                {"text": "Cette réponse vous a-t-elle aidé ?",
                 "buttons": [{"title": "👍 Oui", "payload": FEEDBACK_UP},
                             {"title": "Et le wifi ?", "payload": "Et le wifi ?"}]},
            ]
        if "wifi" in lowered:
            return [{"text": "Le réseau, wifi compris, relève du Département."}]
        if "décrivez" in lowered or "panne" in lowered:
            return [{"text": "Dans quelle salle ?"}]
        return [{"text": f"Reçu : {message}"}]

    async def webhook(self, request: web.Request) -> web.Response:
        payload = await request.json()
        self.calls.append(payload)
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
        finally:
            self.active -= 1
        if self.fail:
            return web.Response(status=500, text="boom")
        return web.json_response([dict(m, recipient_id=payload["sender"]) for m in self.answer(payload["message"])])


@pytest.fixture
async def fake_rasa():
    rasa = FakeRasa()
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", rasa.webhook)
    runner, rasa.url = await serve(app)
    yield rasa
    await runner.cleanup()


# ------------------------------------------------------------------------------- fake Bot API

BOT_TOKEN = "123456:TEST-token-for-the-fake-bot-api"
BOT_USER = {"id": 999000, "is_bot": True, "first_name": "Convention 79", "username": "convention79_bot"}


@dataclass
class FakeBotApi:
    """Enough of the Telegram Bot API for python-telegram-bot: records calls, serves queued updates."""

    url: str = ""
    calls: list[tuple[str, dict]] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    next_message_id: int = 1000
    fail_chats: set = field(default_factory=set)

    def sent(self, method: str = "sendMessage") -> list[dict]:
        return [params for name, params in self.calls if name == method]

    def _message(self, params: dict) -> dict:
        self.next_message_id += 1
        return {"message_id": self.next_message_id, "date": int(datetime.now(timezone.utc).timestamp()),
                "chat": {"id": int(params["chat_id"]), "type": "private"}, "from": BOT_USER,
                "text": params.get("text", "")}

    async def method(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        if request.match_info["token"] != BOT_TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {}
            for key, value in (await request.post()).items():
                try:
                    params[key] = json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value
                except ValueError:
                    params[key] = value
        self.calls.append((name, params))
        if name == "getMe":
            result: Any = BOT_USER
        elif name == "getUpdates":
            offset = int(params.get("offset") or 0)
            for _ in range(20):  # short long-poll
                pending = [u for u in self.updates if u["update_id"] >= offset]
                if pending:
                    break
                await asyncio.sleep(0.05)
            result = [u for u in self.updates if u["update_id"] >= offset]
        elif name in ("sendMessage", "editMessageReplyMarkup"):
            if name == "sendMessage" and int(params["chat_id"]) in self.fail_chats:
                return web.json_response({"ok": False, "error_code": 403,
                                          "description": "Forbidden: bot was blocked by the user"}, status=403)
            refused = self._refusal(name, params)
            if refused:  # what the real Bot API answers 400 to
                return web.json_response({"ok": False, "error_code": 400, "description": refused}, status=400)
            result = self._message(params) if name == "sendMessage" else True
        elif name == "getFile":
            file_id = params["file_id"]
            result = {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(self.files[file_id]),
                      "file_path": f"documents/{file_id}"}
        else:  # answerCallbackQuery, sendChatAction, deleteWebhook, setWebhook, setMyCommands…
            result = True
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _refusal(name: str, params: dict) -> Optional[str]:
        """The Bot API's 400s for what a gateway could get wrong: empty or over-long text (4096 characters),
        and inline buttons without a text or with callback data outside 1-64 bytes."""
        if name == "sendMessage":
            text = str(params.get("text") or "")
            if not text.strip():
                return "Bad Request: message text is empty"
            if len(text) > 4096:
                return "Bad Request: message is too long"
        markup = params.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []) if isinstance(markup, dict) else []:
            for button in row:
                if not str(button.get("text") or "").strip():
                    return "Bad Request: text buttons are unallowed in the inline keyboard"
                if not 1 <= len(str(button.get("callback_data") or "").encode("utf-8")) <= 64:
                    return "Bad Request: BUTTON_DATA_INVALID"
        return None

    async def download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].split("/")[-1]
        return web.Response(body=self.files[file_id])

    async def wait_sent(self, count: int, method: str = "sendMessage", timeout: float = 10.0) -> list[dict]:
        """Wait until at least ``count`` calls of ``method`` were made."""
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.sent(method)) < count:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"only {len(self.sent(method))} {method} calls: {self.calls}")
            await asyncio.sleep(0.02)
        return self.sent(method)


@pytest.fixture
async def fake_bot_api():
    api = FakeBotApi()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.method)
    app.router.add_get("/file/bot{token}/{path:.+}", api.download)
    runner, api.url = await serve(app)
    yield api
    await runner.cleanup()


class Updates:
    """Builds Telegram updates as the Bot API sends them."""

    def __init__(self):
        self.update_id = 1
        self.message_id = 1

    def _next(self) -> tuple[int, int]:
        self.update_id += 1
        self.message_id += 1
        return self.update_id, self.message_id

    @staticmethod
    def user(user_id: int) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": "Dominique", "language_code": "fr"}

    def message(self, chat_id: int, text: str, user_id: Optional[int] = None, **extra) -> dict:
        update_id, message_id = self._next()
        message = {"message_id": message_id, "date": int(datetime.now(timezone.utc).timestamp()),
                   "chat": {"id": chat_id, "type": "private"}, "from": self.user(user_id or chat_id), **extra}
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return {"update_id": update_id, "message": message}

    def callback(self, chat_id: int, data: str, user_id: Optional[int] = None) -> dict:
        update_id, message_id = self._next()
        return {"update_id": update_id, "callback_query": {
            "id": f"cb{update_id}", "from": self.user(user_id or chat_id), "chat_instance": "ci", "data": data,
            "message": {"message_id": message_id, "date": int(datetime.now(timezone.utc).timestamp()),
                        "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER, "text": "…"},
        }}


@pytest.fixture
def updates() -> Updates:
    return Updates()

"""The ENT web chat gateway: static chat files, ``/api/chat`` proxied to Rasa, uploads, news, Telegram linking.

The gateway verifies the ENT's token where it enters (``helpdesk.identity``) and forwards to Rasa only a
short-lived token of its own holding ``{uai, role, pseudonymous sub}`` (signed with ``GATEWAY_SECRET``): the
ENT's token and the user's name never reach a tracker, a log or the HTTP API. A verified user gets a stable
conversation id (keyed with ``PSEUDONYM_KEY``), so that they find their conversation and ticket news again.
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
import sys
from collections import OrderedDict
from typing import Any, Optional

from aiohttp import web

from bot.channels.common.rasa_client import UNAVAILABLE, RasaClient, RasaUnavailable
from bot.channels.common.user_input import (
    TOO_LONG,
    button_payloads,
    clean_message,
    neutralise_intent_syntax,
    recent_payloads,
)
from bot.channels.web.keys import NOTICED, OFFERED, RASA, RESOURCES, SETTINGS
from bot.channels.web.mailbox import add_mailbox_routes
from bot.channels.web.pages import security_headers, static_page, webchat_file
from bot.channels.web.settings import WebSettings
from helpdesk.identity import (
    Identity,
    InvalidIdentity,
    issue_gateway_token,
    resolve_identity,
    signing_secret,
    verify_token,
)
from helpdesk.privacy import salted_id
from helpdesk.roles import NOTIFIED_OF_SIGNALEMENTS
from settings.deployment import GATEWAY_SECRETS, MissingProductionSettings, require_production_settings

log = logging.getLogger(__name__)

_SESSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_JSON_BYTES = 64 * 1024
MAX_REMEMBERED_CONVERSATIONS = 10_000

BAD_JSON = "Requête illisible : le message doit être envoyé en JSON, par exemple {\"message\": \"Bonjour\"}."
NOT_AUTHENTICATED = "Connectez-vous depuis l'ENT de votre établissement pour utiliser cette fonction."
UPLOADS_OFF = "Les pièces jointes ne sont pas disponibles pour le moment : décrivez le problème par écrit."
UPLOAD_TOO_BIG = "Ce fichier dépasse la taille maximale de 5 Mo : réduisez la photo ou la capture d'écran et renvoyez-la."
UPLOAD_MISSING = "Aucun fichier reçu : choisissez une photo (JPEG, PNG) ou un PDF."



def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _token(request: web.Request) -> Optional[str]:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()[:4096] or None


def _verified(request: web.Request, token: Optional[str]) -> Optional[Identity]:
    """The identity a valid token proves, else None (invalid tokens are still forwarded: Rasa decides)."""
    if not token:
        return None
    try:
        return verify_token(token, request.app[SETTINGS].jwt_secret)
    except InvalidIdentity as error:
        log.info("token refused: %s", error.reason)
        return None


def conversation_id(identity: Optional[Identity], session: Optional[str]) -> tuple[str, str]:
    """(sender id for Rasa, session to hand back to the browser).

    A verified user always gets the same conversation, derived from the token's establishment and
    subject; anonymous (demo) visitors get one per browser session, under a prefix a token can never
    produce.
    """
    if session is None or not _SESSION.match(session):
        session = secrets.token_urlsafe(18)
    if identity is not None:
        return f"web-{salted_id(f'{identity.uai}:{identity.user_id}')}", session
    return f"web-anon-{session}", session


def _remember(table: OrderedDict, sender: str, payloads: list[str]) -> None:
    table[sender] = payloads
    table.move_to_end(sender)
    while len(table) > MAX_REMEMBERED_CONVERSATIONS:
        table.popitem(last=False)


def _remember_buttons(app: web.Application, sender: str, messages: list[dict]) -> None:
    # Older answers keep their buttons in the chat: a click on one must still reach Rasa as a button.
    _remember(app[OFFERED], sender, recent_payloads(app[OFFERED].get(sender, ()), button_payloads(messages)))


def _public_message(message: dict) -> Optional[dict]:
    """Only the fields the chat renders, with buttons reduced to strings."""
    out: dict[str, Any] = {}
    if isinstance(message.get("text"), str):
        out["text"] = message["text"]
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or [] if isinstance(b, dict) and b.get("payload")
    ]
    if buttons:
        out["buttons"] = buttons
    if isinstance(message.get("custom"), dict):
        out["custom"] = message["custom"]
    if isinstance(message.get("image"), str) and message["image"].startswith(("https://", "http://")):
        out["image"] = message["image"]
    return out or None


async def _read_json(request: web.Request) -> dict | web.Response:
    if request.content_length is not None and request.content_length > MAX_JSON_BYTES:
        return _error(413, "Votre message est trop long : pouvez-vous le résumer en quelques phrases ?")
    try:
        body = await request.content.read(MAX_JSON_BYTES + 1)
        if len(body) > MAX_JSON_BYTES:
            return _error(413, "Votre message est trop long : pouvez-vous le résumer en quelques phrases ?")
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _error(400, BAD_JSON)
    if not isinstance(data, dict):
        return _error(400, BAD_JSON)
    return data


# ---------------------------------------------------------------------------------------------- API


async def chat(request: web.Request) -> web.Response:
    """POST ``{"message", "session"?}`` (+ ``Authorization: Bearer <ENT token>``) -> the bot's messages."""
    data = await _read_json(request)
    if isinstance(data, web.Response):
        return data
    cleaned = clean_message(data.get("message"))
    token = _token(request)
    identity = _verified(request, token)
    session = data.get("session") if isinstance(data.get("session"), str) else None
    sender, session = conversation_id(identity, session)
    if cleaned.error:
        status = 413 if cleaned.error == TOO_LONG else 400
        return web.json_response({"error": cleaned.error, "session": session}, status=status)
    text = neutralise_intent_syntax(cleaned.text, [*request.app[OFFERED].get(sender, ()),
                                                   *request.app[NOTICED].get(sender, ())])
    metadata: dict[str, Any] = {"channel": "web"}
    secret = signing_secret(request.app[SETTINGS].jwt_secret)
    if identity is not None and secret:
        # Only what the actions need, re-signed by us: never the ENT's token (it would be stored in every
        # tracker event and could be replayed until it expires). A refused token is not forwarded at all.
        metadata["identity_token"] = issue_gateway_token(identity, secret)
    try:
        messages = await request.app[RASA].send(sender, text, metadata)
    except RasaUnavailable as error:
        log.warning("Rasa unavailable: %s", error)
        return web.json_response({"error": UNAVAILABLE, "session": session}, status=502)
    _remember_buttons(request.app, sender, messages)
    public = [m for m in (_public_message(m) for m in messages) if m]
    return web.json_response({"session": session, "verified": identity is not None, "messages": public})


def _tickets_store(app: web.Application):
    """The ticket store (opened once), or None when ``helpdesk.tickets`` is not available."""
    resources = app[RESOURCES]
    if "tickets" not in resources:
        try:
            from helpdesk.tickets import TicketStore
        except ImportError as error:  # the ticket package is optional for a questions-only deployment
            log.warning("helpdesk.tickets unavailable: %s", error)
            resources["tickets"] = None
        else:
            resources["tickets"] = TicketStore.open(app[SETTINGS].tickets_database_url)
    return resources["tickets"]


def _may_open_tickets(request: web.Request, token: Optional[str]) -> bool:
    settings = request.app[SETTINGS]
    metadata = {"identity_token": token} if token else {}
    return resolve_identity(metadata, mode=settings.mode, secret=settings.jwt_secret) is not None


async def upload(request: web.Request) -> web.Response:
    """POST multipart ``file`` (+ ``session``): stage an attachment for the conversation's next ticket."""
    settings = request.app[SETTINGS]
    token = _token(request)
    if not _may_open_tickets(request, token):
        return _error(403, NOT_AUTHENTICATED)
    if request.content_length is not None and request.content_length > settings.max_attachment_bytes + 64 * 1024:
        return _error(413, UPLOAD_TOO_BIG)
    try:
        reader = await request.multipart()
    except (AssertionError, ValueError, KeyError):
        return _error(400, UPLOAD_MISSING)
    session = None
    filename = content_type = None
    data: Optional[bytes] = None
    while True:
        part = await reader.next()
        if part is None:
            break
        if part.name == "session":
            session = (await part.read(decode=True))[:128].decode("utf-8", "replace")
        elif part.name == "file" and data is None:
            filename, content_type = part.filename, part.headers.get("Content-Type")
            chunks, size = [], 0
            while chunk := await part.read_chunk(64 * 1024):
                size += len(chunk)
                if size > settings.max_attachment_bytes:
                    return _error(413, UPLOAD_TOO_BIG)
                chunks.append(chunk)
            data = b"".join(chunks)
    if not data:
        return _error(400, UPLOAD_MISSING)
    sender, session = conversation_id(_verified(request, token), session)
    loop = asyncio.get_running_loop()
    try:
        store = await loop.run_in_executor(None, _tickets_store, request.app)
    except Exception:  # noqa: BLE001 - a broken ticket database must not take the chat down
        log.exception("ticket store unavailable")
        store = None
    if store is None:
        return _error(503, UPLOADS_OFF)
    from helpdesk.tickets import AttachmentRejected

    try:
        info = await loop.run_in_executor(None, store.stage_attachment, sender, filename, content_type, data)
    except AttachmentRejected as error:
        return web.json_response({"error": str(error), "session": session}, status=400)
    return web.json_response({
        "session": session,
        "attachment": {"filename": info.filename, "content_type": info.content_type, "size": info.size},
        "message": f"Fichier « {info.filename} » reçu : il sera joint à votre déclaration d'incident.",
    })


async def news(request: web.Request) -> web.Response:
    """GET ``?session=``: ticket news waiting for this user (status changes, staff comments), then marked read;
    for a RUPN, also the teachers' signalements that wait for them, with the one-tap forward button."""
    token = _token(request)
    identity = _verified(request, token)
    sender, session = conversation_id(identity, request.query.get("session"))
    loop = asyncio.get_running_loop()

    def collect() -> list[dict]:
        store = _tickets_store(request.app)
        if store is None:
            return []
        items = []
        for note in store.pending_notifications("web", limit=1000):
            if note.reporter_id == sender and store.mark_notified(note.event_id):
                items.append({"ticket": note.ticket_number, "text": note.text, "at": note.at.isoformat()})
        if identity is not None and identity.role in NOTIFIED_OF_SIGNALEMENTS:
            for notice in store.waiting_notices(identity.uai):
                if not notice.delivered("web", sender) and store.mark_notice_delivered(notice.id, "web", sender):
                    items.append({"ticket": notice.ticket.number, "text": notice.text, "kind": "signalement",
                                  "at": notice.ticket.created_at.isoformat(), "buttons": notice.buttons})
        return items

    try:
        items = await loop.run_in_executor(None, collect)
    except Exception:  # noqa: BLE001 - news are a bonus; never break the chat for them
        log.exception("news unavailable")
        items = []
    noticed = [b["payload"] for item in items for b in item.get("buttons", ())]
    if noticed:  # the buttons of a notice may be pressed later, like those of the last answer
        _remember(request.app[NOTICED], sender, [*request.app[NOTICED].get(sender, ()), *noticed][-20:])
    return web.json_response({"session": session, "news": items})


async def telegram_link(request: web.Request) -> web.Response:
    """POST with a valid ENT token: a one-time code and a ``t.me`` deep link binding Telegram to this identity."""
    settings = request.app[SETTINGS]
    identity = _verified(request, _token(request))
    if identity is None:
        return _error(401, NOT_AUTHENTICATED)
    from bot.channels.common.account_links import LinkStore

    def create():
        store = LinkStore(settings.telegram_database_url)
        try:
            return store.create_code(identity)
        finally:
            store.close()

    code = await asyncio.get_running_loop().run_in_executor(None, create)
    link = f"https://t.me/{settings.telegram_bot_username}?start={code.code}" if settings.telegram_bot_username else None
    return web.json_response({
        "code": code.code,
        "expires_at": code.expires_at.isoformat(),
        "link": link,
        "message": (f"Ouvrez ce lien dans Telegram (valable {code.ttl_minutes} minutes) : {link}" if link else
                    f"Envoyez « /start {code.code} » au bot Telegram (valable {code.ttl_minutes} minutes)."),
    })


async def healthz(request: web.Request) -> web.Response:
    """Liveness of the gateway itself, and its mode (the supervisor checks that every process agrees)."""
    return web.json_response({"status": "ok", "mode": request.app[SETTINGS].mode})


# ------------------------------------------------------------------------------------------ app


async def _close_resources(app: web.Application) -> None:
    await app[RASA].close()
    store = app[RESOURCES].get("tickets")
    if store is not None:
        store.close()


def create_app(settings: Optional[WebSettings] = None) -> web.Application:
    """The gateway's aiohttp application (routes, middlewares, clean-up), not yet listening."""
    settings = settings or WebSettings.from_env()
    # Room for a 5 Mo attachment and its multipart envelope; JSON bodies have their own, smaller limit.
    app = web.Application(middlewares=[security_headers], client_max_size=settings.max_attachment_bytes + 256 * 1024)
    app[SETTINGS] = settings
    app[RASA] = RasaClient(settings.rasa_url, timeout=settings.rasa_timeout)
    app[OFFERED] = OrderedDict()
    app[NOTICED] = OrderedDict()
    app[RESOURCES] = {}
    app.router.add_get("/", static_page("demo.html"))
    app.router.add_get("/demo.html", static_page("demo.html"))
    app.router.add_get("/embed.html", static_page("embed.html"))
    app.router.add_get("/webchat/{name}", webchat_file)
    app.router.add_post("/api/chat", chat)
    app.router.add_post("/api/upload", upload)
    app.router.add_get("/api/news", news)
    app.router.add_post("/api/telegram-link", telegram_link)
    app.router.add_get("/healthz", healthz)
    add_mailbox_routes(app)  # demo only: « Boîte du service »
    app.on_cleanup.append(_close_resources)
    return app


def main() -> int:
    """Serve the gateway on 127.0.0.1:``WEBCHAT_PORT`` until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        require_production_settings("web chat gateway", GATEWAY_SECRETS)
    except MissingProductionSettings as error:
        print(error, file=sys.stderr, flush=True)
        return 2
    settings = WebSettings.from_env()
    if not settings.jwt_secret:
        # Questions still work; tickets need a verified user in production (decided by helpdesk.identity).
        print("ENT_JWT_SECRET non défini : les jetons de l'ENT ne pourront pas être vérifiés.", flush=True)
    print(f"Web chat : http://{settings.host}:{settings.port}/ (Rasa : {settings.rasa_url})", flush=True)
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)
    return 0

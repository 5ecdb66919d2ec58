"""Contract tests: each gateway's real payloads (commands, buttons, attachments) go through the LIVE bot (Rasa
and the real actions, tests/conftest.py's ``live_bot``) and we assert what the user reads.

The fakes of test_telegram.py and test_web_gateway.py check each gateway's own behaviour; a fake Rasa there
echoed what the real bot rejected (``/statut 2026-0042``), so what crosses to Rasa is checked here.
Only Telegram's Bot API is still a fake (tests/channels/conftest.py): that is Telegram's side, not ours.
"""
from __future__ import annotations

import aiohttp
import pytest

from bot.channels.common.user_input import button_payloads
from bot.channels.telegram.handlers import sender_id
from bot.channels.telegram.settings import TelegramSettings
from bot.channels.web.app import create_app
from bot.channels.web.settings import WebSettings
from helpdesk.identity import demo_identity
from helpdesk.tickets import STATUS_LABELS, TicketStore
from tests.conftest import TEST_JWT_SECRET

from .conftest import BOT_TOKEN, feed, serve, telegram_application

pytestmark = pytest.mark.slow

PDF = b"%PDF-1.4\n" + b"x" * 300


@pytest.fixture(scope="module")
def demo_ticket(live_bot):
    """A ticket of the demo collège (the identity of unlinked users in demo mode) in the live bot's database."""
    return TicketStore.open(live_bot.tickets_url).create_ticket(
        uai=demo_identity().uai, category="reseau", line="departement",
        description="Plus de connexion réseau en salle 12 depuis ce matin.", impact="salle",
        place="Salle 12", reporter_channel="web", reporter_id="rupn-lezay")


def typed_forms(number: str) -> list[str]:
    """The ways users type a number: "INC-2026-00042", "2026-42", "INC 2026 42"."""
    _, year, value = number.split("-")
    return [number, f"{year}-{int(value)}", f"INC {year} {int(value)}"]


# ------------------------------------------------------------------------------------------ Telegram

@pytest.fixture
async def telegram(live_bot, fake_bot_api, tmp_path):
    settings = TelegramSettings(token=BOT_TOKEN, rasa_url=live_bot.url, api_base_url=fake_bot_api.url,
                                jwt_secret=TEST_JWT_SECRET, mode="demo",
                                database_url=f"sqlite:///{tmp_path / 'telegram.db'}",
                                tickets_database_url=live_bot.tickets_url, notify_interval=0)
    async with telegram_application(settings) as application:
        yield application


def read(fake_bot_api, since: int = 0) -> str:
    return "\n".join(m.get("text", "") for m in fake_bot_api.sent()[since:])


@pytest.mark.parametrize("form", [0, 1, 2], ids=["INC-YYYY-NNNNN", "YYYY-N", "INC YYYY N"])
async def test_telegram_statut_finds_the_ticket_however_it_is_typed(telegram, fake_bot_api, updates, demo_ticket,
                                                                     form):
    typed = typed_forms(demo_ticket.number)[form]
    await feed(telegram, updates.message(5550101 + form, f"/statut {typed}"))
    answer = read(fake_bot_api)
    assert f"Ticket {demo_ticket.number}" in answer, answer
    assert STATUS_LABELS[demo_ticket.status] in answer


async def test_telegram_statut_of_an_unknown_ticket_says_so(telegram, fake_bot_api, updates):
    await feed(telegram, updates.message(5550111, "/statut 2026-99999"))
    answer = read(fake_bot_api)
    assert "Je ne trouve pas de ticket INC-2026-99999" in answer


async def test_telegram_question_then_its_button(telegram, fake_bot_api, updates):
    chat = 5550121
    await feed(telegram, updates.message(chat, "Qui répare les ordinateurs du collège ?"))
    answer = read(fake_bot_api)
    assert "Département" in answer and "📖" in answer  # a party named, with its verbatim source
    keyboard = [(b["text"], b["callback_data"]) for m in fake_bot_api.sent()
                for row in (m.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
    assert keyboard, "the real answer offers buttons"
    title, data = keyboard[0]
    before = len(fake_bot_api.sent())
    await feed(telegram, updates.callback(chat, data))
    assert fake_bot_api.sent("answerCallbackQuery")
    reply = read(fake_bot_api, before)
    assert reply.strip() and "erreur" not in reply.lower(), (title, reply)


async def test_telegram_attachment_is_staged_and_its_caption_answered(live_bot, telegram, fake_bot_api, updates):
    chat = 5550131
    fake_bot_api.files["doc-contract"] = PDF
    document = {"file_id": "doc-contract", "file_unique_id": "u-doc-contract", "file_name": "panne.pdf",
                "mime_type": "application/pdf", "file_size": len(PDF)}
    await feed(telegram, updates.message(chat, None, document=document,
                                         caption="Qui répare les vidéoprojecteurs ?"))
    answer = read(fake_bot_api)
    assert "📎 Fichier « panne.pdf » reçu" in answer
    assert "Département" in answer  # the caption went through the real bot
    store = TicketStore.open(live_bot.tickets_url)
    assert [a.filename for a in store.staged_attachments(sender_id(chat))] == ["panne.pdf"]


# ------------------------------------------------------------------------------------------ web chat

@pytest.fixture
async def web_chat(live_bot, tmp_path):
    settings = WebSettings(rasa_url=live_bot.url, jwt_secret=TEST_JWT_SECRET, mode="demo",
                           telegram_database_url=f"sqlite:///{tmp_path / 'telegram.db'}",
                           tickets_database_url=live_bot.tickets_url)
    runner, url = await serve(create_app(settings))
    async with aiohttp.ClientSession(base_url=url) as client:
        yield client
    await runner.cleanup()


async def chat(client, message: str, session: str | None = None) -> dict:
    body = {"message": message, **({"session": session} if session else {})}
    async with client.post("/api/chat", json=body) as response:
        assert response.status == 200
        return await response.json()


def said(body: dict) -> str:
    return "\n".join(m.get("text") or "" for m in body["messages"])


@pytest.mark.parametrize("form", [0, 2], ids=["INC-YYYY-NNNNN", "INC YYYY N"])
async def test_web_status_question_finds_the_ticket(web_chat, demo_ticket, form):
    typed = typed_forms(demo_ticket.number)[form]
    body = await chat(web_chat, f"où en est le ticket {typed} ?")
    assert f"Ticket {demo_ticket.number}" in said(body), said(body)
    assert STATUS_LABELS[demo_ticket.status] in said(body)


async def test_web_question_then_its_button(web_chat):
    body = await chat(web_chat, "Qui paie les abonnements téléphoniques ?")
    assert said(body).strip() and any("custom" in m for m in body["messages"])  # answer with its citation
    payloads = button_payloads(body["messages"])
    assert payloads, "the real answer offers buttons"
    follow = await chat(web_chat, payloads[0], session=body["session"])
    assert said(follow).strip() and "erreur" not in said(follow).lower()


async def test_web_upload_is_staged_for_the_conversation(live_bot, web_chat):
    first = await chat(web_chat, "bonjour")
    form = aiohttp.FormData()
    form.add_field("session", first["session"])
    form.add_field("file", PDF, filename="facture.pdf", content_type="application/pdf")
    async with web_chat.post("/api/upload", data=form) as response:
        assert response.status == 200, await response.text()
    store = TicketStore.open(live_bot.tickets_url)
    assert [a.filename for a in store.staged_attachments(f"web-anon-{first['session']}")] == ["facture.pdf"]

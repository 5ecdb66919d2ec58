"""The real python-telegram-bot application against a fake Bot API and a fake Rasa, both on 127.0.0.1."""
from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from bot.channels.common.account_links import LinkStore
from bot.channels.telegram.app import build_application, close_services, create_webhook_app, deliver_notifications
from bot.channels.telegram.handlers import UNKNOWN_COMMAND, sender_id
from bot.channels.telegram.settings import TelegramSettings
from bot.cli import telegram_accounts as admin
from helpdesk.identity import Identity, verify_token
from helpdesk.privacy import pseudonymise

from .conftest import BOT_TOKEN, DEMO_UAI, FEEDBACK_UP, OTHER_UAI, QUOTE, SECRET, feed, serve, telegram_application

CHAT = 5550001
PDF = b"%PDF-1.4\n" + b"x" * 300


@pytest.fixture
def tg_settings(fake_rasa, fake_bot_api, tmp_path):
    return TelegramSettings(token=BOT_TOKEN, rasa_url=fake_rasa.url, api_base_url=fake_bot_api.url,
                            gateway_secret=SECRET, mode="production",
                            database_url=f"sqlite:///{tmp_path / 'telegram.db'}",
                            tickets_database_url=f"sqlite:///{tmp_path / 'tickets.db'}",
                            webhook_secret="webhook-secret-for-tests", notify_interval=0)


@pytest.fixture
async def tg_app(tg_settings):
    async with telegram_application(tg_settings) as application:
        yield application


def keyboard_of(params: dict) -> list[tuple[str, str]]:
    markup = params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


async def test_start_sends_welcome_with_examples(tg_app, fake_bot_api, fake_rasa, updates):
    await feed(tg_app, updates.message(CHAT, "/start"))
    sent = fake_bot_api.sent()
    assert len(sent) == 1 and int(sent[0]["chat_id"]) == CHAT
    assert "convention cadre de 2017" in sent[0]["text"] and "Qui répare les ordinateurs" in sent[0]["text"]
    assert fake_rasa.calls == []


async def test_question_answer_with_citation_and_inline_keyboard(tg_app, fake_bot_api, fake_rasa, updates):
    await feed(tg_app, updates.message(CHAT, "Qui répare les ordinateurs ?"))
    call = fake_rasa.calls[-1]
    assert call == {"sender": sender_id(CHAT), "message": "Qui répare les ordinateurs ?",
                    "metadata": {"channel": "telegram"}}  # not linked: no identity token
    sent = fake_bot_api.sent()
    assert len(sent) == 2
    answer, question = sent
    assert answer["text"].startswith("L'acquisition et la maintenance des matériels informatiques")
    assert answer["text"].endswith(f"📖 Préambule — « {QUOTE} »")
    assert "reply_markup" not in answer
    assert question["text"] == "Cette réponse vous a-t-elle aidé ?"
    assert [title for title, _ in keyboard_of(question)] == ["👍 Utile", "Et le wifi ?"]
    assert fake_bot_api.sent("sendChatAction")[0]["action"] == "typing"


async def test_button_press_sends_the_payload_back(tg_app, fake_bot_api, fake_rasa, updates):
    await feed(tg_app, updates.message(CHAT, "Qui répare les ordinateurs ?"))
    buttons = dict(keyboard_of(fake_bot_api.sent()[-1]))
    await feed(tg_app, updates.callback(CHAT, buttons["👍 Utile"]))
    assert fake_rasa.calls[-1]["message"] == FEEDBACK_UP
    assert fake_bot_api.sent()[-1]["text"] == "Merci pour votre retour !"
    assert len(fake_bot_api.sent("answerCallbackQuery")) == 1
    assert fake_bot_api.sent("editMessageReplyMarkup")  # keyboard removed against double taps
    # A forged or stale callback is answered and goes nowhere.
    before = len(fake_rasa.calls)
    await feed(tg_app, updates.callback(CHAT, "b999"))
    assert len(fake_rasa.calls) == before
    assert "plus valable" in fake_bot_api.sent("answerCallbackQuery")[-1]["text"]


async def test_multi_turn_exchange_with_commands(tg_app, fake_bot_api, fake_rasa, updates):
    await feed(tg_app, updates.message(CHAT, "/incident"))
    await feed(tg_app, updates.message(CHAT, "Panne du vidéoprojecteur"))
    await feed(tg_app, updates.message(CHAT, "Qui répare les ordinateurs ?"))
    buttons = dict(keyboard_of(fake_bot_api.sent()[-1]))
    await feed(tg_app, updates.callback(CHAT, buttons["Et le wifi ?"]))
    assert [c["message"] for c in fake_rasa.calls] == [
        "/declare_incident", "Panne du vidéoprojecteur", "Qui répare les ordinateurs ?", "Et le wifi ?",
    ]
    assert {c["sender"] for c in fake_rasa.calls} == {sender_id(CHAT)}
    texts = [m["text"] for m in fake_bot_api.sent()]
    assert texts[0].startswith("D'accord, déclarons un incident")
    assert texts[1] == "Dans quelle salle ?"
    assert texts[-1] == "Le réseau, wifi compris, relève du Département."


@pytest.mark.parametrize("typed", ["2026-42", "2026-0042", "INC-2026-00042", "INC 2026 42", "inc-2026-42"])
async def test_statut_sends_rasa_the_canonical_number(tg_app, fake_rasa, updates, typed):
    """What the bot answers is checked on the live bot (test_channel_contracts.py); here, what Rasa gets."""
    await feed(tg_app, updates.message(CHAT, f"/statut {typed}"))
    assert fake_rasa.calls[-1]["message"] == '/check_ticket_status{"ticket_id": "INC-2026-00042"}'


async def test_unknown_commands_and_bad_input_never_reach_rasa(tg_app, fake_bot_api, fake_rasa, updates):
    await feed(tg_app, updates.message(CHAT, '/inform{"uai": "0799002F"}'))
    await feed(tg_app, updates.message(CHAT, "/statut <script>"))
    await feed(tg_app, updates.message(CHAT, "x" * 4000))
    await feed(tg_app, updates.message(CHAT, "\u200b\u202e"))
    assert fake_rasa.calls == []
    texts = [m["text"] for m in fake_bot_api.sent()]
    assert texts[0] == UNKNOWN_COMMAND
    assert "n'est pas valide" in texts[1]
    assert "trop long" in texts[2]
    assert "vide" in texts[3]


async def test_rasa_down_gives_a_french_message(tg_app, fake_bot_api, fake_rasa, updates):
    fake_rasa.fail = True
    await feed(tg_app, updates.message(CHAT, "Bonjour"))
    assert "momentanément indisponible" in fake_bot_api.sent()[-1]["text"]


async def test_one_chat_is_served_one_message_at_a_time(tg_app, fake_bot_api, fake_rasa, updates):
    fake_rasa.delay = 0.15
    await asyncio.gather(*(feed(tg_app, updates.message(CHAT, f"question {i}")) for i in range(4)))
    assert fake_rasa.max_active == 1
    assert len(fake_rasa.calls) == 4
    # Different chats are not serialised behind each other.
    fake_rasa.max_active = 0
    await asyncio.gather(*(feed(tg_app, updates.message(CHAT + i, "bonjour")) for i in range(1, 4)))
    assert fake_rasa.max_active > 1


# ------------------------------------------------------------------------------------------ linking


async def test_link_code_binds_the_user_and_their_messages_carry_a_token(tg_app, tg_settings, fake_bot_api,
                                                                          fake_rasa, updates):
    store = LinkStore(tg_settings.database_url)
    code = store.create_code(Identity("ent-7", "principal", OTHER_UAI, "Claude Dupont")).code
    store.close()
    await feed(tg_app, updates.message(CHAT, f"/start {code.lower()}"))
    assert fake_bot_api.sent()[-1]["text"].startswith("✅ Votre compte Telegram est lié")
    assert OTHER_UAI in fake_bot_api.sent()[-1]["text"]
    await feed(tg_app, updates.message(CHAT, "Bonjour"))
    metadata = fake_rasa.calls[-1]["metadata"]
    identity = verify_token(metadata["identity_token"], SECRET)
    # Only {uai, role, pseudonymous sub}, signed with the gateway's secret (tests/reliability/test_telegram_identity.py).
    assert (identity.uai, identity.role, identity.user_id, identity.name) == (
        OTHER_UAI, "principal", pseudonymise(f"{OTHER_UAI}:telegram:{CHAT}"), None)
    # The code is single use.
    await feed(tg_app, updates.message(CHAT + 1, f"/start {code}"))
    assert "déjà été utilisé" in fake_bot_api.sent()[-1]["text"]


async def test_wrong_codes_are_refused_then_throttled(tg_app, fake_bot_api, updates):
    for _ in range(5):
        await feed(tg_app, updates.message(CHAT, "/start ZZZZZZZZ"))
        assert "inconnu" in fake_bot_api.sent()[-1]["text"]
    await feed(tg_app, updates.message(CHAT, "/start ZZZZZZZZ"))
    assert "Trop de codes incorrects" in fake_bot_api.sent()[-1]["text"]


async def test_the_wrong_code_limit_survives_a_restart_and_a_new_chat(tg_app, tg_settings, fake_bot_api, updates):
    store = LinkStore(tg_settings.database_url)
    try:
        for _ in range(5):
            store.record_failure(CHAT)  # as a previous run of the gateway would have
        code = store.create_code(Identity("ent-7", "principal", OTHER_UAI)).code
    finally:
        store.close()
    # Same Telegram user, in another chat (a group): still refused, even with a valid code.
    await feed(tg_app, updates.message(CHAT + 50, f"/start {code}", user_id=CHAT))
    assert "Trop de codes incorrects" in fake_bot_api.sent()[-1]["text"]


def test_admin_cli_allow_list_revoke(tmp_path, capsys):
    store = LinkStore(f"sqlite:///{tmp_path / 'telegram.db'}")
    try:
        assert admin.main(["allow", "123456", "0799002f", "--role", "principal"], store=store) == 0
        assert "autorisé : principal de l'établissement 0799002F" in capsys.readouterr().out
        assert admin.main(["allow", "123456", "0861234A"], store=store) == 1
        assert "UAI" in capsys.readouterr().err
        assert admin.main(["allow", "abc", "0799002F"], store=store) == 1
        assert admin.main(["list"], store=store) == 0
        listing = capsys.readouterr().out
        assert "123456" in listing and "0799002F" in listing and "allow-list" in listing
        assert store.get(123456).identity().uai == "0799002F"
        assert admin.main(["revoke", "123456"], store=store) == 0
        assert admin.main(["revoke", "123456"], store=store) == 1
        assert store.list() == []
        assert admin.main(["bogus"], store=store) == 2
    finally:
        store.close()


async def test_allow_listed_user_gets_a_token(tg_app, tg_settings, fake_rasa, updates):
    store = LinkStore(tg_settings.database_url)
    store.allow(CHAT, DEMO_UAI, "rupn")
    store.close()
    await feed(tg_app, updates.message(CHAT, "Bonjour"))
    assert verify_token(fake_rasa.calls[-1]["metadata"]["identity_token"], SECRET).uai == DEMO_UAI


# -------------------------------------------------------------------------------------- attachments


def document(name: str, mime: str, size: int, file_id: str) -> dict:
    return {"document": {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name,
                         "mime_type": mime, "file_size": size}}


async def test_attachments_are_checked_and_staged(tg_app, tg_settings, fake_bot_api, fake_rasa, updates):
    from helpdesk.tickets import TicketStore

    # Production mode: an unlinked user cannot attach files.
    fake_bot_api.files["f1"] = PDF
    await feed(tg_app, updates.message(CHAT, None, **document("devis.pdf", "application/pdf", len(PDF), "f1")))
    assert "liez d'abord votre compte" in fake_bot_api.sent()[-1]["text"]
    store = LinkStore(tg_settings.database_url)
    store.allow(CHAT, DEMO_UAI, "rupn")
    store.close()
    await feed(tg_app, updates.message(CHAT, None, **document("devis.pdf", "application/pdf", len(PDF), "f1")))
    assert fake_bot_api.sent()[-1]["text"].startswith("📎 Fichier « devis.pdf » reçu")
    await feed(tg_app, updates.message(CHAT, None, **document("outil.exe", "application/x-msdownload", 10, "f2")))
    assert "photos (JPEG, PNG) et les PDF" in fake_bot_api.sent()[-1]["text"]
    await feed(tg_app, updates.message(CHAT, None, **document("gros.pdf", "application/pdf", 6 * 1024 * 1024, "f3")))
    assert "5 Mo" in fake_bot_api.sent()[-1]["text"]
    fake_bot_api.files["f4"] = b"MZ this is not a pdf"
    await feed(tg_app, updates.message(CHAT, None, **document("faux.pdf", "application/pdf", 20, "f4")))
    assert not fake_bot_api.sent()[-1]["text"].startswith("📎")  # a renamed executable is refused
    photo = {"photo": [{"file_id": "p1", "file_unique_id": "up1", "width": 90, "height": 90, "file_size": 200}]}
    fake_bot_api.files["p1"] = b"\xff\xd8\xff\xe0" + b"j" * 196
    await feed(tg_app, updates.message(CHAT, None, caption="L'écran est cassé", **photo))
    tickets = TicketStore.open(tg_settings.tickets_database_url)
    try:
        staged = tickets.staged_attachments(sender_id(CHAT))
    finally:
        tickets.close()
    assert [(a.filename, a.content_type) for a in staged] == [("devis.pdf", "application/pdf"),
                                                              (staged[1].filename, "image/jpeg")]
    assert fake_rasa.calls[-1]["message"] == "L'écran est cassé"  # the caption is the user's message


# ------------------------------------------------------------------------------------ notifications


async def test_ticket_news_are_sent_to_the_reporter_once(tg_app, tg_settings, fake_bot_api):
    from helpdesk.tickets import TicketStore

    store = TicketStore.open(tg_settings.tickets_database_url)
    try:
        mine = store.create_ticket(uai=DEMO_UAI, category="reseau", line="departement", impact="salle",
                                   description="Plus de réseau en salle 12", reporter_channel="telegram",
                                   reporter_id=sender_id(CHAT), conversation_id=sender_id(CHAT))
        blocked = store.create_ticket(uai=DEMO_UAI, category="reseau", line="departement", impact="poste",
                                      description="Imprimante hors service", reporter_channel="telegram",
                                      reporter_id=sender_id(777), conversation_id=sender_id(777))
        store.set_status(mine.number, "en_cours", author="hotline", note="Technicien prévu jeudi")
        store.set_status(blocked.number, "en_cours", author="hotline")
    finally:
        store.close()
    fake_bot_api.fail_chats.add(777)
    assert await deliver_notifications(tg_app) == 1
    sent = fake_bot_api.sent()
    delivered = [m for m in sent if int(m["chat_id"]) == CHAT]
    assert len(delivered) == 1 and delivered[0]["text"].startswith("🔔") and mine.number in delivered[0]["text"]
    # Delivered and undeliverable (bot blocked) news are both marked: nothing is sent twice.
    assert await deliver_notifications(tg_app) == 0
    assert len(fake_bot_api.sent()) == len(sent)


# ------------------------------------------------------------------------------ webhook and polling


async def test_webhook_checks_the_secret_header(tg_app, tg_settings, fake_bot_api, fake_rasa, updates):
    runner, url = await serve(create_webhook_app(tg_app, tg_settings))
    try:
        async with aiohttp.ClientSession() as client:
            body = json.dumps(updates.message(CHAT, "Bonjour"))
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with client.post(f"{url}/telegram/webhook", data=body, headers=headers) as response:
                    assert response.status == 403
            assert fake_rasa.calls == [] and fake_bot_api.sent() == []
            good = {"X-Telegram-Bot-Api-Secret-Token": tg_settings.webhook_secret}
            async with client.post(f"{url}/telegram/webhook", data="{junk", headers=good) as response:
                assert response.status == 400
            async with client.post(f"{url}/telegram/webhook", data=body, headers=good) as response:
                assert response.status == 200
    finally:
        await runner.cleanup()
    assert fake_rasa.calls[-1]["message"] == "Bonjour"
    assert fake_bot_api.sent()[-1]["text"] == "Reçu : Bonjour"


async def test_long_polling_end_to_end(tg_settings, fake_bot_api, fake_rasa, updates):
    application = build_application(tg_settings)
    await application.initialize()
    await application.start()
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        fake_bot_api.updates.append(updates.message(CHAT, "Qui répare les ordinateurs ?"))
        sent = await fake_bot_api.wait_sent(2)
        assert sent[0]["text"].startswith("L'acquisition et la maintenance")
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        await close_services(application)


def test_main_without_token_says_how_to_turn_it_on(monkeypatch, capsys):
    from bot.channels.telegram import main

    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main() == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "désactivé" in out[0] and "TELEGRAM_BOT_TOKEN" in out[0]

"""Teacher → RUPN → service through the real gateways (issue 14): a teacher files a signalement with the live
bot; the Telegram gateway (against the fake Bot API, which refuses what the real one refuses) and the web
chat gateway deliver the notice to the RUPNs of that collège only, once; the RUPN's one tap goes through
Rasa and the real actions and files exactly one ticket, on the line the agreement gives."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import aiohttp
import pytest

from bot.channels.common.account_links import LinkStore
from bot.channels.telegram.app import deliver_signalement_notices
from bot.channels.telegram.settings import TelegramSettings
from bot.channels.web.app import create_app
from bot.channels.web.settings import WebSettings
from helpdesk.identity import Identity, issue_token
from helpdesk.tickets import TicketStore
from tests.channels.conftest import BOT_TOKEN, fake_bot_api, feed, serve, telegram_application, updates  # noqa: F401
from tests.channels.test_telegram import keyboard_of
from tests.conftest import TEST_JWT_SECRET
from tests.conversations.test_flows import NUMBER, _declare, token_for

pytestmark = pytest.mark.slow  # a live bot: trained model, Rasa and the action server

RUPN_CHAT, TEACHER_CHAT, OTHER_RUPN_CHAT = 6660001, 6660002, 6660003


async def _signalement(live_bot, uai: str, place: str) -> str:
    """A teacher's declaration through the live bot; returns the signalement's number."""
    log = await asyncio.to_thread(_declare, live_bot, live_bot.new_sender(),
                                  f"le vidéoprojecteur de la {place} ne s'allume plus",
                                  ["une salle", "Mme Noir 0600000003", "oui"], token_for(uai, role="enseignant"))
    assert "Signalement" in log and "RUPN" in log
    return NUMBER.findall(log)[-1]


def _service_tickets(store: TicketStore, uai: str, signalement: str):
    return [t for t in store.list_tickets(uai, limit=50) if t.number != signalement]


async def test_telegram_rupn_is_notified_once_and_forwards_in_one_tap(live_bot, fake_bot_api, updates, tmp_path):  # noqa: F811
    uai = "0799015V"
    signalement = await _signalement(live_bot, uai, "salle 7")
    settings = TelegramSettings(token=BOT_TOKEN, rasa_url=live_bot.url, api_base_url=fake_bot_api.url,
                                jwt_secret=TEST_JWT_SECRET, mode="demo",
                                database_url=f"sqlite:///{tmp_path / 'telegram.db'}",
                                tickets_database_url=live_bot.tickets_url, notify_interval=0)
    links = LinkStore(settings.database_url)
    links.allow(RUPN_CHAT, uai, role="rupn")
    links.allow(TEACHER_CHAT, uai, role="enseignant")      # a teacher is not told
    links.allow(OTHER_RUPN_CHAT, "0799016W", role="rupn")  # nor another collège's RUPN
    links.close()
    store = TicketStore.open(live_bot.tickets_url)
    async with telegram_application(settings) as application:
        assert await deliver_signalement_notices(application) == 1
        [notice] = fake_bot_api.sent()
        assert int(notice["chat_id"]) == RUPN_CHAT
        assert f"Nouveau signalement {signalement}" in notice["text"] and "salle 7" in notice["text"]
        keys = dict(keyboard_of(notice))
        assert list(keys) == ["Transmettre au service", "Voir le signalement"]
        assert await deliver_signalement_notices(application) == 0  # once
        assert len(fake_bot_api.sent()) == 1

        await feed(application, updates.callback(RUPN_CHAT, keys["Transmettre au service"]))
        reply = fake_bot_api.sent()[-1]["text"]
        await feed(application, updates.callback(RUPN_CHAT, keys["Transmettre au service"]))  # a double tap
    [service] = _service_tickets(store, uai, signalement)
    assert f"Signalement {signalement} transmis à Assistance du Département" in reply and service.number in reply
    assert service.line == "departement" and len(store.outbox_of(service.number)) == 1
    assert service.description == "le vidéoprojecteur de la salle 7 ne s'allume plus"
    assert store.get_ticket(signalement, uai).status == "resolu"


def _ent_token(uai: str, role: str, sub: str) -> dict:
    token = issue_token(Identity(sub, role, uai, "Test"), TEST_JWT_SECRET, timedelta(hours=1))
    return {"Authorization": f"Bearer {token}"}


async def test_web_rupn_finds_the_notice_on_their_next_visit_and_forwards_it(live_bot, tmp_path):
    uai = "0799016W"
    signalement = await _signalement(live_bot, uai, "salle 9")
    settings = WebSettings(rasa_url=live_bot.url, jwt_secret=TEST_JWT_SECRET, mode="demo",
                           tickets_database_url=live_bot.tickets_url,
                           telegram_database_url=f"sqlite:///{tmp_path / 'telegram.db'}")
    runner, url = await serve(create_app(settings))
    rupn = _ent_token(uai, "rupn", "rupn-web")
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{url}/api/news", headers=_ent_token(uai, "enseignant", "prof-web")) as response:
                assert [n for n in (await response.json())["news"] if n.get("kind") == "signalement"] == []
            async with http.get(f"{url}/api/news", headers=rupn) as response:
                body = await response.json()
            [notice] = [n for n in body["news"] if n.get("kind") == "signalement"]
            assert notice["ticket"] == signalement and "salle 9" in notice["text"]
            forward = next(b["payload"] for b in notice["buttons"] if b["title"] == "Transmettre au service")
            async with http.get(f"{url}/api/news", headers=rupn) as response:
                assert (await response.json())["news"] == []  # once
            async with http.post(f"{url}/api/chat", headers=rupn,
                                 json={"message": forward, "session": body["session"]}) as response:
                assert response.status == 200
                reply = "\n".join(m.get("text", "") for m in (await response.json())["messages"])
    finally:
        await runner.cleanup()
    store = TicketStore.open(live_bot.tickets_url)
    [service] = _service_tickets(store, uai, signalement)
    assert f"Signalement {signalement} transmis" in reply and service.number in reply
    assert service.line == "departement" and len(store.outbox_of(service.number)) == 1
    assert store.get_ticket(signalement, uai).status == "resolu"

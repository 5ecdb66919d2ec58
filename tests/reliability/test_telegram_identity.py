"""The Telegram gateway vouches for a linked user the way the web gateway does: a short-lived token of its own
(``GATEWAY_SECRET``) holding only ``{uai, role, pseudonymous sub}``; the ENT's secret is not needed there.

The real python-telegram-bot application (fake Bot API and fake Rasa, from tests/channels) produces the
metadata of a turn; the real ticket actions then read it as the action server would, in production mode.
"""
from __future__ import annotations

import time

import jwt
import pytest

from actions.tickets import ActionListTickets
from bot.channels.common.account_links import LinkStore
from bot.channels.telegram.settings import TelegramSettings
from helpdesk.identity import Identity, InvalidIdentity, verify_token
from helpdesk.privacy import pseudonymise
from settings.deployment import TELEGRAM_GATEWAY_SECRETS, MissingProductionSettings, require_production_settings
from tests.actions.support import load_tracker, run, texts
from tests.channels.conftest import BOT_TOKEN, feed, telegram_application

GATEWAY = "gateway-secret-of-the-telegram-tests-0123456789"
ENT = "ent-secret-of-the-telegram-tests-0123456789-other"
KEY = "pseudonym-key-of-the-telegram-tests-0123456789"
UAI = "0799003G"  # Collège Jean Zay, Niort
CHAT = 5550077


@pytest.fixture
def production(monkeypatch, tmp_path):
    """The action server's environment: production, both secrets known to it, its own ticket database."""
    import actions.incidents

    for name, value in {"BOT_MODE": "production", "GATEWAY_SECRET": GATEWAY, "ENT_JWT_SECRET": ENT,
                        "PSEUDONYM_KEY": KEY, "TICKETS_DATABASE_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
                        "BOT_FIXED_NOW": "2026-11-30T10:00:00"}.items():
        monkeypatch.setenv(name, value)
    actions.incidents.ticket_store.cache_clear()
    yield tmp_path
    if actions.incidents.ticket_store.cache_info().currsize:
        actions.incidents.ticket_store().close()
    actions.incidents.ticket_store.cache_clear()


def _settings(tmp_path, fake_rasa, fake_bot_api, **secrets) -> TelegramSettings:
    return TelegramSettings(token=BOT_TOKEN, rasa_url=fake_rasa.url, api_base_url=fake_bot_api.url,
                            mode="production", database_url=f"sqlite:///{tmp_path / 'telegram.db'}",
                            tickets_database_url=f"sqlite:///{tmp_path / 'tickets.db'}", notify_interval=0,
                            **secrets)


async def _linked_turn(settings: TelegramSettings, fake_rasa, updates) -> dict:
    """Link CHAT to a principal of UAI with a one-time code, send one message: the metadata Rasa received."""
    store = LinkStore(settings.database_url)
    try:
        code = store.create_code(Identity("ent-claude-7", "principal", UAI, "Claude Dupont")).code
    finally:
        store.close()
    async with telegram_application(settings) as application:
        await feed(application, updates.message(CHAT, f"/start {code}"))
        await feed(application, updates.message(CHAT, "Quels sont nos tickets ?"))
    return fake_rasa.calls[-1]["metadata"]


def _own_ticket(production_dir) -> str:
    from actions.incidents import ticket_store

    return ticket_store().create_ticket(uai=UAI, category="imprimante", line="departement",
                                        description="Imprimante du CDI en panne", impact="salle", place="CDI",
                                        reporter_channel="telegram", reporter_id="telegram-1").number


async def test_a_linked_telegram_turn_reaches_the_actions_as_uai_role_and_a_pseudonym(
        production, fake_rasa, fake_bot_api, updates):
    number = _own_ticket(production)
    settings = _settings(production, fake_rasa, fake_bot_api, gateway_secret=GATEWAY)  # no ENT secret at all
    metadata = await _linked_turn(settings, fake_rasa, updates)

    token = metadata["identity_token"]
    claims = jwt.decode(token, GATEWAY, algorithms=["HS256"])
    assert set(claims) == {"sub", "role", "uai", "exp"}  # no name, nothing else
    assert (claims["uai"], claims["role"]) == (UAI, "principal")
    assert claims["sub"] == pseudonymise(f"{UAI}:telegram:{CHAT}") and str(CHAT) not in claims["sub"]
    assert claims["exp"] - time.time() <= 10 * 60  # short-lived: a leaked copy soon expires
    with pytest.raises(InvalidIdentity, match="bad signature"):
        verify_token(token, ENT)  # not signed with the ENT's secret any more

    messages, _ = run(ActionListTickets(), load_tracker("ticket_list", metadata=metadata))
    text = texts(messages)
    assert text.startswith("Les tickets de votre établissement :") and number in text


async def test_a_telegram_token_signed_with_the_wrong_secret_is_refused_by_the_actions(
        production, fake_rasa, fake_bot_api, updates):
    number = _own_ticket(production)
    settings = _settings(production, fake_rasa, fake_bot_api, gateway_secret="not-the-shared-secret-0123456789")
    metadata = await _linked_turn(settings, fake_rasa, updates)
    assert "identity_token" in metadata

    messages, events = run(ActionListTickets(), load_tracker("ticket_list", metadata=metadata))
    text = texts(messages)
    assert number not in text and "Imprimante" not in text
    assert "connectez-vous depuis l'ENT" in text and events == []


async def test_in_production_the_ent_secret_alone_signs_nothing(production, fake_rasa, fake_bot_api, updates):
    """Production without GATEWAY_SECRET: the ENT's secret is never used to vouch for a Telegram user."""
    settings = _settings(production, fake_rasa, fake_bot_api, jwt_secret=ENT)
    metadata = await _linked_turn(settings, fake_rasa, updates)
    assert metadata == {"channel": "telegram"}


def test_the_telegram_gateway_needs_the_gateway_secret_not_the_ent_secret():
    env = {"BOT_MODE": "production", "PSEUDONYM_KEY": KEY, "GATEWAY_SECRET": GATEWAY}
    require_production_settings("Telegram gateway", TELEGRAM_GATEWAY_SECRETS, env)  # no ENT_JWT_SECRET: fine
    with pytest.raises(MissingProductionSettings, match="GATEWAY_SECRET"):
        require_production_settings("Telegram gateway", TELEGRAM_GATEWAY_SECRETS,
                                    {"BOT_MODE": "production", "PSEUDONYM_KEY": KEY, "ENT_JWT_SECRET": ENT})

"""The gateways' settings views: every deployment value comes from the one Settings object (D6)."""
from __future__ import annotations

import dataclasses

import pytest

from bot.channels.common.settings import ChannelSettings
from bot.channels.telegram.settings import TelegramSettings
from bot.channels.web.settings import WebSettings
from settings.config import Settings

VIEWS = (WebSettings, TelegramSettings)


@pytest.mark.parametrize("view", VIEWS)
def test_each_mapped_field_names_a_view_field_and_a_setting(view):
    fields = {f.name for f in dataclasses.fields(view)}
    assert set(view.FROM_SETTINGS) <= fields
    assert set(view.FROM_SETTINGS.values()) <= set(Settings.__fields__)
    # The common part is declared once and inherited, not repeated.
    assert dict(ChannelSettings.FROM_SETTINGS).items() <= dict(view.FROM_SETTINGS).items()


@pytest.mark.parametrize("view", VIEWS)
def test_the_environment_reaches_the_view(view):
    env = {"RASA_URL": "http://rasa.internal:5005", "ENT_JWT_SECRET": "s" * 40, "BOT_MODE": "production",
           "TICKETS_DATABASE_URL": "sqlite:////srv/tickets.db", "TELEGRAM_DATABASE_URL": "sqlite:////srv/tg.db",
           "WEBCHAT_PORT": "9090", "WEBCHAT_HOST": "10.0.0.7", "WEBCHAT_ALLOWED_ORIGINS": "https://ent.example.org/",
           "TELEGRAM_WEBHOOK_HOST": "10.0.0.8", "TELEGRAM_WEBHOOK_PORT": "9443", "TELEGRAM_BOT_TOKEN": "123:abc"}
    settings = view.from_env(env)
    assert (settings.rasa_url, settings.mode, settings.tickets_database_url) == \
        ("http://rasa.internal:5005", "production", "sqlite:////srv/tickets.db")
    assert settings.jwt_secret == "s" * 40
    if view is WebSettings:
        assert (settings.host, settings.port, settings.allowed_origins) == ("10.0.0.7", 9090, ("https://ent.example.org",))
        assert settings.telegram_database_url == "sqlite:////srv/tg.db"
    else:
        assert (settings.webhook_host, settings.webhook_port, settings.token) == ("10.0.0.8", 9443, "123:abc")
        assert settings.database_url == "sqlite:////srv/tg.db"


@pytest.mark.parametrize("view", VIEWS)
def test_a_view_built_by_hand_starts_from_the_process_defaults(view):
    by_hand, from_defaults = view(), view.from_env({})
    for name in view.FROM_SETTINGS:
        if name.endswith("database_url"):
            continue  # None by hand: the store falls back to the same setting itself
        assert getattr(by_hand, name) == getattr(from_defaults, name), name

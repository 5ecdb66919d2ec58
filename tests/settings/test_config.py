"""The one settings object: defaults, environment override, clear errors, secrets kept out of logs, and the
README's table and the code naming the same variables."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from settings.config import DEFAULT_RASA_URL, InvalidSettings, Settings, get_settings
from settings.deployment import GATEWAY_SECRETS, MissingProductionSettings, require_production_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_fit_a_demo_on_one_machine():
    settings = Settings.from_env({})
    assert settings.bot_mode == "demo" and not settings.is_production
    assert settings.rasa_url == DEFAULT_RASA_URL == "http://127.0.0.1:5005"
    assert settings.webchat_port == 8080 and settings.smtp_port == 8025
    assert settings.tickets_database_url == "sqlite:///var/tickets.db"
    assert settings.recipient_for_line("canope").endswith(".invalid")
    assert settings.ent_jwt_secret is None and settings.webchat_allowed_origins == ()


def test_the_environment_overrides_and_is_typed(monkeypatch):
    monkeypatch.setenv("WEBCHAT_PORT", "9090")
    monkeypatch.setenv("SMTP_STARTTLS", "oui")
    monkeypatch.setenv("WEBCHAT_ALLOWED_ORIGINS", "https://ent.example.fr/, https://autre.example.fr")
    monkeypatch.setenv("BOT_FIXED_NOW", "2026-11-30T10:00:00")
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "@convention79_bot")
    settings = get_settings()
    assert settings.webchat_port == 9090
    assert settings.smtp_starttls is True
    assert settings.webchat_allowed_origins == ("https://ent.example.fr", "https://autre.example.fr")
    assert settings.bot_fixed_now.hour == 10
    assert settings.telegram_bot_username == "convention79_bot"


def test_read_once_per_process(monkeypatch):
    assert get_settings() is get_settings()


def test_a_blank_variable_counts_as_unset():
    settings = Settings.from_env({"WEBCHAT_PORT": "", "ENT_JWT_SECRET": "  ", "SMTP_TIMEOUT": ""})
    assert settings.webchat_port == 8080 and settings.ent_jwt_secret is None and settings.smtp_timeout == 10.0


@pytest.mark.parametrize("name, value", [("WEBCHAT_PORT", "huit mille"), ("SMTP_PORT", "70000"),
                                         ("BOT_MODE", "prod"), ("BOT_FIXED_NOW", "demain"),
                                         ("RETENTION_DAYS", "0")])
def test_a_bad_value_names_its_variable(name, value):
    with pytest.raises(InvalidSettings, match=name):
        Settings.from_env({name: value})


def test_a_bad_value_in_the_process_environment_names_its_variable(monkeypatch):
    monkeypatch.setenv("DISPATCH_INTERVAL_SECONDS", "souvent")
    with pytest.raises(InvalidSettings, match="DISPATCH_INTERVAL_SECONDS"):
        get_settings()


def test_secrets_stay_out_of_the_repr():
    settings = Settings.from_env({"ENT_JWT_SECRET": "jwt-secret-value", "SMTP_PASSWORD": "smtp-pw-value",
                                  "PSEUDONYM_KEY": "pseudonym-key-value", "RASA_API_TOKEN": "api-token-value",
                                  "TELEGRAM_BOT_TOKEN": "123:bot-token", "TELEGRAM_WEBHOOK_SECRET": "hook-secret"})
    shown = repr(settings) + str(settings)
    for secret in ("jwt-secret-value", "smtp-pw-value", "pseudonym-key-value", "api-token-value", "bot-token",
                   "hook-secret"):
        assert secret not in shown
    assert settings.ent_jwt_secret == "jwt-secret-value"


def test_production_refuses_to_start_without_its_secrets():
    with pytest.raises(MissingProductionSettings, match="ENT_JWT_SECRET, PSEUDONYM_KEY"):
        require_production_settings("web chat gateway", GATEWAY_SECRETS, {"BOT_MODE": "Production"})
    require_production_settings("web chat gateway", GATEWAY_SECRETS,
                                {"BOT_MODE": "production", "ENT_JWT_SECRET": "s" * 32, "PSEUDONYM_KEY": "k" * 32,
                                 "GATEWAY_SECRET": "g" * 32})
    require_production_settings("web chat gateway", GATEWAY_SECRETS, {})  # demo: nothing needed


def test_the_readme_table_and_the_settings_name_the_same_variables():
    section = README.read_text(encoding="utf-8").split("## Réglages", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for row in section.splitlines():
        if row.startswith("| `"):
            documented.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1]))
    assert documented == {name.upper() for name in Settings.__fields__}


def test_an_entry_point_with_a_bad_value_stops_before_starting_anything(monkeypatch, capsys):
    from bot.__main__ import main

    monkeypatch.setenv("WEBCHAT_PORT", "huit mille")
    assert main(["webchat"]) == 2
    err = capsys.readouterr().err
    assert "WEBCHAT_PORT" in err and "Traceback" not in err

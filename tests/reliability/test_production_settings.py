"""Production mode refuses to start without its secrets, rather than running on the demo values that are
public in this repository (the pseudonymisation key of the logs, the ENT's token secret, the API token)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.supervisor import ROOT, Stack, StackSettings, production_secrets, temporary_settings
from settings.config import InvalidSettings
from settings.deployment import (
    ACTION_SERVER_SECRETS,
    GATEWAY_SECRETS,
    MissingProductionSettings,
    bot_mode,
    is_production,
    require_production_settings,
)

FULL = {"BOT_MODE": "production", "ENT_JWT_SECRET": "s" * 32, "PSEUDONYM_KEY": "k" * 32, "RASA_API_TOKEN": "t" * 24,
        "GATEWAY_SECRET": "g" * 32}


@pytest.mark.parametrize("value, mode", [("production", "production"), (" Production ", "production"),
                                         ("demo", "demo"), ("", "demo")])
def test_the_mode_is_read_the_same_way_everywhere(value, mode):
    assert bot_mode({"BOT_MODE": value}) == mode
    assert is_production({"BOT_MODE": value}) is (mode == "production")
    assert bot_mode({}) == "demo"


@pytest.mark.parametrize("typo", ["prod", "production-ready", "yes"])
def test_a_mistyped_mode_stops_rather_than_running_the_demo(typo):
    """The demo mode needs no secret and acts as the demo RUPN: a typo must not switch it on."""
    with pytest.raises(InvalidSettings, match="BOT_MODE"):
        bot_mode({"BOT_MODE": typo})


@pytest.mark.parametrize("secret", ["GATEWAY_SECRET", "RASA_API_TOKEN"])
def test_a_production_secret_makes_production_the_default(secret):
    assert bot_mode({secret: "x" * 24}) == "production"
    assert bot_mode({secret: "  "}) == "demo"
    assert bot_mode({secret: "x" * 24, "BOT_MODE": "demo"}) == "demo"  # an explicit choice wins
    assert bot_mode({"ENT_JWT_SECRET": "x" * 24, "PSEUDONYM_KEY": "k"}) == "demo"  # demo stacks set these


def test_demo_mode_needs_no_secret():
    require_production_settings("action server", ACTION_SERVER_SECRETS, {"BOT_MODE": "demo"})


@pytest.mark.parametrize("missing", ["PSEUDONYM_KEY", "GATEWAY_SECRET"])
def test_production_names_every_missing_or_blank_secret(missing):
    env = {**FULL, missing: "  "}
    with pytest.raises(MissingProductionSettings, match=missing):
        require_production_settings("action server", ACTION_SERVER_SECRETS, env)
    require_production_settings("action server", ACTION_SERVER_SECRETS, FULL)


def test_the_ent_secret_is_required_where_ent_tokens_are_verified_only():
    """The web gateway verifies the ENT's token; the action server only ever sees the gateways' tokens."""
    without = {**FULL, "ENT_JWT_SECRET": ""}
    require_production_settings("action server", ACTION_SERVER_SECRETS, without)
    with pytest.raises(MissingProductionSettings, match="ENT_JWT_SECRET"):
        require_production_settings("web chat gateway", GATEWAY_SECRETS, without)
    assert "ENT_JWT_SECRET" not in production_secrets(StackSettings(with_webchat=False))
    assert "ENT_JWT_SECRET" in production_secrets(StackSettings(with_webchat=True))


def _child_env(**changes: str) -> dict[str, str]:
    env = {**os.environ, **FULL, "RASA_TELEMETRY_ENABLED": "false", "SANIC_HOST": "127.0.0.1"}
    env.update(changes)  # a blank value counts as missing
    return env


def test_the_action_server_does_not_start_without_the_pseudonym_key():
    result = subprocess.run([sys.executable, "-m", "rasa_sdk", "--actions", "actions", "-p", "17999"],
                            cwd=ROOT, env=_child_env(PSEUDONYM_KEY=""), capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "PSEUDONYM_KEY" in result.stderr + result.stdout


@pytest.mark.parametrize("gateway", [["webchat"], ["telegram", "run"]])
def test_the_gateways_do_not_start_without_the_pseudonym_key(gateway):
    env = _child_env(PSEUDONYM_KEY="", TELEGRAM_BOT_TOKEN="123:abc", WEBCHAT_PORT="17998")
    result = subprocess.run([sys.executable, "-m", "bot", *gateway], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "PSEUDONYM_KEY" in result.stderr


def test_the_whole_stack_does_not_start_without_the_api_token():
    settings = temporary_settings(rasa_port=17997, action_port=17996)
    settings.extra_env.update({**FULL, "RASA_API_TOKEN": ""})
    stack = Stack(settings)
    with pytest.raises(MissingProductionSettings, match="RASA_API_TOKEN"):
        stack.start()
    assert not stack.processes  # nothing was spawned


@pytest.mark.parametrize("token", ["-starts-with-a-dash_xY", "plain_token-123", "--double"])
def test_rasa_reads_any_api_token_the_stack_passes(token):
    """secrets.token_urlsafe may start with "-": as a separate argument, Rasa's parser took it for an option."""
    from rasa.__main__ import create_argument_parser

    from bot.supervisor import _auth_args

    args = create_argument_parser().parse_args(["run", "-m", "models/x.tar.gz", *_auth_args({"RASA_API_TOKEN": token})])
    assert args.auth_token == token

"""Shared fixtures: a live bot (action server + Rasa on test ports) started once per test session."""
from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import pytest

from bot.supervisor import Stack, base_env, post_json, temporary_settings
from settings.config import get_settings

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
_counter = itertools.count()
# Only for the throw-away test stack; production reads ENT_JWT_SECRET from its environment.
TEST_JWT_SECRET = "test-only-secret-for-the-live-bot-fixture-0123456789"


# Fixtures that start a bot from the trained model: a test using one is slow and must say so (make test-fast
# leaves out "slow", "services" and "browser").
LIVE_FIXTURES = {"live_bot", "prod_bot", "shared_stacks"}
HEAVY_MARKS = ("slow", "services", "browser")


def pytest_collection_modifyitems(config, items):
    unmarked = [item.nodeid for item in items
                if LIVE_FIXTURES & set(getattr(item, "fixturenames", ()))
                and not any(item.get_closest_marker(mark) for mark in HEAVY_MARKS)]
    if unmarked:
        raise pytest.UsageError("these tests start a live bot but are not marked @pytest.mark.slow:\n  "
                                + "\n  ".join(unmarked))


class _SettingsAwareMonkeyPatch(pytest.MonkeyPatch):
    """``monkeypatch`` that forgets the cached settings whenever a test changes the environment.

    The code reads the environment once per process (``settings.config.get_settings``); a test that sets a
    variable means "as if the process had started with it".
    """

    def setenv(self, name, value, prepend=None):
        super().setenv(name, value, prepend)
        get_settings.cache_clear()

    def delenv(self, name, raising=True):
        super().delenv(name, raising)
        get_settings.cache_clear()

    def undo(self):
        super().undo()
        get_settings.cache_clear()


@pytest.fixture
def monkeypatch():
    """Overrides pytest's fixture: the same object, plus ``get_settings`` cache clearing."""
    patch = _SettingsAwareMonkeyPatch()
    yield patch
    patch.undo()


@pytest.fixture(autouse=True)
def _fresh_settings():
    """Each test starts from the settings of its own environment, never those a previous test cached."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


class LiveBot:
    """A running bot and a small REST client for it."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.url = stack.settings.rasa_url
        self.tickets_url = base_env(stack.settings)["TICKETS_DATABASE_URL"]

    def send(self, text: str, sender: str | None = None, metadata: dict | None = None) -> list[dict]:
        """One user turn through the REST channel; returns the bot's messages."""
        payload = {"sender": sender or self.new_sender(), "message": text, "metadata": metadata or {}}
        return post_json(f"{self.url}/webhooks/rest/webhook", payload, timeout=120)

    @staticmethod
    def new_sender() -> str:
        return f"test-{next(_counter)}-{uuid.uuid4().hex[:8]}"


def texts(messages: list[dict]) -> str:
    """All text of a reply, joined."""
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


def citation(messages: list[dict]) -> dict:
    """The citation payload of a reply ({} when none)."""
    return next((m["custom"] for m in messages if isinstance(m.get("custom"), dict)), {})


@pytest.fixture(scope="session")
def live_bot(tmp_path_factory):
    """The real bot on ports 15005/15055 with its own SQLite files; needs a trained model."""
    if not MODEL.exists():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does it)")
    settings = temporary_settings(rasa_port=15005, action_port=15055, webchat_port=18080,
                                  with_telegram=False, with_dispatcher=False, model=MODEL)
    settings.extra_env.update({"BOT_MODE": "demo", "BOT_FIXED_NOW": "2026-11-30T10:00:00",
                               "ENT_JWT_SECRET": TEST_JWT_SECRET})
    stack = Stack(settings)
    try:
        stack.start(timeout=300)
    except Exception:
        logs = settings.log_dir
        for log in sorted(logs.glob("*.log")) if logs and logs.exists() else []:
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        stack.stop()
        raise
    yield LiveBot(stack)
    stack.stop()

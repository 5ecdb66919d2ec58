"""Data hygiene without a live bot: the REST channel's refusals and logs, sealed tracker events, traceback
rendering without local variables. (The live session with personal data is in test_hygiene_live.py.)"""
from __future__ import annotations

import asyncio
import json
import logging

import pytest
import structlog

from bot.rasa_process import rest_channel
from bot.rasa_process.rest_channel import CheckedRestInput, drop_invisible, refuse

SECRET = "gateway-secret-for-tests-0123456789"
EMAIL, PHONE, TOKEN = "marie.curie@ac-poitiers.fr", "06 12 34 56 78", "eyJhbGciOiJIUzI1NiJ9.secret.part"


class FakeRequest:
    """What the channel reads of a Sanic request."""

    def __init__(self, payload: dict, secret: str | None = None):
        self.body = json.dumps(payload).encode()
        self.json = payload
        self.headers = {"X-Gateway-Secret": secret} if secret else {}
        self.args = {}


def turn(payload: dict, secret: str | None = None, on_new_message=None):
    seen: list = []

    async def default(message):
        seen.append(message)
        await message.output_channel.send_text_message(message.sender_id, "bonjour")

    result = asyncio.run(CheckedRestInput().receive(FakeRequest(payload, secret), on_new_message or default))
    return result.status, json.loads(result.body), seen


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("BOT_MODE", "production")
    monkeypatch.setenv("GATEWAY_SECRET", SECRET)


def test_a_tokenless_post_under_a_victims_sender_id_never_reaches_the_conversation(production):
    for secret in (None, "wrong", SECRET[:-1]):
        status, body, seen = turn({"sender": "web-victim", "message": "/restart"}, secret)
        assert status == 403 and seen == [] and "réservé aux passerelles" in body["error"]
    status, body, seen = turn({"sender": "web-victim", "message": "bonjour"}, SECRET)
    assert status == 200 and [m.sender_id for m in seen] == ["web-victim"]


def test_production_without_a_gateway_secret_refuses_every_post(monkeypatch):
    monkeypatch.setenv("BOT_MODE", "production")
    monkeypatch.delenv("GATEWAY_SECRET", raising=False)
    assert refuse(b'{"message": "bonjour"}', None)[0] == 403


def test_demo_without_a_secret_still_accepts_local_posts(monkeypatch):
    monkeypatch.setenv("BOT_MODE", "demo")
    monkeypatch.delenv("GATEWAY_SECRET", raising=False)
    assert refuse(b'{"message": "bonjour"}', None) is None


def test_a_100000_character_message_gets_413_and_never_reaches_nlu(production):
    status, body, seen = turn({"sender": "s", "message": "a" * 100_000}, SECRET)
    assert status == 413 and seen == []
    assert "trop long" in body["error"] and "100 000" in body["error"] and "2 000" in body["error"]
    status, _, seen = turn({"sender": "s", "message": "é" * 2000}, SECRET)
    assert status == 200 and len(seen) == 1


def test_bidi_overrides_received_over_rest_are_dropped(production):
    _, _, seen = turn({"sender": "s", "message": "imprimante\u202e salle 12\u2066x\u2069"}, SECRET)
    assert seen[0].text == "imprimante salle 12x"
    assert drop_invisible("a\u202db\u200fc") == "abc"


@pytest.mark.parametrize("failure", [asyncio.CancelledError, RuntimeError])
def test_a_failed_or_timed_out_turn_logs_a_pseudonym_not_the_text(production, caplog, failure):
    async def broken(message):
        raise failure(f"boom {message.text}")

    text = f"Je suis Marie Curie, {EMAIL}, {PHONE}"
    with caplog.at_level(logging.INFO):
        status, body, _ = turn({"sender": "web-victim", "message": text, "metadata": {"identity_token": TOKEN}},
                               SECRET, broken)
    assert status == 200 and body == []
    logged = caplog.text
    assert "rest turn" in logged and rest_channel.pseudonymise("web-victim") in logged
    for secret in (EMAIL, PHONE, TOKEN, "Marie", "web-victim"):
        assert secret not in logged


def test_rasa_tracebacks_are_rendered_without_local_variables(caplog):
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.INFO)  # as `rasa run` does, before loading the channels (JSON: not a tty)
    rest_channel.scrub_traceback_locals()
    logger = structlog.get_logger()

    def failing(token=TOKEN):
        raise ValueError("broken")

    with caplog.at_level(logging.INFO):
        try:
            failing()
        except ValueError:
            logger.exception("rest.message.received.failure")
    printed = caplog.text
    assert "rest.message.received.failure" in printed and "ValueError" in printed
    assert TOKEN not in printed


def test_tracker_events_are_sealed_at_rest(tmp_path, monkeypatch):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_process.tracker_store import SQLiteTrackerStore

    monkeypatch.setenv("PSEUDONYM_KEY", "tests-pseudonym-key")
    path = tmp_path / "trackers.db"
    domain = Domain.from_dict({"intents": ["inform"]})
    store = SQLiteTrackerStore(domain=domain, dialect="sqlite", db=str(path))
    tracker = DialogueStateTracker.from_events("web-s1", [
        UserUttered(f"contact : {EMAIL} {PHONE}", {"name": "inform"}, metadata={"identity_token": TOKEN})])
    asyncio.run(store.save(tracker))
    store.engine.dispose()
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("trackers.db-*"))
    for secret in (EMAIL, PHONE, TOKEN):
        assert secret.encode() not in raw
    again = asyncio.run(SQLiteTrackerStore(domain=domain, dialect="sqlite", db=str(path)).retrieve("web-s1"))
    assert again.latest_message.text == f"contact : {EMAIL} {PHONE}"
    assert again.latest_message.metadata == {"identity_token": TOKEN}


def test_the_rasa_process_pseudonyms_match_the_other_processes(monkeypatch):
    from helpdesk.privacy import pseudonymise

    monkeypatch.setenv("PSEUDONYM_KEY", "shared-key")
    assert rest_channel.pseudonymise("web-abc") == pseudonymise("web-abc")


def test_each_sealed_event_is_decrypted_once_per_process(tmp_path, monkeypatch):
    """Rasa reads the whole session at every turn: decrypting it all each time would slow every turn."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_process.tracker_store import SQLiteTrackerStore

    domain = Domain.from_dict({"intents": ["inform"]})
    store = SQLiteTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "trackers.db"))
    events = [UserUttered(f"message {i}", {"name": "inform"}) for i in range(20)]
    asyncio.run(store.save(DialogueStateTracker.from_events("web-s2", events)))
    calls = []
    real = store._cipher.decrypt
    monkeypatch.setattr(store._cipher, "decrypt", lambda token: calls.append(1) or real(token))
    for _ in range(3):
        tracker = asyncio.run(store.retrieve("web-s2"))
        assert tracker.latest_message.text == "message 19"
    assert len(calls) == 20

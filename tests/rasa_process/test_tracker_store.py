"""The embedded tracker store, built by Rasa's own loader as `rasa run` does from the endpoints file."""
from __future__ import annotations

import sqlite3

import pytest
import yaml
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from bot.rasa_process.tracker_store import SQLiteTrackerStore
from bot.supervisor import ROOT, StackSettings, _endpoints_file

DOMAIN = Domain.from_path(ROOT / "domain.yml")


def _store(path) -> TrackerStore:
    return TrackerStore.create(EndpointConfig(type="bot.rasa_process.tracker_store.SQLiteTrackerStore", db=str(path)), DOMAIN)


def test_rasa_loads_it_and_a_conversation_round_trips(tmp_path):
    import asyncio

    store = _store(tmp_path / "trackers.db")
    # Rasa falls back to an in-memory store, with a mere warning, when a custom type cannot be imported.
    assert isinstance(store, SQLiteTrackerStore)
    tracker = DialogueStateTracker("conv-1", DOMAIN.slots)
    tracker.update(UserUttered("qui installe le vidéoprojecteur ?", {"name": "ask_responsibility"}))
    tracker.update(SlotSet("topic_subject", "videoprojecteur"))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    again = asyncio.run(_store(tmp_path / "trackers.db").retrieve("conv-1"))  # another process would see it
    assert again.latest_message.text == "qui installe le vidéoprojecteur ?"
    assert again.get_slot("topic_subject") == "videoprojecteur"


def test_its_connections_use_a_write_ahead_log_without_a_sync_per_commit(tmp_path):
    store = _store(tmp_path / "trackers.db")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    # WAL is recorded in the file itself: any other reader (purge, backups) sees the same database.
    assert sqlite3.connect(tmp_path / "trackers.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("path", [ROOT / "endpoints.yml", None])
def test_the_local_endpoints_use_it(tmp_path, path):
    if path is None:  # the file bot.supervisor writes for `make run`, the tests and the benchmarks
        path = _endpoints_file(StackSettings(var_dir=tmp_path, rasa_port=15999, action_port=15998))
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert config["tracker_store"]["type"] == "bot.rasa_process.tracker_store.SQLiteTrackerStore"
    assert read_endpoint_config(str(path), "tracker_store").kwargs["db"].endswith("trackers.db")


def test_turns_reuse_pooled_connections(tmp_path):
    """Opening a connection per turn and closing the last one would checkpoint the log every turn."""
    import asyncio

    from sqlalchemy import event

    store = _store(tmp_path / "trackers.db")
    opened = []
    event.listen(store.engine, "connect", lambda *_: opened.append(1))
    for turn in range(5):
        tracker = asyncio.run(store.retrieve("conv-2")) or DialogueStateTracker("conv-2", DOMAIN.slots)
        tracker.update(UserUttered(f"message {turn}", {"name": "greet"}))
        asyncio.run(store.save(tracker))
    assert len(opened) <= 1
    assert len(asyncio.run(store.retrieve("conv-2")).events) == 5
    assert (tmp_path / "trackers.db-wal").exists()  # the log stays open between turns

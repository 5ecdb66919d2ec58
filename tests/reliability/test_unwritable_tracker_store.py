"""Fault injection: the conversations' SQLite store becomes non-writable while the bot runs (issue 15).

Rasa 3.6 wraps every tracker store in ``FailSafeTrackerStore``, which swallows a failed save and keeps the
turn in memory, while later turns read the stale file. Here the real store, behind Rasa's real fail-safe
wrapper and our real REST channel, must instead: answer the turn it failed on with what was done plus a
French note, refuse later posts with a 503 (the gateways then show « service indisponible »), stop the
process with a code the supervisor explains, and never lose nor duplicate a ticket. Before start-up the
same store is refused (test_surface.py); a Rasa that dies of it is restarted with a growing delay, not
onto a store still unwritable.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import signal
import sys
import time

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_process import EXIT_STORE_UNWRITABLE, rest_channel, tracker_store
from bot.rasa_process.tracker_store import SQLiteTrackerStore, TrackerStoreUnwritable
from bot.stack_checks import why_it_stopped
from bot.supervisor import Stack, temporary_settings

SENDER = "web-3f9a-sender-of-marie"
PERSONAL = "Marie Curie, 06 12 34 56 78"
NUMBER = re.compile(r"INC-\d{4}-\d{5}")
UAI = "0799001E"  # the demo establishment (Lezay)
DECLARATION = {
    "incident_establishment": UAI, "incident_category": "reseau", "college_charge_ack": "n/a",
    "incident_description": "le wifi ne marche plus au CDI", "incident_place": "CDI", "incident_impact": "salle",
    "incident_contact": "M. Martin, RUPN, 05 49 00 00 00", "incident_similar": "none",
    "incident_confirmed": "yes", "incident_declaration": "decl-store-fault",
}


class FakeRequest:
    """What the REST channel reads of a Sanic request."""

    def __init__(self, payload: dict):
        self.body = json.dumps(payload).encode()
        self.json = payload
        self.headers: dict = {}
        self.args: dict = {}


@pytest.fixture
def store(tmp_path, monkeypatch):
    """The real embedded tracker store on a file of this test; ``break_it()`` makes the file read-only for
    it from then on (SQLite's own read-only mode: the same error a read-only file or disk gives)."""
    monkeypatch.setattr(tracker_store, "failure", None)
    path = tmp_path / "trackers.db"
    real = SQLiteTrackerStore(db=str(path))

    def break_it() -> None:
        real.engine.dispose()
        real.engine = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        real.sessionmaker = sa.orm.session.sessionmaker(bind=real.engine)

    real.break_it = break_it
    yield real
    real.engine.dispose()


def tracker(*texts: str) -> DialogueStateTracker:
    """A conversation of these user messages (the store writes the ones it does not hold yet)."""
    return DialogueStateTracker.from_events(SENDER, [UserUttered(text) for text in texts], slots=[])


def test_a_store_that_becomes_read_only_fails_loudly_with_an_operator_message(store, caplog):
    asyncio.run(store.save(tracker("bonjour")))  # writable: saved
    store.break_it()
    caplog.set_level(logging.ERROR)
    with pytest.raises(TrackerStoreUnwritable, match="n'est pas accessible en écriture"):
        asyncio.run(store.save(tracker("bonjour", f"je suis {PERSONAL}")))
    assert "trackers.db" in tracker_store.failure and "readonly" in tracker_store.failure
    assert "corrigez les droits" in tracker_store.failure
    assert any(r.levelno == logging.CRITICAL and "not writable" in r.getMessage() for r in caplog.records)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert SENDER not in logged and "Curie" not in logged  # the SQL parameters stay out of the logs


def test_the_turn_that_finds_out_files_exactly_one_ticket_says_so_and_the_process_stops(
        store, action_stores, monkeypatch, caplog):
    from actions.incident_submit import ActionSubmitIncident
    from tests.actions.support import load_tracker, run, texts

    stops: list[int] = []
    monkeypatch.setattr(rest_channel, "stop_for_restart", lambda: stops.append(1))
    recap = load_tracker("incident_recap", slots=DECLARATION)  # the file's state: the recap, confirmed now
    store.break_it()
    turns: list[str] = []

    async def confirm_turn(message):
        """As Rasa runs the confirmation: the submit action, its messages, then the save (fail-safe)."""
        turns.append(message.text)
        messages, _ = run(ActionSubmitIncident(), recap)
        for sent in messages:
            await message.output_channel.send_text_message(message.sender_id, sent["text"])
        await FailSafeTrackerStore(store).save(tracker(message.text))

    caplog.set_level(logging.INFO)
    result = asyncio.run(rest_channel.CheckedRestInput().receive(
        FakeRequest({"sender": SENDER, "message": "confirmer"}), confirm_turn))
    assert result.status == 200
    answer = [m["text"] for m in json.loads(result.body)]
    [number] = set(NUMBER.findall("\n".join(answer)))
    assert answer[-1] == rest_channel.NOT_SAVED  # what the user reads, after the ticket's number
    assert stops == [1]
    tickets = action_stores().admin_list_tickets()
    assert [(t.number, t.place, t.uai) for t in tickets] == [(number, "CDI", UAI)]

    # Until the process is gone, nobody is served from a stale store: 503, the gateways say « indisponible ».
    result = asyncio.run(rest_channel.CheckedRestInput().receive(
        FakeRequest({"sender": SENDER, "message": "confirmer"}), confirm_turn))
    assert (result.status, json.loads(result.body)) == (503, {"error": rest_channel.RESTARTING})
    assert turns == ["confirmer"] and stops == [1, 1]

    # Restarted on a sound store, the file still holds the recap: a second « confirmer » is the same
    # declaration, so the same ticket comes back, not a second one.
    again, _ = run(ActionSubmitIncident(), recap)
    assert set(NUMBER.findall(texts(again))) == {number}
    assert [t.number for t in action_stores().admin_list_tickets()] == [number]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert SENDER not in logged and "Curie" not in logged


def test_stopping_exits_once_with_the_code_the_supervisor_explains(monkeypatch):
    exits: list[int] = []
    monkeypatch.setattr(rest_channel, "_exit_scheduled", False)
    monkeypatch.setattr(rest_channel, "EXIT_DELAY_S", 0.01)
    monkeypatch.setattr(rest_channel.os, "_exit", exits.append)

    async def twice():
        rest_channel.stop_for_restart()
        rest_channel.stop_for_restart()
        await asyncio.sleep(0.1)

    asyncio.run(twice())
    assert exits == [EXIT_STORE_UNWRITABLE]


# ------------------------------------------------------------------------------------------ supervisor
def test_the_supervisor_names_the_cause_of_a_rasa_exit():
    settings = temporary_settings()
    assert why_it_stopped("rasa", EXIT_STORE_UNWRITABLE, settings).startswith(
        "rasa s'est arrêté (code 75) ; les conversations ne pouvaient plus être enregistrées")
    (settings.var_dir / "trackers.db").mkdir()  # unwritable as a file, even for root
    said = why_it_stopped("rasa", -signal.SIGBUS, settings)
    assert said.startswith("rasa s'est arrêté (signal SIGBUS, « Bus error ») ; Impossible d'écrire dans")
    assert "trackers.db" in said
    assert why_it_stopped("webchat", 1, settings) == "webchat s'est arrêté (code 1)"


def test_a_rasa_killed_by_its_store_is_restarted_with_backoff_only_once_the_store_is_writable():
    stack = Stack(temporary_settings())
    trackers = stack.settings.var_dir / "trackers.db"
    trackers.mkdir()  # the store is unwritable when Rasa dies of it
    said: list[str] = []
    # Stand-ins with Rasa's name: one dies of SIGBUS (as Rasa did), the other keeps serving.
    bus_error = "import os, signal, time; time.sleep(0.2); os.kill(os.getpid(), signal.SIGBUS)"
    stack._spawn("rasa", [sys.executable, "-c", bus_error], dict(os.environ))
    stack._spawn("webchat", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ))
    start = time.monotonic()

    def stop() -> bool:
        if time.monotonic() - start > 2.0 and trackers.is_dir():
            trackers.rmdir()  # the operator fixes the store
        return time.monotonic() - start > 5.0

    try:
        stack.supervise(stop, say=said.append, first_delay=0.25, poll=0.05)
        assert stack.processes["webchat"].poll() is None  # the rest of the stack kept running
    finally:
        stack.stop()
    first = said[0]
    assert first.startswith("rasa s'est arrêté (signal SIGBUS, « Bus error ») ; Impossible d'écrire dans")
    assert "redémarrage dans" in first
    waiting = [line for line in said if line.startswith("rasa toujours arrêté : Impossible d'écrire")]
    assert waiting, said  # not restarted onto a store it cannot write...
    delays = [float(line.rsplit("Nouvel essai dans ", 1)[1].split(" s")[0]) for line in waiting]
    assert delays == sorted(delays), delays  # ...with a delay that grows
    restarted = said.index("rasa redémarré.")
    assert restarted > said.index(waiting[-1])  # restarted once the store could be written
    assert not any(line.startswith("webchat") for line in said)

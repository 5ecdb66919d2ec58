"""A locked tickets database: every wait is bounded, the caller gets « occupé » and nothing is written.

The lock is a real one: another connection holds ``BEGIN IMMEDIATE`` on the same SQLite file, as a
long migration, a backup or a stuck process would.
"""
from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest

from helpdesk.tickets import TicketBusy, TicketStore, make_engine, upgrade
from settings.config import InvalidSettings
from settings.reliability import DEFAULT_TICKETS_BUSY_BUDGET_S, tickets_busy_budget_s

from .support import RECIPIENTS, T0, new_ticket

BUDGET_S = 1.0
GATEWAY_TIMEOUT_S = 60


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "tickets.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def open_store(path, budget=BUDGET_S) -> TicketStore:
    return TicketStore(make_engine(f"sqlite:///{path}", busy_budget_s=budget), env=RECIPIENTS, clock=lambda: T0,
                       busy_budget_s=budget)


@contextmanager
def locked(path):
    """Hold the database's write lock from another connection until the block ends."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def ticket_count(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM tickets").fetchone()[0]


def test_the_default_budget_fits_well_inside_the_gateway_timeout():
    assert tickets_busy_budget_s({}) == DEFAULT_TICKETS_BUSY_BUDGET_S
    # All retries included, the budget leaves the gateway most of its 60 s.
    assert DEFAULT_TICKETS_BUSY_BUDGET_S <= GATEWAY_TIMEOUT_S / 4
    assert tickets_busy_budget_s({"TICKETS_BUSY_BUDGET_S": "600"}) <= 30
    # Like every setting, a value that is not a number stops the process with the variable's name.
    with pytest.raises(InvalidSettings, match="TICKETS_BUSY_BUDGET_S"):
        tickets_busy_budget_s({"TICKETS_BUSY_BUDGET_S": "pas un nombre"})


def test_a_creation_under_a_held_lock_says_busy_within_the_budget_and_writes_nothing(db_path):
    store = open_store(db_path)
    try:
        with locked(db_path):
            start = time.monotonic()
            with pytest.raises(TicketBusy) as raised:
                new_ticket(store)
            elapsed = time.monotonic() - start
        assert BUDGET_S * 0.8 <= elapsed < BUDGET_S + 1.0, elapsed  # waited, then gave up: no 6 × 30 s
        assert "momentanément occupé" in raised.value.message and "réessayez dans une minute" in raised.value.message
        assert ticket_count(db_path) == 0  # nothing committed behind the user's back
        # Once the lock is gone, the same call works at once.
        ticket = new_ticket(store)
        assert ticket_count(db_path) == 1 and ticket.number.startswith("INC-")
    finally:
        store.close()


def test_reads_under_a_held_lock_are_bounded_too(db_path):
    store = open_store(db_path)
    try:
        new_ticket(store)
        with locked(db_path):
            start = time.monotonic()
            with pytest.raises(TicketBusy):
                store.list_tickets("0799001E")
            assert time.monotonic() - start < BUDGET_S + 1.0
    finally:
        store.close()


def test_a_lock_released_within_the_budget_lets_the_creation_through(db_path):
    store = open_store(db_path, budget=5.0)
    try:
        holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        threading.Timer(0.5, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
        ticket = new_ticket(store)
        assert ticket_count(db_path) == 1 and ticket.status == "ouvert"
    finally:
        store.close()


@pytest.mark.parametrize("url", ["file", "memory"])
def test_the_store_is_safe_to_call_from_worker_threads(tmp_path, url):
    if url == "file":
        path = tmp_path / "threads.db"
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine("sqlite://")
    upgrade(engine)
    store = TicketStore(engine, env=RECIPIENTS, clock=lambda: T0)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(3):
                numbers.append(new_ticket(store).number)
                store.list_tickets("0799001E", limit=5)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == []
        assert len(numbers) == 36 and len(set(numbers)) == 36
        assert len(store.admin_list_tickets(limit=100)) == 36
    finally:
        store.close()


def test_a_locked_database_does_not_hold_the_event_loop_when_called_off_it(db_path):
    """The action server's path: ``await asyncio.to_thread(store.…)``. While one turn waits on the lock,
    another coroutine (an unrelated question) keeps running."""
    store = open_store(db_path, budget=2.0)

    async def scenario():
        ticks = 0

        async def unrelated_question():
            nonlocal ticks
            for _ in range(10):
                await asyncio.sleep(0.05)
                ticks += 1
            return time.monotonic()

        start = time.monotonic()
        declaration = asyncio.to_thread(new_ticket, store)
        results = await asyncio.gather(declaration, unrelated_question(), return_exceptions=True)
        return results, start, ticks

    try:
        with locked(db_path):
            (declared, answered_at), start, ticks = asyncio.run(scenario())
        assert isinstance(declared, TicketBusy)
        assert ticks == 10 and answered_at - start < 1.5  # answered while the declaration was still waiting
        assert ticket_count(db_path) == 0
    finally:
        store.close()

"""The production lock store against the real Redis: several processes, each with its own store as each Rasa
instance has, take tickets and the lock of one conversation at the same moment."""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import uuid
from urllib.parse import urlsplit

import pytest

from bot.rasa_process.lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.services
PROCESSES, ROUNDS = 8, 6


def _redis() -> tuple[str, int]:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is needed (scripts/services.sh start DIR)")
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 6379


def _store(host: str, port: int) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(host=host, port=port, db=3, key_prefix="locktest")


def _draw_tickets(host: str, port: int, conversation: str, count: int, start, out) -> None:
    store = _store(host, port)
    start.wait()
    out.put([store.issue_ticket(conversation, lock_lifetime=120) for _ in range(count)])


def _critical_sections(host: str, port: int, conversation: str, start, out) -> None:
    """Each round: take the lock, then read-sleep-write a shared counter and count the holders."""
    store = _store(host, port)
    red = store.red

    async def rounds() -> int:
        overlaps = 0
        for _ in range(ROUNDS):
            async with store.lock(conversation, lock_lifetime=120, wait_time_in_seconds=0.005):
                if red.incr(f"{conversation}:holders") != 1:
                    overlaps += 1
                value = int(red.get(f"{conversation}:counter") or 0)
                await asyncio.sleep(0.003)  # widens the window a lost update would need
                red.set(f"{conversation}:counter", value + 1)
                red.decr(f"{conversation}:holders")
        return overlaps

    start.wait()
    out.put(asyncio.run(rounds()))


def _run(target, *args) -> list:
    context = multiprocessing.get_context("fork")
    start, out = context.Event(), context.Queue()
    workers = [context.Process(target=target, args=(*args, start, out)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    start.set()
    results = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return results


def test_tickets_drawn_at_the_same_time_by_several_instances_are_all_different():
    host, port = _redis()
    conversation = f"draw-{uuid.uuid4().hex}"
    drawn = [n for batch in _run(_draw_tickets, host, port, conversation, 25) for n in batch]
    assert len(drawn) == PROCESSES * 25
    assert sorted(drawn) == list(range(len(drawn)))  # none drawn twice, none skipped
    _store(host, port).delete_lock(conversation)


def test_the_lock_has_one_holder_at_a_time_across_instances():
    host, port = _redis()
    conversation = f"hold-{uuid.uuid4().hex}"
    overlaps = _run(_critical_sections, host, port, conversation)
    store = _store(host, port)
    assert sum(overlaps) == 0
    assert int(store.red.get(f"{conversation}:counter")) == PROCESSES * ROUNDS  # no lost update
    assert store.get_lock(conversation) is None  # the last holder cleaned up
    store.red.delete(f"{conversation}:counter", f"{conversation}:holders")


def test_rasa_builds_it_from_an_endpoint_configuration():
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    host, port = _redis()
    config = EndpointConfig(url=host, type="bot.rasa_process.lock_store.AtomicRedisLockStore", port=str(port), db="2",
                            password="", key_prefix="convention79")
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.red.connection_pool.connection_kwargs["db"] == 2
    assert store.key_prefix.startswith("convention79:")
    assert store.red.ping()

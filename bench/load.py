"""Drive simulated users against a bot: sequentially or with N concurrent clients, bounded in turns and time.

Each client holds one conversation at a time and sends its messages one after the other, as a gateway does
for one chat; the clients run in parallel threads (the work is in the servers, not here).
"""
from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

from bench.client import BotError, RasaClient
from bench.scenarios import Conversation, DeclarationDriver
from bench.stats import LatencySummary, summarise


@dataclass
class LoadResult:
    """Everything one load phase observed."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {"question": [], "ticket": []})
    errors: list[str] = field(default_factory=list)
    tickets: list[str] = field(default_factory=list)          # confirmed numbers, as the users saw them
    declarations: int = 0
    declarations_incomplete: int = 0
    conversations: int = 0
    wall_s: float = 0.0

    @property
    def all_latencies(self) -> list[float]:
        return [x for values in self.latencies.values() for x in values]

    @property
    def turns(self) -> int:
        return len(self.all_latencies)

    def summary(self, kind: Optional[str] = None) -> LatencySummary:
        """Latency summary of every turn, or of one kind ("question" or "ticket")."""
        values = self.all_latencies if kind is None else self.latencies[kind]
        return summarise(values, len(self.errors), self.wall_s)

    def merge(self, other: "LoadResult") -> None:
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        self.errors.extend(other.errors)
        self.tickets.extend(other.tickets)
        self.declarations += other.declarations
        self.declarations_incomplete += other.declarations_incomplete
        self.conversations += other.conversations


def run_conversation(client: RasaClient, conversation: Conversation, result: LoadResult,
                     sender_prefix: str = "bench") -> Optional[list[dict]]:
    """Play one conversation, recording each turn's latency; returns the last reply (None on error)."""
    sender = f"{sender_prefix}-{uuid.uuid4().hex[:12]}"
    result.conversations += 1
    try:
        if conversation.kind == "question":
            reply: list[dict] = []
            for turn in conversation.turns:
                timed = client.send(sender, turn)
                result.latencies["question"].append(timed.seconds)
                reply = timed.body
            return reply
        result.declarations += 1
        driver = DeclarationDriver(conversation)
        message: Optional[str] = driver.first_message()
        reply = []
        while message is not None:
            timed = client.send(sender, message)
            result.latencies["ticket"].append(timed.seconds)
            reply = timed.body
            message = driver.next_message(reply)
        if driver.outcome is None:
            result.declarations_incomplete += 1
            result.errors.append(f"declaration {conversation.turns[0]!r} stalled: {str(reply)[:300]}")
        elif driver.outcome.ticket:
            result.tickets.append(driver.outcome.ticket)
        return reply
    except BotError as error:
        result.errors.append(str(error))
        return None


def run_load(url: str, clients: int, conversations: Callable[[int], Iterator[Conversation]], *,
             max_turns: int, max_seconds: float, timeout: float = 60.0) -> LoadResult:
    """Run ``clients`` users until ``max_turns`` turns in total or ``max_seconds`` have passed.

    A conversation under way is finished before a client stops, so no declaration is cut in half (the soak
    counts tickets). ``conversations(i)`` gives client i its own reproducible stream.
    """
    total = LoadResult()
    lock = threading.Lock()
    done_turns = [0]  # shared across clients, updated after each conversation
    deadline = time.monotonic() + max_seconds

    def worker(index: int) -> None:
        client = RasaClient(url, timeout=timeout)
        mine = LoadResult()
        stream = conversations(index)
        try:
            while time.monotonic() < deadline:
                before = mine.turns
                run_conversation(client, next(stream), mine, sender_prefix=f"bench{index}")
                with lock:
                    done_turns[0] += mine.turns - before
                    if done_turns[0] >= max_turns:
                        break
        finally:
            client.close()
            with lock:
                total.merge(mine)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total.wall_s = time.perf_counter() - start
    return total


def _turn_order(names: list[str], i: int) -> list[str]:
    # Each bot goes first as often as the others: whoever goes second could profit from warm caches.
    shift = i % len(names)
    return names[shift:] + names[:shift]


def run_side_by_side(urls: dict[str, str], conversations: Iterator[Conversation], *, max_turns: int,
                     max_seconds: float, timeout: float = 60.0) -> dict[str, LoadResult]:
    """One user plays each conversation on every bot in turn, one message at a time, until each bot has had
    ``max_turns`` turns or ``max_seconds`` have passed.

    Measured this way, bots compared with each other go through the same minutes: a machine that slows
    down for a while (another process, the host) slows them all, and their ratio stays fair.
    """
    names = list(urls)
    clients = {name: RasaClient(url, timeout=timeout) for name, url in urls.items()}
    results = {name: LoadResult() for name in names}
    deadline = time.monotonic() + max_seconds
    start = time.perf_counter()
    try:
        i = 0
        while time.monotonic() < deadline and min(r.turns for r in results.values()) < max_turns:
            conversation = next(conversations)
            for name in _turn_order(names, i):
                run_conversation(clients[name], conversation, results[name], sender_prefix=f"seq-{name}")
            i += 1
    finally:
        for client in clients.values():
            client.close()
    wall = time.perf_counter() - start
    for result in results.values():
        result.wall_s = wall
    return results


def run_load_side_by_side(urls: dict[str, str], clients: int, conversations: Callable[[int], Iterator[Conversation]],
                          *, max_turns: int, max_seconds: float, slices: int = 3, timeout: float = 60.0
                          ) -> dict[str, LoadResult]:
    """:func:`run_load` on each bot alone, in ``slices`` alternating slices of its turns and seconds.

    Concurrent clients must have a bot to themselves, so bots cannot take turns message by message as in
    :func:`run_side_by_side`; taking turns slice by slice still spreads a slow stretch of the machine over
    all of them. Each client's conversation stream goes on from one slice to the next.
    """
    names = list(urls)
    streams = {name: [conversations(i) for i in range(clients)] for name in names}
    results = {name: LoadResult() for name in names}
    for index in range(slices):
        for name in _turn_order(names, index):
            part = run_load(urls[name], clients, lambda i, mine=streams[name]: mine[i],
                            max_turns=max(1, max_turns // slices), max_seconds=max_seconds / slices,
                            timeout=timeout)
            results[name].merge(part)
            results[name].wall_s += part.wall_s
    return results


def run_parse(url: str, texts: list[str], count: int, timeout: float = 60.0) -> LatencySummary:
    """``count`` sequential ``/model/parse`` calls cycling through ``texts``: the NLU cost alone."""
    return run_parse_side_by_side({"bot": url}, texts, count, timeout)["bot"]


def run_parse_side_by_side(urls: dict[str, str], texts: list[str], count: int, timeout: float = 60.0
                           ) -> dict[str, LatencySummary]:
    """``count`` ``/model/parse`` calls per bot, cycling through ``texts``, each text sent to every bot in
    turn (see :func:`run_side_by_side`): the NLU cost alone."""
    names = list(urls)
    clients = {name: RasaClient(url, timeout=timeout) for name, url in urls.items()}
    latencies: dict[str, list[float]] = {name: [] for name in names}
    errors = dict.fromkeys(names, 0)
    start = time.perf_counter()
    try:
        for i in range(count):
            for name in _turn_order(names, i):
                try:
                    latencies[name].append(clients[name].parse(texts[i % len(texts)]).seconds)
                except BotError:
                    errors[name] += 1
    finally:
        for client in clients.values():
            client.close()
    wall = time.perf_counter() - start
    return {name: summarise(latencies[name], errors[name], wall) for name in names}

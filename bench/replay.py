"""``python -m bench.replay RECORD``: replay action server calls captured by ``bench.equivalence capture``
in this process — time per action (wall and CPU), an optional cProfile of some actions, and whether this
code's answers have the same effect as the recorded ones.

Same effect: the same messages, and the same slots and other events once the answer's events are applied to
the request's tracker (an answer may drop a SlotSet that sets a slot to the value it already holds). The
declaration id (a random uuid) is masked. The calls are replayed on fresh databases with the bench's fixed
clock, in the recorded order, so ticket numbers come out the same.

Example: ``python -m bench.replay /tmp/eq/actions.jsonl --profile action_submit --sync``.
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional

from bench.stacks import FIXED_NOW
from bench.stats import percentile

DECLARATION_SLOT = "incident_declaration"


def effect(request: dict[str, Any], response: dict[str, Any]) -> str:
    """What an answer does, as one comparable string: messages, resulting slots, other events."""
    slots = dict(request["tracker"]["slots"])
    others = []
    for event in response.get("events") or []:
        if event.get("event") == "slot":
            value = event.get("value")
            slots[event["name"]] = "<uuid>" if event["name"] == DECLARATION_SLOT and value else value
        else:
            others.append(event)
    return json.dumps([response.get("responses"), slots, others], ensure_ascii=False, sort_keys=True)


def _isolate() -> None:
    """Fresh databases and the bench's fixed clock, before any project module reads the environment."""
    var = tempfile.mkdtemp(prefix="bench-replay-")
    for name in ("TICKETS", "KNOWLEDGE", "FEEDBACK", "TELEGRAM"):
        os.environ[f"{name}_DATABASE_URL"] = f"sqlite:///{var}/{name.lower()}.db"
    os.environ.update(BOT_MODE="demo", BOT_FIXED_NOW=FIXED_NOW, RASA_TELEMETRY_ENABLED="false")


def _run_store_calls_inline() -> None:
    """``--sync``: store calls run in the calling thread, so that cProfile sees them (it profiles one thread)."""
    import actions.incident_form
    import actions.incident_submit
    import actions.incidents

    async def inline(call, *args, **kwargs):
        return call(*args, **kwargs)

    for module in (actions.incidents, actions.incident_form, actions.incident_submit):
        setattr(module, "in_thread", inline)  # noqa: B010 - patched for this run only


async def replay(calls: list[dict], profile_prefix: Optional[str], profiler: cProfile.Profile) -> list[dict]:
    """Run every recorded request through the action executor; returns timings and answers."""
    from rasa_sdk.executor import ActionExecutor

    import actions.actions  # noqa: F401 - the server's start-up: knowledge base and spaCy loaded
    from knowledge.understanding.parse import warm_up

    warm_up()
    executor = ActionExecutor()
    executor.register_package("actions")
    results = []
    for call in calls:
        request = json.loads(json.dumps(call["request"]))  # the executor may change what it is given
        name = request["next_action"]
        profiled = profile_prefix is not None and name.startswith(profile_prefix)
        wall, cpu = time.perf_counter(), time.thread_time()
        if profiled:
            profiler.enable()
        answer = await executor.run(request)
        if profiled:
            profiler.disable()
        results.append({"action": name, "ms": (time.perf_counter() - wall) * 1000,
                        "cpu_ms": (time.thread_time() - cpu) * 1000, "response": json.loads(json.dumps(answer))})
    return results


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.replay", description=__doc__.split("\n\n")[0])
    parser.add_argument("record", type=Path, help="actions.jsonl d'une capture")
    parser.add_argument("--profile", metavar="PREFIXE", help="profiler les actions dont le nom commence ainsi")
    parser.add_argument("--sync", action="store_true", help="appels à la base dans le fil principal (profil)")
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args(argv)
    _isolate()
    if args.sync:
        _run_store_calls_inline()
    calls = [json.loads(line) for line in args.record.open(encoding="utf-8")]
    profiler = cProfile.Profile()
    results = asyncio.run(replay(calls, args.profile, profiler))

    by_action: dict[str, list[dict]] = defaultdict(list)
    for result in results:
        by_action[result["action"]].append(result)
    print(f"{'action':36s} {'n':>4s} {'ms p50':>7s} {'ms p95':>7s} {'CPU p50':>8s} {'CPU p95':>8s}")
    for name, rows in sorted(by_action.items(), key=lambda item: -sum(r["ms"] for r in item[1])):
        wall, cpu = [r["ms"] for r in rows], [r["cpu_ms"] for r in rows]
        print(f"{name:36s} {len(rows):4d} {percentile(wall, 50):7.2f} {percentile(wall, 95):7.2f} "
              f"{percentile(cpu, 50):8.2f} {percentile(cpu, 95):8.2f}")
    different = [i for i, (call, result) in enumerate(zip(calls, results))
                 if effect(call["request"], call["response"]) != effect(call["request"], result["response"])]
    events = (sum(len(c["response"].get("events") or []) for c in calls),
              sum(len(r["response"].get("events") or []) for r in results))
    print(f"{len(calls)} appels rejoués, {len(different)} d'effet différent {different[:10]}; "
          f"événements renvoyés : {events[0]} enregistrés, {events[1]} maintenant")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.lines)
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())

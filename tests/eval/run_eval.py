"""Run an evaluation question set against a live bot and score every answer.

Usage (from the repository root, with the bot running)::

    python -m tests.eval.run_eval [--url http://127.0.0.1:5005] [--only CATEGORY] [--json out.json] [--no-fail]
    python -m tests.eval.run_eval --heldout --no-fail          # the frozen held-out set (heldout.yml)
    python -m tests.eval.run_eval --file path/to/set.yml

Each item gets a fresh sender id; its turns are posted one by one to the REST channel and only the bot
messages of the last turn are scored (see :func:`score_item`). Every item also gets one of five honest
verdicts (see :func:`classify`): right, clarified, declined, confidently wrong, missed. Exit codes: 0 when
the thresholds are met (or ``--no-fail``), 1 when they are not, 2 when the server does not answer. The
development set (no ``outcome`` keys) keeps its historical thresholds (:meth:`Summary.passed`); a set whose
items carry ``outcome`` keys is judged on the outcome target (:meth:`OutcomeSummary.passed`).

Only the standard library, PyYAML and tabulate are used, so the runner does not depend on the project code
it evaluates.
"""
from __future__ import annotations

import argparse
import json
import socket
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any, Optional, Sequence

from settings.config import get_settings
from tests.eval.model import (
    CATEGORIES,
    CLARIFIED,
    HELDOUT_FILE,
    MISSED,
    QUESTIONS_FILE,
    SECTIONS,
    Item,
    ItemResult,
    Reply,
    load_items,
)
from tests.eval.reporting import OutcomeSummary, report, report_outcomes, summarise
from tests.eval.scoring import classify, parse_messages, score_item

# What scripts that build or check a set use from the runner: the model and the scoring live in their own
# modules (tests/eval/model.py, scoring.py, reporting.py); this is the entry point.
__all__ = ["SECTIONS", "classify", "load_items", "main", "run_item", "score_item"]


# ------------------------------------------------------------------------------------------- running
class ServerUnavailable(Exception):
    """The bot did not answer at the given URL."""


def post_message(url: str, sender: str, message: str, timeout: float) -> list[dict[str, Any]]:
    """One user turn through Rasa's REST channel; returns the bot messages."""
    payload = json.dumps({"sender": sender, "message": message, "metadata": {}}).encode("utf-8")
    request = urllib.request.Request(
        f"{url.rstrip('/')}/webhooks/rest/webhook", data=payload,
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback URL
            body = json.loads(response.read() or b"[]")
    except (urllib.error.URLError, ConnectionError, socket.timeout) as error:
        if isinstance(error, urllib.error.HTTPError):
            raise
        raise ServerUnavailable(str(getattr(error, "reason", error))) from error
    return body if isinstance(body, list) else []


def check_server(url: str, timeout: float = 5) -> None:
    """Raise :class:`ServerUnavailable` unless something answers HTTP at ``url``."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/", timeout=timeout):  # noqa: S310
            return
    except urllib.error.HTTPError:
        return  # an HTTP error still proves a server is listening
    except (urllib.error.URLError, ConnectionError, socket.timeout, ValueError) as error:
        raise ServerUnavailable(str(getattr(error, "reason", error))) from error


def _play(url: str, item: Item, turns: Sequence[str], timeout: float,
          latencies: Optional[list[float]] = None) -> list[dict[str, Any]]:
    """Post ``turns`` with a fresh sender; return the bot messages of the last one."""
    sender = f"eval-{item.id}-{uuid.uuid4().hex[:10]}"
    messages: list[dict[str, Any]] = []
    for turn in turns:
        started = time.perf_counter()
        messages = post_message(url, sender, turn, timeout)
        if latencies is not None:
            latencies.append((time.perf_counter() - started) * 1000)
    return messages


def reading_offered(item: Item, reply: Reply, url: str, timeout: float) -> bool:
    """Whether one of the reply's choice buttons leads to the expected answer.

    Each button is followed in a fresh conversation (the item's turns, then the button's payload, as a click
    sends it), and the answer it gives is scored with :func:`score_item`.
    """
    for button in reply.choice_buttons:
        payload = str(button.get("payload") or button.get("title") or "")
        if not payload:
            continue
        try:
            messages = _play(url, item, list(item.turns) + [payload], timeout)
        except urllib.error.HTTPError:
            continue
        if score_item(item, messages).correct:
            return True
    return False


def run_item(item: Item, url: str, timeout: float) -> ItemResult:
    """Play every turn of ``item`` with a fresh sender, score the last answer and give it its verdict."""
    latencies: list[float] = []
    try:
        messages = _play(url, item, item.turns, timeout, latencies)
    except urllib.error.HTTPError as error:
        result = score_item(item, [])
        result.correct = False
        result.failures.insert(0, f"HTTP {error.code} au tour {len(latencies) + 1}")
        result.verdict, result.verdict_reasons = MISSED, [f"HTTP {error.code}"]
        result.latencies_ms = latencies
        return result
    result = score_item(item, messages)
    result.latencies_ms = latencies
    reply = parse_messages(messages)
    if item.expected_outcome == "answer" and result.verdict == CLARIFIED:
        offered = reading_offered(item, reply, url, timeout)
        result.verdict, result.verdict_reasons = classify(item, reply, correct=result.correct,
                                                          reading_offered=offered)
    return result


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description="Jeu de questions de développement contre le bot lancé.")
    # `python -m bot with-stack` hands the running bot's address over in RASA_URL.
    parser.add_argument("--url", default=get_settings().rasa_url,
                        help="adresse du serveur Rasa (canal REST ; défaut : $RASA_URL ou 127.0.0.1:5005)")
    parser.add_argument("--only", choices=CATEGORIES, help="ne jouer qu'une catégorie")
    parser.add_argument("--json", type=Path, help="écrire les résultats détaillés dans ce fichier")
    parser.add_argument("--file", "--questions", dest="files", type=Path, action="append",
                        help=f"fichier de questions (répétable ; défaut : {QUESTIONS_FILE.name})")
    parser.add_argument("--heldout", action="store_true",
                        help=f"jouer le jeu réservé {HELDOUT_FILE.name} (gelé : ne jamais régler le bot dessus)")
    parser.add_argument("--timeout", type=float, default=60, help="délai maximal par tour, en secondes")
    parser.add_argument("--no-fail", action="store_true", help="toujours sortir avec le code 0")
    args = parser.parse_args(argv)

    files = list(args.files or [])
    if args.heldout:
        files.append(HELDOUT_FILE)
    if not files:
        files = [QUESTIONS_FILE]
    sets: dict[str, list[Item]] = {}
    for path in files:
        items = load_items(path)
        if args.only:
            items = [i for i in items if i.category == args.only]
        sets[Path(path).stem] = items
    try:
        check_server(args.url)
    except ServerUnavailable as error:
        print(f"Le bot ne répond pas à {args.url} ({error}). Lancez-le (make run) ou passez --url.",
              file=sys.stderr)
        return 2

    played: dict[str, list[ItemResult]] = {}
    passed = True
    for name, items in sets.items():
        results: list[ItemResult] = []
        try:
            for index, item in enumerate(items, 1):
                results.append(run_item(item, args.url, args.timeout))
                if index % 25 == 0:
                    print(f"… {name} {index}/{len(items)}", file=sys.stderr)
        except ServerUnavailable as error:
            print(f"Le bot a cessé de répondre ({error}) après {len(results)} questions.", file=sys.stderr)
            return 2
        played[name] = results
        print(f"\n=== {name} ({len(results)} questions)")
        # The held-out set's items are never printed: whoever reads the output must not tune on them.
        summary = report(results, items=name != HELDOUT_FILE.stem)
        if not any(item.outcome for item in items):
            passed = passed and summary.passed()  # the development set keeps its historical thresholds
    outcome_summaries = report_outcomes(played, hidden=(HELDOUT_FILE.stem,))
    for outcome_summary, items in zip(outcome_summaries, sets.values()):
        if any(item.outcome for item in items):
            passed = passed and outcome_summary.passed()
    if args.json:
        def _dump(name: str, results: list[ItemResult], outcome_summary: OutcomeSummary) -> dict[str, Any]:
            return {"summary": asdict(summarise(results)), "outcomes": asdict(outcome_summary),
                    "results": [asdict(r) for r in results]}
        dumps = {name: _dump(name, results, o) for (name, results), o in zip(played.items(), outcome_summaries)}
        body = next(iter(dumps.values())) if len(dumps) == 1 else {"sets": dumps}
        args.json.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.no_fail:
        return 0
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

"""``python -m bench.soak``: long mixed traffic from 20 simulated users against the product.

Asserts: no error (HTTP or stalled declaration), no lost ticket (every confirmed number is a row of the
tickets database and there is no row without a confirmation), resident memory growth under 10 % between
the end of the warm-up and the end of the run. Bounded in minutes and in turns; loopback only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, text

from bench import memory, stacks
from bench.load import run_load
from bench.report import RESULTS, update_readme_section
from bench.scenarios import load_items, workload
from bot.supervisor import base_env

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


@dataclass
class SoakResult:
    """Figures of one soak run and the verdict of each check."""

    minutes: float
    users: int
    turns: int = 0
    turns_per_second: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    errors: list[str] = field(default_factory=list)
    declarations: int = 0
    tickets_confirmed: int = 0
    ticket_rows: int = 0
    missing_tickets: list[str] = field(default_factory=list)    # confirmed but not stored
    unconfirmed_rows: int = 0                                   # stored but never confirmed to a user
    rss_after_warmup_mb: float = 0.0
    rss_end_mb: float = 0.0
    rss_samples_mb: list[float] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def rss_growth(self) -> float:
        return (self.rss_end_mb - self.rss_after_warmup_mb) / self.rss_after_warmup_mb if self.rss_after_warmup_mb else 0.0

    @property
    def passed(self) -> bool:
        return all(self.checks.values())


def stored_tickets(database_url: str) -> set[str]:
    """Every ticket number in the tickets database."""
    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as connection:
            return {row[0] for row in connection.execute(text("SELECT number FROM tickets"))}
    finally:
        engine.dispose()


class _Sampler(threading.Thread):
    """Samples the servers' resident memory every ``period`` seconds until stopped."""

    def __init__(self, pids: list[int], period: float):
        super().__init__(daemon=True)
        self.pids, self.period = pids, period
        self.samples: list[float] = []
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.wait(self.period):
            self.samples.append(sum(memory.tree_rss_bytes(p) for p in self.pids) / MB)


def soak(url: str, pids: list[int], tickets_url: str, minutes: float, users: int, max_turns: int,
         ticket_share: float = 0.35, warmup_s: float = 45.0) -> SoakResult:
    """Warm up, then run ``users`` users for the rest of ``minutes`` and check errors, tickets and memory."""
    result = SoakResult(minutes, users)
    items = load_items()
    total_s = minutes * 60
    warmup_s = min(warmup_s, total_s * 0.2)
    warm = run_load(url, users, lambda i: workload(5_000 + i, items, ticket_share, first_n=500_000 + 10_000 * i),
                    max_turns=max_turns, max_seconds=warmup_s)
    result.rss_after_warmup_mb = sum(memory.tree_rss_bytes(p) for p in pids) / MB
    sampler = _Sampler(pids, period=max(5.0, total_s / 40))
    sampler.start()
    main = run_load(url, users, lambda i: workload(7_000 + i, items, ticket_share, first_n=700_000 + 10_000 * i),
                    max_turns=max(1, max_turns - warm.turns), max_seconds=max(1.0, total_s - warmup_s))
    sampler.stop_event.set()
    sampler.join()
    result.rss_end_mb = sum(memory.tree_rss_bytes(p) for p in pids) / MB
    result.rss_samples_mb = [round(x, 1) for x in sampler.samples]

    main.merge(warm)
    main.wall_s = warm.wall_s + main.wall_s
    summary = main.summary()
    result.turns, result.turns_per_second = summary.count, round(summary.per_second, 2)
    result.p50_ms, result.p95_ms, result.p99_ms = (round(summary.p50_ms, 1), round(summary.p95_ms, 1),
                                                   round(summary.p99_ms, 1))
    result.errors = main.errors[:50]
    result.declarations = main.declarations
    confirmed = set(main.tickets)
    stored = stored_tickets(tickets_url)
    result.tickets_confirmed, result.ticket_rows = len(main.tickets), len(stored)
    result.missing_tickets = sorted(confirmed - stored)[:50]
    result.unconfirmed_rows = len(stored - confirmed)
    result.checks = {
        "aucune erreur": not main.errors,
        "aucun ticket perdu": not (confirmed - stored) and len(confirmed) == len(main.tickets),
        "aucun ticket fantôme": not (stored - confirmed),
        "croissance mémoire < 10 %": result.rss_growth < 0.10,
        "des tickets ont été créés": len(confirmed) > 0,
    }
    return result


def markdown(result: SoakResult, model: Path, started_at: str) -> str:
    """The README section for this run."""
    lines = [
        f"Dernière exécution : {started_at}, {result.minutes:g} min, {result.users} utilisateurs simulés, "
        f"modèle `{model}`.",
        "",
        "| mesure | valeur |",
        "| --- | --- |",
        f"| tours | {result.turns} ({result.turns_per_second} /s) |",
        f"| latence p50 / p95 / p99 (ms) | {result.p50_ms} / {result.p95_ms} / {result.p99_ms} |",
        f"| déclarations / tickets confirmés / lignes en base | {result.declarations} / {result.tickets_confirmed}"
        f" / {result.ticket_rows} |",
        f"| erreurs | {len(result.errors)} |",
        f"| mémoire après chauffe → fin (Mo) | {result.rss_after_warmup_mb:.0f} → {result.rss_end_mb:.0f} "
        f"({100 * result.rss_growth:+.1f} %) |",
    ]
    lines += [f"| {name} | {'OK' if ok else 'ÉCHEC'} |" for name, ok in result.checks.items()]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description="Test d'endurance du bot.")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--max-turns", type=int, default=50_000, help="plafond de tours, tous utilisateurs")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--port", type=int, default=19205, help="port Rasa (actions : +50)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args(argv)
    if not args.model.exists():
        print(f"Modèle introuvable : {args.model}. Lancez `make train` ou passez --model.", file=sys.stderr)
        return 2
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    started_at = dt.datetime.now().isoformat(timespec="seconds")
    settings = stacks.bench_settings(args.model, args.port, args.port + 50)
    print(f"== Démarrage (ports {args.port}/{args.port + 50}), puis {args.minutes:g} min, {args.users} utilisateurs…",
          flush=True)
    started = stacks.start(settings)
    try:
        pids = [p for p in (started.pid("rasa"), started.pid("actions")) if p]
        result = soak(started.url, pids, base_env(settings)["TICKETS_DATABASE_URL"], args.minutes, args.users,
                      args.max_turns)
    finally:
        started.stack.stop()
    body = markdown(result, args.model, started_at)
    print(body)
    for error in result.errors[:10]:
        print("  erreur :", error)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "soak.json").write_text(json.dumps(
        {"started_at": started_at, "model": str(args.model), "rss_growth": result.rss_growth,
         "passed": result.passed, **asdict(result)}, indent=2, ensure_ascii=False), encoding="utf-8")
    if not args.no_readme:
        update_readme_section("soak", body)
    return 0 if result.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m bench``: train, start the product and the floor, measure them side by side, print and save the table.

Every phase is bounded in turns and seconds so the whole run stays under about 15 minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from bench import memory, stacks
from bench.accuracy import AccuracyResult, evaluate
from bench.load import LoadResult, run_load, run_load_side_by_side, run_parse_side_by_side, run_side_by_side
from bench.report import RESULTS, Figure, table, update_readme_section, write_chart, write_json
from bench.scenarios import EVAL_FILE, load_items, workload
from bench.stats import LatencySummary
from bench.training import TrainingResult, model_size, train

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "current.tar.gz"
MB = 1_000_000
PARSE_TEXTS = [
    "qui installe le vidéoprojecteur ?", "le wifi ne marche plus au CDI", "kiki paie les portables",
    "combien de temps dure la convention", "bonjour", "/inform{\"value\": \"salle\"}",
]


@dataclass
class Options:
    """Sizes of each phase (``--quick`` shrinks them for a smoke run)."""

    seq_turns: int = 400
    seq_seconds: float = 90.0
    clients: int = 8
    conc_turns: int = 800
    conc_seconds: float = 75.0
    parse_count: int = 150
    warmup_turns: int = 12
    eval_limit: int = 0  # 0: every item
    ticket_share: float = 0.3


@dataclass
class BotMeasures:
    """Everything measured on one running bot."""

    cold_start_s: Optional[float]
    sequential: LoadResult
    concurrent: LoadResult
    parse: LatencySummary
    rss: dict[str, int] = field(default_factory=dict)  # process name -> bytes (tree)
    accuracy: Optional[AccuracyResult] = None


@dataclass
class RunningBot:
    """A bot under measurement: its REST address, the processes to weigh, how long it took to start."""

    url: str
    pids: dict[str, Optional[int]]
    cold_start_s: Optional[float] = None
    with_accuracy: bool = True


def measure_bots(bots: dict[str, RunningBot], options: Options, items: list[dict]) -> dict[str, BotMeasures]:
    """Measure bots running side by side (the product and its floor).

    Warm-up, then the sequential turns and the NLU calls *interleaved*: every conversation and every text
    goes to each bot in turn, so both are measured in the same minutes of the machine's life. Then the
    concurrent clients, on one bot at a time while the others idle, in alternating slices; then memory
    (after that load) and accuracy.
    """
    share = options.ticket_share
    urls = {name: bot.url for name, bot in bots.items()}
    for url in urls.values():
        run_load(url, 1, lambda i: workload(9_000 + i, items, share, first_n=90_000),
                 max_turns=options.warmup_turns, max_seconds=60)
    sequential = run_side_by_side(urls, workload(1, items, share, first_n=10_000), max_turns=options.seq_turns,
                                  max_seconds=options.seq_seconds)
    parse = run_parse_side_by_side(urls, PARSE_TEXTS, options.parse_count)
    concurrent = run_load_side_by_side(urls, options.clients,
                                       lambda i: workload(100 + i, items, share, first_n=20_000 + 1000 * i),
                                       max_turns=options.conc_turns, max_seconds=options.conc_seconds)
    measures = {}
    for name, bot in bots.items():
        rss = {process: memory.tree_rss_bytes(pid) for process, pid in bot.pids.items() if pid}
        accuracy = evaluate(bot.url, items, options.eval_limit) if bot.with_accuracy else None
        measures[name] = BotMeasures(bot.cold_start_s, sequential[name], concurrent[name], parse[name], rss,
                                     accuracy)
    return measures


def measure_bot(url: str, pids: dict[str, Optional[int]], options: Options, items: list[dict],
                cold_start_s: Optional[float] = None, with_accuracy: bool = True) -> BotMeasures:
    """Warm up, then sequential turns, NLU alone, N concurrent clients, memory after the load, accuracy."""
    return measure_bots({"bot": RunningBot(url, pids, cold_start_s, with_accuracy)}, options, items)["bot"]


def build_figures(ours: BotMeasures, floor: Optional[BotMeasures], training: Optional[TrainingResult]) -> list[Figure]:
    """The table's rows, in order; the floor column is None where the floor was not run or does not apply."""
    def both(get):
        return get(ours), (get(floor) if floor else None)

    figures: list[Figure] = []

    def add(key, label, unit, get, kind="", target=None, floor_applies=True):
        mine, theirs = both(get)
        figures.append(Figure(key, label, unit, mine, theirs if floor_applies else None, kind, target))

    add("cold_start", "démarrage à froid → 1re réponse", "s", lambda m: m.cold_start_s, "max", 30)
    for scope, attr, title in (("seq", "sequential", "séquentiel"), ("c8", "concurrent", "8 clients")):
        add(f"turn_p50_{scope}", f"latence par tour p50, {title}", "ms", lambda m, a=attr: getattr(m, a).summary().p50_ms)
        add(f"turn_p95_{scope}", f"latence par tour p95, {title}", "ms", lambda m, a=attr: getattr(m, a).summary().p95_ms,
            "ratio_max", 1.2)
        add(f"turn_p99_{scope}", f"latence par tour p99, {title}", "ms", lambda m, a=attr: getattr(m, a).summary().p99_ms)
    add("turn_p95_seq_questions", "p95 séquentiel, tours « question »", "ms",
        lambda m: m.sequential.summary("question").p95_ms)
    add("turn_p95_seq_tickets", "p95 séquentiel, tours « incident »", "ms",
        lambda m: m.sequential.summary("ticket").p95_ms)
    add("throughput_c8", "débit, 8 clients", "messages/s", lambda m: m.concurrent.summary().per_second, "min", 25)
    add("parse_p50", "/model/parse seul p50 (NLU)", "ms", lambda m: m.parse.p50_ms)
    add("parse_p95", "/model/parse seul p95 (NLU)", "ms", lambda m: m.parse.p95_ms)
    add("rss_rasa", "mémoire résidente Rasa", "Mo", lambda m: m.rss.get("rasa", 0) / MB)
    add("rss_actions", "mémoire résidente serveur d'actions", "Mo", lambda m: m.rss.get("actions", 0) / MB)
    add("rss_total", "mémoire résidente Rasa + actions", "Mo",
        lambda m: (m.rss.get("rasa", 0) + m.rss.get("actions", 0)) / MB, "max", 2200)
    figures.append(Figure("train_time", "entraînement complet (cache vide)", "s",
                          training.seconds if training else None, None, "max", 240))
    figures.append(Figure("train_cpu", "entraînement, temps CPU (utilisateur + système)", "s",
                          training.cpu_seconds if training else None))
    figures.append(Figure("model_size", "taille du modèle", "Mo",
                          training.model_bytes / MB if training and training.model_bytes else None))
    add("accuracy", "exactitude sur tests/eval", "%", lambda m: 100 * m.accuracy.rate if m.accuracy else None,
        floor_applies=False)
    add("errors", "erreurs (HTTP, déclarations bloquées)", "",
        lambda m: float(len(m.sequential.errors) + len(m.concurrent.errors) + m.parse.errors), "max", 0)
    return figures


def _git_head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def _counts(m: Optional[BotMeasures]) -> dict:
    if m is None:
        return {}
    return {
        "sequential_turns": m.sequential.turns, "concurrent_turns": m.concurrent.turns,
        "concurrent_wall_s": round(m.concurrent.wall_s, 2), "conversations": m.sequential.conversations
        + m.concurrent.conversations, "tickets_confirmed": len(m.sequential.tickets) + len(m.concurrent.tickets),
        "declarations": m.sequential.declarations + m.concurrent.declarations, "parse_calls": m.parse.count,
        "errors": (m.sequential.errors + m.concurrent.errors)[:20],
        "accuracy_by_category": m.accuracy.per_category if m.accuracy else {},
        "accuracy_items": m.accuracy.total if m.accuracy else 0,
        "accuracy_scorer": m.accuracy.scorer if m.accuracy else "",
        "accuracy_scorer_failures": m.accuracy.scorer_failures[:10] if m.accuracy else [],
    }


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Benchmarks du bot contre un plancher.")
    parser.add_argument("--model", type=Path, default=None, help="modèle servi (défaut : models/current.tar.gz)")
    parser.add_argument("--skip-train", action="store_true", help="ne pas entraîner : taille du modèle seulement")
    parser.add_argument("--train-data", type=Path, default=ROOT / "data", help="données d'entraînement (défaut : data/)")
    parser.add_argument("--no-floor", action="store_true", help="ne pas mesurer le plancher")
    parser.add_argument("--quick", action="store_true", help="phases courtes (vérification du banc)")
    parser.add_argument("--port", type=int, default=19005, help="port Rasa (actions : +50 ; plancher : +100)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="dossier des résultats")
    parser.add_argument("--no-readme", action="store_true", help="ne pas recopier le tableau dans bench/README.md")
    parser.add_argument("--strict", action="store_true", help="code de sortie 1 si un objectif est manqué")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    """Run the benchmark; returns the process exit code."""
    args = parse_args(argv)
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    options = Options(seq_turns=30, conc_turns=120, conc_seconds=30, parse_count=30, eval_limit=20) \
        if args.quick else Options()
    started_at = dt.datetime.now().isoformat(timespec="seconds")
    load_before = os.getloadavg()
    model = args.model or DEFAULT_MODEL

    training: Optional[TrainingResult]
    if args.skip_train:
        training = model_size(model)
    else:
        print(f"== Entraînement complet depuis {args.train_data} (cache vide)…", flush=True)
        keep = Path(tempfile.mkdtemp(prefix="bench-model-")) if not model.exists() else None
        training = train(args.train_data, keep_dir=keep)
        print(f"   {training.seconds or 0:.0f} s ({training.cpu_seconds or 0:.0f} s CPU), "
              f"{training.model_bytes / MB:.1f} Mo"
              + ("" if training.ok else f"\n   ÉCHEC : {training.message}"), flush=True)
        if keep is not None and training.ok:
            model = training.model
    if not model.exists():
        print(f"Modèle introuvable : {model}. Lancez `make train` ou passez --model.", file=sys.stderr)
        return 2

    items = load_items()
    print(f"== Questions : {len(items)} ({'tests/eval' if EVAL_FILE.exists() else 'liste intégrée'}); "
          f"modèle : {model}", flush=True)
    measures: dict[str, Optional[BotMeasures]] = {"ours": None, "floor": None}
    # Both bots are started (one after the other, for their cold start) and stay up together, so that the
    # sequential phase can alternate between them.
    running: dict[str, stacks.Started] = {}
    try:
        for name, floor, port in (("ours", False, args.port), ("floor", True, args.port + 100)):
            if floor and args.no_floor:
                continue
            print(f"== {'Plancher' if floor else 'Produit'} : démarrage (ports {port}/{port + 50})…", flush=True)
            running[name] = stacks.start(stacks.bench_settings(model, port, port + 50), floor=floor)
            print(f"   première réponse après {running[name].cold_start_s:.1f} s", flush=True)
        print("== Mesures (tours séquentiels en alternance produit/plancher)…", flush=True)
        measures.update(measure_bots(
            {name: RunningBot(started.url, {"rasa": started.pid("rasa"), "actions": started.pid("actions")},
                              started.cold_start_s, with_accuracy=name == "ours")
             for name, started in running.items()}, options, items))
    finally:
        for started in running.values():
            started.stack.stop()

    figures = build_figures(measures["ours"], measures["floor"], training)
    text = table(figures)
    print()
    print(text)
    meta = {
        "started_at": started_at, "git": _git_head(), "model": str(model), "quick": args.quick,
        "cpus": os.cpu_count(), "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
        "questions_source": "tests/eval/questions.yml" if EVAL_FILE.exists() else "bench.scenarios.BUILT_IN_ITEMS",
        "training": {"ok": training.ok, "cpu_seconds": training.cpu_seconds, "message": training.message[-500:]}
        if training else None,
        "ours": _counts(measures["ours"]), "floor": _counts(measures["floor"]),
    }
    write_json(figures, meta, args.out / "latest.json")
    write_chart(figures, args.out / "latest.png")
    print(f"\nRésultats : {args.out / 'latest.json'}, {args.out / 'latest.png'}")
    if not args.no_readme and not args.quick:
        update_readme_section("bench-table", (
            f"Dernière exécution : {started_at}, commit {meta['git']}, modèle `{model}`, "
            f"{os.cpu_count()} cœurs, charge moyenne {load_before[0]:.1f} → {meta['loadavg_after'][0]:.1f}.\n\n{text}"))
    failed = [f.key for f in figures if f.passed is False]
    if failed:
        print("Objectifs manqués : " + ", ".join(failed))
    return 1 if (failed and args.strict) else 0

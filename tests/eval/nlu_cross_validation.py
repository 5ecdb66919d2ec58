"""NLU cross-validation: intent and entity F1 of the training data under the project's pipeline.

Usage (from the repository root)::

    python -m tests.eval.nlu_cross_validation [--folds 3] [--out DIR]

Runs ``rasa test nlu --cross-validation`` into a temporary folder (or ``--out``) and prints the macro and
weighted F1 read from the JSON reports Rasa writes there (``intent_report.json`` and one
``<Extractor>_report.json`` per entity extractor).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from tabulate import tabulate

ROOT = Path(__file__).resolve().parents[2]
NON_ENTITY_REPORTS = {"intent_report.json", "response_selection_report.json"}
# Aggregate rows of a scikit-learn classification report, not labels.
AGGREGATES = {"accuracy", "macro avg", "weighted avg", "micro avg"}


@dataclass(frozen=True)
class ReportScores:
    """Headline numbers of one Rasa report file."""

    name: str
    labels: int
    support: int
    macro_f1: float
    weighted_f1: float
    accuracy: Optional[float]


def rasa_command(folds: int, out: Path, nlu: Path = ROOT / "data" / "nlu", config: Path = ROOT / "config.yml") -> list[str]:
    """The ``rasa test nlu`` command line for a cross-validation run."""
    rasa = Path(sys.executable).with_name("rasa")
    head = [str(rasa)] if rasa.exists() else [sys.executable, "-m", "rasa"]
    return head + ["test", "nlu", "--nlu", str(nlu), "--config", str(config), "--cross-validation",
                   "--folds", str(folds), "--out", str(out)]


def read_report(path: Path) -> ReportScores:
    """Macro/weighted F1 (and accuracy when present) of one report JSON."""
    data = json.loads(path.read_text(encoding="utf-8"))
    labels = {k: v for k, v in data.items() if k not in AGGREGATES and isinstance(v, dict)}
    macro = data.get("macro avg") or {}
    weighted = data.get("weighted avg") or {}
    accuracy = data.get("accuracy")
    if isinstance(accuracy, dict):  # some sklearn versions nest it
        accuracy = accuracy.get("f1-score")
    return ReportScores(
        name=path.stem.replace("_report", ""),
        labels=len(labels),
        support=int(sum(v.get("support", 0) for v in labels.values())),
        macro_f1=float(macro.get("f1-score", 0.0)),
        weighted_f1=float(weighted.get("f1-score", 0.0)),
        accuracy=None if accuracy is None else float(accuracy),
    )


def collect_reports(out: Path) -> tuple[Optional[ReportScores], list[ReportScores]]:
    """The intent report and the entity extractors' reports found in ``out``."""
    intent_file = out / "intent_report.json"
    intent = read_report(intent_file) if intent_file.exists() else None
    entities = [read_report(p) for p in sorted(out.glob("*_report.json")) if p.name not in NON_ENTITY_REPORTS]
    return intent, entities


def table(intent: Optional[ReportScores], entities: Sequence[ReportScores]) -> str:
    """Both kinds of scores as one table."""
    rows = []
    for kind, report in [("intentions", intent)] + [("entités", e) for e in entities]:
        if report is None:
            continue
        rows.append([kind, report.name, report.labels, report.support, f"{report.macro_f1:.3f}",
                     f"{report.weighted_f1:.3f}", "" if report.accuracy is None else f"{report.accuracy:.3f}"])
    return tabulate(rows, headers=["", "rapport", "étiquettes", "exemples", "F1 macro", "F1 pondérée",
                                   "exactitude"], tablefmt="github")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point; returns the exit code of the run."""
    parser = argparse.ArgumentParser(description="Validation croisée NLU (F1 des intentions et des entités).")
    parser.add_argument("--folds", type=int, default=3, help="nombre de plis (au moins 2)")
    parser.add_argument("--out", type=Path, help="garder les rapports dans ce dossier (sinon dossier temporaire)")
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds doit valoir au moins 2")

    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
    with tempfile.TemporaryDirectory(prefix="nlu-cv-") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        command = rasa_command(args.folds, out)
        print("$ " + " ".join(command), file=sys.stderr)
        completed = subprocess.run(command, cwd=ROOT, env=env)
        if completed.returncode != 0:
            print(f"rasa test nlu a échoué (code {completed.returncode}).", file=sys.stderr)
            return completed.returncode
        intent, entities = collect_reports(out)
        if intent is None and not entities:
            print(f"Aucun rapport trouvé dans {out}.", file=sys.stderr)
            return 1
        print(f"\nValidation croisée NLU, {args.folds} plis\n")
        print(table(intent, entities))
    return 0


if __name__ == "__main__":
    sys.exit(main())

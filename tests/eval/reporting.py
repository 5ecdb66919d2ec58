"""What an evaluation run prints: accuracy by category and role, and the table of honest outcomes per set."""

import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

from tabulate import tabulate

from tests.eval.model import (
    CATEGORIES,
    CLARIFIED,
    DECLINED,
    HONEST_TARGET,
    ITEM_CLASSES,
    MISSED,
    OUTCOMES,
    OVERALL_THRESHOLD,
    RIGHT,
    ROLES,
    SUPPORT_THRESHOLD,
    VERDICTS,
    WRONG,
    WRONG_CEILING,
    ItemResult,
)


# ----------------------------------------------------------------------------------------- reporting
def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def accuracy(results: Sequence[ItemResult]) -> float:
    """Share of correct items (1.0 when there is none, so an empty filter never fails a run)."""
    return sum(r.correct for r in results) / len(results) if results else 1.0


def _grouped(results: Sequence[ItemResult], key: str) -> list[list[Any]]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for result in results:
        groups[getattr(result, key)].append(result)
    order = CATEGORIES if key == "category" else ROLES
    rows = []
    for name in sorted(groups, key=lambda g: (order.index(g) if g in order else len(order), g)):
        group = groups[name]
        rows.append([name, len(group), sum(r.correct for r in group), f"{accuracy(group):.1%}"])
    return rows


@dataclass
class Summary:
    """Headline numbers of one run."""

    items: int
    overall: float
    support_items: int
    support: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    def passed(self) -> bool:
        """Whether the run meets the thresholds."""
        return self.overall >= OVERALL_THRESHOLD and self.support >= SUPPORT_THRESHOLD


def summarise(results: Sequence[ItemResult]) -> Summary:
    """Overall and support accuracy, and per-turn latency percentiles."""
    support = [r for r in results if r.support]
    latencies = [ms for r in results for ms in r.latencies_ms]
    return Summary(
        items=len(results),
        overall=accuracy(results),
        support_items=len(support),
        support=accuracy(support),
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
    )


def report(results: Sequence[ItemResult], out=sys.stdout, items: bool = True) -> Summary:
    """Print the tables and the failures (``items=False``: the tables only); return the summary."""
    summary = summarise(results)
    headers = ["", "questions", "justes", "exactitude"]
    print("\nPar catégorie", file=out)
    print(tabulate(_grouped(results, "category"), headers=headers, tablefmt="github"), file=out)
    print("\nPar profil", file=out)
    print(tabulate(_grouped(results, "role"), headers=headers, tablefmt="github"), file=out)
    print("\nSynthèse", file=out)
    rows = [
        ["exactitude globale", f"{summary.overall:.1%} ({summary.items} questions)", f"seuil {OVERALL_THRESHOLD:.0%}"],
        ["numéros et horaires d'assistance", f"{summary.support:.1%} ({summary.support_items} questions)",
         f"seuil {SUPPORT_THRESHOLD:.0%}"],
        ["latence par tour p50 / p95 / p99",
         f"{summary.p50_ms:.0f} / {summary.p95_ms:.0f} / {summary.p99_ms:.0f} ms", ""],
    ]
    print(tabulate(rows, headers=["mesure", "valeur", "seuil"], tablefmt="github"), file=out)
    failed = [r for r in results if not r.correct]
    if failed and not items:
        print(f"\nÉchecs : {len(failed)} (jeu réservé : le détail n'est écrit que dans --json)", file=out)
    elif failed:
        print(f"\nÉchecs ({len(failed)})", file=out)
        for result in failed:
            got = result.got
            print(f"- {result.id} [{result.category}/{result.role}] « {result.question} »", file=out)
            for failure in result.failures:
                print(f"    ✗ {failure}", file=out)
            print(f"    attendu : {json.dumps(result.expected, ensure_ascii=False)}", file=out)
            print(f"    reçu    : articles={got.get('articles')} parties={got.get('parties')} "
                  f"boutons={got.get('buttons')}", file=out)
            text = " ".join((got.get("text") or "").split())
            print(f"    texte   : {text[:300]}{'…' if len(text) > 300 else ''}", file=out)
    return summary


@dataclass
class OutcomeSummary:
    """The five honest verdicts of one set (shares of its items) and per-turn latency."""

    name: str
    items: int
    right: float
    clarified: float
    declined: float
    wrong: float
    missed: float
    p50_ms: float
    p95_ms: float

    @property
    def honest(self) -> float:
        """Right, rightly clarified or rightly declined."""
        return self.right + self.clarified + self.declined

    def passed(self) -> bool:
        """The outcome target: honest ≥ HONEST_TARGET and confidently wrong ≤ WRONG_CEILING."""
        return self.honest >= HONEST_TARGET and self.wrong <= WRONG_CEILING


def summarise_outcomes(name: str, results: Sequence[ItemResult]) -> OutcomeSummary:
    """Share of each verdict among ``results`` (all zero for an empty set)."""
    n = len(results)
    share = {v: (sum(r.verdict == v for r in results) / n if n else 0.0) for v in VERDICTS}
    latencies = [ms for r in results for ms in r.latencies_ms]
    return OutcomeSummary(
        name=name, items=n, right=share[RIGHT], clarified=share[CLARIFIED], declined=share[DECLINED],
        wrong=share[WRONG], missed=share[MISSED],
        p50_ms=percentile(latencies, 50), p95_ms=percentile(latencies, 95),
    )


OUTCOME_HEADERS = ["jeu", "n", "justes", "clarifiées", "déclinées", "fausses avec aplomb", "manquées",
                   "p50 / p95", "cible"]


def _outcome_row(summary: OutcomeSummary, latency: bool = True) -> list[Any]:
    target = (f"{'OK' if summary.passed() else 'NON'} ({summary.honest:.1%} ≥ {HONEST_TARGET:.0%}, "
              f"{summary.wrong:.1%} ≤ {WRONG_CEILING:.0%})")
    return [
        summary.name, summary.items, f"{summary.right:.1%}", f"{summary.clarified:.1%}",
        f"{summary.declined:.1%}", f"{summary.wrong:.1%}", f"{summary.missed:.1%}",
        f"{summary.p50_ms:.0f} / {summary.p95_ms:.0f} ms" if latency else "", target,
    ]


def report_outcomes(sets: dict[str, Sequence[ItemResult]], out=sys.stdout,
                    hidden: Sequence[str] = ()) -> list[OutcomeSummary]:
    """Print the verdict table (one row per set, then per class and per expected outcome); return the summaries.
    The items of the sets named in ``hidden`` are never printed, only counted."""
    summaries = [summarise_outcomes(name, results) for name, results in sets.items()]
    print("\nIssues honnêtes (justes + clarifiées + déclinées ≥ "
          f"{HONEST_TARGET:.0%}, fausses avec aplomb ≤ {WRONG_CEILING:.0%})", file=out)
    print(tabulate([_outcome_row(s) for s in summaries], headers=OUTCOME_HEADERS, tablefmt="github"), file=out)
    for name, results in sets.items():
        breakdown: list[list[Any]] = []
        for outcome in OUTCOMES:
            group = [r for r in results if r.outcome == outcome]
            if group:
                breakdown.append(_outcome_row(summarise_outcomes(f"{name} · attendu {outcome}", group), False))
        for klass in ITEM_CLASSES:
            group = [r for r in results if r.klass == klass]
            if group:
                breakdown.append(_outcome_row(summarise_outcomes(f"{name} · classe {klass}", group), False))
        if len(breakdown) > 1:
            print(f"\nDétail — {name}", file=out)
            print(tabulate(breakdown, headers=OUTCOME_HEADERS, tablefmt="github"), file=out)
        wrong = [r for r in results if r.verdict == WRONG]
        if wrong and name in hidden:
            print(f"\nFausses avec aplomb — {name} : {len(wrong)} (jeu réservé : détail dans --json seulement)", file=out)
        elif wrong:
            print(f"\nFausses avec aplomb — {name} ({len(wrong)})", file=out)
            for result in wrong:
                print(f"- {result.id} [{result.outcome}, classe {result.klass}] « {result.question} »", file=out)
                for reason in result.verdict_reasons:
                    print(f"    ✗ {reason}", file=out)
    return summaries

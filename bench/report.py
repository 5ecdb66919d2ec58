"""The benchmark's figures, their targets, and the table / JSON / PNG written from them."""
from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Optional

from tabulate import tabulate

RESULTS = Path(__file__).resolve().parent / "results"
README = Path(__file__).resolve().parent / "README.md"


@dataclass
class Figure:
    """One measured quantity for the product and the floor, and the target it must meet.

    ``target_kind``: "max" (ours <= target), "min" (ours >= target), "ratio_max" (ours / floor <= target),
    "" (reported only).
    """

    key: str
    label: str
    unit: str
    ours: Optional[float]
    floor: Optional[float] = None
    target_kind: str = ""
    target: Optional[float] = None

    @property
    def ratio(self) -> Optional[float]:
        if self.ours is None or self.floor is None or not self.floor or math.isnan(self.floor):
            return None
        return self.ours / self.floor

    @property
    def passed(self) -> Optional[bool]:
        """True/False against the target; None when there is no target or nothing to compare."""
        if not self.target_kind or self.ours is None or math.isnan(self.ours):
            return None
        if self.target_kind == "max":
            return self.ours <= self.target
        if self.target_kind == "min":
            return self.ours >= self.target
        if self.target_kind == "ratio_max":
            return None if self.ratio is None else self.ratio <= self.target
        raise ValueError(self.target_kind)

    @property
    def target_text(self) -> str:
        if not self.target_kind:
            return "—"
        sign = {"max": "≤", "min": "≥", "ratio_max": "≤"}[self.target_kind]
        value = f"{self.target:g}"
        return f"{sign} {value}× plancher" if self.target_kind == "ratio_max" else f"{sign} {value} {self.unit}"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ratio=self.ratio, passed=self.passed, target_text=self.target_text)
        return data


def _number(value: Optional[float], unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if float(value).is_integer() and unit == "":
        return str(int(value))
    digits = 3 if unit == "" and value < 10 else (2 if abs(value) < 10 else (1 if abs(value) < 1000 else 0))
    return f"{value:,.{digits}f}".replace(",", " ")


def table(figures: list[Figure], fmt: str = "github") -> str:
    """The one table: figure, ours, floor, ratio, target, verdict."""
    rows = []
    for f in figures:
        verdict = {True: "OK", False: "ÉCHEC", None: "—"}[f.passed]
        rows.append([f"{f.label} ({f.unit})" if f.unit else f.label, _number(f.ours, f.unit),
                     _number(f.floor, f.unit), "—" if f.ratio is None else f"{f.ratio:.2f}", f.target_text, verdict])
    return tabulate(rows, headers=["mesure", "nous", "plancher", "ratio", "objectif", "verdict"], tablefmt=fmt,
                    disable_numparse=True)


def write_json(figures: list[Figure], meta: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "figures": [f.as_dict() for f in figures]}, indent=2,
                               ensure_ascii=False, default=str), encoding="utf-8")


def write_chart(figures: list[Figure], path: Path) -> None:
    """Bars of ours vs floor per figure family, with the target drawn where there is one."""
    import matplotlib  # noqa: PLC0415 - heavy, only for this file

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    by_key = {f.key: f for f in figures}
    groups = [
        ("Latence par tour (ms)", [k for k in by_key if k.startswith("turn_") or k.startswith("parse_")]),
        ("Débit à 8 clients (messages/s)", ["throughput_c8"]),
        ("Mémoire résidente (Mo)", [k for k in by_key if k.startswith("rss_")]),
        ("Temps (s)", ["cold_start", "train_time"]),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(14, 9))
    for ax, (title, keys) in zip(axes.flat, groups):
        keys = [k for k in keys if k in by_key]
        xs = range(len(keys))
        ours = [by_key[k].ours or 0 for k in keys]
        floor = [by_key[k].floor or 0 for k in keys]
        ax.bar([x - 0.2 for x in xs], ours, width=0.4, label="nous")
        ax.bar([x + 0.2 for x in xs], floor, width=0.4, label="plancher")
        for x, k in zip(xs, keys):
            f = by_key[k]
            if f.target_kind in ("max", "min"):
                ax.hlines(f.target, x - 0.4, x + 0.4, colors="red", linestyles="dashed")
        ax.set_xticks(list(xs))
        ax.set_xticklabels([by_key[k].key for k in keys], rotation=30, ha="right", fontsize=8)
        ax.set_title(title)
        ax.legend(fontsize=8)
    fig.suptitle("Benchmarks (tirets rouges : objectifs)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90)
    plt.close(fig)


def update_readme_section(name: str, body: str, readme: Path = README) -> None:
    """Replace the text between ``<!-- name:start -->`` and ``<!-- name:end -->`` in the README."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    block = f"{start}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")

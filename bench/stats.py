"""Percentiles and latency summaries (no numpy: the bench process stays light)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between closest ranks; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


@dataclass(frozen=True)
class LatencySummary:
    """Latencies of one phase, in milliseconds, with the request and error counts."""

    count: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    wall_s: float

    @property
    def per_second(self) -> float:
        """Completed requests per second of wall time."""
        return self.count / self.wall_s if self.wall_s > 0 else math.nan


def summarise(latencies_s: Sequence[float], errors: int, wall_s: float) -> LatencySummary:
    """Summary of per-request latencies given in seconds."""
    ms = [x * 1000.0 for x in latencies_s]
    mean = sum(ms) / len(ms) if ms else math.nan
    return LatencySummary(len(ms), errors, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), mean, wall_s)

"""A value the understanding step settled, with how sure it is of it: every part of a :class:`~frame.Frame`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Scored:
    """A value with how sure the understanding step is of it (0–1) and the words that gave it."""

    value: Optional[str]
    confidence: float
    because: str = ""

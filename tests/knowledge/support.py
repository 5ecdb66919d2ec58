"""Helpers shared by the knowledge-base tests."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The agreement as shipped to the project: the packaged copy must be the same text.
SHARED_AGREEMENT = Path("/work/shared/convention/convention-cadre-deux-sevres-2017.txt")


def flat(text: str) -> str:
    """Whitespace-insensitive form of a text (every run of spaces/newlines becomes one space)."""
    return re.sub(r"\s+", " ", text).strip()

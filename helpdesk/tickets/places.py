"""Whether two places given in declarations name the same spot, to offer an open ticket instead of a new one."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from knowledge.normalise import normalise

PlaceKey = tuple[str, tuple[str, ...]]  # the normalised text and its numbers, in order
SIMILARITY_THRESHOLD = 85


@lru_cache(maxsize=4096)
def place_key(text: Optional[str]) -> PlaceKey:
    """What :func:`same_place` compares (cached: every declaration compares its place with those of all
    the open tickets of its category, the same strings from one declaration to the next)."""
    folded = normalise(text or "")
    return folded, tuple(re.findall(r"\d+", folded))


def same_place_key(a: PlaceKey, b: PlaceKey) -> bool:
    """:func:`same_place` on keys computed beforehand."""
    (fa, numbers_a), (fb, numbers_b) = a, b
    if not fa or not fb or numbers_a != numbers_b:
        return False
    return fuzz.token_set_ratio(fa, fb) >= SIMILARITY_THRESHOLD


def same_place(a: Optional[str], b: Optional[str]) -> bool:
    """True when two places name the same spot despite case, accents and small typos.

    Numbers must agree exactly: "salle 12" and "salle 13" are different rooms however similar the text.
    """
    return same_place_key(place_key(a), place_key(b))

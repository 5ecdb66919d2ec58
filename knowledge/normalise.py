"""Text normalisation shared by the vocabulary matcher and the validators."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9@]+")


def strip_accents(text: str) -> str:
    """Return ``text`` without diacritics (é -> e, œ -> oe)."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The understanding step normalises the same message a dozen times per turn (each reader on its own):
# one computation per distinct text keeps that off the turn's latency.
@lru_cache(maxsize=256)
def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used for matching (words joined by one space)."""
    text = strip_accents(text.lower())
    # Apostrophes and hyphens separate words in French ("l'ENT", "peut-il").
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def squash_spaces(text: str) -> str:
    """Collapse every run of white space into one space (used to find source sentences verbatim)."""
    return _SPACES.sub(" ", text).strip()

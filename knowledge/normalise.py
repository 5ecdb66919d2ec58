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


# A French number as people type it: ten digits in pairs, with spaces, dots, hyphens or nothing between the pairs,
# or « +33 » (« +33 (0) ») and the nine digits after the leading 0.
_PHONE = re.compile(r"(?<![\d+])(?:0|\+33\s?(?:\(0\)\s?)?)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")


def phone_numbers(text: str) -> tuple[str, ...]:
    """The French phone numbers in ``text``, each as its ten digits, in order of appearance."""
    found = []
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        found.append("0" + digits[-9:])
    return tuple(found)

"""The quantities a question checks and the agreement states (« 2 mois », « une ou 2 fois l'an », « au moins une fois
par an »), and the verdict comparing them (issue 11): the same quantity gives « oui », another number in the same unit
« non », an upper bound asked against a lower bound stated (« au maximum une fois par an » against « au moins une
fois par an ») « non » too. Language, not facts: the quantities themselves are read from the records' text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from knowledge.normalise import normalise

# French number words as people type them (normalised: no accents). Language, not facts of the agreement.
NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30}
_UNITS = {"mois": "mois", "an": "an", "ans": "an", "annee": "an", "annees": "an", "jour": "jour", "jours": "jour",
          "semaine": "semaine", "semaines": "semaine"}
_NUMBER = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"
# « 2 mois », « une période de 2 ans », « une ou 2 fois l'an », « une fois par an ».
_QUANTITY = re.compile(rf"\b{_NUMBER}(?: ou {_NUMBER})? (fois (?:par|l) an|fois par mois|{'|'.join(_UNITS)})\b")
# The words that make a quantity a bound: a least (« au moins une fois par an ») or a most (« au maximum »).
_AT_LEAST = re.compile(r"\b(?:au moins|au minimum|minimum|plus de|pas moins de)\s*$")
_AT_MOST = re.compile(r"\b(?:au plus|au maximum|maximum|max|moins de|pas plus de|jusqu a)\s*$")
# Words before « un jour » that make it a length of time rather than « someday ».
_DURING = (["d"], ["de"], ["en"], ["pendant"], ["sous"], ["dans"], ["par"], ["que"])
_UNIT_LABELS = {"an": "ans", "jour": "jours", "semaine": "semaines", "fois/an": "fois par an", "fois/mois": "fois par mois"}
_BOUND_LABELS = {"least": "au moins ", "most": "au maximum ", None: ""}


@dataclass(frozen=True)
class Quantity:
    numbers: frozenset[int]
    unit: str
    bound: Optional[str] = None  # "least" (« au moins une fois par an ») or "most" (« au maximum »): not a count

    @property
    def bounded(self) -> bool:
        return self.bound is not None

    def shown(self) -> str:
        numbers = " ou ".join(str(n) for n in sorted(self.numbers))
        return _BOUND_LABELS[self.bound] + numbers + " " + _UNIT_LABELS.get(self.unit, self.unit)


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def quantities(text: str) -> list[Quantity]:
    """The quantities a text states, in order (normalised first: accents, apostrophes and case do not matter)."""
    norm = normalise(text)
    found = []
    for match in _QUANTITY.finditer(norm):
        first, second, unit = match.groups()
        unit = "fois/an" if unit.startswith("fois") and unit.endswith("an") else (
            "fois/mois" if unit.startswith("fois") else _UNITS[unit])
        before = norm[:match.start()]
        if first in ("un", "une") and not second and unit == "jour" and before.split()[-1:] not in _DURING:
            continue  # « si un jour nous voulons sortir … »: someday, no quantity (« un préavis d'un jour » is one)
        numbers = frozenset(number(w) for w in (first, second) if w)
        bound = "least" if _AT_LEAST.search(before) else "most" if _AT_MOST.search(before) else None
        found.append(Quantity(numbers, unit, bound))
    return found


def verdict(asked: list[Quantity], stated: list[Quantity]) -> tuple[Optional[str], Optional[tuple[Quantity, Quantity]]]:
    """« oui », « non » (with the pair that differs) or None, comparing each quantity asked with the
    record's in the same unit."""
    if not asked:
        return None, None
    agreed = 0
    for quantity in asked:
        same_unit = [s for s in stated if s.unit == quantity.unit]
        if not same_unit:
            return None, None  # the record does not state this unit: nothing to compare
        opposed = [s for s in same_unit if {s.bound, quantity.bound} == {"least", "most"} and quantity.numbers <= s.numbers]
        if opposed:
            return "non", (quantity, opposed[0])  # « au maximum une fois par an » against « au moins une fois par an »
        if any(quantity.numbers <= s.numbers for s in same_unit):
            agreed += 1
            continue
        if any(s.bounded for s in same_unit):
            return None, None  # « au moins une fois par an »: 3 times a year is not denied
        return "non", (quantity, same_unit[0])
    return ("oui", None) if agreed == len(asked) else (None, None)

"""The people the agreement's text names (agreement.yml `people`), checked like every other record: their
sources are verbatim, their party and section exist, and the signing status is one the answers know."""
from __future__ import annotations

from typing import Any, Mapping

from knowledge.normalise import normalise
from knowledge.record_builders import as_text, as_tuple
from knowledge.records import Person
from knowledge.validation import Checker

SIGNS = ("yes", "by_delegation", "unclear")
FILE = "agreement.yml"


def build_people(items: list[Any], parties: Mapping[str, Any], sections: Mapping[str, Any], b: Checker) -> list[Person]:
    result = []
    b.unique(FILE, "person", [str(item.get("id", "")) for item in items])
    for item in items:
        ident = str(item.get("id", ""))
        if item.get("party") not in parties:
            b.problem(FILE, ident, f"unknown party {item.get('party')!r}")
        if item.get("section") not in sections:
            b.problem(FILE, ident, f"unknown section {item.get('section')!r}")
        if item.get("signs") not in SIGNS:
            b.problem(FILE, ident, f"signs must be one of {SIGNS}, not {item.get('signs')!r}")
        b.check_verbatim(FILE, ident, as_text(item.get("source")))
        b.check_verbatim(FILE, ident, as_text(item.get("signature_source")), "signature_source")
        result.append(Person(
            id=ident, name=as_text(item.get("name")), party=str(item.get("party")),
            words=tuple(normalise(str(w)) for w in as_tuple(item.get("words"))),
            titles=tuple(normalise(str(t)) for t in as_tuple(item.get("titles"))),
            role=as_text(item.get("role")), section=str(item.get("section")), source=as_text(item.get("source")),
            signs=str(item.get("signs")), signature=as_text(item.get("signature")),
            signature_source=as_text(item.get("signature_source")),
            signing_titles=tuple(normalise(str(t)) for t in as_tuple(item.get("signing_titles"))),
        ))
    return result

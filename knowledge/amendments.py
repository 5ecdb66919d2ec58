"""Avenants (the agreement allows changes « par voie d'avenants »), as typed records.

An avenant has a number, a date of signature, a date in force and its own verbatim text; it adds, replaces
or removes records of the knowledge base (obligations, terms, support lines, governance bodies). Reading
and validating the files is in :mod:`knowledge.amendment_loader`; applying them on a date is in
:mod:`knowledge.versions`. This module only holds the records and their JSON form for the SQL copy.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Optional, Union

from knowledge.records import GovernanceBody, Obligation, SupportLine, Term

OPERATIONS = ("add", "replace", "remove")
# kind of record -> attribute of KnowledgeBase holding it
KINDS = {"obligation": "obligations", "term": "terms", "support_line": "support_lines", "governance": "governance"}
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")

Record = Union[Obligation, Term, SupportLine, GovernanceBody]


@dataclass(frozen=True)
class Change:
    """One change an avenant makes: ``operation`` (add | replace | remove) of a record of ``kind``."""

    operation: str
    kind: str
    id: str
    record: Optional[Record] = None  # the new record (add, replace)
    source: str = ""  # the avenant's words that remove the record (remove)


@dataclass(frozen=True)
class Amendment:
    number: int
    signed: date
    in_force: date
    text: str
    changes: tuple[Change, ...]
    title: str = ""
    file: str = ""

    @property
    def mention(self) -> str:
        """« modifié par l'avenant n° 1 du 15 juin 2027 » (dated by its signature, as acts are)."""
        return f"modifié par l'avenant n° {self.number} du {french_date(self.signed)}"


def french_date(day: date) -> str:
    """1er septembre 2027, 15 juin 2027."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS[day.month - 1]} {day.year}"


def to_json(amendments: tuple[Amendment, ...]) -> list[dict[str, Any]]:
    """Plain JSON-able form of the avenants, for the database copy."""
    result = []
    for amendment in amendments:
        data = asdict(amendment)
        data["signed"], data["in_force"] = amendment.signed.isoformat(), amendment.in_force.isoformat()
        result.append(data)
    return result


def from_json(items: list[dict[str, Any]]) -> tuple[Amendment, ...]:
    """Rebuild the avenants written by :func:`to_json`."""
    amendments = []
    for item in items or ():
        changes = tuple(
            Change(operation=c["operation"], kind=c["kind"], id=c["id"], source=c.get("source", ""),
                   record=_record(c["kind"], c["record"]) if c.get("record") else None)
            for c in item["changes"]
        )
        amendments.append(Amendment(number=item["number"], signed=date.fromisoformat(item["signed"]),
                                    in_force=date.fromisoformat(item["in_force"]), text=item["text"],
                                    changes=changes, title=item.get("title", ""), file=item.get("file", "")))
    return tuple(amendments)


def _record(kind: str, data: dict[str, Any]) -> Record:
    # JSON turns tuples into lists: give the frozen records their tuples back.
    if kind == "obligation":
        return Obligation(**{**data, **{k: tuple(data[k]) for k in ("parties", "actions", "subjects")}})
    if kind == "term":
        return Term.from_plain(data)
    if kind == "support_line":
        return SupportLine(**{**data, "days": tuple(data["days"]), "parties": tuple(data["parties"]),
                              "hours": tuple(tuple(h) for h in data["hours"])})
    if kind == "governance":
        return GovernanceBody.from_plain(data)
    raise ValueError(f"unknown kind of record {kind!r}")

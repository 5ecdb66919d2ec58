"""The agreement as it stands on a date: the 2017 records with the avenants in force that day applied.

:func:`version_on` returns the knowledge base itself when no avenant is in force (the usual case: nothing
to pay on each turn), else a cached :class:`KnowledgeInForce` that remembers which avenant each record
comes from. :func:`as_of` wraps an answering function so that it answers from the version in force on the
day of ``now`` (or ``on``) and says « modifié par l'avenant n° N du … » after each record an avenant wrote.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Mapping, Optional

from knowledge.amendments import KINDS, Amendment
from knowledge.records import KnowledgeBase
from knowledge.schedule import PARIS, now_paris


@dataclass(frozen=True, eq=False)
class KnowledgeInForce(KnowledgeBase):
    """A knowledge base with avenants applied; ``provenance`` maps (kind, id) to the avenant that wrote it."""

    base: Optional[KnowledgeBase] = None
    on: Optional[date] = None
    provenance: Mapping[tuple[str, str], Amendment] = field(default_factory=dict)


def base_of(kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge base as loaded (2017 records and every avenant, none applied)."""
    return getattr(kb, "base", None) or kb


def in_force(kb: KnowledgeBase, day: date) -> tuple[Amendment, ...]:
    """The avenants in force on ``day``, in the order of their numbers."""
    return tuple(sorted((a for a in base_of(kb).amendments if a.in_force <= day), key=lambda a: a.number))


def version_on(kb: KnowledgeBase, day: date) -> KnowledgeBase:
    """The agreement as it stands on ``day`` (the knowledge base itself when no avenant is in force)."""
    base = base_of(kb)
    numbers = tuple(a.number for a in in_force(base, day))
    if not numbers:
        return base
    return _apply(base, numbers)


@functools.lru_cache(maxsize=16)
def _apply(base: KnowledgeBase, numbers: tuple[int, ...]) -> KnowledgeInForce:
    # Keyed on the set of avenants in force, not the day: every day between two avenants shares one version.
    records: dict[str, dict[str, Any]] = {}
    for kind, attribute in KINDS.items():
        value = getattr(base, attribute)
        items = value.values() if isinstance(value, Mapping) else value
        records[kind] = {item.id: item for item in items}
    provenance: dict[tuple[str, str], Amendment] = {}
    by_number = {a.number: a for a in base.amendments}
    for number in numbers:
        amendment = by_number[number]
        for change in amendment.changes:
            target = records[change.kind]
            if change.operation == "remove":
                target.pop(change.id, None)
                provenance.pop((change.kind, change.id), None)
            else:  # a replaced record keeps its place (data order breaks ties); an added one comes last
                target[change.id] = change.record
                provenance[(change.kind, change.id)] = amendment
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(KnowledgeBase)}
    fields.update(
        obligations=tuple(records["obligation"].values()),
        terms=tuple(records["term"].values()),
        support_lines=dict(records["support_line"]),
        governance=tuple(records["governance"].values()),
    )
    return KnowledgeInForce(**fields, base=base, on=by_number[numbers[-1]].in_force, provenance=provenance)


def as_of(answer: Callable) -> Callable:
    """Answer from the version in force on ``on`` (default: the day of ``now``, default today in Paris)."""

    @functools.wraps(answer)
    def wrapper(kb: KnowledgeBase, *args, now: Optional[datetime] = None, on: Optional[date] = None, **kwargs):
        now = now or now_paris()
        day = on or (now.astimezone(PARIS).date() if now.tzinfo else now.date())
        version = version_on(kb, day)
        return note_amendments(version, answer(version, *args, now=now, **kwargs))

    return wrapper


def note_amendments(kb: KnowledgeBase, answer):
    """Say « modifié par l'avenant n° N du … » after each record of ``answer`` that an avenant wrote."""
    provenance = getattr(kb, "provenance", None)
    if not provenance:
        return answer
    text = answer.text
    leftover: list[str] = []
    for (kind, ident), amendment in provenance.items():
        record = _record(kb, kind, ident)
        if not _used(answer, kind, record):
            continue
        label = kb.sections[record.section].label if record.section in kb.sections else ""
        body = getattr(record, "statement", "").rstrip(". ")
        inline = f"{body} ({label})"
        if body and inline in text:  # "… (<label>)" -> "… (<label>, modifié par l'avenant n° N du …)"
            text = text.replace(inline, f"{body} ({label}, {amendment.mention})", 1)
        else:
            note = f"{label} {amendment.mention}".strip()
            if note not in leftover:
                leftover.append(note)
    if leftover:
        text += "\n" + " ; ".join(note[0].upper() + note[1:] for note in leftover) + "."
    return dataclasses.replace(answer, text=text) if text != answer.text else answer


def _record(kb: KnowledgeBase, kind: str, ident: str):
    value = getattr(kb, KINDS[kind])
    if isinstance(value, Mapping):
        return value[ident]
    return next(item for item in value if item.id == ident)


def _used(answer, kind: str, record) -> bool:
    """Whether the answer rests on ``record``: named by id, quoted, or its statement or number shown."""
    if kind == "obligation" and record.id in (getattr(answer, "obligations", None) or ()):
        return True
    if kind == "support_line":  # the line the answer shows (its routing alone is not something it says)
        return bool(record.phone and record.phone in answer.text) or record.name in answer.text
    quote = getattr(answer, "quote", "")
    if quote and quote == getattr(record, "source", None):
        return True
    statement = getattr(record, "statement", "").rstrip(". ")
    return bool(statement) and statement in answer.text

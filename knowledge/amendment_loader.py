"""Read and validate the avenants of ``<data>/avenants/*.yml``; each problem names the file and the record.

One file per avenant::

    number: 1
    signed: 2027-06-15          # date of signature
    in_force: 2027-09-01        # date it takes effect (not before the signature)
    title: Avenant n° 1 …
    text: |                     # the avenant's own text, verbatim: every source below must be in it
      …
    changes:
      - replace: obligation     # add | replace | remove  +  obligation | term | support_line | governance
        id: a1-college-telephones-mobiles
        record: {…}             # the new record, same fields as in obligations.yml (its `source` quotes `text`)
      - remove: obligation
        id: a8-college-interdiction-socles
        source: "…"             # the avenant's words that remove it

Records are built and checked by the loader's own builders, so an avenant's record is held to the same
rules as the 2017 data, except that its quotes are looked up in the avenant's text, not the agreement's.
Avenants apply in the order of their numbers; each one is checked against the agreement as the earlier
ones left it (an avenant may replace what an earlier one added).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Mapping, Sequence

import yaml

from knowledge import record_builders
from knowledge.amendments import KINDS, OPERATIONS, Amendment, Change
from knowledge.normalise import squash_spaces
from knowledge.records import GovernanceBody, Obligation, Party, Section, Subject, SupportLine, Term
from knowledge.validation import Checker, Problem

FOLDER = "avenants"


def read_raw(folder: Path, problems: list) -> dict[str, Any]:
    """``{"avenants/001.yml": content}`` for every avenant file (none when the folder is absent)."""
    result: dict[str, Any] = {}
    for path in sorted((folder / FOLDER).glob("*.yml")):
        name = f"{FOLDER}/{path.name}"
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            problems.append(Problem(name, "-", f"invalid YAML: {exc}"))
            continue
        if not isinstance(content, dict):
            problems.append(Problem(name, "-", "top level must be a mapping"))
            continue
        result[name] = content
    return result


def build(
    raw: Mapping[str, dict],
    b: "Checker",
    *,
    parties: Mapping[str, Party],
    sections: Mapping[str, Section],
    subjects: Mapping[str, Subject],
    actions: Mapping[str, tuple[str, ...]],
    obligations: list[Obligation],
    terms: list[Term],
    support_lines: Mapping[str, SupportLine],
    governance: list[GovernanceBody],
) -> tuple[Amendment, ...]:
    """Validate the avenants against the base records; problems go to ``b``."""
    state: dict[str, dict[str, Any]] = {
        "obligation": {o.id: o for o in obligations},
        "term": {t.id: t for t in terms},
        "support_line": dict(support_lines),
        "governance": {g.id: g for g in governance},
    }
    context = {"parties": parties, "sections": sections, "subjects": subjects, "actions": actions}
    headers: list[tuple[str, dict]] = []
    for name, content in raw.items():
        header = _header(name, content, b)
        if header is not None:  # an invalid header was reported; its changes are not read
            headers.append((name, header))
    seen: dict[int, str] = {}
    for name, header in headers:
        if header["number"] in seen:
            b.problem(name, f"avenant n° {header['number']}", f"number already used by {seen[header['number']]}")
        seen.setdefault(header["number"], name)
    amendments = []
    previous: dict | None = None
    for name, header in sorted(headers, key=lambda item: item[1]["number"]):
        if previous and header["signed"] < previous["signed"]:
            b.problem(name, f"avenant n° {header['number']}",
                      f"signed on {header['signed']}, before avenant n° {previous['number']} ({previous['signed']})")
        previous = header
        changes = _changes(name, raw[name], header, b, state, context)
        amendments.append(Amendment(number=header["number"], signed=header["signed"], in_force=header["in_force"],
                                    text=header["text"], changes=tuple(changes), title=header["title"], file=name))
    return tuple(amendments)


def _header(name: str, content: dict, b: "Checker") -> dict | None:
    record = "avenant"
    number = content.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        b.problem(name, record, f"'number' must be a whole number from 1, got {number!r}")
        return None
    record = f"avenant n° {number}"
    signed, in_force = _date(content.get("signed")), _date(content.get("in_force"))
    ok = True
    for key, value in (("signed", signed), ("in_force", in_force)):
        if value is None:
            b.problem(name, record, f"'{key}' must be a date (YYYY-MM-DD), got {content.get(key)!r}")
            ok = False
    if signed is not None and in_force is not None and in_force < signed:
        b.problem(name, record, f"in force on {in_force}, before its signature on {signed}")
    text = str(content.get("text") or "").strip()
    if not text:
        b.problem(name, record, "no 'text': the avenant's own text is what its records quote")
        ok = False
    if not content.get("changes") or not isinstance(content["changes"], list):
        b.problem(name, record, "no 'changes': an avenant adds, replaces or removes at least one record")
        ok = False
    if not ok:
        return None
    return {"number": number, "signed": signed, "in_force": in_force, "text": text,
            "title": squash_spaces(str(content.get("title") or ""))}


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _changes(name, content, header, b, state, context) -> list[Change]:
    text, flat = header["text"], squash_spaces(header["text"])
    changes: list[Change] = []
    touched: set[tuple[str, str]] = set()
    for index, raw in enumerate(content["changes"], 1):
        if not isinstance(raw, dict):
            b.problem(name, f"change {index}", "a change is a mapping (add/replace/remove: kind, id, record)")
            continue
        ops = [op for op in OPERATIONS if op in raw]
        kind = raw.get(ops[0]) if len(ops) == 1 else None
        given = raw.get("record")
        record_raw: dict = given if isinstance(given, dict) else {}
        ident = str(raw.get("id") or record_raw.get("id") or "?")
        label = f"{ops[0] if len(ops) == 1 else 'change'} {kind or '?'} {ident}"
        if len(ops) != 1:
            b.problem(name, f"change {index}", "say exactly one of add, replace or remove")
            continue
        operation = ops[0]
        if kind not in KINDS:
            b.problem(name, label, f"unknown kind of record '{kind}' (one of {', '.join(KINDS)})")
            continue
        if (kind, ident) in touched:
            b.problem(name, label, "the same record is changed twice by this avenant")
        touched.add((kind, ident))
        known = state[kind]
        if operation in ("replace", "remove") and ident not in known:
            b.problem(name, label, f"unknown {kind} id '{ident}': nothing to {operation}")
            continue
        if operation == "add" and ident in known:
            b.problem(name, label, f"{kind} id '{ident}' already exists: use replace")
            continue
        if operation == "remove":
            source = squash_spaces(str(raw.get("source") or ""))
            if not source:
                b.problem(name, label, "no source: quote the avenant's words that remove the record")
            elif source not in flat:
                b.problem(name, label, f"source not found verbatim in the text of the avenant: {source[:90]!r}")
            if kind == "governance":  # the replies about governance and silent topics name these bodies
                b.problem(name, label, "a governance body can be replaced, not removed")
            removed = known.pop(ident)
            if kind == "term":
                # Answers about the agreement itself (its duration, its parties…) read the term of their subject.
                orphans = [s for s in removed.subjects if not any(s in t.subjects for t in known.values())]
                if orphans:
                    b.problem(name, label, f"the only term about {', '.join(orphans)}: replace it instead of removing it")
            changes.append(Change("remove", kind, ident, source=source))
            continue
        if not record_raw:
            b.problem(name, label, "no 'record': the new record is missing")
            continue
        if str(record_raw.get("id", ident)) != ident:
            b.problem(name, label, f"record id '{record_raw['id']}' differs from the id replaced '{ident}'")
            continue
        new = _build_record(kind, {**record_raw, "id": ident}, name, label, text, header["number"], b, state, context)
        if new is not None:
            known[ident] = new
            changes.append(Change(operation, kind, ident, record=new))
    _check_lines_in_use(name, header["number"], b, state, context["subjects"])
    return changes


def _build_record(kind, item, name, label, text, number, b, state, context):
    """Build one record with the loader's builder, its quotes checked against the avenant's text."""
    sub = Checker(text)
    lines = state["support_line"]
    built: Sequence[Obligation | Term | SupportLine | GovernanceBody]
    if kind == "obligation":
        built = record_builders.build_obligations([item], context["parties"], context["sections"], context["subjects"],
                                          context["actions"], lines, sub)
    elif kind == "term":
        built = record_builders.build_terms([item], context["parties"], context["sections"], context["subjects"], sub)
    elif kind == "support_line":
        built = list(record_builders.build_lines([item], context["parties"], context["sections"], sub).values())
    else:
        built = record_builders.build_governance([item], context["parties"], context["sections"], sub)
    for problem in sub.problems:
        message = problem.message.replace("the agreement", f"the text of avenant n° {number}")
        b.problem(name, label, message)
    return built[0] if built and not sub.problems else None


def _check_lines_in_use(name, number, b, state, subjects) -> None:
    """A support line an avenant removes must no longer be named by a subject or an obligation."""
    lines = state["support_line"]
    users = [(f"subject {s.id}", line) for s in subjects.values()
             for line in (s.line, *s.line_by_action.values()) if line]
    users += [(f"obligation {o.id}", o.line) for o in state["obligation"].values() if o.line]
    for user, line in users:
        if line not in lines:
            b.problem(name, f"avenant n° {number}", f"support line '{line}' is gone but {user} still names it")

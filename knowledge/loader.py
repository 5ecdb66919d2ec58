"""Load the agreement's YAML data into typed records, validating it loudly.

Every problem names the file and the record, so that someone at the Département who edits the YAML
knows what to fix. All problems are collected and reported together.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from knowledge.normalise import squash_spaces
from knowledge.records import (
    ROLES,
    ClarifyOption,
    GovernanceBody,
    GovernanceMember,
    KnowledgeBase,
    Obligation,
    Party,
    Quirk,
    Section,
    Subject,
    SupportLine,
    Term,
    Uncovered,
)
from settings.config import get_settings

DATA_DIR = Path(__file__).resolve().parent / "data"
AGREEMENT_FILE = "convention-cadre-deux-sevres-2017.txt"
DATA_FILES = (
    "parties.yml",
    "sections.yml",
    "obligations.yml",
    "subjects.yml",
    "support_lines.yml",
    "agreement.yml",
    "vocabulary.yml",
)


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} [{self.record}]: {self.message}"


class KnowledgeError(ValueError):
    """Raised when the data is invalid; ``problems`` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the knowledge base:\n{lines}")


def data_dir() -> Path:
    """The folder holding the YAML files (setting ``KNOWLEDGE_DATA_DIR`` overrides the packaged one)."""
    return get_settings().knowledge_data_dir or DATA_DIR


def _read_yaml(folder: Path, name: str, problems: list[Problem]) -> dict[str, Any]:
    path = folder / name
    try:
        with path.open(encoding="utf-8") as handle:
            content = yaml.safe_load(handle) or {}
    except FileNotFoundError:
        problems.append(Problem(name, "-", "file is missing"))
        return {}
    except yaml.YAMLError as exc:
        problems.append(Problem(name, "-", f"invalid YAML: {exc}"))
        return {}
    if not isinstance(content, dict):
        problems.append(Problem(name, "-", "top level must be a mapping"))
        return {}
    return content


def _tuple(value: Any) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


def _text(value: Any) -> str:
    return squash_spaces(str(value)) if value is not None else ""


class _Builder:
    """Turns raw YAML mappings into records, recording problems instead of stopping at the first."""

    def __init__(self, folder: Path, agreement_text: str):
        self.folder = folder
        self.problems: list[Problem] = []
        self.agreement_text = agreement_text
        self._flat_text = squash_spaces(agreement_text)

    def problem(self, file: str, record: str, message: str) -> None:
        self.problems.append(Problem(file, record, message))

    def check_verbatim(self, file: str, record: str, source: str, what: str = "source") -> None:
        if not source:
            self.problem(file, record, f"no {what}: every record must quote the agreement")
        elif squash_spaces(source) not in self._flat_text:
            self.problem(file, record, f"{what} not found verbatim in the agreement: {source[:90]!r}")

    def unique(self, file: str, kind: str, ids: Iterable[str]) -> None:
        seen: set[str] = set()
        for ident in ids:
            if ident in seen:
                self.problem(file, ident, f"duplicate {kind} id")
            seen.add(ident)

    def require(self, file: str, raw: dict, keys: tuple[str, ...]) -> bool:
        record = str(raw.get("id", "?"))
        missing = [k for k in keys if not raw.get(k)]
        for key in missing:
            self.problem(file, record, f"missing field '{key}'")
        return not missing


def _slice_sections(raw_sections: list[dict], text: str, builder: _Builder) -> dict[str, str]:
    """Cut the agreement text into sections, from each heading to the next one."""
    lines = text.splitlines()
    starts: list[tuple[int, dict]] = []
    for raw in raw_sections:
        heading = raw.get("heading", "")
        index = next((i for i, line in enumerate(lines) if line.strip() == heading.strip()), None)
        if index is None:
            builder.problem("sections.yml", str(raw.get("id")), f"heading not found in the agreement: {heading!r}")
            continue
        starts.append((index, raw))
    starts.sort(key=lambda item: item[0])
    texts: dict[str, str] = {}
    for position, (index, raw) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        end_marker = raw.get("end")
        if end_marker:
            stop = next((i for i in range(index, stop) if lines[i].strip().startswith(end_marker)), stop)
        texts[raw["id"]] = "\n".join(lines[index:stop]).strip()
    return texts


def load(folder: Path | None = None, agreement_path: Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base; raise :class:`KnowledgeError` listing every problem."""
    folder = folder or data_dir()
    agreement_path = agreement_path or folder / AGREEMENT_FILE
    try:
        agreement_text = agreement_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError([Problem(str(agreement_path), "-", "agreement text is missing")]) from None
    b = _Builder(folder, agreement_text)
    raw = {name: _read_yaml(folder, name, b.problems) for name in DATA_FILES}
    digest = hashlib.sha256(agreement_text.encode())
    for name in DATA_FILES:
        digest.update(yaml.safe_dump(raw[name], sort_keys=True, allow_unicode=True).encode())

    vocabulary = raw["vocabulary.yml"]
    actions = {k: tuple(str(t) for t in _tuple(v)) for k, v in (vocabulary.get("actions") or {}).items()}

    parties = _build_parties(raw["parties.yml"].get("parties") or [], b)
    sections = _build_sections(raw["sections.yml"].get("sections") or [], agreement_text, b)
    support_lines = _build_lines(raw["support_lines.yml"].get("support_lines") or [], parties, sections, b)
    subjects_raw = raw["subjects.yml"]
    subjects = _build_subjects(subjects_raw.get("subjects") or [], support_lines, actions, b)
    uncovered = _build_uncovered(subjects_raw, b)
    obligations = _build_obligations(
        raw["obligations.yml"].get("obligations") or [], parties, sections, subjects, actions, support_lines, b
    )
    agreement = raw["agreement.yml"]
    terms = _build_terms(agreement.get("terms") or [], parties, sections, subjects, b)
    governance = _build_governance(agreement.get("governance") or [], parties, sections, b)
    quirks = _build_quirks(agreement.get("quirks") or [], b)

    covered = {o.section for o in obligations} | {t.section for t in terms}
    for section_id in sections:
        if section_id not in covered:
            b.problem("sections.yml", section_id, "no obligation or term comes from this section")

    correspondence = agreement.get("correspondence") or {}
    if correspondence:
        b.check_verbatim("agreement.yml", "correspondence", correspondence.get("source", ""))
    if b.problems:
        raise KnowledgeError(b.problems)
    return KnowledgeBase(
        title=_text((agreement.get("agreement") or {}).get("title")),
        parties=parties,
        sections=sections,
        obligations=tuple(obligations),
        terms=tuple(terms),
        subjects=subjects,
        uncovered=tuple(uncovered),
        support_lines=support_lines,
        governance=tuple(governance),
        actions=actions,
        yes_no_markers=tuple(str(m) for m in vocabulary.get("yes_no_markers") or ()),
        quirks=tuple(quirks),
        correspondence={k: _text(v) for k, v in correspondence.items()},
        signatures=agreement.get("signatures") or {},
        objective_principles=tuple((agreement.get("objective") or {}).get("principles") or ()),
        agreement_text=agreement_text,
        content_hash=digest.hexdigest(),
    )


def _build_parties(items: list[dict], b: _Builder) -> dict[str, Party]:
    b.unique("parties.yml", "party", (str(i.get("id")) for i in items))
    parties: dict[str, Party] = {}
    for item in items:
        if not b.require("parties.yml", item, ("id", "name")):
            continue
        parties[item["id"]] = Party(
            id=item["id"],
            name=item["name"],
            short=item.get("short", item["name"]),
            article_name=item.get("article_name", item["name"]),
            representative=_text(item.get("representative")),
            address=_text(item.get("address")),
            units=tuple((u["id"], u["name"]) for u in item.get("units") or ()),
            aliases=tuple(str(a) for a in _tuple(item.get("aliases"))),
        )
    return parties


def _build_sections(items: list[dict], agreement_text: str, b: _Builder) -> dict[str, Section]:
    b.unique("sections.yml", "section", (str(i.get("id")) for i in items))
    texts = _slice_sections(items, agreement_text, b)
    sections: dict[str, Section] = {}
    for item in items:
        if not b.require("sections.yml", item, ("id", "label", "title", "heading")):
            continue
        sections[item["id"]] = Section(
            id=item["id"],
            label=item["label"],
            title=str(item["title"]),
            heading=item["heading"],
            number=item.get("number"),
            end=item.get("end"),
            note=_text(item.get("note")),
            text=texts.get(item["id"], ""),
        )
    return sections


def _build_lines(items, parties, sections, b: _Builder) -> dict[str, SupportLine]:
    b.unique("support_lines.yml", "support line", (str(i.get("id")) for i in items))
    lines: dict[str, SupportLine] = {}
    for item in items:
        if not b.require("support_lines.yml", item, ("id", "name", "party", "section", "scope")):
            continue
        ident = item["id"]
        for party in (item["party"], *_tuple(item.get("parties"))):
            if party not in parties:
                b.problem("support_lines.yml", ident, f"unknown party '{party}'")
        if item["section"] not in sections:
            b.problem("support_lines.yml", ident, f"unknown section '{item['section']}'")
        b.check_verbatim("support_lines.yml", ident, item.get("source", ""))
        if item.get("online_source"):
            b.check_verbatim("support_lines.yml", ident, item["online_source"], "online_source")
        if item.get("phone") and item["phone"] not in b.agreement_text:
            b.problem("support_lines.yml", ident, f"phone {item['phone']} does not appear in the agreement")
        hours = tuple(tuple(pair) for pair in item.get("hours") or ())
        for pair in hours:
            if len(pair) != 2 or not all(_valid_clock(h) for h in pair) or pair[0] >= pair[1]:
                b.problem("support_lines.yml", ident, f"invalid opening period {pair!r} (want [\"HH:MM\", \"HH:MM\"])")
        days = tuple(int(d) for d in item.get("days") or ())
        if any(d < 0 or d > 6 for d in days):
            b.problem("support_lines.yml", ident, "days are 0 (Monday) to 6 (Sunday)")
        lines[ident] = SupportLine(
            id=ident,
            name=item["name"],
            party=item["party"],
            section=item["section"],
            source=_text(item.get("source")),
            scope=_text(item["scope"]),
            online=_text(item.get("online")),
            phone=str(item.get("phone") or ""),
            days=days,
            hours=hours,
            hours_text=_text(item.get("hours_text")),
            postal=_text(item.get("postal")),
            parties=tuple(_tuple(item.get("parties"))) or (item["party"],),
            online_source=_text(item.get("online_source")),
            no_phone_note=_text(item.get("no_phone_note")),
        )
    return lines


def _valid_clock(value: Any) -> bool:
    text = str(value)
    if len(text) != 5 or text[2] != ":":
        return False
    hh, mm = text[:2], text[3:]
    return hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60


def _build_subjects(items, lines, actions, b: _Builder) -> dict[str, Subject]:
    b.unique("subjects.yml", "subject", (str(i.get("id")) for i in items))
    ids = {str(i.get("id")) for i in items}
    subjects: dict[str, Subject] = {}
    for item in items:
        if not b.require("subjects.yml", item, ("id", "label", "terms")):
            continue
        ident = item["id"]
        if item.get("parent") and item["parent"] not in ids:
            b.problem("subjects.yml", ident, f"unknown parent subject '{item['parent']}'")
        for line in (item.get("line"), *(item.get("line_by_action") or {}).values()):
            if line and line not in lines:
                b.problem("subjects.yml", ident, f"unknown support line '{line}'")
        for action in (item.get("line_by_action") or {}):
            if action not in actions:
                b.problem("subjects.yml", ident, f"unknown action '{action}' in line_by_action")
        options = []
        for opt in item.get("clarify") or ():
            if opt.get("subject") and opt["subject"] not in ids:
                b.problem("subjects.yml", ident, f"clarify option names unknown subject '{opt['subject']}'")
            if opt.get("action") and opt["action"] not in actions:
                b.problem("subjects.yml", ident, f"clarify option names unknown action '{opt['action']}'")
            options.append(ClarifyOption(label=opt["label"], subject=opt.get("subject"), action=opt.get("action")))
        for action, target in (item.get("by_action") or {}).items():
            if action not in actions or target not in ids:
                b.problem("subjects.yml", ident, f"by_action {action} -> {target}: unknown action or subject")
        weak = tuple(str(t) for t in _tuple(item.get("weak")))
        for term in weak:
            if term not in item["terms"]:
                b.problem("subjects.yml", ident, f"weak term '{term}' is not in terms")
        if item.get("incident") and not item.get("line"):
            b.problem("subjects.yml", ident, "an incident category needs a support line")
        subjects[ident] = Subject(
            id=ident,
            label=item["label"],
            terms=tuple(str(t) for t in item["terms"]),
            parent=item.get("parent"),
            line=item.get("line"),
            line_by_action=dict(item.get("line_by_action") or {}),
            incident=bool(item.get("incident")),
            incident_label=item.get("incident_label") or item["label"],
            kind=item.get("kind", "topic"),
            clarify=tuple(options),
            weak_terms=weak,
            by_action=dict(item.get("by_action") or {}),
        )
    return subjects


def _build_uncovered(raw: dict, b: _Builder) -> list[Uncovered]:
    result = []
    for kind in ("not_specified", "out_of_scope"):
        for item in raw.get(kind) or ():
            if b.require("subjects.yml", item, ("id", "label", "terms")):
                result.append(
                    Uncovered(
                        id=item["id"],
                        label=item["label"],
                        terms=tuple(str(t) for t in item["terms"]),
                        kind=kind,
                        contact=item.get("contact", ""),
                    )
                )
    b.unique("subjects.yml", "uncovered topic", (u.id for u in result))
    return result


def _check_refs(b, file, ident, parties_ids, known_parties, subject_ids, known_subjects, section, sections):
    for party in parties_ids:
        if party not in known_parties:
            b.problem(file, ident, f"unknown party '{party}'")
    for subject in subject_ids:
        if subject not in known_subjects:
            b.problem(file, ident, f"unknown subject '{subject}'")
    if section not in sections:
        b.problem(file, ident, f"unknown section '{section}'")


def _build_obligations(items, parties, sections, subjects, actions, lines, b: _Builder) -> list[Obligation]:
    file = "obligations.yml"
    b.unique(file, "obligation", (str(i.get("id")) for i in items))
    result = []
    for item in items:
        ident = str(item.get("id", "?"))
        b.check_verbatim(file, ident, item.get("source", ""))
        if not b.require(file, item, ("id", "section", "parties", "role", "actions", "subjects", "statement")):
            continue
        party_ids = _tuple(item["parties"])
        subject_ids = _tuple(item["subjects"])
        _check_refs(b, file, ident, party_ids, parties, subject_ids, subjects, item["section"], sections)
        if item["role"] not in ROLES:
            b.problem(file, ident, f"unknown role '{item['role']}' (one of {', '.join(ROLES)})")
        for action in _tuple(item["actions"]):
            if action not in actions:
                b.problem(file, ident, f"unknown action '{action}'")
        if item.get("line") and item["line"] not in lines:
            b.problem(file, ident, f"unknown support line '{item['line']}'")
        if item["role"] == "must_not" and not item.get("advice"):
            b.problem(file, ident, "a 'must_not' obligation needs 'advice' (what to do instead)")
        result.append(
            Obligation(
                id=ident,
                section=item["section"],
                parties=tuple(party_ids),
                role=item["role"],
                actions=tuple(_tuple(item["actions"])),
                subjects=tuple(subject_ids),
                statement=_text(item["statement"]),
                source=_text(item.get("source")),
                condition=_text(item.get("condition")),
                advice=_text(item.get("advice")),
                scenario=item.get("scenario"),
                line=item.get("line"),
                note=_text(item.get("note")),
            )
        )
    return result


def _build_terms(items, parties, sections, subjects, b: _Builder) -> list[Term]:
    file = "agreement.yml"
    b.unique(file, "term", (str(i.get("id")) for i in items))
    result = []
    for item in items:
        ident = str(item.get("id", "?"))
        b.check_verbatim(file, ident, item.get("source", ""))
        if not b.require(file, item, ("id", "section", "subjects", "statement")):
            continue
        party_ids = _tuple(item.get("parties"))
        _check_refs(b, file, ident, party_ids, parties, _tuple(item["subjects"]), subjects, item["section"], sections)
        result.append(
            Term(
                id=ident,
                section=item["section"],
                subjects=tuple(_tuple(item["subjects"])),
                statement=_text(item["statement"]),
                source=_text(item.get("source")),
                parties=tuple(party_ids),
                note=_text(item.get("note")),
            )
        )
    return result


def _build_governance(items, parties, sections, b: _Builder) -> list[GovernanceBody]:
    file = "agreement.yml"
    result = []
    for item in items:
        ident = str(item.get("id", "?"))
        b.check_verbatim(file, ident, item.get("source", ""))
        if not b.require(file, item, ("id", "name", "section", "frequency", "role")):
            continue
        members = []
        for member in item.get("members") or ():
            if member.get("party") not in parties:
                b.problem(file, ident, f"member with unknown party '{member.get('party')}'")
            members.append(GovernanceMember(who=member["who"], party=member["party"]))
        for party in _tuple(item.get("animated_by")):
            if party not in parties:
                b.problem(file, ident, f"unknown party '{party}'")
        if item["section"] not in sections:
            b.problem(file, ident, f"unknown section '{item['section']}'")
        result.append(
            GovernanceBody(
                id=ident,
                name=item["name"],
                section=item["section"],
                frequency=item["frequency"],
                role=_text(item["role"]),
                source=_text(item.get("source")),
                members=tuple(members),
                animated_by=tuple(_tuple(item.get("animated_by"))),
                members_note=_text(item.get("members_note")),
            )
        )
    return result


def _build_quirks(items, b: _Builder) -> list[Quirk]:
    result = []
    for number, item in enumerate(items, 1):
        b.check_verbatim("agreement.yml", f"quirk {number}", item.get("text", ""), "quirk text")
        result.append(Quirk(section=item.get("section", ""), text=_text(item.get("text")), note=_text(item.get("note"))))
    return result

"""Turn the raw YAML mappings of knowledge/data into typed records, reporting problems to a :class:`Checker`.

Each ``build_*`` function checks the references its records make (parties, sections, subjects, lines) and
that every quoted source is verbatim; nothing here stops at the first problem.
"""
from __future__ import annotations

from typing import Any, Optional

from knowledge.normalise import normalise, squash_spaces
from knowledge.records import (
    ROLES,
    Claim,
    ClarifyOption,
    GovernanceBody,
    GovernanceMember,
    Obligation,
    Party,
    Quirk,
    Section,
    Subject,
    SupportLine,
    Term,
    Uncovered,
    Unit,
)
from knowledge.validation import Checker


def as_tuple(value: Any) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


def as_text(value: Any) -> str:
    return squash_spaces(str(value)) if value is not None else ""


def slice_sections(raw_sections: list[dict], text: str, builder: Checker) -> dict[str, str]:
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


def build_parties(items: list[dict], b: Checker) -> dict[str, Party]:
    b.unique("parties.yml", "party", (str(i.get("id")) for i in items))
    parties: dict[str, Party] = {}
    for item in items:
        if not b.require("parties.yml", item, ("id", "name")):
            continue
        if item.get("representative"):
            b.check_verbatim("parties.yml", item["id"], item.get("source", ""))
        parties[item["id"]] = Party(
            id=item["id"],
            name=item["name"],
            short=item.get("short", item["name"]),
            article_name=item.get("article_name", item["name"]),
            representative=as_text(item.get("representative")),
            address=as_text(item.get("address")),
            units=tuple(Unit(u["id"], u["name"], tuple(normalise(str(w)) for w in u.get("words") or ()))
                        for u in item.get("units") or ()),
            aliases=tuple(str(a) for a in as_tuple(item.get("aliases"))),
            source=as_text(item.get("source")),
        )
    return parties


def build_sections(items: list[dict], agreement_text: str, b: Checker) -> dict[str, Section]:
    b.unique("sections.yml", "section", (str(i.get("id")) for i in items))
    texts = slice_sections(items, agreement_text, b)
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
            note=as_text(item.get("note")),
            text=texts.get(item["id"], ""),
            within=item.get("within"),
        )
    for section in sections.values():
        if section.within is not None and section.within not in sections:
            b.problem("sections.yml", section.id, f"within: unknown section {section.within!r}")
    return sections


def build_lines(items, parties, sections, b: Checker) -> dict[str, SupportLine]:
    b.unique("support_lines.yml", "support line", (str(i.get("id")) for i in items))
    lines: dict[str, SupportLine] = {}
    for item in items:
        if not b.require("support_lines.yml", item, ("id", "name", "party", "section", "scope")):
            continue
        ident = item["id"]
        for party in (item["party"], *as_tuple(item.get("parties"))):
            if party not in parties:
                b.problem("support_lines.yml", ident, f"unknown party '{party}'")
        if item["section"] not in sections:
            b.problem("support_lines.yml", ident, f"unknown section '{item['section']}'")
        b.check_verbatim("support_lines.yml", ident, item.get("source", ""))
        if item.get("scope_source"):
            b.check_verbatim("support_lines.yml", ident, item["scope_source"], "scope_source")
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
            source=as_text(item.get("source")),
            scope=as_text(item["scope"]),
            online=as_text(item.get("online")),
            phone=str(item.get("phone") or ""),
            days=days,
            hours=hours,
            hours_text=as_text(item.get("hours_text")),
            postal=as_text(item.get("postal")),
            parties=tuple(as_tuple(item.get("parties"))) or (item["party"],),
            online_source=as_text(item.get("online_source")),
            no_phone_note=as_text(item.get("no_phone_note")),
            scope_source=as_text(item.get("scope_source")),
        )
    return lines


def _valid_clock(value: Any) -> bool:
    text = str(value)
    if len(text) != 5 or text[2] != ":":
        return False
    hh, mm = text[:2], text[3:]
    return hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60


def build_subjects(items, lines, actions, b: Checker) -> dict[str, Subject]:
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
        runs_on = tuple(str(t) for t in as_tuple(item.get("runs_on")))
        for device in runs_on:
            if device not in ids:
                b.problem("subjects.yml", ident, f"runs_on names unknown subject '{device}'")
        weak = tuple(str(t) for t in as_tuple(item.get("weak")))
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
            runs_on=runs_on,
        )
    return subjects


def build_uncovered(raw: dict, b: Checker) -> list[Uncovered]:
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


def build_obligations(items, parties, sections, subjects, actions, lines, b: Checker) -> list[Obligation]:
    file = "obligations.yml"
    b.unique(file, "obligation", (str(i.get("id")) for i in items))
    result = []
    for item in items:
        ident = str(item.get("id", "?"))
        b.check_verbatim(file, ident, item.get("source", ""))
        required = ("id", "section", "role", "actions", "subjects", "statement")
        if not b.require(file, item, required + (() if item.get("role") == "rule" else ("parties",))):
            continue
        party_ids = as_tuple(item.get("parties"))
        if item["role"] == "rule" and party_ids:
            b.problem(file, ident, "a 'rule' record names no party (the text does not say who)")
        subject_ids = as_tuple(item["subjects"])
        _check_refs(b, file, ident, party_ids, parties, subject_ids, subjects, item["section"], sections)
        if item["role"] not in ROLES:
            b.problem(file, ident, f"unknown role '{item['role']}' (one of {', '.join(ROLES)})")
        for action in as_tuple(item["actions"]):
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
                actions=tuple(as_tuple(item["actions"])),
                subjects=tuple(subject_ids),
                statement=as_text(item["statement"]),
                source=as_text(item.get("source")),
                condition=as_text(item.get("condition")),
                advice=as_text(item.get("advice")),
                scenario=item.get("scenario"),
                line=item.get("line"),
                note=as_text(item.get("note")),
            )
        )
    return result


def build_terms(items, parties, sections, subjects, b: Checker) -> list[Term]:
    file = "agreement.yml"
    b.unique(file, "term", (str(i.get("id")) for i in items))
    result = []
    for item in items:
        ident = str(item.get("id", "?"))
        b.check_verbatim(file, ident, item.get("source", ""))
        if not b.require(file, item, ("id", "section", "subjects", "statement")):
            continue
        party_ids = as_tuple(item.get("parties"))
        _check_refs(b, file, ident, party_ids, parties, as_tuple(item["subjects"]), subjects, item["section"], sections)
        result.append(
            Term(
                id=ident,
                section=item["section"],
                subjects=tuple(as_tuple(item["subjects"])),
                statement=as_text(item["statement"]),
                source=as_text(item.get("source")),
                parties=tuple(party_ids),
                note=as_text(item.get("note")),
                claims=_claims(item.get("claims"), b, file, ident),
            )
        )
    return result


def _claims(raw, b: Checker, file: str, ident: str) -> tuple[Claim, ...]:
    claims = []
    for claim in raw or ():
        words = tuple(normalise(str(w)) for w in as_tuple(claim.get("words")))
        if claim.get("verdict") not in ("oui", "non") or not words:
            b.problem(file, ident, "each claim needs a verdict (oui or non) and words")
            continue
        claims.append(Claim(verdict=claim["verdict"], words=words))
    return tuple(claims)


def build_governance(items, parties, sections, b: Checker) -> list[GovernanceBody]:
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
            members.append(GovernanceMember(who=member["who"], party=member["party"],
                                            words=tuple(as_tuple(member.get("words")))))
        for party in as_tuple(item.get("animated_by")):
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
                role=as_text(item["role"]),
                source=as_text(item.get("source")),
                members=tuple(members),
                animated_by=tuple(as_tuple(item.get("animated_by"))),
                members_note=as_text(item.get("members_note")),
                words=tuple(as_tuple(item.get("words"))),
                times_a_year=_times_a_year(item.get("times_a_year"), b, ident),
            )
        )
    return result


def _times_a_year(raw, b: Checker, ident: str) -> tuple[Optional[int], Optional[int]]:
    if raw is None:
        return (None, None)
    if not (isinstance(raw, list) and len(raw) == 2 and all(v is None or isinstance(v, int) for v in raw)):
        b.problem("agreement.yml", ident, "times_a_year must be [least, most] (integers, most may be null)")
        return (None, None)
    return (raw[0], raw[1])


def build_quirks(items, b: Checker) -> list[Quirk]:
    result = []
    for number, item in enumerate(items, 1):
        b.check_verbatim("agreement.yml", f"quirk {number}", item.get("text", ""), "quirk text")
        result.append(Quirk(section=item.get("section", ""), text=as_text(item.get("text")), note=as_text(item.get("note"))))
    return result


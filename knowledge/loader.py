"""Load the agreement's YAML data into typed records, validating it loudly.

Every problem names the file and the record (see :mod:`knowledge.validation`); all problems are collected
and reported together. The records are built by :mod:`knowledge.record_builders`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from knowledge import amendment_loader, inference_builders
from knowledge import record_builders as build
from knowledge.normalise import normalise
from knowledge.people_builders import build_people
from knowledge.records import KnowledgeBase
from knowledge.validation import (
    Checker,
    KnowledgeError,
    Problem,
    check_action_terms,
    check_line_inferences,
    check_shared_terms,
    check_tags,
    subject_parties,
)
from settings.config import get_settings

__all__ = ["AGREEMENT_FILE", "DATA_DIR", "DATA_FILES", "KnowledgeError", "Problem", "data_dir", "load"]

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
    "inferences.yml",
    "verbs.yml",
)


# PyYAML's libyaml bindings, same safe subset as yaml.safe_load/safe_dump: the pure-Python ones took most of a
# load (about 2 s of a 2.4 s load), paid at each start and by every test that loads a copy of the data.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def data_dir() -> Path:
    """The folder holding the YAML files (setting ``KNOWLEDGE_DATA_DIR`` overrides the packaged one)."""
    return get_settings().knowledge_data_dir or DATA_DIR


def _read_yaml(folder: Path, name: str, problems: list[Problem]) -> dict[str, Any]:
    path = folder / name
    try:
        with path.open(encoding="utf-8") as handle:
            content = yaml.load(handle, Loader=YAML_LOADER) or {}
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


def load(folder: Path | None = None, agreement_path: Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base; raise :class:`KnowledgeError` listing every problem."""
    folder = folder or data_dir()
    agreement_path = agreement_path or folder / AGREEMENT_FILE
    try:
        agreement_text = agreement_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError([Problem(str(agreement_path), "-", "agreement text is missing")]) from None
    b = Checker(agreement_text)
    raw = {name: _read_yaml(folder, name, b.problems) for name in DATA_FILES}
    digest = hashlib.sha256(agreement_text.encode())
    for name in DATA_FILES:
        digest.update(yaml.dump(raw[name], Dumper=YAML_DUMPER, sort_keys=True, allow_unicode=True).encode())

    vocabulary = raw["vocabulary.yml"]
    actions = {k: tuple(str(t) for t in build.as_tuple(v)) for k, v in (vocabulary.get("actions") or {}).items()}

    parties = build.build_parties(raw["parties.yml"].get("parties") or [], b)
    sections = build.build_sections(raw["sections.yml"].get("sections") or [], agreement_text, b)
    support_lines = build.build_lines(raw["support_lines.yml"].get("support_lines") or [], parties, sections, b)
    subjects_raw = raw["subjects.yml"]
    subjects = build.build_subjects(subjects_raw.get("subjects") or [], support_lines, actions, b)
    uncovered = build.build_uncovered(subjects_raw, b)
    obligations = build.build_obligations(
        raw["obligations.yml"].get("obligations") or [], parties, sections, subjects, actions, support_lines, b
    )
    agreement = raw["agreement.yml"]
    terms = build.build_terms(agreement.get("terms") or [], parties, sections, subjects, b)
    governance = build.build_governance(agreement.get("governance") or [], parties, sections, b)
    quirks = build.build_quirks(agreement.get("quirks") or [], b)
    people = build_people(agreement.get("people") or [], parties, sections, b)
    inferred = raw["inferences.yml"]
    inferences = inference_builders.build_inferences(inferred.get("inferences") or [], sections, subjects, support_lines, b)
    silences = inference_builders.build_silences(inferred.get("silences") or [], sections, subjects, actions, b)
    check_line_inferences(b, inferences, subjects)
    # The tags must say no more than the sentences they come from.
    check_tags(b, obligations, raw["verbs.yml"])
    for action in actions:
        if action not in (raw["verbs.yml"].get("actions") or {}):
            b.problem("verbs.yml", action, "every action of vocabulary.yml needs its list of supporting words")
    check_action_terms(b, actions, parties)
    check_shared_terms(b, subjects, subject_parties(subjects, obligations, support_lines),
                       vocabulary.get("homonyms") or ())

    covered = {o.section for o in obligations} | {t.section for t in terms}
    for section_id in sections:
        if section_id not in covered:
            b.problem("sections.yml", section_id, "no obligation or term comes from this section")

    correspondence = agreement.get("correspondence") or {}
    if correspondence:
        b.check_verbatim("agreement.yml", "correspondence", correspondence.get("source", ""))
    amendments = _load_amendments(folder, b, digest, parties, sections, subjects, actions, obligations, terms,
                                  support_lines, governance)
    if b.problems:
        raise KnowledgeError(b.problems)
    return KnowledgeBase(
        title=build.as_text((agreement.get("agreement") or {}).get("title")),
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
        idioms=tuple(str(m) for m in vocabulary.get("idioms") or ()),
        not_typos=frozenset(str(w) for w in vocabulary.get("not_typos") or ()),
        synonyms=tuple(tuple(normalise(str(w)) for w in group) for group in vocabulary.get("synonyms") or ()),
        quirks=tuple(quirks),
        correspondence={k: build.as_text(v) for k, v in correspondence.items()},
        signatures=agreement.get("signatures") or {},
        objective_principles=tuple((agreement.get("objective") or {}).get("principles") or ()),
        agreement_text=agreement_text,
        content_hash=digest.hexdigest(),
        inferences=tuple(inferences),
        silences=tuple(silences),
        amendments=amendments,
        people=tuple(people),
    )


def _load_amendments(folder, b: Checker, digest, parties, sections, subjects, actions, obligations, terms,
                     support_lines, governance):
    """The avenants of ``folder/avenants``, validated against the 2017 records; kept apart from
    them (knowledge.versions applies those in force on a date). Their content enters the hash, so adding an
    avenant refreshes the database copy."""
    raw = amendment_loader.read_raw(folder, b.problems)
    for name, content in raw.items():
        digest.update(name.encode() + yaml.dump(content, Dumper=YAML_DUMPER, sort_keys=True, allow_unicode=True).encode())
    return amendment_loader.build(raw, b, parties=parties, sections=sections, subjects=subjects, actions=actions,
                                  obligations=obligations, terms=terms, support_lines=support_lines,
                                  governance=governance)

"""Checks of the knowledge data against the agreement's text: problems are collected, never raised one by one.

Every problem names the file and the record, so that someone at the Département who edits the YAML knows
what to fix. Besides the references between files, two checks read the source sentences themselves:

* a record's actions and role must be supported by a word of its own quote, through the verb list of
  ``verbs.yml`` (so that « acquisition » can carry ``acheter`` but not ``reparer``);
* a term shared by two subjects that lead to different parties must be declared as a word with two
  meanings (``vocabulary.yml`` ``homonyms``), since the matcher gives it to the first subject only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from knowledge.normalise import normalise, squash_spaces
from knowledge.records import Obligation, Subject, SupportLine


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


class Checker:
    """Collects problems while records are built, instead of stopping at the first one."""

    def __init__(self, agreement_text: str):
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


# --------------------------------------------------------------------------- tags against the source


def _supports(words: Sequence[str], source: str) -> bool:
    """True when one of ``words`` starts a word of ``source`` (accents, case and punctuation ignored)."""
    text = f" {normalise(source)} "
    return any(re.search(rf" {re.escape(normalise(w))}", text) for w in words if normalise(w))


def check_tags(
    checker: Checker,
    obligations: Sequence[Obligation],
    verbs: Mapping[str, Mapping[str, Sequence[str]]],
    file: str = "obligations.yml",
) -> None:
    """Refuse an action or a role that no word of the record's own quote supports (verbs.yml)."""
    action_words = verbs.get("actions") or {}
    role_words = verbs.get("roles") or {}
    for obligation in obligations:
        for action in obligation.actions:
            words = action_words.get(action)
            if words is None:
                checker.problem(file, obligation.id, f"action '{action}' has no entry in verbs.yml")
            elif not _supports(words, obligation.source):
                checker.problem(file, obligation.id,
                                f"action '{action}' is not supported by its source (verbs.yml: {', '.join(words)})")
        words = role_words.get(obligation.role)
        if words and not _supports(words, obligation.source):
            checker.problem(file, obligation.id,
                            f"role '{obligation.role}' is not supported by its source (verbs.yml: {', '.join(words)})")


def subject_parties(
    subjects: Mapping[str, Subject], obligations: Sequence[Obligation], lines: Mapping[str, SupportLine]
) -> dict[str, frozenset[str]]:
    """The parties each subject leads to: those of its obligations, else those of its support line."""
    result: dict[str, frozenset[str]] = {}
    for ident, subject in subjects.items():
        parties = {p for o in obligations if ident in o.subjects for p in o.parties}
        if not parties and subject.line is not None and subject.line in lines:
            parties = set(lines[subject.line].parties)
        result[ident] = frozenset(parties)
    return result


def check_action_terms(checker: Checker, actions: Mapping[str, Sequence[str]], parties: Mapping[str, Any]) -> None:
    """Refuse a party's name inside an action's words (« avis du département »): the name then counts as a verb's
    word, and the checks that tell a party named from a thing named no longer see it."""
    for action, words in actions.items():
        for term in words:
            named = set(normalise(term).split()) & set(parties)
            if named:
                checker.problem("vocabulary.yml", action,
                                f"action term '{term}' contains the name of a party ({', '.join(sorted(named))})")


def check_shared_terms(
    checker: Checker,
    subjects: Mapping[str, Subject],
    parties_of: Mapping[str, frozenset[str]],
    homonyms: Iterable[str],
    file: str = "subjects.yml",
) -> None:
    """Refuse a term given to two subjects that lead to different parties, unless declared a homonym."""
    declared = {normalise(h) for h in homonyms}
    owner: dict[str, str] = {}
    for ident, subject in subjects.items():
        for term in subject.terms:
            key = normalise(term)
            first = owner.setdefault(key, ident)
            if first == ident or key in declared:
                continue
            if parties_of.get(first, frozenset()) != parties_of.get(ident, frozenset()):
                checker.problem(
                    file, ident,
                    f"term '{term}' is also a term of subject '{first}', which leads to other parties "
                    "(declare it in vocabulary.yml `homonyms` if the word really has two meanings)",
                )


def check_line_inferences(checker: Checker, inferences: Sequence, subjects: Mapping[str, Subject],
                          file: str = "inferences.yml") -> None:
    """A routing inference must describe the routing the data really does (subjects.yml `line`, via parents)."""
    for inference in inferences:
        if inference.use != "line":
            continue
        for subject_id in inference.subjects:
            routed, current, seen = None, subject_id, set()
            while current in subjects and current not in seen and routed is None:
                seen.add(current)
                routed, current = subjects[current].line, subjects[current].parent
            if routed != inference.line:
                checker.problem(file, inference.id, f"subject '{subject_id}' is routed to line {routed!r}, "
                                                    f"not {inference.line!r} as this inference says")

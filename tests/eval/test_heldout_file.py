"""Checks of the frozen held-out set (tests/eval/heldout.yml): shape, coverage, and that it stays held out.

Fast and without a bot. The near-duplicate check compares every held-out turn with every example of
data/nlu/**/*.yml (annotations removed) and every turn of the development set: a held-out question that
a training example or a dev question nearly repeats no longer measures anything new.
"""
from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import pytest
import yaml

from tests.eval import model, run_eval
from tests.eval.model import CATEGORIES, ITEM_CLASSES, OUTCOMES, PARTIES, ROLES, SECTIONS, Item, load_items
from tests.eval.test_questions_file import AGREEMENT, ANNOTATION, NLU_DIR, SHARED_AGREEMENT, _plain

HELDOUT = model.HELDOUT_FILE
NEAR_DUPLICATE_RATIO = 0.85
MINIMUM_ITEMS = 300
MINIMUM_PER_CLASS = 10
MINIMUM_PER_OUTCOME = {"answer": 150, "clarify": 10, "decline": 20, "silent": 20}
ALLOWED_KEYS = {"id", "category", "role", "turns", "expect", "outcome", "class", "incident"}
EXPECT_KEYS = {"articles", "articles_any", "parties", "facts", "yes_no", "clarify"}


# --------------------------------------------------------------------------------- near-duplicate detector
def nlu_examples(root: Path = NLU_DIR) -> list[str]:
    """Every example line of every YAML file under ``root`` (recursively), annotations removed."""
    examples: list[str] = []
    for path in sorted(root.rglob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}  # libyaml: 10x faster
        for block in data.get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append(ANNOTATION.sub(r"\1", line[2:]))
    return examples


def near_duplicates(candidates: Iterable[str], references: Iterable[str],
                    threshold: float = NEAR_DUPLICATE_RATIO) -> list[tuple[str, str, float]]:
    """Pairs (candidate, reference, ratio) whose normalised forms are equal or at least ``threshold`` alike.

    Normalisation is :func:`tests.eval.test_questions_file._plain` (lower case, no accents, punctuation
    collapsed). ``real_quick_ratio`` and ``quick_ratio`` are upper bounds of ``ratio``, so skipping on them
    changes no verdict and keeps the thousands of comparisons fast.
    """
    refs = sorted({_plain(r) for r in references if _plain(r)})
    hits: list[tuple[str, str, float]] = []
    for candidate in candidates:
        plain = _plain(candidate)
        matcher = difflib.SequenceMatcher(None, "", plain, autojunk=False)
        for ref in refs:
            if ref == plain:
                hits.append((candidate, ref, 1.0))
                continue
            matcher.set_seq1(ref)  # seq2 (the candidate) stays, so its index is computed once
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                hits.append((candidate, ref, round(ratio, 3)))
    return hits


# ------------------------------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def raw_items() -> list[dict]:
    data = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return load_items(HELDOUT)


def _turns(items: Sequence[Item]) -> list[str]:
    return [turn for item in items for turn in item.turns]


# ------------------------------------------------------------------------------------------------- shape
def test_file_parses_into_enough_items(raw_items, items):
    assert len(items) == len(raw_items) >= MINIMUM_ITEMS


def test_header_says_frozen_and_how_to_run():
    header = HELDOUT.read_text(encoding="utf-8").split("\n- ", 1)[0]
    assert "FROZEN on 2026-12-01" in header
    assert "never tune" in header.lower()
    assert "make eval-heldout" in header and "--heldout" in header


def test_every_item_has_known_keys_an_outcome_and_a_class(raw_items):
    for raw in raw_items:
        assert set(raw) <= ALLOWED_KEYS, raw["id"]
        assert set(raw["expect"]) <= EXPECT_KEYS, raw["id"]
        assert raw.get("outcome") in OUTCOMES, raw["id"]
        assert raw.get("class") in ITEM_CLASSES, raw["id"]


def test_ids_are_unique_and_distinct_from_the_dev_set(items):
    duplicates = [i for i, n in Counter(item.id for item in items).items() if n > 1]
    assert duplicates == []
    assert {item.id for item in items} & {item.id for item in load_items()} == set()


def test_categories_roles_sections_and_parties_are_known(items):
    for item in items:
        expect = item.expect
        assert item.category in CATEGORIES, item.id
        assert item.role in ROLES, item.id
        for section in (expect.articles or ()) + (expect.articles_any or ()):
            assert section in SECTIONS, f"{item.id}: {section}"
        for party in expect.parties or ():
            assert party in PARTIES, f"{item.id}: {party}"
        assert expect.yes_no in (None, "oui", "non"), item.id


def test_outcome_specific_shapes(items):
    for item in items:
        expect = item.expect
        if item.outcome == "clarify":
            assert expect.clarify is True and expect.parties == () and not expect.yes_no, item.id
        else:
            assert expect.clarify is not True, item.id
        if item.outcome == "decline":
            assert expect.articles == () and expect.parties == () and not expect.facts, item.id
        if item.outcome == "silent":
            assert expect.parties == () and not expect.yes_no and not expect.facts, item.id
        if item.outcome == "answer":
            assert (expect.articles or expect.articles_any or expect.parties or expect.facts
                    or expect.yes_no), f"{item.id}: an answer item must say what the answer contains"
        if item.incident:
            assert item.outcome == "answer", item.id
        if item.category == "oui_non" and item.outcome == "answer":
            assert expect.yes_no in ("oui", "non"), item.id
        if item.category == "suivi":
            assert len(item.turns) >= 2, item.id


def test_facts_are_worded_as_in_the_agreement(items):
    text = _plain((SHARED_AGREEMENT if SHARED_AGREEMENT.exists() else AGREEMENT).read_text(encoding="utf-8"))
    missing = [(item.id, fact) for item in items for fact in item.expect.facts if _plain(fact) not in text]
    assert missing == []


# --------------------------------------------------------------------------------------------- coverage
def test_every_section_of_the_agreement_is_covered_by_an_answer(items):
    covered = {s for item in items if item.outcome == "answer"
               for s in (item.expect.articles or ()) + (item.expect.articles_any or ())}
    # entete/contexte were parts of `preambule` when the set was frozen (model.OPENING_ALIASES); the
    # signature block is asked about in items without an article (it belongs to no section).
    assert set(SECTIONS) - covered - {"entete", "contexte", "signatures"} == set()


def test_every_failure_class_has_its_minimum(items):
    counts = Counter(item.klass for item in items)
    for klass in range(1, 11):
        assert counts[klass] >= MINIMUM_PER_CLASS, f"class {klass}: {counts[klass]} < {MINIMUM_PER_CLASS}"
    assert counts[0] > 0


def test_every_outcome_and_role_is_represented(items):
    outcomes = Counter(item.outcome for item in items)
    for outcome, minimum in MINIMUM_PER_OUTCOME.items():
        assert outcomes[outcome] >= minimum, f"{outcome}: {outcomes[outcome]} < {minimum}"
    assert set(Counter(item.role for item in items)) == set(ROLES)


def test_yes_no_items_go_both_ways(items):
    answers = Counter(item.expect.yes_no for item in items if item.expect.yes_no)
    assert answers["oui"] >= 10 and answers["non"] >= 10


# ------------------------------------------------------------------------------------------- held out
def test_no_turn_is_close_to_a_training_example(items):
    examples = nlu_examples()
    assert len(examples) > 100, "data/nlu has no examples to compare with"
    assert near_duplicates(_turns(items), examples) == []


def test_no_turn_is_close_to_a_dev_question(items):
    # The development set and every helper's development file (tests/eval/dev_*.yml).
    dev_files = sorted(HELDOUT.parent.glob("dev_*.yml"))
    dev_turns = _turns(load_items()) + [turn for path in dev_files for turn in _turns(load_items(path))]
    assert near_duplicates(_turns(items), dev_turns) == []


def test_no_turn_is_repeated_inside_the_held_out_set(items):
    plain = Counter(_plain(turn) for turn in _turns(items))
    assert [t for t, n in plain.items() if n > 1] == []


def test_the_detector_flags_an_obvious_paraphrase():
    references = ["Qui installe le vidéoprojecteur ?", "combien de temps dure la convention"]
    hits = near_duplicates(["qui installe le videoprojecteur", "qui installe les videoprojecteurs ?",
                            "la convention dure combien de temps ?"], references)
    flagged = {candidate for candidate, _, _ in hits}
    assert flagged == {"qui installe le videoprojecteur", "qui installe les videoprojecteurs ?"}
    assert all(ratio >= NEAR_DUPLICATE_RATIO for _, _, ratio in hits)


def test_the_detector_reads_annotated_examples(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: ask\n    examples: |\n'
        '      - qui installe le [vidéoprojecteur]{"entity": "subject", "value": "videoprojecteur"} ?\n'
        '      - qui paie les [portables](subject)\n', encoding="utf-8")
    examples = nlu_examples(tmp_path)
    assert examples == ["qui installe le vidéoprojecteur ?", "qui paie les portables"]
    assert near_duplicates(["Qui installe le vidéo-projecteur ?"], examples)


def test_heldout_shortcut_reaches_the_server_check(capsys):
    # Port 9 (discard) is closed on loopback: the set loads, then the runner reports the missing bot.
    assert run_eval.main(["--url", "http://127.0.0.1:9", "--heldout", "--no-fail"]) == 2
    assert "ne répond pas" in capsys.readouterr().err

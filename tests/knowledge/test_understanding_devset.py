"""The understanding policy must not lose any item of the development set (tests/eval/questions.yml).

Offline comparison, policy off vs on, through the same entry point (see understanding_devset.py). It answers
the 275 items twice in a few seconds, so it runs with the fast tests and guards the dev set on every run.
"""
from __future__ import annotations

from tests.knowledge.understanding_devset import compare


def test_policy_loses_no_item_of_the_development_set(kb):
    rows = compare(kb)
    lost = [item.id for item, old, new in rows if old.correct and not new.correct]
    changed = sum(1 for _, old, new in rows if old.decision != new.decision)
    print(f"{len(rows)} items, {changed} decisions changed")
    assert lost == []

"""The understanding policy must not lose any item of the development set (tests/eval/questions.yml).

Offline comparison, policy off vs on, through the same entry point (see understanding_devset.py). It answers
the 275 items twice in a few seconds, so it runs with the fast tests and guards the dev set on every run.
"""
from __future__ import annotations

from tests.knowledge.understanding_devset import compare


def test_policy_loses_no_item_of_the_development_set(kb):
    rows = compare(kb)
    # A right answer may become a question back that still quotes its record (weak_evidence.py: « je ne suis pas
    # certain … », the same articles, the other readings as buttons, no party designated): the eval scores it
    # « clarified », honest. Anything else is lost.
    lost = [item.id for item, old, new in rows if old.correct and not new.correct
            and not (len(new.decision[4]) >= 2 and set(old.decision[1]) <= set(new.decision[1]))]
    changed = sum(1 for _, old, new in rows if old.decision != new.decision)
    print(f"{len(rows)} items, {changed} decisions changed")
    assert lost == []

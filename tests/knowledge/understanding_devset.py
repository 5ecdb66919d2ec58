"""Run the development set (tests/eval/questions.yml) through the answering entry point twice, without and
with the understanding policy (issue 11), and list the items whose decision changes.

Offline: no Rasa, so no NLU intent (``intent=None``) and no forms; multi-turn items carry the context the
action server keeps in slots. The scores are therefore not the live ones, but the comparison shows what the
policy changes. Usage::

    PYTHONPATH=$PWD .venv/bin/python -m tests.knowledge.understanding_devset [--all] [--save F] [--baseline F]

``--save F`` writes every item's decision and verdict as JSON; ``--baseline F`` compares with such a file
written on another commit (e.g. before this change) instead of with the policy switched off.

Never run it on a held-out set: tuning on it would void the measure.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from knowledge import loader
from knowledge.answers import Answer, Context, answer_question
from knowledge.records import KnowledgeBase
from knowledge.schedule import PARIS
from tests.eval.model import QUESTIONS_FILE, Item, Reply, load_items
from tests.eval.scoring import score_item

# A working Monday morning: both lines open, so "open now" sentences do not vary between runs.
MOMENT = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)


@dataclass(frozen=True)
class Outcome:
    decision: tuple
    correct: bool
    text: str
    failures: tuple[str, ...]


def run_item(kb: KnowledgeBase, item: Item, understand: bool) -> Outcome:
    context: Optional[Context] = None
    answer: Optional[Answer] = None
    for turn in item.turns:
        answer = answer_question(kb, turn, context=context, now=MOMENT, understand=understand)
        if answer.subject and answer.kind not in {"out_of_scope", "unknown"}:
            context = Context(subject=answer.subject, actions=tuple(answer.actions), kind=answer.kind)
    assert answer is not None
    reply = Reply(text=answer.text, buttons=[{"title": c.label, "payload": "/x"} for c in answer.choices],
                  articles=list(answer.articles), parties=list(answer.parties))
    result = score_item(item, reply)
    decision = (answer.kind, tuple(answer.articles), tuple(sorted(answer.parties)), answer.yes_no,
                tuple(c.label for c in answer.choices))
    return Outcome(decision, result.correct, answer.text, tuple(result.failures))


def compare(kb: KnowledgeBase) -> list[tuple[Item, Outcome, Outcome]]:
    """(item, without policy, with policy) for every item of the development set."""
    return [(item, run_item(kb, item, False), run_item(kb, item, True)) for item in load_items(QUESTIONS_FILE)]


def _option(argv: list[str], name: str) -> Optional[str]:
    return argv[argv.index(name) + 1] if name in argv and argv.index(name) + 1 < len(argv) else None


def main(argv: list[str]) -> int:
    kb = loader.load()
    rows = compare(kb)
    save, baseline = _option(argv, "--save"), _option(argv, "--baseline")
    if save:
        with open(save, "w", encoding="utf-8") as handle:
            json.dump({i.id: [list(map(str, new.decision)), new.correct] for i, _, new in rows}, handle)
    if baseline:
        with open(baseline, encoding="utf-8") as handle:
            saved = json.load(handle)
        rows = [(i, Outcome(tuple(saved[i.id][0]), saved[i.id][1], "", ()), Outcome(tuple(map(str, new.decision)),
                 new.correct, new.text, new.failures)) for i, _, new in rows if i.id in saved]
    changed = [r for r in rows if r[1].decision != r[2].decision]
    old_ok, new_ok = sum(r[1].correct for r in rows), sum(r[2].correct for r in rows)
    print(f"{len(rows)} items; decision changed on {len(changed)}; offline score without policy {old_ok}, "
          f"with policy {new_ok}")
    for item, old, new in (rows if "--all" in argv else changed):
        mark = "=" if old.correct == new.correct else ("+" if new.correct else "-")
        print(f"\n[{mark}] {item.id} ({item.category}) {item.turns[-1]}")
        print(f"    avant : {old.decision[:4]} {'ok' if old.correct else 'KO ' + '; '.join(old.failures)}")
        print(f"    après : {new.decision[:4]} {'ok' if new.correct else 'KO ' + '; '.join(new.failures)}")
        print(f"    {new.text[:220]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The development sets scored in-process, without Rasa: the inner loop of understanding work (about 30 s for the
3,200 development questions, against 7 minutes through the live bot).

Usage (from the repository root)::

    python -m tests.eval.offline [--file tests/eval/dev_validation7.yml ...] [--json out.json]

Each single-turn item is answered by :func:`knowledge.answers.answer_question`, as the action server does but
without the NLU intent, and scored by the live runner's own rules (:func:`scoring.classify`); items of several
turns need the conversation and are left to the live run. A question back on an item that expects an answer is
followed as the live runner follows it: each button is answered in-process as the action server answers its click
(the question before it, with the button's subject and action), and the question back counts as a clarification
only when one of them leads to the right answer. With ``--intents`` (tests/eval/nlu_intents.py), each turn gets the
model's intent as the action server gives it. Until 2026-12-05 the offline loop gave every such button the
benefit of the doubt, and counted 46 read items as clarified that the live run scored missed. The live run stays
the measure that counts (``make eval``).

The frozen held-out set is refused: it is measured live, when a change is finished, and never tuned on.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Mapping, Optional, Sequence

from tests.eval.model import CLARIFIED, HELDOUT_FILE, Item, ItemResult, Reply, load_items
from tests.eval.reporting import report_outcomes
from tests.eval.scoring import classify, score_item

DEV_SETS = sorted(p for p in HELDOUT_FILE.parent.glob("dev_*.yml")) + [HELDOUT_FILE.parent / "questions.yml"]


def reply_of(answer) -> Reply:
    """The reply a channel would get from ``answer``: its text, its choice buttons and its citation."""
    return Reply(text=answer.text, buttons=[{"title": c.label, "payload": "/choose"} for c in answer.choices],
                 articles=list(answer.articles), parties=list(answer.parties), kinds=[answer.kind])


def score_offline(kb, items: Sequence[Item], intents: Optional[Mapping[str, str]] = None) -> list[ItemResult]:
    """The single-turn ``items`` answered in-process and scored; ``intents`` (turn → the model's intent, from
    tests/eval/nlu_intents.py) are handed on as the action server hands them (question intents only)."""
    from actions.intents import question_intents
    from knowledge.answers import answer_question

    results = []
    for item in items:
        if len(item.turns) != 1:
            continue
        intent = (intents or {}).get(item.turns[-1])
        answer = answer_question(kb, item.turns[-1], intent=intent if question_intents([intent or ""]) else None)
        reply = reply_of(answer)
        result = score_item(item, reply)
        if item.expected_outcome == "answer" and result.verdict == CLARIFIED:
            result.verdict, result.verdict_reasons = classify(
                item, reply, correct=result.correct, reading_offered=reading_offered(kb, item, answer))
        results.append(result)
    return results


def reading_offered(kb, item: Item, answer) -> bool:
    """Whether one of ``answer``'s choice buttons leads to the expected answer, each answered as the action server
    answers its click (actions/questions.py): the question before it, with the button's subject and action, and the
    topic of the reply that offered it. A button carrying its own payload (« Déclarer l'incident ») opens a form,
    no answer."""
    from knowledge.answer_types import Context
    from knowledge.answers import answer_question

    context = None
    if answer.subject and answer.kind not in {"out_of_scope", "unknown"}:
        context = Context(subject=answer.subject, actions=tuple(answer.actions), kind=answer.kind)
    for choice in answer.choices:
        if getattr(choice, "payload", None) or not (choice.subject or choice.action):
            continue
        followed = answer_question(kb, item.turns[-1], subject=choice.subject, action=choice.action, context=context)
        if score_item(item, reply_of(followed)).correct:
            return True
    return False


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Jeux de développement notés sans Rasa (boucle rapide).")
    parser.add_argument("--file", dest="files", type=Path, action="append",
                        help="fichier de questions (répétable ; défaut : tous les jeux de développement)")
    parser.add_argument("--json", type=Path, help="écrire les résultats détaillés dans ce fichier")
    parser.add_argument("--intents", type=Path,
                        help="intentions du modèle par tour (python -m tests.eval.nlu_intents) : comme le serveur d'actions")
    args = parser.parse_args(argv)
    files = list(args.files or DEV_SETS)
    if any(Path(f).resolve() == HELDOUT_FILE.resolve() for f in files):
        print(f"{HELDOUT_FILE.name} est le jeu réservé : il se mesure en direct (make eval-heldout), une fois un "
              "changement terminé, jamais dans la boucle de mise au point.", file=sys.stderr)
        return 2
    from knowledge.loader import load
    from knowledge.understanding import parse
    from knowledge.understanding.coverage import prepare

    kb = load()
    parse.parse("bonjour")  # as the action server warms up: the answers that read the parse need it loaded
    prepare(kb)
    intents = json.loads(args.intents.read_text(encoding="utf-8")) if args.intents else None
    played = {Path(path).stem: score_offline(kb, load_items(Path(path)), intents) for path in files}
    report_outcomes(played)
    if args.json:
        body = {"sets": {name: {"results": [asdict(r) for r in results]} for name, results in played.items()}}
        args.json.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

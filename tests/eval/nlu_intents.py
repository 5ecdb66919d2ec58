"""The trained model's intent for every turn of the development sets, for the offline loop (issue 11, honest
measure). The action server hands the model's intent to the knowledge base (a question on a procedure gets the list
of what the agreement provides for the thing), and without it the offline loop disagreed with the live run on 35
read items; with it, on 7 (2026-12-05, at 0245fe6).

Usage (from the repository root, with a trained model; about 2 minutes for the 4,400 turns)::

    python -m tests.eval.nlu_intents /tmp/intents.json
    python -m tests.eval.offline --intents /tmp/intents.json

The frozen held-out set is refused, as by the offline loop.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Iterable, Optional, Sequence

from tests.eval.model import HELDOUT_FILE, load_items

MODEL = Path(__file__).resolve().parents[2] / "models" / "current.tar.gz"


async def intents_of(turns: Iterable[str], model: Path = MODEL) -> dict[str, str]:
    """Each turn's intent, as the model parses it (Rasa is imported here only: the offline loop itself needs none)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    found: dict[str, str] = {}
    for turn in turns:
        if turn not in found:
            parsed = await agent.parse_message(turn)
            found[turn] = parsed["intent"]["name"]
    return found


def main(argv: Optional[Sequence[str]] = None) -> int:
    from tests.eval.offline import DEV_SETS

    parser = argparse.ArgumentParser(description="Intention du modèle pour chaque tour des jeux de développement.")
    parser.add_argument("out", type=Path, help="fichier JSON écrit : {tour: intention}")
    parser.add_argument("--file", dest="files", type=Path, action="append", help="jeu de questions (défaut : tous)")
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    files = list(args.files or DEV_SETS)
    if any(Path(f).resolve() == HELDOUT_FILE.resolve() for f in files):
        print(f"{HELDOUT_FILE.name} est le jeu réservé : il se mesure en direct (make eval-heldout).", file=sys.stderr)
        return 2
    turns = [turn for path in files for item in load_items(Path(path)) for turn in item.turns]
    found = asyncio.run(intents_of(turns, args.model))
    args.out.write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(found)} tours → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

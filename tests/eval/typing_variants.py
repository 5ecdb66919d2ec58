"""The development sets typed again as people type in a chat, answered in-process: which verdicts change.

    python -m tests.eval.typing_variants [--variant noaccent|noquestion|sms] [--file tests/eval/dev_validation7.yml ...]
        [--show]

Each single-turn item is answered as written and as rewritten by the variant (accents stripped and lower case;
also without « ? »; also with SMS forms: « ki », « pr », « qd »…), without NLU intents on either side, and the two
verdicts are compared. A robust bot gives the same verdict to both: the table counts the changes (before → after).
Only the counts are printed unless ``--show``; the held-out set is refused, as in tests/eval/offline.py. This
measures how people type, not new questions: it says nothing of questions the sets do not hold.
"""
from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Callable, Optional, Sequence

from tests.eval.model import HELDOUT_FILE, load_items
from tests.eval.offline import DEV_SETS, score_offline

# SMS forms people type (the bot's own shorthand list, message_kinds.yml, is what it reads them with: keep these
# independent of it, so the measure does not only find what the bot was taught).
_SMS = ((r"\bqui\b", "ki"), (r"\bc'est\b", "c"), (r"\bpour\b", "pr"), (r"\bquoi\b", "koi"), (r"\bbeaucoup\b", "bcp"),
        (r"\bquelqu'un\b", "qqn"), (r"\bquand\b", "qd"), (r"\bdepartement\b", "dpt"), (r"\best-ce que\b", "est ce que"),
        (r"\bvous\b", "vs"), (r"\btout\b", "tt"), (r"\bavec\b", "avc"))


def no_accents(text: str) -> str:
    """Lower case, accents stripped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def no_question_mark(text: str) -> str:
    """As :func:`no_accents`, every « ? » dropped."""
    return re.sub(r"\s+", " ", no_accents(text).replace("?", " ")).strip()


def sms(text: str) -> str:
    """As :func:`no_accents`, with SMS forms (the question marks kept)."""
    typed = no_accents(text)
    for pattern, short in _SMS:
        typed = re.sub(pattern, short, typed)
    return typed


VARIANTS: dict[str, Callable[[str], str]] = {"noaccent": no_accents, "noquestion": no_question_mark, "sms": sms}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Les jeux de développement retapés comme on tape dans un chat.")
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="noaccent")
    parser.add_argument("--file", dest="files", type=Path, action="append",
                        help="fichier de questions (répétable ; défaut : tous les jeux de développement)")
    parser.add_argument("--show", action="store_true", help="afficher les questions dont le verdict change")
    args = parser.parse_args(argv)
    files = list(args.files or DEV_SETS)
    if any(Path(f).resolve() == HELDOUT_FILE.resolve() for f in files):
        print(f"{HELDOUT_FILE.name} est le jeu réservé : jamais dans la boucle de mise au point.", file=sys.stderr)
        return 2
    from knowledge.loader import load
    from knowledge.understanding import parse
    from knowledge.understanding.coverage import prepare

    kb = load()
    parse.parse("bonjour")
    prepare(kb)
    rewrite = VARIANTS[args.variant]
    changes: Counter[tuple[str, str]] = Counter()
    for path in files:
        items = [i for i in load_items(Path(path)) if len(i.turns) == 1]
        written = {r.id: r for r in score_offline(kb, items)}
        typed = [dataclasses.replace(i, turns=(rewrite(i.turns[0]),)) for i in items]
        for result in score_offline(kb, typed):
            before = written[result.id].verdict
            changes[(before, result.verdict)] += 1
            if args.show and before != result.verdict:
                print(f"{result.id}: {before} → {result.verdict} | {result.question}")
    print(f"\nVariante « {args.variant} » : verdicts tel qu'écrit → retapé")
    for (before, after), count in sorted(changes.items()):
        print(f"  {before:18} → {after:18} {count:5}{'' if before == after else '  (changé)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

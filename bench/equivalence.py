"""``python -m bench.equivalence``: prove that a speed change answers exactly as before.

``capture OUT``   starts the product (``bench.stacks``, fixed clock, fresh databases) with the recording action
                  server (:mod:`bench.recording`), plays a fixed set of conversations — driven declarations
                  (:class:`bench.scenarios.DeclarationDriver`, twice over the same places so that the
                  similar-ticket question comes up), scripted form turns (a correction, « Modifier », a
                  question mid-form, a cancel, a comment on a similar ticket, declarations that are questions)
                  and every turn of tests/eval/questions.yml — and writes ``OUT/replies.json`` (every REST
                  reply) and ``OUT/actions.jsonl`` (every action server call).
``compare A B``   compares two captures reply by reply, byte for byte (texts, buttons, custom payloads).

Run ``capture`` before and after a change (under ``flock /tmp/heavy.lock``: it starts the live stack), then
``compare``; :mod:`bench.replay` replays ``actions.jsonl`` in-process for profiling.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Optional

from bench import stacks
from bench.client import RasaClient
from bench.recording import RECORD_ENV
from bench.scenarios import DECLARATIONS, IMPACT_PAYLOADS, Conversation, DeclarationDriver, load_items
from bot.supervisor import Stack

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "current.tar.gz"
PORTS = (19305, 19355)  # neither the bench's nor the soak's
FIRST_PLACE = 500
# « Déclarer l'incident » under the answer to an equipment fault told (a told fault starts no form by itself).
EQUIPMENT = '/declare_incident{"subject": "materiel_informatique"}'
# Form turns the driver never sends: each a conversation of its own, played in order.
SCRIPTS: tuple[tuple[str, ...], ...] = (
    ("le wifi ne marche plus en salle 77", '/declare_incident{"subject": "reseau"}', '/inform{"value": "salle"}', "non, c'est salle 78",
     "M. Test, 05 49 00 00 01", '/inform{"choice": "edit"}', "le lieu", "salle 79", '/inform{"choice": "confirm"}'),
    ("l'imprimante de la salle 88 est en panne", EQUIPMENT, "qui paie les portables ?", '/inform{"value": "poste"}',
     "Mme Essai 06 00 00 00 00", '/inform{"choice": "cancel"}'),
    ("je veux déclarer un incident", "collège Jean Zay Niort", "imprimante", "elle ne marche plus", "salle 3",
     "tout le 1er étage", "M. X 0549000000", "confirmer"),
    ("l'imprimante de la salle 501 est en panne", EQUIPMENT, '/inform{"value": "poste"}', "M. Y 0549000001", "/affirm",
     '/inform{"choice": "confirm"}'),
    ("fuite d'eau en salle 4",),
    ("on voudrait étendre le wifi au nouveau bâtiment",),
    ("le vidéoprojecteur ne marche plus, qui répare ?",),
    ("vidéoprojecteur svp",),
    ("le standard téléphonique est en panne", '/declare_incident{"subject": "autocommutateur"}', '/inform{"value": "site"}',
     "standard", "oui", "M. Z 0549", "annuler"),
)


class RecordingStack(Stack):
    """The product's stack with :mod:`bench.recording` as its action server."""

    def __init__(self, settings, record_file: Path):
        super().__init__(settings)
        self.record_file = record_file

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        if name == "actions":
            args = ["bench.recording" if arg == "actions.server" else arg for arg in args]
            env = dict(env, **{RECORD_ENV: str(self.record_file)})
        super()._spawn(name, args, env)


def play(client: RasaClient) -> list[dict[str, Any]]:
    """Every turn of the fixed conversations: sender, text and the REST reply (senders are fixed, so two
    captures hold the same conversations)."""
    turns: list[dict[str, Any]] = []

    def send(sender: str, text: str) -> list:
        reply = client.send(sender, text).body
        turns.append({"sender": sender, "text": text, "reply": reply})
        return reply

    combos = [(template, impact) for template in DECLARATIONS for impact in IMPACT_PAYLOADS]
    for round_ in range(2):  # the second round declares the same places again: « un ticket semblable… »
        for index, (template, impact) in enumerate(combos):
            place = FIRST_PLACE + 1 + index
            driver = DeclarationDriver(Conversation("ticket", [template.format(n=place)], n=place, impact=impact))
            sender = f"eq-d-{round_}-{index}"
            message: Optional[str] = driver.first_message()
            while message is not None:
                message = driver.next_message(send(sender, message))
    for index, script in enumerate(SCRIPTS):
        for text in script:
            send(f"eq-s-{index}", text)
    for item in load_items():
        for text in item["turns"]:
            send(f"eq-q-{item['id']}", str(text))
    return turns


def capture(out: Path, model: Path) -> int:
    """Start the recording stack, play the conversations, write ``replies.json`` and ``actions.jsonl``."""
    out.mkdir(parents=True, exist_ok=True)
    record = out / "actions.jsonl"
    record.unlink(missing_ok=True)
    settings = stacks.bench_settings(model, *PORTS)
    stack = RecordingStack(settings, record)
    stack.start(timeout=300)
    client = RasaClient(settings.rasa_url)
    try:
        turns = play(client)
    finally:
        client.close()
        stack.stop()
    (out / "replies.json").write_text(json.dumps(turns, ensure_ascii=False, indent=0), encoding="utf-8")
    calls = sum(1 for _ in record.open(encoding="utf-8"))
    print(f"{len(turns)} tours, {calls} appels au serveur d'actions : {out}")
    return 0


def differing_turns(before: list[dict], after: list[dict]) -> list[int]:
    """Indexes of the turns whose REST reply differs by one byte (same turns required, in the same order)."""
    if [(t["sender"], t["text"]) for t in before] != [(t["sender"], t["text"]) for t in after]:
        raise ValueError("the two captures did not play the same turns")
    return [i for i, (a, b) in enumerate(zip(before, after))
            if json.dumps(a["reply"], ensure_ascii=False) != json.dumps(b["reply"], ensure_ascii=False)]


def compare(first: Path, second: Path) -> int:
    """Print the count of compared turns and messages per kind, and the first differences; 1 if any."""
    before = json.loads((first / "replies.json").read_text(encoding="utf-8"))
    after = json.loads((second / "replies.json").read_text(encoding="utf-8"))
    diff = set(differing_turns(before, after))
    for prefix, label in (("eq-d-", "déclarations pilotées"), ("eq-s-", "formulaires scriptés"), ("eq-q-", "questions")):
        indexes = [i for i, t in enumerate(before) if t["sender"].startswith(prefix)]
        messages = sum(len(before[i]["reply"]) for i in indexes)
        print(f"{label} : {len(indexes)} tours, {messages} messages, {len(diff.intersection(indexes))} différents")
    print(f"total : {len(before)} tours, {sum(len(t['reply']) for t in before)} messages, {len(diff)} différents")
    for i in sorted(diff)[:5]:
        print(f"- {before[i]['sender']} « {before[i]['text']} »\n  avant : {json.dumps(before[i]['reply'], ensure_ascii=False)[:300]}"
              f"\n  après : {json.dumps(after[i]['reply'], ensure_ascii=False)[:300]}")
    return 1 if diff else 0


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.equivalence", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("capture", help="jouer les conversations fixes et enregistrer les réponses")
    run.add_argument("out", type=Path)
    run.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    check = commands.add_parser("compare", help="comparer deux captures octet par octet")
    check.add_argument("first", type=Path)
    check.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    if args.command == "capture":
        return capture(args.out, args.model)
    return compare(args.first, args.second)


if __name__ == "__main__":
    sys.exit(main())

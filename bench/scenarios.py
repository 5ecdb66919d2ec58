"""What the simulated users say: questions (from tests/eval when present) and incident declarations.

Declarations are driven by what the bot asks, not by a fixed script: a form may ask one question more
(a similar open ticket, a collège's own charge), and the driver answers whatever comes, like a RUPN would.
The floor bot asks with the same button payloads, so one driver serves both.
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

from bench.client import reply_buttons, reply_text

ROOT = Path(__file__).resolve().parent.parent
EVAL_FILE = ROOT / "tests" / "eval" / "questions.yml"
TICKET_NUMBER = re.compile(r"\bINC-\d{4}-\d{5}\b")
MAX_DECLARATION_TURNS = 12

# Used only when tests/eval/questions.yml is absent: real questions in the eval schema, each expectation
# read from the agreement (article and party in charge).
BUILT_IN_ITEMS: list[dict[str, Any]] = [
    {"id": "b-01", "role": "enseignant", "category": "responsabilite", "turns": ["c'est qui qui fixe le vidéoprojecteur au mur de ma classe ?"],
     "expect": {"articles": ["article-5"], "parties": ["college"]}},
    {"id": "b-02", "role": "enseignant", "category": "responsabilite", "turns": ["qui finance les équipements de sécurité ?"],
     "expect": {"articles": ["article-3"], "parties": ["departement"]}},
    {"id": "b-03", "role": "enseignant", "category": "responsabilite", "turns": ["le filtrage internet c'est géré par qui"],
     "expect": {"articles": ["article-3"], "parties": ["academie"]}},
    {"id": "b-04", "role": "enseignant", "category": "responsabilite", "turns": ["les portables de la direction, qui doit les racheter ?"],
     "expect": {"articles": ["article-1"], "parties": ["college"]}},
    {"id": "b-05", "role": "enseignant", "category": "responsabilite", "turns": ["qui fournit les autocommutateurs ?"],
     "expect": {"articles": ["article-1"], "parties": ["departement"]}},
    {"id": "b-06", "role": "enseignant", "category": "responsabilite", "turns": ["qui s'occupe des comptes des élèves et des parents ?"],
     "expect": {"articles": ["article-3"], "parties": ["college"]}},
    {"id": "b-07", "role": "enseignant", "category": "responsabilite", "turns": ["qui tient l'inventaire des ordinateurs ?"],
     "expect": {"articles": ["article-6"], "parties": ["departement"]}},
    {"id": "b-08", "role": "enseignant", "category": "responsabilite", "turns": ["qui met les logiciels pédagogiques sur les postes des élèves ?"],
     "expect": {"articles": ["article-9"], "parties": ["departement"]}},
    {"id": "b-09", "role": "enseignant", "category": "responsabilite", "turns": ["qui décide de la stratégie de sauvegarde des serveurs"],
     "expect": {"articles": ["article-3"], "parties": ["departement"]}},
    {"id": "b-10", "role": "enseignant", "category": "responsabilite", "turns": ["l'antivirus des postes, qui l'achète ?"],
     "expect": {"articles": ["article-8"], "parties": ["departement"]}},
    {"id": "b-11", "role": "enseignant", "category": "responsabilite", "turns": ["qui prend en charge les câbles et les prises réseau ?"],
     "expect": {"articles": ["article-2"], "parties": ["departement"]}},
    {"id": "b-12", "role": "enseignant", "category": "responsabilite",
     "turns": ["on a payé des tablettes hors référentiel avec nos fonds, la maintenance c'est pour qui ?"],
     "expect": {"articles": ["article-5"], "parties": ["college"]}},
    {"id": "b-13", "role": "enseignant", "category": "support", "turns": ["quel numéro appeler pour l'assistance du département ?"],
     "expect": {"articles": ["article-4"], "facts": ["05.49.06.63.60"]}},
    {"id": "b-14", "role": "enseignant", "category": "support", "turns": ["la plateforme téléphonique de l'académie c'est quel numéro ?"],
     "expect": {"articles": ["article-4"], "facts": ["05.16.52.66.86"]}},
    {"id": "b-15", "role": "enseignant", "category": "convention", "turns": ["la convention dure combien de temps ?"],
     "expect": {"articles": ["article-12"], "facts": ["2 ans"]}},
    {"id": "b-16", "role": "enseignant", "category": "convention", "turns": ["comment faire pour résilier la convention ?"],
     "expect": {"articles": ["article-13"], "facts": ["lettre recommandée"]}},
    {"id": "b-17", "role": "enseignant", "category": "convention", "turns": ["et s'il y a un litige sur la convention ?"],
     "expect": {"articles": ["article-14"]}},
    {"id": "b-18", "role": "enseignant", "category": "oui_non", "turns": ["est-ce que le collège a le droit de modifier lui-même le réseau ?"],
     "expect": {"articles": ["article-2"], "yes_no": "non"}},
    {"id": "b-19", "role": "enseignant", "category": "procedure", "turns": ["qui vérifie l'éligibilité technique pour l'ENT ?"],
     "expect": {"articles": ["article-7"], "parties": ["departement"]}},
    {"id": "b-20", "role": "enseignant", "category": "suivi", "turns": ["qui paie les téléphones portables ?", "et les téléphones fixes ?"],
     "expect": {"articles": ["article-1"], "parties": ["departement"]}},
    {"id": "b-21", "role": "enseignant", "category": "clarification", "turns": ["vidéoprojecteur ?"], "expect": {"clarify": True}},
    {"id": "b-22", "role": "enseignant", "category": "hors_champ", "turns": ["il fait quel temps demain à Niort ?"],
     "expect": {"articles": [], "parties": []}},
    {"id": "b-23", "role": "enseignant", "category": "non_precise", "turns": ["qui achète l'encre des imprimantes ?"],
     "expect": {"articles": ["article-11"], "parties": []}},
    {"id": "b-24", "role": "enseignant", "category": "smalltalk", "turns": ["bonjour"], "expect": {"facts": ["bonjour"]}},
]

# Complete first messages (what is broken, and where) as RUPNs write them; {n} makes each place unique.
DECLARATIONS = (
    "le wifi ne marche plus en salle {n}",
    "l'imprimante de la salle {n} est en panne",
    "le vidéoprojecteur de la salle {n} ne s'allume plus",
    "un site pédagogique est bloqué par le filtrage en salle {n}",
    "le poste du prof en salle {n} ne démarre plus",
    "plus de réseau du tout en salle {n} depuis ce matin",
)
IMPACT_PAYLOADS = ('/inform{"value": "salle"}', '/inform{"value": "poste"}', '/inform{"value": "site"}')


def load_items(path: Path = EVAL_FILE) -> list[dict[str, Any]]:
    """The eval items (id, category, turns, expect) from tests/eval, else the built-in list."""
    if path.exists():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("items") or data.get("questions") or []
        items = [i for i in data or [] if isinstance(i, dict) and i.get("turns")]
        if items:
            return items
    return [dict(item) for item in BUILT_IN_ITEMS]


@dataclass
class Conversation:
    """One chat: either a question item (fixed turns) or an incident declaration (driven)."""

    kind: str  # "question" | "ticket"
    turns: list[str] = field(default_factory=list)
    item: Optional[dict[str, Any]] = None
    n: int = 0
    impact: str = IMPACT_PAYLOADS[0]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class DeclarationOutcome:
    """How a driven declaration ended."""

    ticket: Optional[str] = None  # the confirmed number
    declined: bool = False         # the bot ended it without a ticket on our own answer (not an error)


class DeclarationDriver:
    """Answers the incident form whatever it asks next; ``next_message`` returns None when it is over."""

    def __init__(self, conversation: Conversation):
        self.conversation = conversation
        self.outcome: Optional[DeclarationOutcome] = None
        self.turns = 0

    def first_message(self) -> str:
        self.turns = 1
        return self.conversation.turns[0]

    def next_message(self, reply: list[dict]) -> Optional[str]:
        """The answer to the bot's last reply, or None when the declaration is over (see ``outcome``)."""
        text = _fold(reply_text(reply))
        payloads = [str(b.get("payload", "")) for b in reply_buttons(reply)]
        number = TICKET_NUMBER.search(reply_text(reply))
        if number and ("enregistre" in text or "ajoute au ticket" in text):
            self.outcome = DeclarationOutcome(ticket=number.group(0))
            return None
        if "rien n'a ete enregistre" in text or "aucun ticket" in text:
            self.outcome = DeclarationOutcome(declined=True)
            return None
        if self.turns >= MAX_DECLARATION_TURNS:
            return None
        answer = self._answer(text, payloads)
        if answer is not None:
            self.turns += 1
        return answer

    def _answer(self, text: str, payloads: list[str]) -> Optional[str]:
        n = self.conversation.n
        for payload in payloads:
            if '"choice": "confirm"' in payload:
                return payload
        # A fault told is answered first, with « Déclarer l'incident » under the answer: the declaration starts there.
        declare = next((p for p in payloads if p.startswith("/declare_incident")), None)
        if declare:
            return declare
        if any(p.startswith('/inform{"value"') for p in payloads):
            return self.conversation.impact
        if "/affirm" in payloads and "/deny" in payloads:
            # A similar open ticket: open a new one, so that every confirmation is one stored ticket.
            return "/deny" if "semblable" in text else "/affirm"
        for prefix in ('/inform{"subject"', '/inform{"uai"'):
            chosen = next((p for p in payloads if p.startswith(prefix)), None)
            if chosen:
                return chosen
        if "quel college" in text:
            return "collège Jean Donnet à Lezay"
        if "decrivez" in text or "decrire" in text:
            return f"plus rien ne fonctionne depuis ce matin (banc d'essai {n})"
        if "ou exactement" in text:
            return f"salle {n}"
        if "contacter" in text or "moyen de contact" in text:
            return f"M. Essai {n}, 05 49 00 {n % 100:02d} {(n // 100) % 100:02d}"
        return None


def workload(seed: int, items: list[dict[str, Any]], ticket_share: float = 0.3,
             first_n: int = 100) -> Iterator[Conversation]:
    """An endless, reproducible mix of question conversations and incident declarations."""
    rng = random.Random(seed)
    n = first_n
    while True:
        n += 1
        if rng.random() < ticket_share:
            template = rng.choice(DECLARATIONS)
            yield Conversation("ticket", [template.format(n=n)], n=n, impact=rng.choice(IMPACT_PAYLOADS))
        else:
            item = rng.choice(items)
            yield Conversation("question", [str(t) for t in item["turns"]], item=item, n=n)

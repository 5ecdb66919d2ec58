"""The evaluation sets' model: what an item expects, what a reply holds, the verdicts, and how a set loads."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.yml"
HELDOUT_FILE = Path(__file__).resolve().parent / "heldout.yml"
DEFAULT_URL = "http://127.0.0.1:5005"

CATEGORIES = (
    "responsabilite", "oui_non", "support", "procedure", "convention", "interdiction",
    "suivi", "clarification", "hors_champ", "non_precise", "smalltalk",
)
ROLES = ("enseignant", "principal", "rupn")
PARTIES = ("departement", "academie", "canope", "college")
SECTIONS = ("entete", "contexte", "preambule", "repartition") + tuple(f"article-{n}" for n in range(1, 15)) + (
    "signatures",)

# The held-out set was frozen (2026-12-01) when the whole opening of the agreement (parties, « Vu… », Contexte,
# Préambule) was the one section `preambule`; the knowledge base has since split it. A citation of one of its
# parts therefore also counts as `preambule`: a change of ids, not of what is right.
OPENING_ALIASES = {"entete": ("preambule",), "contexte": ("preambule",)}

OVERALL_THRESHOLD = 0.95
SUPPORT_THRESHOLD = 1.0

# What an honest reply to an item is (the `outcome` key; inferred for the development set, see
# Item.expected_outcome), and the five verdicts an item can get.
OUTCOMES = ("answer", "clarify", "decline", "silent")
RIGHT, CLARIFIED, DECLINED, WRONG, MISSED = "right", "clarified", "declined", "confidently_wrong", "missed"
VERDICTS = (RIGHT, CLARIFIED, DECLINED, WRONG, MISSED)
ITEM_CLASSES = tuple(range(0, 11))  # 0 ordinary coverage, 1–10 the failure classes of heldout.yml
# Outcome target: right + clarified + declined at least this share, confidently wrong at most that one.
HONEST_TARGET = 0.95
WRONG_CEILING = 0.01

# Rating buttons follow most answers: they must not count as a clarifying question.
FEEDBACK_PREFIX = "/feedback"


# ----------------------------------------------------------------------------------------------- model
@dataclass(frozen=True)
class Expectation:
    """What the answer to the last turn must contain. ``None`` means "not checked"."""

    articles: Optional[tuple[str, ...]] = None
    articles_any: Optional[tuple[str, ...]] = None
    parties: Optional[tuple[str, ...]] = None
    facts: tuple[str, ...] = ()
    yes_no: Optional[str] = None
    clarify: Optional[bool] = None


@dataclass(frozen=True)
class Item:
    """One question (possibly several turns) of the evaluation set."""

    id: str
    category: str
    role: str
    turns: tuple[str, ...]
    expect: Expectation
    outcome: Optional[str] = None  # answer | clarify | decline | silent (held-out set); None: inferred
    klass: Optional[int] = None  # the `class` key of the held-out set (0–10)
    incident: bool = False  # the message declares a fault: starting the incident form is fine

    @property
    def expected_outcome(self) -> str:
        """The honest outcome: the ``outcome`` key, or for the development set what its shape implies."""
        if self.outcome:
            return self.outcome
        if self.expect.clarify:
            return "clarify"
        if self.category == "hors_champ":
            return "decline"
        if self.category == "non_precise":
            return "silent"
        return "answer"


@dataclass
class Reply:
    """The bot messages of one turn, flattened: text, buttons and citation payloads."""

    text: str = ""
    buttons: list[dict[str, Any]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    @property
    def choice_buttons(self) -> list[dict[str, Any]]:
        """Buttons that offer a choice (rating buttons excluded)."""
        return [b for b in self.buttons if not str(b.get("payload", "")).startswith(FEEDBACK_PREFIX)]


@dataclass
class ItemResult:
    """The verdict on one item, with what was expected and what came back."""

    id: str
    category: str
    role: str
    question: str
    correct: bool
    failures: list[str] = field(default_factory=list)
    expected: dict[str, Any] = field(default_factory=dict)
    got: dict[str, Any] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    support: bool = False
    outcome: str = "answer"
    klass: Optional[int] = None
    verdict: str = MISSED
    verdict_reasons: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------- loading
def _tuple_or_none(value: Any) -> Optional[tuple[str, ...]]:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def item_from_dict(raw: dict[str, Any]) -> Item:
    """Build an :class:`Item` from one YAML mapping (raises ``ValueError`` on a malformed item)."""
    if not isinstance(raw, dict):
        raise ValueError(f"item is not a mapping: {raw!r}")
    for key in ("id", "category", "role", "turns", "expect"):
        if key not in raw:
            raise ValueError(f"item {raw.get('id', '?')}: missing key {key!r}")
    turns = raw["turns"]
    if isinstance(turns, str) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise ValueError(f"item {raw['id']}: turns must be a non-empty list of non-empty strings")
    expect = raw["expect"] or {}
    yes_no = expect.get("yes_no")
    if yes_no is not None:
        yes_no = str(yes_no).lower()
    clarify = expect.get("clarify")
    outcome = raw.get("outcome")
    if outcome is not None and outcome not in OUTCOMES:
        raise ValueError(f"item {raw['id']}: outcome must be one of {OUTCOMES}, not {outcome!r}")
    klass = raw.get("class")
    if klass is not None and (isinstance(klass, bool) or not isinstance(klass, int) or klass not in ITEM_CLASSES):
        raise ValueError(f"item {raw['id']}: class must be an integer from 0 to 10, not {klass!r}")
    return Item(
        id=str(raw["id"]),
        category=str(raw["category"]),
        role=str(raw["role"]),
        turns=tuple(turns),
        expect=Expectation(
            articles=_tuple_or_none(expect.get("articles")),
            articles_any=_tuple_or_none(expect.get("articles_any")),
            parties=_tuple_or_none(expect.get("parties")),
            facts=_tuple_or_none(expect.get("facts")) or (),
            yes_no=yes_no,
            clarify=None if clarify is None else bool(clarify),
        ),
        outcome=outcome,
        klass=klass,
        incident=bool(raw.get("incident", False)),
    )


def load_items(path: Path = QUESTIONS_FILE) -> list[Item]:
    """All items of the question file, in file order."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of items")
    return [item_from_dict(raw) for raw in data]

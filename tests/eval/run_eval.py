"""Run an evaluation question set against a live bot and score every answer.

Usage (from the repository root, with the bot running)::

    python -m tests.eval.run_eval [--url http://127.0.0.1:5005] [--only CATEGORY] [--json out.json] [--no-fail]
    python -m tests.eval.run_eval --heldout --no-fail          # the frozen held-out set (heldout.yml)
    python -m tests.eval.run_eval --file path/to/set.yml

Each item gets a fresh sender id; its turns are posted one by one to the REST channel and only the bot
messages of the last turn are scored (see :func:`score_item`). Every item also gets one of five honest
verdicts (see :func:`classify`): right, clarified, declined, confidently wrong, missed. Exit codes: 0 when
the thresholds are met (or ``--no-fail``), 1 when they are not, 2 when the server does not answer. The
development set (no ``outcome`` keys) keeps its historical thresholds (:meth:`Summary.passed`); a set whose
items carry ``outcome`` keys is judged on the outcome target (:meth:`OutcomeSummary.passed`).

Only the standard library, PyYAML and tabulate are used, so the runner does not depend on the project code
it evaluates.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import socket
import sys
import time
import unicodedata
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml
from tabulate import tabulate

from settings.config import get_settings

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

# How a "declined" or "silent" reply is recognised: one of these markers in the text (compared after
# `normalise`, so without accents). They come from the bot's own sentences: knowledge/answers.py
# `_not_specified` ("La convention ne précise pas qui prend en charge …") and `_out_of_scope` ("Désolé, je
# ne réponds qu'aux questions sur la convention … celle-ci ne traite pas de …"), plus a few plain wordings
# a future phrasing may use. tests/eval/test_outcome_scoring.py checks the bot's sentences still contain
# one. The citation payload's `kind` ("not_specified" / "out_of_scope") is accepted as well.
DECLINE_MARKERS = (
    "ne precise pas", "ne le precise pas", "ne dit pas", "n'en dit rien", "ne traite pas", "ne couvre pas",
    "hors du champ", "hors champ", "pas couvert", "ne reponds qu'aux questions", "ne mentionne pas",
    "n'est pas renseigne", "laissee en blanc", "laisse en blanc",
)
DECLINE_KINDS = ("not_specified", "out_of_scope")
# How the start of the incident form is recognised: the form's first questions (actions/prompts.py
# QUESTIONS and the category question of actions/incidents.py), normalised.
FORM_START_MARKERS = (
    "pour quel college ?", "de quel type d'incident s'agit-il", "decrivez le probleme en une ou deux phrases",
    # since 2026-12-01 a declaration opens with one announcement line (helpdesk.incidents.announcement_text)
    "je prepare la declaration d'un incident", "je prepare un signalement",
)

# A phone number as the agreement writes it, or an hour such as "8 h", "8 h 30", "17 h 30".
PHONE_RE = re.compile(r"\b\d{2}\.\d{2}\.\d{2}\.\d{2}\.\d{2}\b")
HOUR_RE = re.compile(r"\b\d{1,2} h(?: \d{2})?\b")
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


# ------------------------------------------------------------------------------------------- scoring
def normalise(text: str) -> str:
    """Lower case, no accents, plain spaces and apostrophes: how facts and answers are compared."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    # NFKD already turns NBSP/narrow NBSP into spaces; other exotic spaces are caught here.
    text = re.sub(r"\s+", " ", text)
    return text.lower().strip()


def parse_messages(messages: Iterable[dict[str, Any]]) -> Reply:
    """Flatten the REST channel's list of bot messages into one :class:`Reply`."""
    reply = Reply()
    texts: list[str] = []
    for message in messages or []:
        if not isinstance(message, dict):
            continue
        if message.get("text"):
            texts.append(str(message["text"]))
        for button in message.get("buttons") or []:
            if isinstance(button, dict):
                reply.buttons.append(button)
        custom = message.get("custom")
        if isinstance(custom, dict):
            for article in custom.get("articles") or []:
                for cited in (article, *OPENING_ALIASES.get(article, ())):
                    if cited not in reply.articles:
                        reply.articles.append(cited)
            for party in custom.get("parties") or []:
                if party not in reply.parties:
                    reply.parties.append(party)
            if custom.get("quote"):
                reply.quotes.append(str(custom["quote"]))
            if custom.get("kind"):
                reply.kinds.append(str(custom["kind"]))
    reply.text = "\n".join(texts)
    return reply


def _starts_with(text: str) -> str:
    """The first word of an answer, ignoring emoji and punctuation before it."""
    match = re.search(r"[a-z0-9]+", normalise(text))
    return match.group(0) if match else ""


def is_support_item(item: Item) -> bool:
    """True for items whose facts hold a phone number or opening hours (they must all be right)."""
    return any(PHONE_RE.search(f) or HOUR_RE.search(normalise(f)) for f in item.expect.facts)


def score_item(item: Item, replies: Sequence[dict[str, Any]] | Reply) -> ItemResult:
    """Score the bot messages of the last turn of ``item`` against its expectation.

    Correct when: expected articles are all cited (none cited when ``[]``), at least one of
    ``articles_any`` is cited, expected parties are all cited (none when ``[]``), every fact is found in
    the text (accent, case and space insensitive), the yes/no prefix is right and, when a clarification is
    expected, the bot offers choice buttons.
    """
    reply = replies if isinstance(replies, Reply) else parse_messages(replies)
    expect = item.expect
    failures: list[str] = []
    cited_articles, cited_parties = set(reply.articles), set(reply.parties)

    if expect.articles is not None:
        if not expect.articles and cited_articles:
            failures.append(f"aucun article attendu, cités : {sorted(cited_articles)}")
        missing = [a for a in expect.articles if a not in cited_articles]
        if missing:
            failures.append(f"articles manquants : {missing}")
    if expect.articles_any and not cited_articles & set(expect.articles_any):
        failures.append(f"aucun des articles {list(expect.articles_any)} n'est cité")
    if expect.parties is not None:
        if not expect.parties and cited_parties:
            failures.append(f"aucune partie attendue, citées : {sorted(cited_parties)}")
        missing = [p for p in expect.parties if p not in cited_parties]
        if missing:
            failures.append(f"parties manquantes : {missing}")
    text = normalise(reply.text)
    missing_facts = [f for f in expect.facts if normalise(f) not in text]
    if missing_facts:
        failures.append(f"faits absents du texte : {missing_facts}")
    if expect.yes_no:
        first = _starts_with(reply.text)
        if first != expect.yes_no:
            failures.append(f"devait commencer par {expect.yes_no.capitalize()}, commence par {first!r}")
    if expect.clarify is True and len(reply.choice_buttons) < 2:
        failures.append("une question de clarification avec boutons était attendue")
    if expect.clarify is False and reply.choice_buttons:
        failures.append("pas de clarification attendue, des boutons de choix ont été proposés")
    if not reply.text.strip() and not failures:
        failures.append("réponse vide")

    verdict, reasons = classify(item, reply, correct=not failures)
    return ItemResult(
        id=item.id,
        category=item.category,
        role=item.role,
        question=item.turns[-1],
        correct=not failures,
        failures=failures,
        expected={k: v for k, v in asdict(expect).items() if v not in (None, ())},
        got={
            "text": reply.text,
            "articles": reply.articles,
            "parties": reply.parties,
            "buttons": [b.get("title", "") for b in reply.buttons],
        },
        support=is_support_item(item),
        outcome=item.expected_outcome,
        klass=item.klass,
        verdict=verdict,
        verdict_reasons=reasons,
    )


# ------------------------------------------------------------------------------------------- verdicts
def is_declined(reply: Reply) -> bool:
    """The bot said the agreement does not cover / does not say (see DECLINE_MARKERS)."""
    text = normalise(reply.text)
    return any(marker in text for marker in DECLINE_MARKERS) or any(k in DECLINE_KINDS for k in reply.kinds)


def is_form_start(reply: Reply) -> bool:
    """The bot asked one of the incident form's first questions."""
    text = normalise(reply.text)
    return any(marker in text for marker in FORM_START_MARKERS)


def is_clarification(reply: Reply) -> bool:
    """A question back with at least two choice buttons (rating buttons do not count)."""
    return len(reply.choice_buttons) >= 2 and not is_form_start(reply)


def yes_no_of(reply: Reply) -> Optional[str]:
    """"oui" or "non" when the reply opens with it, else None."""
    first = _starts_with(reply.text)
    return first if first in ("oui", "non") else None


def classify(item: Item, reply: Reply, *, correct: Optional[bool] = None,
             reading_offered: Optional[bool] = None) -> tuple[str, list[str]]:
    """The honest verdict on ``reply`` and why: right, clarified, declined, confidently wrong or missed.

    * right: an ``answer`` item scored correct by :func:`score_item` (``correct``; computed when None).
    * clarified: a ``clarify`` item answered with ≥2 choice buttons; or an ``answer`` item answered with
      choice buttons one of which leads to the right answer (``reading_offered``: the runner follows every
      button to find out; None, when nobody looked, gives the benefit of the doubt).
    * declined: a ``decline``/``silent`` item where the bot says the agreement does not cover or does not
      say (:func:`is_declined`) and names no party.
    * confidently wrong: an incident form started on a non-incident (or on any decline/silent/clarify
      item); a Oui/Non contradicting the expected one; on an answer, parties named none of which is
      expected, or articles cited none of which is expected; on a decline/silent item, a party named as
      responsible, or a bare Oui/Non without saying the text does not cover it.
    * missed: anything else (fallback, an answer to another question, a partial answer…).
    """
    expected = item.expected_outcome
    expect = item.expect
    cited_parties, cited_articles = set(reply.parties), set(reply.articles)
    said = yes_no_of(reply)
    if is_form_start(reply) and not (item.incident and expected == "answer"):
        return WRONG, ["formulaire d'incident lancé sur un message qui n'est pas un incident à déclarer"]

    if expected == "clarify":
        if is_clarification(reply):
            return CLARIFIED, []
        return MISSED, ["une question en retour avec au moins deux choix était attendue"]

    if expected in ("decline", "silent"):
        if cited_parties:
            return WRONG, [f"partie(s) désignée(s) alors que la convention ne le dit pas : {sorted(cited_parties)}"]
        declined = is_declined(reply)
        if said and not declined:
            return WRONG, [f"« {said.capitalize()} » affirmé sur un point que la convention ne tranche pas"]
        if declined:
            return DECLINED, []
        return MISSED, ["la réponse ne dit pas que la convention ne couvre pas / ne précise pas ce point"]

    # expected == "answer"
    if item.incident and is_form_start(reply):
        return RIGHT, []
    if expect.yes_no and said and said != expect.yes_no:
        return WRONG, [f"répond « {said.capitalize()} », la convention dit « {expect.yes_no.capitalize()} »"]
    if correct is None:
        correct = score_item(item, reply).correct
    if correct:
        return RIGHT, []
    if is_clarification(reply):
        if reading_offered is False:
            return MISSED, ["question en retour dont aucun choix ne mène à la bonne réponse"]
        return CLARIFIED, []
    reasons = []
    if expect.parties and cited_parties and not cited_parties & set(expect.parties):
        reasons.append(f"partie(s) {sorted(cited_parties)} au lieu de {list(expect.parties)}")
    expected_articles = set(expect.articles or ()) | set(expect.articles_any or ())
    if expected_articles and cited_articles and not cited_articles & expected_articles:
        reasons.append(f"article(s) {sorted(cited_articles)} au lieu de {sorted(expected_articles)}")
    if expect.parties == () and cited_parties:
        reasons.append(f"aucune partie attendue, citées : {sorted(cited_parties)}")
    if reasons:
        return WRONG, reasons
    return MISSED, ["réponse incomplète ou sans rapport (voir les échecs de score_item)"]


# ----------------------------------------------------------------------------------------- reporting
def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def accuracy(results: Sequence[ItemResult]) -> float:
    """Share of correct items (1.0 when there is none, so an empty filter never fails a run)."""
    return sum(r.correct for r in results) / len(results) if results else 1.0


def _grouped(results: Sequence[ItemResult], key: str) -> list[list[Any]]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for result in results:
        groups[getattr(result, key)].append(result)
    order = CATEGORIES if key == "category" else ROLES
    rows = []
    for name in sorted(groups, key=lambda g: (order.index(g) if g in order else len(order), g)):
        group = groups[name]
        rows.append([name, len(group), sum(r.correct for r in group), f"{accuracy(group):.1%}"])
    return rows


@dataclass
class Summary:
    """Headline numbers of one run."""

    items: int
    overall: float
    support_items: int
    support: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    def passed(self) -> bool:
        """Whether the run meets the thresholds."""
        return self.overall >= OVERALL_THRESHOLD and self.support >= SUPPORT_THRESHOLD


def summarise(results: Sequence[ItemResult]) -> Summary:
    """Overall and support accuracy, and per-turn latency percentiles."""
    support = [r for r in results if r.support]
    latencies = [ms for r in results for ms in r.latencies_ms]
    return Summary(
        items=len(results),
        overall=accuracy(results),
        support_items=len(support),
        support=accuracy(support),
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
    )


def report(results: Sequence[ItemResult], out=sys.stdout, items: bool = True) -> Summary:
    """Print the tables and the failures (``items=False``: the tables only); return the summary."""
    summary = summarise(results)
    headers = ["", "questions", "justes", "exactitude"]
    print("\nPar catégorie", file=out)
    print(tabulate(_grouped(results, "category"), headers=headers, tablefmt="github"), file=out)
    print("\nPar profil", file=out)
    print(tabulate(_grouped(results, "role"), headers=headers, tablefmt="github"), file=out)
    print("\nSynthèse", file=out)
    rows = [
        ["exactitude globale", f"{summary.overall:.1%} ({summary.items} questions)", f"seuil {OVERALL_THRESHOLD:.0%}"],
        ["numéros et horaires d'assistance", f"{summary.support:.1%} ({summary.support_items} questions)",
         f"seuil {SUPPORT_THRESHOLD:.0%}"],
        ["latence par tour p50 / p95 / p99",
         f"{summary.p50_ms:.0f} / {summary.p95_ms:.0f} / {summary.p99_ms:.0f} ms", ""],
    ]
    print(tabulate(rows, headers=["mesure", "valeur", "seuil"], tablefmt="github"), file=out)
    failed = [r for r in results if not r.correct]
    if failed and not items:
        print(f"\nÉchecs : {len(failed)} (jeu réservé : le détail n'est écrit que dans --json)", file=out)
    elif failed:
        print(f"\nÉchecs ({len(failed)})", file=out)
        for result in failed:
            got = result.got
            print(f"- {result.id} [{result.category}/{result.role}] « {result.question} »", file=out)
            for failure in result.failures:
                print(f"    ✗ {failure}", file=out)
            print(f"    attendu : {json.dumps(result.expected, ensure_ascii=False)}", file=out)
            print(f"    reçu    : articles={got.get('articles')} parties={got.get('parties')} "
                  f"boutons={got.get('buttons')}", file=out)
            text = " ".join((got.get("text") or "").split())
            print(f"    texte   : {text[:300]}{'…' if len(text) > 300 else ''}", file=out)
    return summary


@dataclass
class OutcomeSummary:
    """The five honest verdicts of one set (shares of its items) and per-turn latency."""

    name: str
    items: int
    right: float
    clarified: float
    declined: float
    wrong: float
    missed: float
    p50_ms: float
    p95_ms: float

    @property
    def honest(self) -> float:
        """Right, rightly clarified or rightly declined."""
        return self.right + self.clarified + self.declined

    def passed(self) -> bool:
        """The outcome target: honest ≥ HONEST_TARGET and confidently wrong ≤ WRONG_CEILING."""
        return self.honest >= HONEST_TARGET and self.wrong <= WRONG_CEILING


def summarise_outcomes(name: str, results: Sequence[ItemResult]) -> OutcomeSummary:
    """Share of each verdict among ``results`` (all zero for an empty set)."""
    n = len(results)
    share = {v: (sum(r.verdict == v for r in results) / n if n else 0.0) for v in VERDICTS}
    latencies = [ms for r in results for ms in r.latencies_ms]
    return OutcomeSummary(
        name=name, items=n, right=share[RIGHT], clarified=share[CLARIFIED], declined=share[DECLINED],
        wrong=share[WRONG], missed=share[MISSED],
        p50_ms=percentile(latencies, 50), p95_ms=percentile(latencies, 95),
    )


OUTCOME_HEADERS = ["jeu", "n", "justes", "clarifiées", "déclinées", "fausses avec aplomb", "manquées",
                   "p50 / p95", "cible"]


def _outcome_row(summary: OutcomeSummary, latency: bool = True) -> list[Any]:
    target = (f"{'OK' if summary.passed() else 'NON'} ({summary.honest:.1%} ≥ {HONEST_TARGET:.0%}, "
              f"{summary.wrong:.1%} ≤ {WRONG_CEILING:.0%})")
    return [
        summary.name, summary.items, f"{summary.right:.1%}", f"{summary.clarified:.1%}",
        f"{summary.declined:.1%}", f"{summary.wrong:.1%}", f"{summary.missed:.1%}",
        f"{summary.p50_ms:.0f} / {summary.p95_ms:.0f} ms" if latency else "", target,
    ]


def report_outcomes(sets: dict[str, Sequence[ItemResult]], out=sys.stdout,
                    hidden: Sequence[str] = ()) -> list[OutcomeSummary]:
    """Print the verdict table (one row per set, then per class and per expected outcome); return the summaries.
    The items of the sets named in ``hidden`` are never printed, only counted."""
    summaries = [summarise_outcomes(name, results) for name, results in sets.items()]
    print("\nIssues honnêtes (justes + clarifiées + déclinées ≥ "
          f"{HONEST_TARGET:.0%}, fausses avec aplomb ≤ {WRONG_CEILING:.0%})", file=out)
    print(tabulate([_outcome_row(s) for s in summaries], headers=OUTCOME_HEADERS, tablefmt="github"), file=out)
    for name, results in sets.items():
        breakdown: list[list[Any]] = []
        for outcome in OUTCOMES:
            group = [r for r in results if r.outcome == outcome]
            if group:
                breakdown.append(_outcome_row(summarise_outcomes(f"{name} · attendu {outcome}", group), False))
        for klass in ITEM_CLASSES:
            group = [r for r in results if r.klass == klass]
            if group:
                breakdown.append(_outcome_row(summarise_outcomes(f"{name} · classe {klass}", group), False))
        if len(breakdown) > 1:
            print(f"\nDétail — {name}", file=out)
            print(tabulate(breakdown, headers=OUTCOME_HEADERS, tablefmt="github"), file=out)
        wrong = [r for r in results if r.verdict == WRONG]
        if wrong and name in hidden:
            print(f"\nFausses avec aplomb — {name} : {len(wrong)} (jeu réservé : détail dans --json seulement)", file=out)
        elif wrong:
            print(f"\nFausses avec aplomb — {name} ({len(wrong)})", file=out)
            for result in wrong:
                print(f"- {result.id} [{result.outcome}, classe {result.klass}] « {result.question} »", file=out)
                for reason in result.verdict_reasons:
                    print(f"    ✗ {reason}", file=out)
    return summaries


# ------------------------------------------------------------------------------------------- running
class ServerUnavailable(Exception):
    """The bot did not answer at the given URL."""


def post_message(url: str, sender: str, message: str, timeout: float) -> list[dict[str, Any]]:
    """One user turn through Rasa's REST channel; returns the bot messages."""
    payload = json.dumps({"sender": sender, "message": message, "metadata": {}}).encode("utf-8")
    request = urllib.request.Request(
        f"{url.rstrip('/')}/webhooks/rest/webhook", data=payload,
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback URL
            body = json.loads(response.read() or b"[]")
    except (urllib.error.URLError, ConnectionError, socket.timeout) as error:
        if isinstance(error, urllib.error.HTTPError):
            raise
        raise ServerUnavailable(str(getattr(error, "reason", error))) from error
    return body if isinstance(body, list) else []


def check_server(url: str, timeout: float = 5) -> None:
    """Raise :class:`ServerUnavailable` unless something answers HTTP at ``url``."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/", timeout=timeout):  # noqa: S310
            return
    except urllib.error.HTTPError:
        return  # an HTTP error still proves a server is listening
    except (urllib.error.URLError, ConnectionError, socket.timeout, ValueError) as error:
        raise ServerUnavailable(str(getattr(error, "reason", error))) from error


def _play(url: str, item: Item, turns: Sequence[str], timeout: float,
          latencies: Optional[list[float]] = None) -> list[dict[str, Any]]:
    """Post ``turns`` with a fresh sender; return the bot messages of the last one."""
    sender = f"eval-{item.id}-{uuid.uuid4().hex[:10]}"
    messages: list[dict[str, Any]] = []
    for turn in turns:
        started = time.perf_counter()
        messages = post_message(url, sender, turn, timeout)
        if latencies is not None:
            latencies.append((time.perf_counter() - started) * 1000)
    return messages


def reading_offered(item: Item, reply: Reply, url: str, timeout: float) -> bool:
    """Whether one of the reply's choice buttons leads to the expected answer.

    Each button is followed in a fresh conversation (the item's turns, then the button's payload, as a click
    sends it), and the answer it gives is scored with :func:`score_item`.
    """
    for button in reply.choice_buttons:
        payload = str(button.get("payload") or button.get("title") or "")
        if not payload:
            continue
        try:
            messages = _play(url, item, list(item.turns) + [payload], timeout)
        except urllib.error.HTTPError:
            continue
        if score_item(item, messages).correct:
            return True
    return False


def run_item(item: Item, url: str, timeout: float) -> ItemResult:
    """Play every turn of ``item`` with a fresh sender, score the last answer and give it its verdict."""
    latencies: list[float] = []
    try:
        messages = _play(url, item, item.turns, timeout, latencies)
    except urllib.error.HTTPError as error:
        result = score_item(item, [])
        result.correct = False
        result.failures.insert(0, f"HTTP {error.code} au tour {len(latencies) + 1}")
        result.verdict, result.verdict_reasons = MISSED, [f"HTTP {error.code}"]
        result.latencies_ms = latencies
        return result
    result = score_item(item, messages)
    result.latencies_ms = latencies
    reply = parse_messages(messages)
    if item.expected_outcome == "answer" and result.verdict == CLARIFIED:
        offered = reading_offered(item, reply, url, timeout)
        result.verdict, result.verdict_reasons = classify(item, reply, correct=result.correct,
                                                          reading_offered=offered)
    return result


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description="Jeu de questions de développement contre le bot lancé.")
    # `python -m bot with-stack` hands the running bot's address over in RASA_URL.
    parser.add_argument("--url", default=get_settings().rasa_url,
                        help="adresse du serveur Rasa (canal REST ; défaut : $RASA_URL ou 127.0.0.1:5005)")
    parser.add_argument("--only", choices=CATEGORIES, help="ne jouer qu'une catégorie")
    parser.add_argument("--json", type=Path, help="écrire les résultats détaillés dans ce fichier")
    parser.add_argument("--file", "--questions", dest="files", type=Path, action="append",
                        help=f"fichier de questions (répétable ; défaut : {QUESTIONS_FILE.name})")
    parser.add_argument("--heldout", action="store_true",
                        help=f"jouer le jeu réservé {HELDOUT_FILE.name} (gelé : ne jamais régler le bot dessus)")
    parser.add_argument("--timeout", type=float, default=60, help="délai maximal par tour, en secondes")
    parser.add_argument("--no-fail", action="store_true", help="toujours sortir avec le code 0")
    args = parser.parse_args(argv)

    files = list(args.files or [])
    if args.heldout:
        files.append(HELDOUT_FILE)
    if not files:
        files = [QUESTIONS_FILE]
    sets: dict[str, list[Item]] = {}
    for path in files:
        items = load_items(path)
        if args.only:
            items = [i for i in items if i.category == args.only]
        sets[Path(path).stem] = items
    try:
        check_server(args.url)
    except ServerUnavailable as error:
        print(f"Le bot ne répond pas à {args.url} ({error}). Lancez-le (make run) ou passez --url.",
              file=sys.stderr)
        return 2

    played: dict[str, list[ItemResult]] = {}
    passed = True
    for name, items in sets.items():
        results: list[ItemResult] = []
        try:
            for index, item in enumerate(items, 1):
                results.append(run_item(item, args.url, args.timeout))
                if index % 25 == 0:
                    print(f"… {name} {index}/{len(items)}", file=sys.stderr)
        except ServerUnavailable as error:
            print(f"Le bot a cessé de répondre ({error}) après {len(results)} questions.", file=sys.stderr)
            return 2
        played[name] = results
        print(f"\n=== {name} ({len(results)} questions)")
        # The held-out set's items are never printed: whoever reads the output must not tune on them.
        summary = report(results, items=name != HELDOUT_FILE.stem)
        if not any(item.outcome for item in items):
            passed = passed and summary.passed()  # the development set keeps its historical thresholds
    outcome_summaries = report_outcomes(played, hidden=(HELDOUT_FILE.stem,))
    for outcome_summary, items in zip(outcome_summaries, sets.values()):
        if any(item.outcome for item in items):
            passed = passed and outcome_summary.passed()
    if args.json:
        def _dump(name: str, results: list[ItemResult], outcome_summary: OutcomeSummary) -> dict[str, Any]:
            return {"summary": asdict(summarise(results)), "outcomes": asdict(outcome_summary),
                    "results": [asdict(r) for r in results]}
        dumps = {name: _dump(name, results, o) for (name, results), o in zip(played.items(), outcome_summaries)}
        body = next(iter(dumps.values())) if len(dumps) == 1 else {"sets": dumps}
        args.json.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.no_fail:
        return 0
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

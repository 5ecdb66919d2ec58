"""Run the development question set against a live bot and score every answer.

Usage (from the repository root, with the bot running)::

    python -m tests.eval.run_eval [--url http://127.0.0.1:5005] [--only CATEGORY] [--json out.json] [--no-fail]

Each item of ``questions.yml`` gets a fresh sender id; its turns are posted one by one to the REST channel
and only the bot messages of the last turn are scored (see :func:`score_item`). Exit codes: 0 when the
thresholds are met (or ``--no-fail``), 1 when they are not, 2 when the server does not answer.

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

CATEGORIES = (
    "responsabilite", "oui_non", "support", "procedure", "convention", "interdiction",
    "suivi", "clarification", "hors_champ", "non_precise", "smalltalk",
)
ROLES = ("enseignant", "principal", "rupn")
PARTIES = ("departement", "academie", "canope", "college")
SECTIONS = ("preambule", "repartition") + tuple(f"article-{n}" for n in range(1, 15))

OVERALL_THRESHOLD = 0.95
SUPPORT_THRESHOLD = 1.0

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


@dataclass
class Reply:
    """The bot messages of one turn, flattened: text, buttons and citation payloads."""

    text: str = ""
    buttons: list[dict[str, Any]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)

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
                if article not in reply.articles:
                    reply.articles.append(article)
            for party in custom.get("parties") or []:
                if party not in reply.parties:
                    reply.parties.append(party)
            if custom.get("quote"):
                reply.quotes.append(str(custom["quote"]))
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
    )


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


def report(results: Sequence[ItemResult], out=sys.stdout) -> Summary:
    """Print the tables and the failures; return the summary."""
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
    if failed:
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


def run_item(item: Item, url: str, timeout: float) -> ItemResult:
    """Play every turn of ``item`` with a fresh sender and score the last answer."""
    sender = f"eval-{item.id}-{uuid.uuid4().hex[:10]}"
    latencies: list[float] = []
    messages: list[dict[str, Any]] = []
    for turn in item.turns:
        started = time.perf_counter()
        try:
            messages = post_message(url, sender, turn, timeout)
        except urllib.error.HTTPError as error:
            result = score_item(item, [])
            result.correct = False
            result.failures.insert(0, f"HTTP {error.code} au tour « {turn} »")
            result.latencies_ms = latencies
            return result
        latencies.append((time.perf_counter() - started) * 1000)
    result = score_item(item, messages)
    result.latencies_ms = latencies
    return result


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description="Jeu de questions de développement contre le bot lancé.")
    # `python -m bot with-stack` hands the running bot's address over in RASA_URL.
    parser.add_argument("--url", default=get_settings().rasa_url,
                        help="adresse du serveur Rasa (canal REST ; défaut : $RASA_URL ou 127.0.0.1:5005)")
    parser.add_argument("--only", choices=CATEGORIES, help="ne jouer qu'une catégorie")
    parser.add_argument("--json", type=Path, help="écrire les résultats détaillés dans ce fichier")
    parser.add_argument("--questions", type=Path, default=QUESTIONS_FILE, help="fichier de questions")
    parser.add_argument("--timeout", type=float, default=60, help="délai maximal par tour, en secondes")
    parser.add_argument("--no-fail", action="store_true", help="toujours sortir avec le code 0")
    args = parser.parse_args(argv)

    items = load_items(args.questions)
    if args.only:
        items = [i for i in items if i.category == args.only]
    try:
        check_server(args.url)
    except ServerUnavailable as error:
        print(f"Le bot ne répond pas à {args.url} ({error}). Lancez-le (make run) ou passez --url.",
              file=sys.stderr)
        return 2

    results: list[ItemResult] = []
    try:
        for index, item in enumerate(items, 1):
            results.append(run_item(item, args.url, args.timeout))
            if index % 25 == 0:
                print(f"… {index}/{len(items)}", file=sys.stderr)
    except ServerUnavailable as error:
        print(f"Le bot a cessé de répondre ({error}) après {len(results)} questions.", file=sys.stderr)
        return 2

    summary = report(results)
    if args.json:
        args.json.write_text(json.dumps(
            {"summary": asdict(summary), "results": [asdict(r) for r in results]},
            ensure_ascii=False, indent=2), encoding="utf-8")
    if args.no_fail:
        return 0
    return 0 if summary.passed() else 1


if __name__ == "__main__":
    sys.exit(main())

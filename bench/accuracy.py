"""Accuracy on the eval set, scored by tests/eval/run_eval.py's ``score_item`` when it exists."""
from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from bench.client import BotError, RasaClient, reply_buttons, reply_text

Scorer = Callable[[dict, list], Any]


@dataclass
class AccuracyResult:
    """Items answered right, per category, and which scorer judged them."""

    correct: int = 0
    total: int = 0
    errors: int = 0
    scorer: str = ""
    scorer_failures: list[str] = field(default_factory=list)  # items the scorer could not read (counted wrong)
    per_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [correct, total]

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0


def project_scorer() -> Optional[Scorer]:
    """``tests.eval.scoring.score_item`` if the eval runner is there (the reference scoring)."""
    try:
        from tests.eval.model import item_from_dict  # noqa: PLC0415 - optional, owned by the eval set
        from tests.eval.scoring import score_item  # noqa: PLC0415
    except Exception:  # noqa: BLE001 - absent or broken: fall back to the built-in scorer
        return None

    def score(raw: dict, replies: list) -> Any:
        # the eval runner scores its own Item records, built from the YAML mapping by item_from_dict.
        return score_item(item_from_dict(dict({"role": "enseignant"}, **raw)), replies)

    return score


def is_correct(result: Any) -> bool:
    """Read a verdict from whatever ``score_item`` returns (a bool or an object with a verdict field)."""
    if isinstance(result, bool):
        return result
    for name in ("correct", "ok", "passed", "success"):
        value = getattr(result, name, None)
        if value is None and isinstance(result, dict):
            value = result.get(name)
        if isinstance(value, bool):
            return value
    raise TypeError(f"cannot read a verdict from {type(result).__name__}")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " ").replace("\u202f", " ").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def builtin_score(item: dict, replies: list) -> bool:
    """The eval schema's rules (subset of articles and parties, facts, yes/no, clarify) on the last reply."""
    expect = item.get("expect") or {}
    text = reply_text(replies)
    cite = next((m["custom"] for m in replies if isinstance(m.get("custom"), dict)), {})
    articles, parties = set(cite.get("articles") or []), set(cite.get("parties") or [])
    for key, cited in (("articles", articles), ("parties", parties)):
        if key in expect:
            wanted = set(expect[key] or [])
            if (not wanted and cited) or not wanted <= cited:
                return False
    if not all(_fold(str(f)) in _fold(text) for f in expect.get("facts") or []):
        return False
    if expect.get("yes_no") and not _fold(text).startswith(_fold(str(expect["yes_no"]))):
        return False
    if expect.get("clarify") and not reply_buttons(replies):
        return False
    return True


def evaluate(url: str, items: list[dict], limit: int = 0, scorer: Optional[Scorer] = None) -> AccuracyResult:
    """Play each item (fresh sender, every turn) and score the last reply."""
    chosen = items[:limit] if limit else items
    score = scorer or project_scorer()
    result = AccuracyResult(scorer="tests.eval.scoring.score_item" if score else "bench.accuracy.builtin_score")
    client = RasaClient(url)
    try:
        for item in chosen:
            sender = f"bench-eval-{uuid.uuid4().hex[:10]}"
            replies: list = []
            try:
                for turn in item["turns"]:
                    replies = client.send(sender, str(turn)).body
            except BotError:
                result.errors += 1
                replies = []
            try:
                ok = is_correct(score(item, replies)) if score else builtin_score(item, replies)
            except Exception as error:  # noqa: BLE001 - an item the scorer cannot read counts as wrong
                result.scorer_failures.append(f"{item.get('id', '?')}: {error!r}"[:300])
                ok = False
            category = str(item.get("category", "?"))
            counts = result.per_category.setdefault(category, [0, 0])
            counts[0] += int(ok)
            counts[1] += 1
            result.correct += int(ok)
            result.total += 1
    finally:
        client.close()
    return result

"""The public collèges of the Deux-Sèvres: loading, UAI validation and tolerant lookup.

The list lives in ``knowledge/data/establishments.yml``. A user names their establishment the way they
speak ("jean donet", "le collège de lezay", "0799001e"), so :func:`find_establishment` accepts a UAI in any
case and spacing, or a name/town with typos and without accents, and says when the text fits several
collèges equally (e.g. "Niort") instead of guessing.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml
from rapidfuzz import fuzz

# One implementation of the UAI rules, shared with the import of the national directory (re-exported here).
from knowledge.uai import (  # noqa: F401
    DEPARTMENT_PREFIX,
    UAI_LETTERS,
    is_valid_uai,
    normalize_uai,
    uai_check_letter,
)
from knowledge.uai import (
    UAI_SHAPE as _UAI_SHAPE,
)

# The list is data like the agreement itself: it lives with the knowledge base data.
DATA_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "establishments.yml"

# A UAI typed inside a sentence, with any spacing/dots/dashes between its characters.
_UAI_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])0[\s.\-]*7[\s.\-]*9(?:[\s.\-]*\d){4}[\s.\-]*[A-Za-z](?![0-9A-Za-z])")

# Words that say "collège" or link words: they carry no identity, so they are removed before comparing.
_STOPWORDS = frozenset(
    "college colleges clg etablissement ecole cite scolaire public de du des la le les l d a au aux en et "
    "sur sous saint st ste".split()
)
# A candidate must reach this similarity (0-100) to count; candidates closer than the margin to the
# best one make the answer ambiguous.
MATCH_THRESHOLD = 80.0
AMBIGUITY_MARGIN = 3.0
# When both the name and the town of a collège are in the text, it beats a collège matched on one only.
_BOTH_BONUS = 5.0


class EstablishmentDataError(ValueError):
    """The establishments file is unreadable or holds an invalid record."""


@dataclass(frozen=True)
class Establishment:
    """One collège: its UAI (e.g. ``0799001E``), its usual name and its town."""

    uai: str
    name: str
    town: str
    aliases: tuple[str, ...] = ()
    verified: bool = False
    # Closed (gone from the Annuaire, or marked closed there): kept so that old tickets still show its
    # name, but no longer offered for a new incident.
    closed: bool = False

    @property
    def label(self) -> str:
        """Name and town as shown to users, e.g. "Collège Jean Donnet (Lezay)"."""
        return f"{self.name} ({self.town})"


@dataclass(frozen=True)
class Candidate:
    """An establishment with its similarity score (0-100) to the searched text."""

    establishment: Establishment
    score: float


@dataclass(frozen=True)
class EstablishmentMatch:
    """Result of :func:`find_establishment`.

    ``establishment`` is set when one collège stands out (``score`` is its similarity, 100 for a UAI);
    it is None when nothing matches or when several collèges fit equally, then listed in ``candidates``
    (best first). ``ambiguous`` tells the two cases apart.
    """

    establishment: Optional[Establishment]
    score: float
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    matched_uai: Optional[str] = None

    @property
    def ambiguous(self) -> bool:
        """True when several collèges fit the text about equally well."""
        return self.establishment is None and len(self.candidates) > 1


def _fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: the form every comparison uses."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    no_accents = no_accents.replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", no_accents).split())


def _content_tokens(text: str) -> list[str]:
    return [token for token in _fold(text).split() if token not in _STOPWORDS]


def _load_records(path: Path) -> list[Establishment]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EstablishmentDataError(f"{path}: cannot read establishments: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("establishments"), list):
        raise EstablishmentDataError(f"{path}: expected a top-level 'establishments' list")
    result: list[Establishment] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(raw["establishments"], start=1):
        where = f"{path}: record #{index}"
        if not isinstance(record, dict):
            raise EstablishmentDataError(f"{where}: expected a mapping, got {type(record).__name__}")
        where = f"{where} ({record.get('name', '?')})"
        unknown = set(record) - {"uai", "name", "town", "aliases", "verified", "closed"}
        if unknown:
            raise EstablishmentDataError(f"{where}: unknown field(s) {sorted(unknown)}")
        for key in ("uai", "name", "town"):
            value = record.get(key)
            if not isinstance(value, str) or not value.strip():
                raise EstablishmentDataError(f"{where}: field '{key}' must be a non-empty string")
        uai = record["uai"].strip()
        if uai != normalize_uai(uai) or not _UAI_SHAPE.match(uai):
            raise EstablishmentDataError(f"{where}: UAI {uai!r} is not 7 digits + 1 upper-case letter")
        if not uai.startswith(DEPARTMENT_PREFIX):
            raise EstablishmentDataError(f"{where}: UAI {uai} is not a Deux-Sèvres code (079…)")
        expected = uai_check_letter(uai[:7])
        if uai[7] != expected:
            raise EstablishmentDataError(f"{where}: UAI {uai} has check letter {uai[7]}, expected {expected}")
        if uai in seen:
            raise EstablishmentDataError(f"{where}: UAI {uai} already used by record #{seen[uai]}")
        seen[uai] = index
        aliases = record.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise EstablishmentDataError(f"{where}: 'aliases' must be a list of non-empty strings")
        verified, closed = record.get("verified", False), record.get("closed", False)
        for key, value in (("verified", verified), ("closed", closed)):
            if not isinstance(value, bool):
                raise EstablishmentDataError(f"{where}: '{key}' must be true or false")
        result.append(
            Establishment(
                uai=uai,
                name=record["name"].strip(),
                town=record["town"].strip(),
                aliases=tuple(a.strip() for a in aliases),
                verified=verified,
                closed=closed,
            )
        )
    if not result:
        raise EstablishmentDataError(f"{path}: the 'establishments' list is empty")
    return result


class EstablishmentDirectory:
    """The validated list of establishments, indexed by UAI, with tolerant search."""

    def __init__(self, establishments: Iterable[Establishment]):
        self._items = tuple(establishments)
        self._by_uai = {item.uai: item for item in self._items}  # closed ones too: old tickets name them
        self._open = tuple(item for item in self._items if not item.closed)
        # Pre-folded variants: (establishment, kind, tokens), kind is "name" or "town".
        self._variants: list[tuple[Establishment, str, tuple[str, ...]]] = []
        for item in self._open:
            for kind, texts in (("name", (item.name, *item.aliases)), ("town", (item.town,))):
                for text in texts:
                    tokens = tuple(_content_tokens(text))
                    if tokens:
                        self._variants.append((item, kind, tokens))

    @classmethod
    def from_file(cls, path: Path | str = DATA_FILE) -> "EstablishmentDirectory":
        """Load and validate a YAML file; raises :class:`EstablishmentDataError` naming file and record."""
        return cls(_load_records(Path(path)))

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def get(self, uai: str) -> Optional[Establishment]:
        """Return the establishment with this UAI (any case/spacing), or None."""
        return self._by_uai.get(normalize_uai(uai))

    def find(self, text: str) -> EstablishmentMatch:
        """Find the establishment meant by ``text``; see :func:`find_establishment`."""
        text = text or ""
        uai_hit = _UAI_IN_TEXT.search(text)
        if uai_hit:
            uai = normalize_uai(uai_hit.group(0))
            known = self._by_uai.get(uai)
            if known and not known.closed:
                return EstablishmentMatch(known, 100.0, (Candidate(known, 100.0),), matched_uai=uai)
            # A code that is not ours (or mistyped) must not be "corrected" to a neighbour by fuzzy
            # matching on its digits; the name, if also given, can still be used below.
        query = _content_tokens(text)
        if not query:
            return EstablishmentMatch(None, 0.0)
        best_by_kind: dict[tuple[str, str], float] = {}
        for item, kind, tokens in self._variants:
            score = _window_score(query, tokens)
            key = (item.uai, kind)
            if score > best_by_kind.get(key, 0.0):
                best_by_kind[key] = score
        ranked: list[tuple[float, float, Establishment]] = []
        for item in self._open:
            name_score = best_by_kind.get((item.uai, "name"), 0.0)
            town_score = best_by_kind.get((item.uai, "town"), 0.0)
            score = max(name_score, town_score)
            if score < MATCH_THRESHOLD:
                continue
            both = name_score >= MATCH_THRESHOLD and town_score >= MATCH_THRESHOLD
            # When the name *is* the town ("Collège de Secondigny") the bonus would be unearned.
            if both and _content_tokens(item.name) == _content_tokens(item.town):
                both = False
            ranked.append((score + (_BOTH_BONUS if both else 0.0), score, item))
        if not ranked:
            return EstablishmentMatch(None, 0.0)
        ranked.sort(key=lambda entry: (-entry[0], entry[2].name))
        top_rank = ranked[0][0]
        close = [Candidate(item, round(score, 1))
                 for rank, score, item in ranked if top_rank - rank <= AMBIGUITY_MARGIN]
        if len(close) > 1:
            return EstablishmentMatch(None, close[0].score, tuple(close))
        return EstablishmentMatch(close[0].establishment, close[0].score, tuple(close))


def _window_score(query: list[str], variant: tuple[str, ...]) -> float:
    """Best similarity between ``variant`` and any run of about as many consecutive query words.

    Comparing against runs of words (rather than the whole text) lets a name inside a long sentence
    score as high as the name alone, while short fragments ("zay") do not match longer words ("lezay").
    """
    target = " ".join(variant)
    best = 0.0
    size = len(variant)
    for width in {max(1, size - 1), size, size + 1}:
        if width > len(query):
            width = len(query)
        for start in range(0, len(query) - width + 1):
            window = " ".join(query[start : start + width])
            best = max(best, fuzz.ratio(window, target))
    return best


@lru_cache(maxsize=1)
def default_directory() -> EstablishmentDirectory:
    """The directory loaded from ``knowledge/data/establishments.yml`` (cached)."""
    return EstablishmentDirectory.from_file(DATA_FILE)


def load_establishments(path: Path | str | None = None) -> list[Establishment]:
    """Load and validate the establishments file (default: the project's), failing loudly on bad data."""
    return list(EstablishmentDirectory.from_file(path or DATA_FILE))


def find_establishment(text: str, directory: Optional[EstablishmentDirectory] = None) -> EstablishmentMatch:
    """Find the collège meant by ``text``: a UAI (any case, spaces) or a name/town (typos, no accents).

    Returns the best match and its score, or no establishment and several ``candidates`` when the text
    fits several collèges about equally (``match.ambiguous``), or nothing (score 0) when none fits.
    """
    return (directory or default_directory()).find(text)


def get_establishment(uai: str) -> Optional[Establishment]:
    """Return the project's establishment with this UAI, or None."""
    return default_directory().get(uai)

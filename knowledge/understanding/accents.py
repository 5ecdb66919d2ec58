"""Accents put back on words typed without them, and the hyphens of an inversion (« rembourse t il », « est ce
que »), for the parser only (issue 11).

People type « les eleves », « qui cree les comptes », « le reseau ». spaCy's French model was trained on accented
text: « cree » is no verb to it, « eleves » no noun, and a question typed without accents is parsed as another
sentence (the coverage and verdict checks that read the parse then misfire). The words the parse hands back read
with their accents too (a point worded back: « qui doit évaluer l'intérêt pédagogique »). Each word that is no French form of
the model's lemmatizer tables but the unaccented spelling of one of its words gets that word back before parsing;
a word that is French as typed (« ou », « a », « cote », « marche ») is left alone. Every replacement keeps the
length of the text, so the parse's character offsets still point into the message as typed.

The words come from the installed model (its lemmatizer tables and its vectors' keys): nothing is downloaded, and
nothing here is a fact of the agreement.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import Any, Optional

from knowledge import loader

_WORD = re.compile(r"[^\W\d_]+")
# « rembourse t il », « est ce que »: an inversion typed without its hyphens (same length with them).
# (« qu'est ce que » too, not « c'est ce que ».)
_INVERSION = re.compile(r"(?<=\w) t (?=(?:il|elle|on|ils|elles)\b)|(?:(?<![\w'’])|(?<=qu')|(?<=qu’))est (?=ce\b)",
                        re.IGNORECASE)
logger = logging.getLogger(__name__)
_lock = threading.Lock()
_restore: Optional[dict[str, str]] = None


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def build(pipeline: Any, preferred: frozenset[str] = frozenset()) -> dict[str, str]:
    """Unaccented spelling → accented word, from ``pipeline``'s own tables. Where several accented words share the
    spelling (« eleve »: « élève », « élevé »), one of ``preferred`` (the agreement's words) wins, then a form of the
    lemmatizer's tables, then the most frequent (the vectors' rows are ordered by frequency)."""
    strings = pipeline.vocab.strings
    lookup = pipeline.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    french: set[str] = set()
    for key, lemmas in lookup.items():
        if key in strings:
            french.add(strings[key])
        french.update(lemma for lemma in lemmas if isinstance(lemma, str))
    # (The tables miss the commonest words, « au », « depuis »; a pruned rare key, « dépuis », shares their vector
    # row and would pass for their accented form: a stop word is French as typed, unless its accented form is one
    # too, « deja », « déjà ».)
    stop_words = pipeline.Defaults.stop_words
    rows = pipeline.vocab.vectors.key2row
    best: dict[str, tuple[bool, bool, int, str]] = {}
    for key, row in rows.items():
        if key not in strings:
            continue
        word = strings[key]
        if not word.isalpha() or not word.islower():
            continue
        plain = _plain(word)
        if plain == word or plain in french or plain in stop_words and word not in stop_words:
            continue  # already plain, or a French word as typed: « ou » is no « où », « au » no « àu »
        # (The vectors' keys hold misspellings too, « interêt »: a form of the lemmatizer's tables wins over them.)
        rank = (word not in preferred, word not in french, row, word)
        if plain not in best or rank < best[plain]:
            best[plain] = rank
    restore = {}
    for plain, (_, _, row, word) in best.items():
        # (A plain spelling more frequent than every accented one is a word of its own in the model's corpus.)
        plain_row = rows.get(strings[plain], len(rows)) if plain in strings else len(rows)
        if row <= plain_row and len(word) == len(plain):
            restore[plain] = word
    return restore


def _agreement_words() -> frozenset[str]:
    path = loader.data_dir() / loader.AGREEMENT_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(w.lower() for w in _WORD.findall(text))


def prepare(pipeline: Any) -> None:
    """Build the table once (parse.nlp calls this when it loads the model). A table that cannot be built leaves
    words as typed: the parse still works, as before this module."""
    global _restore
    if _restore is None:
        with _lock:
            if _restore is None:
                try:
                    _restore = build(pipeline, _agreement_words())
                except Exception:  # a model without these tables must not turn the parse off
                    logger.exception("the table of accents could not be built; words are parsed as typed")
                    _restore = {}


def restored(text: str) -> str:
    """``text`` with its inversions hyphened and its accents put back where the table knows the word (same
    length); accents only once the table is built."""
    table = _restore or {}

    def put_back(match: re.Match[str]) -> str:
        word = match.group(0)
        accented = table.get(word.lower())
        if accented is None:
            return word
        return accented[0].upper() + accented[1:] if word[0].isupper() else accented

    hyphened = _INVERSION.sub(lambda m: m.group(0).replace(" t ", "-t-").replace(" ", "-"), text)
    return _WORD.sub(put_back, hyphened)

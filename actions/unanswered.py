"""Record what the bot could not answer (adapter over ``helpdesk.unanswered``)."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Optional, Sequence

from rasa_sdk import Tracker

from helpdesk.unanswered import UnansweredStore

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _store() -> UnansweredStore:
    return UnansweredStore()


def record_unanswered(tracker: Tracker, text: str, *, reason: str, intent: Optional[str] = None,
                      confidence: Optional[float] = None, answer_kind: Optional[str] = None,
                      trace: Sequence[str] = ()) -> None:
    """Store the question with the trace of the answer given; a storage failure must never break the
    conversation."""
    try:
        _store().record(tracker.sender_id, text, reason, intent, confidence, answer_kind, trace=trace)
    except Exception:  # noqa: BLE001 - logging is best effort by design
        logger.exception("could not record an unanswered question")

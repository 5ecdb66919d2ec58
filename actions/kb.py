"""Access to the process-wide knowledge base, loaded once when the action server starts."""
from __future__ import annotations

import logging

from knowledge.records import KnowledgeBase
from knowledge.service import get_knowledge
from knowledge.vocabulary import vocabulary_for

logger = logging.getLogger(__name__)


def knowledge() -> KnowledgeBase:
    """The knowledge base (loaded and indexed on first use)."""
    return get_knowledge()


def warm_up() -> None:
    """Load and index everything now, so that the first user does not wait for it."""
    vocabulary_for(knowledge())
    logger.info("knowledge base loaded: %d obligations", len(knowledge().obligations))

"""Access to the process-wide knowledge base, loaded once when the action server starts."""
from __future__ import annotations

import logging

from helpdesk.establishments import default_directory
from knowledge.records import KnowledgeBase
from knowledge.schedule import holiday_name, now_paris
from knowledge.service import get_knowledge
from knowledge.vocabulary import vocabulary_for

logger = logging.getLogger(__name__)


def knowledge() -> KnowledgeBase:
    """The knowledge base (loaded and indexed on first use)."""
    return get_knowledge()


def warm_up() -> None:
    """Load and index everything now, so that the first user does not wait for it."""
    vocabulary_for(knowledge())
    default_directory()
    # Builds this year's public-holiday calendar: its first use imports the holidays package's country
    # modules (~150 ms), which the first declaration or opening-hours answer would otherwise wait for.
    holiday_name(now_paris().date())
    logger.info("knowledge base loaded: %d obligations", len(knowledge().obligations))

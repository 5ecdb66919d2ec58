"""Questions the bot could not answer, kept to improve data and NLU (see :mod:`.store`).

    store = UnansweredStore()               # FEEDBACK_DATABASE_URL or sqlite:///var/feedback.db, migrated
    store.record(sender_id, text, "unknown", trace=[...])

The schema is Alembic's (:mod:`.schema`, ``migrations/``), in its own history and version table.
"""
from knowledge.storage import make_engine

from .schema import current_revision, feedback_url, head_revision, upgrade
from .store import Unanswered, UnansweredRow, UnansweredStore

__all__ = ["Unanswered", "UnansweredRow", "UnansweredStore", "current_revision", "feedback_url", "head_revision",
           "make_engine", "upgrade"]

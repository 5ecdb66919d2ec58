"""Questions the bot could not answer, kept to improve data and NLU (see :mod:`.store`).

    store = UnansweredStore()               # FEEDBACK_DATABASE_URL or sqlite:///var/feedback.db, migrated
    store.record(sender_id, text, "unknown", trace=[...])

The schema is Alembic's (:mod:`.schema`, ``migrations/``), in its own history and version table.
"""
# The ticket store's engine: WAL journal, pooled connections, bounded waits. A plain engine reopened the file and
# synced a rollback journal on each question logged, inside the turn (measured: 1.9 ms a row against 1.05 ms).
from helpdesk.tickets.engine import make_engine

from .schema import current_revision, feedback_url, head_revision, upgrade
from .store import Unanswered, UnansweredRow, UnansweredStore

__all__ = ["Unanswered", "UnansweredRow", "UnansweredStore", "current_revision", "feedback_url", "head_revision",
           "make_engine", "upgrade"]

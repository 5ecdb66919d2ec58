"""Retention (RGPD): delete conversations, tickets and logs past their retention period."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, inspect, text


def _purge_trackers(days: int, url: str) -> int:
    """Delete tracker events older than ``days`` from the SQL tracker store at ``url`` (SQLite or PostgreSQL)."""
    engine = create_engine(url, future=True)
    try:
        if "events" not in inspect(engine).get_table_names():
            return 0
        cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).timestamp()
        with engine.begin() as connection:
            result = connection.execute(text("DELETE FROM events WHERE timestamp < :cutoff"), {"cutoff": cutoff})
            return result.rowcount or 0
    finally:
        engine.dispose()


def purge_all(days: int, tracker_url: str) -> dict[str, int]:
    """Purge every store; returns how many records each lost."""
    from helpdesk.tickets import TicketStore
    from helpdesk.unanswered import UnansweredStore

    counts = {"conversations (événements)": _purge_trackers(days, tracker_url)}
    counts["questions sans réponse"] = UnansweredStore().purge(days)
    store = TicketStore.open()
    purge = getattr(store, "purge_closed_before", None)
    if purge is not None:
        counts["tickets clos"] = purge(datetime.now(timezone.utc) - timedelta(days=days))
    counts["pièces jointes en attente"] = store.purge_stale_attachments()
    return counts

"""Retention (RGPD): delete conversations, tickets and logs past their retention period.

The purge only works on databases that exist: a missing SQLite file (a wrong ``TRACKER_DATABASE_URL``, a
cron job run from the wrong folder) is refused with a French message and a non-zero exit, instead of
creating an empty database there and reporting « 0 supprimé(s) ».

Where the databases are comes from the one settings object (:class:`settings.config.Settings`), which the
command passes down: this module reads no environment variable itself.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from settings.config import Settings

# The databases a purge must find before it touches anything (the Telegram one is optional: no gateway here).
REQUIRED = ("tracker_database_url", "tickets_database_url", "feedback_database_url")


class MissingDatabase(RuntimeError):
    """A database the purge should clean does not exist; the message is French."""


def missing_databases(settings: Settings) -> list[str]:
    """``VARIABLE (path)`` of every SQLite database of the purge whose file does not exist."""
    missing = []
    for field in REQUIRED:
        url = make_url(getattr(settings, field))
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            if not Path(url.database).is_file():
                missing.append(f"{field.upper()} ({Path(url.database).resolve()})")
    return missing


def _purge_trackers(days: int, url: str) -> int:
    """Delete tracker events older than ``days`` from the SQL tracker store (SQLite or PostgreSQL)."""
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


def _purge_links(cutoff: datetime, telegram_url: str) -> int:
    url = make_url(telegram_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return 0  # no Telegram gateway here: nothing linked, and no empty database to create
    from bot.channels.common.account_links import LinkStore

    links = LinkStore(str(url))
    try:
        return links.purge(cutoff)
    finally:
        links.close()


def purge_all(days: int, settings: Settings) -> dict[str, int]:
    """Purge every store ``settings`` names; returns how many records each lost. Raises
    :class:`MissingDatabase` first, before touching anything, when a database is missing."""
    from helpdesk.tickets import TicketStore
    from helpdesk.unanswered import UnansweredStore
    from helpdesk.unanswered import make_engine as feedback_engine

    missing = missing_databases(settings)
    if missing:
        raise MissingDatabase(
            "Purge annulée : base(s) introuvable(s) : " + ", ".join(missing)
            + ". Vérifiez les variables d'environnement (ou lancez la purge depuis le dossier du bot) ; "
            "aucune base n'a été créée ni modifiée."
        )
    cutoff = datetime.now(timezone.utc) - timedelta(days=days)
    counts = {"conversations (événements)": _purge_trackers(days, settings.tracker_database_url)}
    counts["questions sans réponse"] = UnansweredStore(feedback_engine(settings.feedback_database_url)).purge(days)
    store = TicketStore.open(settings.tickets_database_url)
    try:
        counts["tickets clos"] = store.purge_closed_before(cutoff)
        counts["coordonnées de tickets ouverts"] = store.scrub_contacts_open_before(cutoff)
        counts["pièces jointes en attente"] = store.purge_stale_attachments()
    finally:
        store.close()
    counts["liaisons Telegram"] = _purge_links(cutoff, settings.telegram_database_url)
    return counts

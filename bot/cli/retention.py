"""Retention (RGPD): delete conversations, tickets and logs past their retention period.

The purge only works on databases that exist: a missing SQLite file (a wrong ``TRACKER_DATABASE_URL``, a
cron job run from the wrong folder) is refused with a French message and a non-zero exit, instead of
creating an empty database there and reporting « 0 supprimé(s) ».
"""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Mapping, Optional

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

DEFAULTS = {
    "TRACKER_DATABASE_URL": "sqlite:///var/trackers.db",
    "TICKETS_DATABASE_URL": "sqlite:///var/tickets.db",
    "FEEDBACK_DATABASE_URL": "sqlite:///var/feedback.db",
    "TELEGRAM_DATABASE_URL": "sqlite:///var/telegram.db",
}


class MissingDatabase(RuntimeError):
    """A database the purge should clean does not exist; the message is French."""


def _url(name: str, env: Mapping[str, str]) -> str:
    return env.get(name) or DEFAULTS[name]


def missing_databases(env: Optional[Mapping[str, str]] = None) -> list[str]:
    """``VARIABLE (path)`` of every SQLite database of the purge whose file does not exist."""
    env = os.environ if env is None else env
    missing = []
    for name in ("TRACKER_DATABASE_URL", "TICKETS_DATABASE_URL", "FEEDBACK_DATABASE_URL"):
        url = make_url(_url(name, env))
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            if not Path(url.database).is_file():
                missing.append(f"{name} ({Path(url.database).resolve()})")
    return missing


def _purge_trackers(days: int, env: Mapping[str, str]) -> int:
    """Delete tracker events older than ``days`` from the SQL tracker store (SQLite or PostgreSQL)."""
    engine = create_engine(_url("TRACKER_DATABASE_URL", env), future=True)
    try:
        if "events" not in inspect(engine).get_table_names():
            return 0
        cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).timestamp()
        with engine.begin() as connection:
            result = connection.execute(text("DELETE FROM events WHERE timestamp < :cutoff"), {"cutoff": cutoff})
            return result.rowcount or 0
    finally:
        engine.dispose()


def _purge_links(cutoff: datetime, env: Mapping[str, str]) -> int:
    url = make_url(_url("TELEGRAM_DATABASE_URL", env))
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return 0  # no Telegram gateway here: nothing linked, and no empty database to create
    from bot.channels.common.account_links import LinkStore

    links = LinkStore(str(url))
    try:
        return links.purge(cutoff)
    finally:
        links.close()


def purge_all(days: int, env: Optional[Mapping[str, str]] = None) -> dict[str, int]:
    """Purge every store; returns how many records each lost. Raises :class:`MissingDatabase` first,
    before touching anything, when a database is missing."""
    from helpdesk.tickets import TicketStore
    from helpdesk.unanswered import UnansweredStore
    from helpdesk.unanswered import make_engine as feedback_engine

    env = os.environ if env is None else env
    missing = missing_databases(env)
    if missing:
        raise MissingDatabase(
            "Purge annulée : base(s) introuvable(s) : " + ", ".join(missing)
            + ". Vérifiez les variables d'environnement (ou lancez la purge depuis le dossier du bot) ; "
            "aucune base n'a été créée ni modifiée."
        )
    cutoff = datetime.now(timezone.utc) - timedelta(days=days)
    counts = {"conversations (événements)": _purge_trackers(days, env)}
    counts["questions sans réponse"] = UnansweredStore(feedback_engine(_url("FEEDBACK_DATABASE_URL", env))).purge(days)
    store = TicketStore.open(_url("TICKETS_DATABASE_URL", env))
    try:
        counts["tickets clos"] = store.purge_closed_before(cutoff)
        counts["coordonnées de tickets ouverts"] = store.scrub_contacts_open_before(cutoff)
        counts["pièces jointes en attente"] = store.purge_stale_attachments()
    finally:
        store.close()
    counts["liaisons Telegram"] = _purge_links(cutoff, env)
    return counts

"""The purge reads where the databases are from the one settings object it is given (issue 13), never from
the process environment behind its back."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from bot import __main__ as cli
from bot.cli.retention import MissingDatabase, missing_databases, purge_all
from helpdesk.tickets import TicketStore
from settings.config import Settings, get_settings

OLD = datetime.now(timezone.utc) - timedelta(days=400)


def _databases(folder) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    return {"TRACKER_DATABASE_URL": f"sqlite:///{folder / 'trackers.db'}",
            "TICKETS_DATABASE_URL": f"sqlite:///{folder / 'tickets.db'}",
            "FEEDBACK_DATABASE_URL": f"sqlite:///{folder / 'feedback.db'}",
            "TELEGRAM_DATABASE_URL": f"sqlite:///{folder / 'telegram.db'}"}


def _with_an_old_conversation_and_ticket(urls: dict[str, str]) -> str:
    trackers = sqlite3.connect(urls["TRACKER_DATABASE_URL"].removeprefix("sqlite:///"))
    trackers.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL, data TEXT)")
    trackers.execute("INSERT INTO events (sender_id, timestamp, data) VALUES ('web-1', ?, '{}')", (OLD.timestamp(),))
    trackers.commit()
    trackers.close()
    sqlite3.connect(urls["FEEDBACK_DATABASE_URL"].removeprefix("sqlite:///")).close()
    store = TicketStore.open(urls["TICKETS_DATABASE_URL"], clock=lambda: OLD)
    try:
        return store.create_ticket(uai="0799001E", category="imprimante", line="departement",
                                   description="Imprimante du CDI en panne", impact="salle", place="CDI",
                                   contact="M. Martin, 05 49 00 00 00", reporter_channel="web",
                                   reporter_id="rupn-1").number
    finally:
        store.close()


def test_the_purge_cleans_the_databases_of_the_settings_it_is_given_not_the_environment(tmp_path, monkeypatch):
    elsewhere = _databases(tmp_path / "environment")  # what os.environ names: must stay untouched
    for name, url in elsewhere.items():
        monkeypatch.setenv(name, url)
    given = _databases(tmp_path / "given")
    number = _with_an_old_conversation_and_ticket(given)

    counts = purge_all(30, Settings.from_env(given))

    assert counts["conversations (événements)"] == 1 and counts["coordonnées de tickets ouverts"] == 1
    store = TicketStore.open(given["TICKETS_DATABASE_URL"])
    try:
        assert store.admin_get_ticket(number).contact is None
    finally:
        store.close()
    assert not any((tmp_path / "environment").iterdir())  # nothing created where the environment points


def test_a_missing_database_is_named_by_its_setting(tmp_path):
    settings = Settings.from_env(_databases(tmp_path))
    assert [entry.split(" ")[0] for entry in missing_databases(settings)] == [
        "TRACKER_DATABASE_URL", "TICKETS_DATABASE_URL", "FEEDBACK_DATABASE_URL"]
    with pytest.raises(MissingDatabase, match="Purge annulée"):
        purge_all(30, settings)
    assert not any(tmp_path.iterdir())


def test_the_purge_command_passes_the_process_settings_down(tmp_path, monkeypatch, capsys):
    urls = _databases(tmp_path)
    for name, url in urls.items():
        monkeypatch.setenv(name, url)
    monkeypatch.setenv("RETENTION_DAYS", "30")
    _with_an_old_conversation_and_ticket(urls)
    seen: list[Settings] = []
    real = purge_all

    def spy(days, settings):
        seen.append(settings)
        return real(days, settings)

    monkeypatch.setattr("bot.cli.retention.purge_all", spy)
    assert cli.main(["purge"]) == 0
    assert seen == [get_settings()] and seen[0].tracker_database_url == urls["TRACKER_DATABASE_URL"]
    out = capsys.readouterr().out
    assert "conversations (événements): 1 supprimé(s)" in out and "coordonnées de tickets ouverts: 1 effacée(s)" in out

"""Retention (RGPD) beyond closed tickets: contact details of tickets left open too long, Telegram links,
and a purge that refuses to run on a missing database."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bot.channels.common.account_links import LinkStore
from bot.cli.retention import MissingDatabase, purge_all
from helpdesk.identity import Identity
from helpdesk.tickets import TicketStore, make_engine, upgrade
from settings.config import Settings

from .support import RECIPIENTS, T0, new_ticket

ROOT = Path(__file__).resolve().parents[2]
CONTACT = "M. Martin, RUPN, 05 49 00 00 00"


def test_open_tickets_past_retention_lose_their_contact_details_and_nothing_else(store):
    old = new_ticket(store, contact=CONTACT, now=T0)
    recent = new_ticket(store, contact=CONTACT, now=T0 + timedelta(days=300))
    assert CONTACT in store.outbox_of(old.number)[0].body

    scrubbed = store.scrub_contacts_open_before(T0 + timedelta(days=30), now=T0 + timedelta(days=400))
    assert scrubbed == 1
    kept = store.admin_get_ticket(old.number)
    assert kept.contact is None and kept.status == "ouvert" and kept.description == old.description
    assert all(CONTACT not in mail.body for mail in store.outbox_of(old.number))
    assert "effacées" in store.admin_history(old.number)[-1].text
    assert store.admin_get_ticket(recent.number).contact == CONTACT
    assert store.scrub_contacts_open_before(T0 + timedelta(days=30)) == 0  # once is enough


def test_telegram_links_expire_with_the_retention_period(tmp_path):
    links = LinkStore(f"sqlite:///{tmp_path / 'telegram.db'}")
    try:
        links.allow(111, "0799001E", now=T0)
        links.allow(222, "0799001E", now=T0 + timedelta(days=300))
        used = links.create_code(Identity("ent-1", "rupn", "0799001E"), now=T0)
        links.consume_code(used.code, 333, now=T0)
        removed = links.purge(T0 + timedelta(days=30), now=T0 + timedelta(days=400))
        assert removed == 2  # 111 and 333, both linked on T0
        assert links.get(111) is None and links.get(333) is None and links.get(222) is not None
        with links.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM telegram_link_codes").scalar_one() == 0
    finally:
        links.close()


def test_the_purge_refuses_a_missing_database_and_creates_nothing(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.endswith("_DATABASE_URL")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-m", "bot", "purge", "--days", "30"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Purge annulée" in result.stderr and "TRACKER_DATABASE_URL" in result.stderr
    assert "supprimé" not in result.stdout
    assert list(tmp_path.iterdir()) == []  # no empty var/trackers.db created here


def test_the_purge_reaches_every_store(tmp_path):
    env = {"TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'trackers.db'}",
           "TICKETS_DATABASE_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
           "FEEDBACK_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.db'}",
           "TELEGRAM_DATABASE_URL": f"sqlite:///{tmp_path / 'telegram.db'}"}
    assert not Path(tmp_path / "trackers.db").exists()
    try:
        purge_all(30, Settings.from_env(env))
    except MissingDatabase as error:
        assert "trackers.db" in str(error) and "tickets.db" in str(error)
    else:
        raise AssertionError("a missing database was accepted")
    engine = make_engine(env["TICKETS_DATABASE_URL"])
    upgrade(engine)
    store = TicketStore(engine, env=RECIPIENTS)
    new_ticket(store, contact=CONTACT, now=T0)
    engine.dispose()
    import sqlite3

    sqlite3.connect(tmp_path / "trackers.db").close()
    sqlite3.connect(tmp_path / "feedback.db").close()
    links = LinkStore(env["TELEGRAM_DATABASE_URL"])
    links.allow(111, "0799001E", now=T0)
    links.close()
    counts = purge_all(30, Settings.from_env(env))
    assert counts["coordonnées de tickets ouverts"] == 1 and counts["liaisons Telegram"] == 1

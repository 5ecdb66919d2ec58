"""Ticket store: creation and routing per line, similar tickets, establishment isolation, status and
comments with reporter notifications, verbatim storage, input checks, schema. Runs on SQLite and, when
TEST_POSTGRES_URL is set, on PostgreSQL (see conftest)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from helpdesk.tickets import (
    InvalidStatusTransition,
    InvalidTicketInput,
    TicketNotFound,
    TicketStore,
    normalize_ticket_number,
)
from helpdesk.tickets.engine import current_revision
from helpdesk.tickets.orm import metadata

from .support import DEMO_UAI, OTHER_UAI, RECIPIENTS, T0, new_ticket

NUMBER = re.compile(r"^INC-2026-\d{5}$")


def _rows(engine, sql, **params):
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(text(sql), params)]


@pytest.mark.parametrize("line, env_var", [
    ("departement", "TICKETS_EMAIL_DEPARTEMENT"),
    ("academie", "TICKETS_EMAIL_ACADEMIE"),
    ("canope", "TICKETS_EMAIL_CANOPE"),
])
def test_create_ticket_for_an_emailed_line(store, db_engine, line, env_var):
    ticket = new_ticket(store, line=line, category="logiciel_pedagogique", impact="poste", place="CDI poste 3")

    assert NUMBER.match(ticket.number)
    assert ticket.status == "ouvert" and ticket.line == line and ticket.emailed
    assert ticket.establishment_name == "Collège Jean Donnet"
    assert ticket.created_at == T0

    [row] = _rows(db_engine, "SELECT * FROM tickets")
    assert row["number"] == ticket.number
    assert row["uai"] == DEMO_UAI and row["line"] == line and row["status"] == "ouvert"
    assert row["category"] == "logiciel_pedagogique" and row["impact"] == "poste"
    assert row["place"] == "CDI poste 3" and row["reporter_channel"] == "web"

    [mail] = _rows(db_engine, "SELECT * FROM outbox")
    assert mail["ticket_id"] == row["id"]
    assert mail["recipient"] == RECIPIENTS[env_var]
    assert mail["sent_at"] is None and mail["attempts"] == 0
    assert ticket.number in mail["subject"]
    for expected in (ticket.number, "Collège Jean Donnet", DEMO_UAI, "logiciel pedagogique", "CDI poste 3",
                     "un seul appareil", ticket.description, "M. Martin, RUPN"):
        assert expected in mail["body"]

    kinds = [e["kind"] for e in _rows(db_engine, "SELECT kind FROM ticket_events ORDER BY id")]
    assert kinds == ["created", "routed"]
    history = store.history(ticket.number, DEMO_UAI)
    assert RECIPIENTS[env_var] in history[1].text


def test_college_line_is_the_collèges_own_charge_and_sends_nothing(store, db_engine):
    ticket = new_ticket(store, line="college", category="videoprojecteur", place="Salle 4")
    assert ticket.status == "suivi_college" and not ticket.emailed
    assert _rows(db_engine, "SELECT * FROM outbox") == []
    assert [e.kind for e in store.history(ticket.number, DEMO_UAI)] == ["created", "routed"]
    assert "aucun envoi" in store.history(ticket.number, DEMO_UAI)[1].text


def test_numbers_follow_each_other_and_restart_each_year(store):
    first = new_ticket(store)
    second = new_ticket(store)
    assert (first.number, second.number) == ("INC-2026-00001", "INC-2026-00002")
    next_year = new_ticket(store, now=T0.replace(year=2027))
    assert next_year.number == "INC-2027-00001"
    # 31 December 23:30 UTC is already 1 January in Paris: the number follows the local year.
    new_year_eve = new_ticket(store, now=T0.replace(year=2027, month=12, day=31, hour=23, minute=30))
    assert new_year_eve.number == "INC-2028-00001"


@pytest.mark.parametrize("typed, canonical", [
    ("INC-2026-00042", "INC-2026-00042"), ("inc 2026 42", "INC-2026-00042"),
    ("mon ticket Inc-2026-042 svp", "INC-2026-00042"), ("42", None), ("", None),
])
def test_ticket_numbers_are_recognised_as_users_type_them(typed, canonical):
    assert normalize_ticket_number(typed) == canonical


def test_similar_open_tickets(store):
    original = new_ticket(store, place="Salle 12", category="reseau")
    new_ticket(store, place="Salle 12", category="telephone_fixe")
    new_ticket(store, uai=OTHER_UAI, place="Salle 12", category="reseau")

    found = store.find_similar_open(DEMO_UAI, "reseau", "salle  12")
    assert [t.number for t in found] == [original.number]
    assert [t.number for t in store.find_similar_open(DEMO_UAI, "reseau", "SALE 12")] == [original.number]
    assert [t.number for t in store.find_similar_open(DEMO_UAI, "reseau", None)] == [original.number]
    assert store.find_similar_open(DEMO_UAI, "reseau", "salle 13") == []
    assert store.find_similar_open(DEMO_UAI, "serveur", "salle 12") == []
    assert store.find_similar_open(DEMO_UAI, "reseau", "salle 12", now=T0 + timedelta(days=8)) == []
    assert len(store.find_similar_open(DEMO_UAI, "reseau", "salle 12", now=T0 + timedelta(days=6))) == 1

    store.set_status(original.number, "resolu", author="support:dsi")
    assert store.find_similar_open(DEMO_UAI, "reseau", "salle 12") == []


def test_another_establishments_ticket_is_answered_exactly_like_a_missing_one(store):
    mine = new_ticket(store, uai=DEMO_UAI)
    theirs = new_ticket(store, uai=OTHER_UAI)

    assert store.get_ticket(mine.number, DEMO_UAI) == mine
    assert store.get_ticket(mine.number.lower(), "0799001e") == mine
    missing = "INC-2026-09999"
    for number in (theirs.number, missing):
        assert store.get_ticket(number, DEMO_UAI) is None
        assert store.history(number, DEMO_UAI) is None
        assert store.add_comment(number, "Des nouvelles ?", author="rupn", uai=DEMO_UAI) is None
        assert store.cancel_ticket(number, DEMO_UAI, author="rupn") is None
    assert store.get_ticket(mine.number, "") is None
    assert [t.number for t in store.list_tickets(DEMO_UAI)] == [mine.number]
    # Nothing happened to the other establishment's ticket.
    assert store.admin_get_ticket(theirs.number).status == "ouvert"
    assert [e.kind for e in store.admin_history(theirs.number)] == ["created", "routed"]


def test_staff_status_changes_and_comments_notify_the_reporter(store):
    web = new_ticket(store, reporter_channel="web", reporter_id="u-web", conversation_id="conv-web")
    telegram = new_ticket(store, reporter_channel="telegram", reporter_id="4242")

    store.add_comment(web.number, "Ça ne marche toujours pas.", author="rupn", uai=DEMO_UAI)  # reporter: no notice
    updated = store.set_status(web.number, "en_cours", author="support:dsi", note="Technicien prévu jeudi.")
    assert updated.status == "en_cours"
    store.add_comment(web.number, "Pouvez-vous redémarrer le commutateur ?", author="support:dsi", from_staff=True)
    store.set_status(telegram.number, "resolu", author="support:dsi")

    pending = store.pending_notifications("web")
    assert [n.ticket_number for n in pending] == [web.number, web.number]
    assert all(n.reporter_id == "u-web" and n.conversation_id == "conv-web" for n in pending)
    assert "en cours de traitement" in pending[0].text and "Technicien prévu jeudi." in pending[0].text
    assert web.number in pending[0].text
    assert "Pouvez-vous redémarrer le commutateur ?" in pending[1].text

    [tg] = store.pending_notifications("telegram")
    assert tg.reporter_id == "4242" and "résolu" in tg.text

    assert store.mark_notified(pending[0].event_id) is True
    assert store.mark_notified(pending[0].event_id) is False  # already delivered
    assert [n.event_id for n in store.pending_notifications("web")] == [pending[1].event_id]
    assert store.pending_notifications("rest") == []


def test_reporter_comment_and_cancellation_are_forwarded_to_the_support_line(store, db_engine):
    ticket = new_ticket(store, line="academie")
    event = store.add_comment(ticket.number, "Le problème touche aussi la salle 14.", author="rupn", uai=DEMO_UAI)
    assert event.kind == "commented" and not event.notify_reporter
    cancelled = store.cancel_ticket(ticket.number, DEMO_UAI, author="rupn", reason="Réparé par un redémarrage.")
    assert cancelled.status == "annule" and not cancelled.is_open

    mails = _rows(db_engine, "SELECT recipient, subject, body FROM outbox ORDER BY id")
    assert len(mails) == 3
    assert all(m["recipient"] == RECIPIENTS["TICKETS_EMAIL_ACADEMIE"] for m in mails)
    assert "Le problème touche aussi la salle 14." in mails[1]["body"]
    assert "Annulation" in mails[2]["subject"] and "Réparé par un redémarrage." in mails[2]["body"]

    with pytest.raises(InvalidStatusTransition) as caught:
        store.cancel_ticket(ticket.number, DEMO_UAI, author="rupn")
    assert "déjà annulé" in caught.value.message
    assert [e.kind for e in store.history(ticket.number, DEMO_UAI)] == [
        "created", "routed", "commented", "status_changed"]


def test_status_rules(store):
    ticket = new_ticket(store)
    with pytest.raises(TicketNotFound):
        store.set_status("INC-2026-09999", "resolu", author="support")
    with pytest.raises(InvalidTicketInput):
        store.set_status(ticket.number, "termine", author="support")
    store.set_status(ticket.number, "annule", author="support")
    with pytest.raises(InvalidStatusTransition) as caught:
        store.set_status(ticket.number, "en_cours", author="support")
    assert "annulé" in caught.value.message
    assert store.admin_get_ticket(ticket.number).status == "annule"


def test_hostile_description_is_stored_verbatim(store, db_engine):
    pieces = [
        "'); DROP TABLE tickets; -- ", "\" OR 1=1 --", "<script>alert('x')</script>", "<b>gras</b> &amp; &lt;",
        "🔥💻👩🏽‍💻🇫🇷", "مرحبا بالعالم", "שלום עולם", "\u202egnp.exe", "\x1b[2J\x1b[31m", "\ttab\r\nCRLF",
        "Ω≈ç√∫ ñ ß 中文 ", "%s %d {0} ${HOME} $(rm -rf /)",
    ]
    base = "".join(pieces)
    description = (base * (20_000 // len(base) + 1))[:20_000]
    assert len(description) == 20_000

    ticket = new_ticket(store, description=description, place="<i>Salle</i> 12 ; DROP", contact="'; --")
    assert store.get_ticket(ticket.number, DEMO_UAI).description == description
    [row] = _rows(db_engine, "SELECT description, place, contact FROM tickets")
    assert row["description"] == description
    assert (row["place"], row["contact"]) == ("<i>Salle</i> 12 ; DROP", "'; --")
    assert "tickets" in inspect(db_engine).get_table_names()
    [mail] = _rows(db_engine, "SELECT body FROM outbox")
    assert description in mail["body"]


@pytest.mark.parametrize("overrides, fragment", [
    ({"uai": "0799001F"}, "UAI"),
    ({"uai": "0799099A"}, "UAI"),  # well formed but not a known collège
    ({"description": "   "}, "description"),
    ({"description": "x" * 50_001}, "trop long"),
    ({"description": "nul\x00byte"}, "caractère nul"),
    ({"description": "bad \ud800 surrogate"}, "illisibles"),
    ({"impact": "bâtiment"}, "impact"),
    ({"line": "mairie"}, "service compétent"),
    ({"category": "Réseau; DROP"}, "catégorie"),
    ({"place": "p" * 201}, "lieu"),
    ({"reporter_channel": "fax"}, "Canal"),
])
def test_bad_input_is_refused_politely_and_nothing_is_written(store, db_engine, overrides, fragment):
    with pytest.raises(InvalidTicketInput) as caught:
        new_ticket(store, **overrides)
    assert fragment in caught.value.message
    assert _rows(db_engine, "SELECT * FROM tickets") == []
    assert _rows(db_engine, "SELECT * FROM outbox") == []


def test_schema_comes_from_the_migrations_and_matches_the_models(db_engine):
    assert current_revision(db_engine) == "0003_signalement_notices"
    with db_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_retention_purges_only_old_closed_tickets_with_nothing_left_to_send(store, db_engine):
    old_resolved = new_ticket(store, line="college")
    store.set_status(old_resolved.number, "resolu", author="support")
    old_open = new_ticket(store, line="college")
    old_cancelled_unsent = new_ticket(store, line="departement")  # its e-mails were never sent
    store.cancel_ticket(old_cancelled_unsent.number, DEMO_UAI, author="rupn")
    recent = new_ticket(store, line="college", now=T0 + timedelta(days=30))
    store.set_status(recent.number, "resolu", author="support", now=T0 + timedelta(days=30))

    assert store.purge_closed_before(T0 + timedelta(days=1)) == 1
    remaining = {t.number for t in store.admin_list_tickets()}
    assert remaining == {old_open.number, old_cancelled_unsent.number, recent.number}
    assert _rows(db_engine, "SELECT count(*) AS n FROM ticket_events WHERE ticket_id NOT IN "
                            "(SELECT id FROM tickets)") == [{"n": 0}]


def test_a_sqlite_file_keeps_its_connections_between_tickets(tmp_path):
    """Reopening the file per transaction would checkpoint the WAL to disk at each close (bench/README.md)."""
    from sqlalchemy import event

    store = TicketStore.open(f"sqlite:///{tmp_path / 'tickets.db'}")
    try:
        opened = []
        event.listen(store.engine, "connect", lambda *_: opened.append(1))
        numbers = [new_ticket(store, place=f"salle {n}").number for n in range(4)]
        assert len(set(numbers)) == 4
        assert len(opened) <= 1
        assert (tmp_path / "tickets.db-wal").exists()
    finally:
        store.close()


def test_the_store_modules_stay_small():
    from pathlib import Path

    import helpdesk.tickets as package

    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in Path(package.__file__).parent.glob("*.py")}
    assert max(sizes.values()) < 400, sizes

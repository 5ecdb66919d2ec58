"""Outbox dispatch to a real SMTP server on 127.0.0.1: failure then retry with back-off, rejection,
attachments, and 200 tickets created concurrently then all e-mailed."""
from __future__ import annotations

import random
import threading
from datetime import timedelta

from sqlalchemy import text

from helpdesk.tickets import Dispatcher, TicketStore, database_url
from helpdesk.tickets.dispatcher import backoff_delay

from .support import DEMO_UAI, RECIPIENTS, T0, new_ticket
from .test_tickets_attachments import PNG


def _outbox(engine):
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(text("SELECT * FROM outbox ORDER BY id"))]


def test_smtp_down_then_retry_succeeds(store, db_engine, smtp_settings, smtp_server):
    ticket = new_ticket(store, description="Le serveur pédagogique ne répond plus. Voilà.")
    dispatcher = Dispatcher(store, smtp_settings)

    # Nothing listens on the port yet.
    report = dispatcher.dispatch_pending(now=T0)
    assert (report.attempted, report.sent, report.failed, report.interrupted) == (1, 0, 1, True)
    [row] = _outbox(db_engine)
    assert row["attempts"] == 1 and row["sent_at"] is None
    assert "Connection refused" in row["last_error"] or "ConnectionRefused" in row["last_error"]
    kept = store.get_ticket(ticket.number, DEMO_UAI)
    assert kept is not None and kept.status == "ouvert"
    assert store.history(ticket.number, DEMO_UAI)[-1].kind == "dispatch_failed"

    smtp_server.start()
    # Back-off: the first retry is due one minute later, not before.
    assert dispatcher.dispatch_pending(now=T0 + timedelta(seconds=30)).attempted == 0
    assert smtp_server.messages == []

    report = dispatcher.dispatch_pending(now=T0 + timedelta(seconds=61))
    assert (report.attempted, report.sent, report.failed) == (1, 1, 0)
    [message] = smtp_server.messages
    assert message["To"] == RECIPIENTS["TICKETS_EMAIL_DEPARTEMENT"]
    assert message["From"] == "assistant@tests.invalid"
    assert message["X-Ticket-Number"] == ticket.number
    assert ticket.number in message["Subject"] and "Collège Jean Donnet" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    for expected in (f"Numéro du ticket : {ticket.number}", "Établissement : Collège Jean Donnet (UAI 0799001E)",
                     "Catégorie : reseau", "Lieu : Salle 12", "Impact : une salle",
                     "Contact : M. Martin, RUPN", "Le serveur pédagogique ne répond plus. Voilà."):
        assert expected in body

    [row] = _outbox(db_engine)
    assert row["attempts"] == 2 and row["sent_at"] is not None
    assert store.get_ticket(ticket.number, DEMO_UAI).status == "transmis"
    assert [e.kind for e in store.history(ticket.number, DEMO_UAI)] == [
        "created", "routed", "dispatch_failed", "dispatched"]
    # Nothing left to send: a further pass does nothing (no duplicate e-mail).
    assert dispatcher.dispatch_pending(now=T0 + timedelta(hours=2)).attempted == 0
    assert len(smtp_server.messages) == 1


def test_rejecting_server_backs_off_exponentially_then_delivers(store, db_engine, smtp_settings, smtp_server):
    first = new_ticket(store, line="canope")
    second = new_ticket(store, line="academie")
    smtp_server.start()
    smtp_server.handler.reject = True
    dispatcher = Dispatcher(store, smtp_settings)

    report = dispatcher.dispatch_pending(now=T0)
    # A rejection is about one message: the pass goes on with the next one.
    assert (report.attempted, report.failed, report.interrupted) == (2, 2, False)
    rows = _outbox(db_engine)
    assert all(r["attempts"] == 1 and "550" in r["last_error"] for r in rows)

    report = dispatcher.dispatch_pending(now=T0 + timedelta(minutes=1))
    assert report.failed == 2
    assert all(r["attempts"] == 2 for r in _outbox(db_engine))
    after_two = store.outbox_of(first.number)[0].next_attempt_at
    assert after_two == T0 + timedelta(minutes=1) + timedelta(minutes=2)

    smtp_server.handler.reject = False
    assert dispatcher.dispatch_pending(now=T0 + timedelta(minutes=2)).attempted == 0
    report = dispatcher.dispatch_pending(now=T0 + timedelta(minutes=3))
    assert report.sent == 2
    assert {m["X-Ticket-Number"] for m in smtp_server.messages} == {first.number, second.number}
    assert {m["To"] for m in smtp_server.messages} == {RECIPIENTS["TICKETS_EMAIL_CANOPE"],
                                                        RECIPIENTS["TICKETS_EMAIL_ACADEMIE"]}
    assert [r["attempts"] for r in _outbox(db_engine)] == [3, 3]


def test_backoff_is_capped():
    base, cap = timedelta(minutes=1), timedelta(hours=1)
    assert [backoff_delay(n, base, cap) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff_delay(7, base, cap) == cap
    assert backoff_delay(500, base, cap) == cap


def test_attachments_travel_with_the_first_email(store, smtp_settings, smtp_server):
    store.stage_attachment("conv-9", "ecran-bleu.png", "image/png", PNG)
    ticket = new_ticket(store, conversation_id="conv-9")
    store.add_comment(ticket.number, "Précision : le poste 3 aussi.", author="rupn", uai=DEMO_UAI)
    smtp_server.start()
    assert Dispatcher(store, smtp_settings).dispatch_pending(now=T0).sent == 2
    creation, followup = smtp_server.messages
    [attachment] = list(creation.iter_attachments())
    assert attachment.get_filename() == "ecran-bleu.png"
    assert attachment.get_content_type() == "image/png"
    assert attachment.get_content() == PNG
    assert list(followup.iter_attachments()) == []
    assert "Précision : le poste 3 aussi." in followup.get_body().get_content()


def test_college_line_tickets_are_never_emailed(store, smtp_settings, smtp_server):
    new_ticket(store, line="college")
    smtp_server.start()
    assert Dispatcher(store, smtp_settings).dispatch_pending(now=T0).attempted == 0
    assert smtp_server.messages == []


def test_hostile_description_reaches_the_support_line_intact(store, smtp_settings, smtp_server):
    description = ("'); DROP TABLE tickets; --\n<script>alert(1)</script>\n🔥👩🏽‍💻 مرحبا שלום\n"
                   + "x" * 5000 + "\n\x1b[2J fin")
    ticket = new_ticket(store, description=description)
    smtp_server.start()
    assert Dispatcher(store, smtp_settings).dispatch_pending(now=T0).sent == 1
    [message] = smtp_server.messages
    # SMTP carries lines as CRLF; apart from that the text arrives byte for byte.
    assert description in message.get_body().get_content().replace("\r\n", "\n")
    assert message["X-Ticket-Number"] == ticket.number


def test_200_tickets_created_concurrently_get_200_numbers_and_200_emails(store, db_engine, smtp_settings,
                                                                        smtp_server):
    count, workers = 200, 40
    lines = ["departement", "academie", "canope"]
    barrier = threading.Barrier(workers)
    results, errors = [], []
    lock = threading.Lock()

    def worker(index: int):
        barrier.wait()  # start together for maximum contention on the counter row
        for n in range(index, count, workers):
            try:
                ticket = new_ticket(store, line=random.choice(lines), reporter_id=f"user-{n}",
                                    description=f"Incident numéro {n}")
            except Exception as exc:  # noqa: BLE001 - collected, asserted below
                with lock:
                    errors.append(repr(exc))
            else:
                with lock:
                    results.append(ticket.number)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(results) == count and len(set(results)) == count
    with db_engine.connect() as connection:
        numbers = connection.execute(text("SELECT number FROM tickets")).scalars().all()
        assert connection.execute(text("SELECT last_value FROM ticket_counters")).scalar_one() == count
        assert connection.execute(text("SELECT count(*) FROM outbox")).scalar_one() == count
    assert sorted(numbers) == sorted(results) == [f"INC-2026-{n:05d}" for n in range(1, count + 1)]

    smtp_server.start()
    report = Dispatcher(store, smtp_settings).dispatch_pending(now=T0)
    assert (report.sent, report.failed) == (count, 0)
    received = [m["X-Ticket-Number"] for m in smtp_server.messages]
    assert len(received) == count and set(received) == set(numbers)
    assert all(r["sent_at"] is not None for r in _outbox(db_engine))


def test_dispatcher_from_environment_runs_until_stopped(tmp_path, monkeypatch, smtp_server):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("TICKETS_DATABASE_URL", url)
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("SMTP_FROM", "bot@env.invalid")
    monkeypatch.setenv("TICKETS_EMAIL_CANOPE", "canope@env.invalid")
    smtp_server.start()
    dispatcher = Dispatcher()  # store and SMTP settings from the environment
    ticket = new_ticket(dispatcher.store, line="canope")

    stop = threading.Event()
    loop = threading.Thread(target=dispatcher.run_forever, args=(stop,), kwargs={"interval": 0.05})
    loop.start()
    try:
        for _ in range(200):
            if smtp_server.messages:
                break
            threading.Event().wait(0.05)
    finally:
        stop.set()
        loop.join(timeout=10)
    assert not loop.is_alive()
    [message] = smtp_server.messages
    assert (message["To"], message["From"]) == ("canope@env.invalid", "bot@env.invalid")
    assert dispatcher.store.admin_get_ticket(ticket.number).status == "transmis"
    dispatcher.store.close()


def test_default_database_is_sqlite_under_var(tmp_path, monkeypatch):
    monkeypatch.delenv("TICKETS_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url() == "sqlite:///var/tickets.db"
    store = TicketStore.open()
    try:
        assert (tmp_path / "var" / "tickets.db").is_file()
        assert new_ticket(store).number.startswith("INC-")
    finally:
        store.close()

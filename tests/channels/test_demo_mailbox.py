"""The demo's mail sink and its « Boîte du service » view: what the dispatcher sends is stored and shown;
production has neither."""
from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage

from bot.channels.web.mailbox import add_mailbox_routes, read_mailbox
from bot.mailsink import serve


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_sink_stores_what_it_receives_and_the_mailbox_reads_it(tmp_path):
    port = _free_port()
    controller = serve(tmp_path, port=port)
    try:
        message = EmailMessage()
        message["From"] = "assistant@departement79.invalid"
        message["To"] = "assistance-informatique@departement79.invalid"
        message["Subject"] = "[INC-2026-00001] Réseau — Collège Jean Donnet"
        message["X-Ticket-Number"] = "INC-2026-00001"
        message.set_content("Lieu : 1er étage\nImpact : plusieurs salles ou un étage", cte="quoted-printable")
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            smtp.send_message(message)
    finally:
        controller.stop()
    [mail] = read_mailbox(tmp_path)
    assert mail["to"] == ["assistance-informatique@departement79.invalid"]
    assert mail["ticket"] == "INC-2026-00001" and "1er étage" in mail["body"]


def test_the_mailbox_view_exists_only_in_demo_mode_with_a_sink(tmp_path, monkeypatch):
    from aiohttp import web

    monkeypatch.setenv("MAILBOX_DIR", str(tmp_path))
    monkeypatch.setenv("BOT_MODE", "demo")
    app = web.Application()
    add_mailbox_routes(app)
    assert {r.resource.canonical for r in app.router.routes()} == {"/demo/boite", "/api/demo/mailbox"}
    monkeypatch.setenv("BOT_MODE", "production")
    app = web.Application()
    add_mailbox_routes(app)
    assert list(app.router.routes()) == []

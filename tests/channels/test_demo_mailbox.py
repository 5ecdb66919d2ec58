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


def _spawned(monkeypatch, tmp_path, **env):
    """What `make run`'s stack would start, without starting anything."""
    from bot.supervisor import Stack, StackSettings

    spawned = {}
    monkeypatch.setattr(Stack, "_spawn", lambda self, name, args, child_env: spawned.update({name: (args, child_env)}))
    monkeypatch.setattr(Stack, "wait_ready", lambda self, timeout: None)
    for name in ("SMTP_HOST", "SMTP_PORT", "BOT_MODE", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    Stack(StackSettings(var_dir=tmp_path, with_telegram=False)).start()
    return spawned


def test_make_run_starts_the_sink_in_demo_and_points_the_dispatcher_at_it(monkeypatch, tmp_path):
    spawned = _spawned(monkeypatch, tmp_path)
    assert "mailsink" in spawned
    _, dispatcher_env = spawned["dispatcher"]
    assert (dispatcher_env["SMTP_HOST"], dispatcher_env["SMTP_PORT"]) == ("127.0.0.1", "8025")
    assert spawned["webchat"][1]["MAILBOX_DIR"] == str(tmp_path / "mailbox")


def test_real_smtp_settings_are_used_unchanged(monkeypatch, tmp_path):
    spawned = _spawned(monkeypatch, tmp_path, SMTP_HOST="smtp.example.invalid", SMTP_PORT="587")
    assert "mailsink" not in spawned
    assert (spawned["dispatcher"][1]["SMTP_HOST"], spawned["dispatcher"][1]["SMTP_PORT"]) == ("smtp.example.invalid", "587")
    assert "MAILBOX_DIR" not in spawned["webchat"][1]

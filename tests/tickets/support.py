"""Constants and helpers shared by the ticket tests."""
from __future__ import annotations

import socket
import threading
from datetime import datetime, timezone
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

DEMO_UAI = "0799001E"  # Collège Jean Donnet, Lezay
OTHER_UAI = "0799003G"  # Collège Jean Zay, Niort
RECIPIENTS = {
    "TICKETS_EMAIL_DEPARTEMENT": "dsi@departement.test.invalid",
    "TICKETS_EMAIL_ACADEMIE": "plateforme@academie.test.invalid",
    "TICKETS_EMAIL_CANOPE": "atelier@canope.test.invalid",
}
T0 = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (right now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailCollector:
    """aiosmtpd handler keeping every message; ``reject`` makes it refuse recipients with a 550."""

    def __init__(self):
        self.messages = []
        self.envelopes = []
        self.reject = False
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that can be started after the port was chosen."""

    def __init__(self, port: int):
        self.port = port
        self.handler = MailCollector()
        self._controller = None

    @property
    def messages(self):
        return self.handler.messages

    def start(self):
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def new_ticket(store, **overrides):
    """Create a ticket with sensible defaults for the fields a test does not care about."""
    fields = dict(uai=DEMO_UAI, category="reseau", line="departement",
                  description="Plus de connexion réseau en salle 12 depuis ce matin.", impact="salle",
                  place="Salle 12", contact="M. Martin, RUPN, 05 49 00 00 00", reporter_channel="web",
                  reporter_id="rupn-lezay", conversation_id=None)
    fields.update(overrides)
    return store.create_ticket(**fields)

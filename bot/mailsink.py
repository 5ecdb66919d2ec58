"""The demo's mail sink: a local SMTP server that keeps what the ticket dispatcher sends, so that a
newcomer sees a ticket leave the chat and reach the right service (« Boîte du service » on the demo page).

Started by ``make run`` (bot/supervisor.py) in demo mode when no ``SMTP_HOST`` is configured; production
uses its real SMTP settings and never starts it. Each message is stored as one JSON file in
``MAILBOX_DIR`` (recipients, subject, body, the ticket number header), read by bot/channels/web/mailbox.py.
"""
from __future__ import annotations

import argparse
import json
import signal
import threading
import uuid
from datetime import datetime, timezone
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller


class MailboxHandler:
    """aiosmtpd handler: every accepted message becomes ``<time>-<id>.json`` in ``directory``."""

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "received_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
            "ticket": str(message.get("X-Ticket-Number", "")),
            "body": body.get_content() if body is not None else "",
            "attachments": [part.get_filename() for part in message.iter_attachments() if part.get_filename()],
        }
        name = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.json"
        (self.directory / name).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        return "250 Message accepted for delivery"


def serve(directory: Path, host: str = "127.0.0.1", port: int = 8025) -> Controller:
    """Start the sink in a background thread; the caller stops it with ``controller.stop()``."""
    controller = Controller(MailboxHandler(directory), hostname=host, port=port)
    controller.start()
    return controller


def main() -> int:
    parser = argparse.ArgumentParser(description="Boîte aux lettres locale de la démonstration.")
    parser.add_argument("--dir", type=Path, default=Path("var/mailbox"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    args = parser.parse_args()
    controller = serve(args.dir, args.host, args.port)
    print(f"Boîte du service (démo) : smtp://{args.host}:{args.port} → {args.dir}", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""« Boîte du service »: the demo page's view of the e-mails the local mail sink received (bot/mailsink.py).

Only in demo mode and only when ``MAILBOX_DIR`` is set (``make run`` sets it when it starts the sink):
production has no such route.
"""
from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Optional

from aiohttp import web

from settings.deployment import is_production

MAX_SHOWN = 50
MAILBOX_DIR = web.AppKey("mailbox_dir", Path)


def mailbox_dir() -> Optional[Path]:
    directory = os.environ.get("MAILBOX_DIR")
    return Path(directory) if directory and not is_production() else None


def read_mailbox(directory: Path, limit: int = MAX_SHOWN) -> list[dict]:
    """The stored messages, newest first (files that are not readable JSON are skipped)."""
    messages = []
    for path in sorted(directory.glob("*.json"), reverse=True)[:limit]:
        try:
            messages.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return messages


async def mailbox_json(request: web.Request) -> web.Response:
    return web.json_response({"messages": read_mailbox(request.app[MAILBOX_DIR])})


async def mailbox_page(request: web.Request) -> web.Response:
    rows = []
    for mail in read_mailbox(request.app[MAILBOX_DIR]):
        rows.append(
            '<article class="mail">'
            f'<h2>{html.escape(mail.get("subject", ""))}</h2>'
            f'<p class="meta">À : <span class="to">{html.escape(", ".join(mail.get("to", [])))}</span>'
            f' — reçu le {html.escape(mail.get("received_at", ""))}'
            f' — ticket <span class="ticket">{html.escape(mail.get("ticket", ""))}</span></p>'
            f'<pre>{html.escape(mail.get("body", ""))}</pre></article>'
        )
    body = "".join(rows) or "<p>Aucun courriel reçu pour l'instant : déclarez un incident dans le chat.</p>"
    page = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boîte du service</title>'
        '<link rel="stylesheet" href="/webchat/demo.css"></head><body class="mailbox">'
        '<h1>Boîte du service</h1><p>Les courriels que les services (Département, Académie, Canopé) '
        'recevraient, tels que la démonstration les a envoyés. <a href="/">Retour au chat</a></p>'
        f"{body}</body></html>"
    )
    return web.Response(text=page, content_type="text/html")


def add_mailbox_routes(app: web.Application) -> None:
    """Serve the « Boîte du service » view when the demo's mail sink runs."""
    directory = mailbox_dir()
    if directory is not None:
        app[MAILBOX_DIR] = directory
        app.router.add_get("/demo/boite", mailbox_page)
        app.router.add_get("/api/demo/mailbox", mailbox_json)

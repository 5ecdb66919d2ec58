"""A small keep-alive HTTP client for the REST channel and the HTTP API of Rasa (loopback only).

A gateway keeps one connection open and sends one chat's messages one at a time; each benchmark client
does the same, so the figures include Rasa's work, not TCP set-up.
"""
from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import urlsplit


class BotError(RuntimeError):
    """A turn that did not get a well-formed 200 answer."""


@dataclass
class Timed:
    """One answer and how long it took (seconds)."""

    body: Any
    seconds: float


class RasaClient:
    """One persistent connection to a Rasa server; not thread-safe (one per simulated user)."""

    def __init__(self, base_url: str, timeout: float = 60.0, token: Optional[str] = None):
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self.token = token
        self._conn: Optional[http.client.HTTPConnection] = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        """Close the connection (a new one opens on the next request)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def post(self, path: str, payload: dict) -> Timed:
        """POST JSON, return the decoded answer and its latency; retries once on a dropped keep-alive."""
        if self.token:
            path += ("&" if "?" in path else "?") + f"token={self.token}"
        data = json.dumps(payload).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        for attempt in (1, 2):
            start = time.perf_counter()
            try:
                conn = self._connection()
                conn.request("POST", path, body=data, headers=headers)
                response = conn.getresponse()
                raw = response.read()
            except (http.client.HTTPException, ConnectionError, OSError) as error:
                self.close()
                if attempt == 2:
                    raise BotError(f"{path}: {error!r}") from error
                continue
            elapsed = time.perf_counter() - start
            if response.status != 200:
                raise BotError(f"{path}: HTTP {response.status}: {raw[:200]!r}")
            try:
                return Timed(json.loads(raw or b"null"), elapsed)
            except ValueError as error:
                raise BotError(f"{path}: invalid JSON {raw[:200]!r}") from error
        raise BotError(path)  # pragma: no cover - the loop always returns or raises

    def send(self, sender: str, text: str, metadata: Optional[dict] = None) -> Timed:
        """One user turn through the REST channel; the body is the list of bot messages."""
        timed = self.post("/webhooks/rest/webhook", {"sender": sender, "message": text, "metadata": metadata or {}})
        if not isinstance(timed.body, list):
            raise BotError(f"REST channel answered {type(timed.body).__name__}, expected a list")
        return timed

    def parse(self, text: str) -> Timed:
        """NLU only (``/model/parse``): the floor under any turn."""
        timed = self.post("/model/parse", {"text": text})
        if not isinstance(timed.body, dict) or "intent" not in timed.body:
            raise BotError("/model/parse answered without an intent")
        return timed


def reply_text(messages: list[dict]) -> str:
    """All text of a reply, joined."""
    return "\n".join(m.get("text", "") for m in messages if isinstance(m, dict) and m.get("text"))


def reply_buttons(messages: list[dict]) -> list[dict]:
    """Every button of a reply."""
    return [b for m in messages if isinstance(m, dict) for b in (m.get("buttons") or [])]

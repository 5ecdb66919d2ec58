"""A small client for Rasa's ``rest`` channel, shared by the web chat and Telegram gateways."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional

import aiohttp

from knowledge.contacts import phone_lines_text
from settings.reliability import gateway_secret

log = logging.getLogger(__name__)

# The lines' numbers and hours come from the agreement's data, read once at import (no Rasa needed).
UNAVAILABLE = (
    "Le service est momentanément indisponible. Réessayez dans quelques minutes ; en cas d'urgence : "
    f"{phone_lines_text()}."
)


class RasaUnavailable(RuntimeError):
    """Rasa did not answer (down, timeout, or an answer that is not the REST channel's JSON list)."""


class RasaClient:
    """POST user messages to ``{rasa_url}/webhooks/rest/webhook`` and return the bot messages.

    ``secret`` (default ``GATEWAY_SECRET``) goes in the ``X-Gateway-Secret`` header: the REST channel
    refuses posts without it, so that nobody else can speak under a user's sender id.
    """

    def __init__(self, rasa_url: str, timeout: float = 60.0, secret: Optional[str] = None):
        self.url = rasa_url.rstrip("/") + "/webhooks/rest/webhook"
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        secret = secret if secret is not None else gateway_secret()
        self._headers = {"X-Gateway-Secret": secret} if secret else {}
        self._session: Optional[aiohttp.ClientSession] = None

    async def _client(self) -> aiohttp.ClientSession:
        # Created lazily so that the session belongs to the running event loop.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def send(self, sender: str, message: str, metadata: Optional[dict[str, Any]] = None) -> list[dict]:
        """One user turn; raises :class:`RasaUnavailable` when Rasa cannot answer."""
        payload = {"sender": sender, "message": message, "metadata": metadata or {}}
        session = await self._client()
        try:
            async with session.post(self.url, json=payload, headers=self._headers) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                data = await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailable(str(error) or type(error).__name__) from error
        if not isinstance(data, list):
            raise RasaUnavailable("Rasa's answer is not a list of messages")
        messages = [m for m in data if isinstance(m, dict)]
        # Rasa answers an empty list when its action server is down: say so rather than stay silent.
        return messages or [{"text": UNAVAILABLE}]

    async def close(self) -> None:
        """Close the HTTP session (idempotent)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

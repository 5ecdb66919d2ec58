"""Settings of the Telegram gateway, from the environment (the bot token and secrets never live in files)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Mapping, Optional

from settings.deployment import bot_mode
from settings.reliability import listen_host

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


@dataclass
class TelegramSettings:
    """Bot token, Rasa, Bot API location (overridable for tests), identity secret, webhook, databases."""

    token: Optional[str] = None
    rasa_url: str = "http://127.0.0.1:5005"
    api_base_url: Optional[str] = None  # root of a Bot API server, e.g. http://127.0.0.1:8081 (tests)
    jwt_secret: Optional[str] = None
    mode: str = "demo"
    database_url: Optional[str] = None
    tickets_database_url: Optional[str] = None
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "/telegram/webhook"
    notify_interval: float = 30.0
    identity_ttl: timedelta = timedelta(minutes=15)
    max_attachment_bytes: int = MAX_ATTACHMENT_BYTES
    rasa_timeout: float = 60.0

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "TelegramSettings":
        """Read ``TELEGRAM_*``, ``RASA_URL``, ``ENT_JWT_SECRET``, ``BOT_MODE`` and ``TICKETS_DATABASE_URL``."""
        env = os.environ if env is None else env
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            rasa_url=env.get("RASA_URL", "http://127.0.0.1:5005"),
            api_base_url=(env.get("TELEGRAM_API_BASE_URL") or "").rstrip("/") or None,
            jwt_secret=env.get("ENT_JWT_SECRET") or None,
            mode=bot_mode(env),
            database_url=env.get("TELEGRAM_DATABASE_URL") or None,
            tickets_database_url=env.get("TICKETS_DATABASE_URL") or None,
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
            webhook_host=listen_host("TELEGRAM_WEBHOOK_HOST", env),
            webhook_port=int(env.get("TELEGRAM_WEBHOOK_PORT", "8443")),
            notify_interval=float(env.get("TELEGRAM_NOTIFY_INTERVAL", "30")),
        )

    @property
    def bot_api_urls(self) -> Optional[tuple[str, str]]:
        """(base_url, base_file_url) for python-telegram-bot when a non-default Bot API server is used."""
        if not self.api_base_url:
            return None
        return f"{self.api_base_url}/bot", f"{self.api_base_url}/file/bot"

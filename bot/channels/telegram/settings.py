"""What the Telegram gateway needs, taken from the process's settings (``settings.config``; the bot token and
secrets never live in files). The fixed parts (webhook path, identity lifetime, Rasa timeout) are set here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from helpdesk.tickets.attachments import MAX_ATTACHMENT_BYTES
from settings.config import DEFAULT_RASA_URL, Settings, settings_for

_DEFAULTS = Settings.__fields__


@dataclass
class TelegramSettings:
    """Bot token, Rasa, Bot API location (overridable for tests), the secret it signs identities with,
    webhook, databases."""

    token: Optional[str] = None
    rasa_url: str = DEFAULT_RASA_URL
    api_base_url: Optional[str] = None  # root of a Bot API server, e.g. http://127.0.0.1:8081 (tests)
    # The gateway never verifies an ENT token (accounts are linked with one-time codes): it signs its linked
    # users' identities with GATEWAY_SECRET, like the web gateway. ENT_JWT_SECRET is only a demo fallback.
    gateway_secret: Optional[str] = None
    jwt_secret: Optional[str] = None
    mode: str = "demo"
    database_url: Optional[str] = None
    tickets_database_url: Optional[str] = None
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = _DEFAULTS["telegram_webhook_port"].default
    webhook_path: str = "/telegram/webhook"
    notify_interval: float = _DEFAULTS["telegram_notify_interval"].default
    max_attachment_bytes: int = MAX_ATTACHMENT_BYTES
    rasa_timeout: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> "TelegramSettings":
        return cls(
            token=settings.telegram_bot_token,
            rasa_url=settings.rasa_url,
            api_base_url=settings.telegram_api_base_url,
            gateway_secret=settings.gateway_secret,
            jwt_secret=settings.ent_jwt_secret,
            mode=settings.bot_mode,
            database_url=settings.telegram_database_url,
            tickets_database_url=settings.tickets_database_url,
            webhook_url=settings.telegram_webhook_url,
            webhook_secret=settings.telegram_webhook_secret,
            webhook_host=settings.telegram_webhook_host,
            webhook_port=settings.telegram_webhook_port,
            notify_interval=settings.telegram_notify_interval,
        )

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "TelegramSettings":
        """The gateway's view of ``env`` (default: the process's settings)."""
        return cls.from_settings(settings_for(env))

    @property
    def signing_secret(self) -> Optional[str]:
        """What linked users' identity tokens are signed with: ``GATEWAY_SECRET``; in demo mode only (single
        host, no gateway secret), the ENT's secret. None: messages carry no identity token."""
        return self.gateway_secret or (self.jwt_secret if self.mode == "demo" else None)

    @property
    def bot_api_urls(self) -> Optional[tuple[str, str]]:
        """(base_url, base_file_url) for python-telegram-bot when a non-default Bot API server is used."""
        if not self.api_base_url:
            return None
        return f"{self.api_base_url}/bot", f"{self.api_base_url}/file/bot"

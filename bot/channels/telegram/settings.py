"""What the Telegram gateway needs: the channels' common view of the process's settings
(``bot.channels.common.settings``; the bot token and secrets never live in files) plus its own. The fixed
parts (webhook path) are set here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Mapping, Optional

from bot.channels.common.settings import ChannelSettings, setting_default


@dataclass
class TelegramSettings(ChannelSettings):
    """Bot token, Bot API location (overridable for tests), the secret it signs identities with, webhook,
    link store, notification interval."""

    token: Optional[str] = None
    api_base_url: Optional[str] = None  # root of a Bot API server, e.g. http://127.0.0.1:8081 (tests)
    # The gateway never verifies an ENT token (accounts are linked with one-time codes): it signs its linked
    # users' identities with GATEWAY_SECRET, like the web gateway. ENT_JWT_SECRET is only a demo fallback.
    gateway_secret: Optional[str] = None
    database_url: Optional[str] = None  # the account links (None: TELEGRAM_DATABASE_URL)
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_host: str = setting_default("telegram_webhook_host")
    webhook_port: int = setting_default("telegram_webhook_port")
    webhook_path: str = "/telegram/webhook"
    notify_interval: float = setting_default("telegram_notify_interval")

    FROM_SETTINGS: ClassVar[Mapping[str, str]] = {
        **ChannelSettings.FROM_SETTINGS,
        "token": "telegram_bot_token",
        "api_base_url": "telegram_api_base_url",
        "gateway_secret": "gateway_secret",
        "database_url": "telegram_database_url",
        "webhook_url": "telegram_webhook_url",
        "webhook_secret": "telegram_webhook_secret",
        "webhook_host": "telegram_webhook_host",
        "webhook_port": "telegram_webhook_port",
        "notify_interval": "telegram_notify_interval",
    }

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

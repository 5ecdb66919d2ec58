"""What the web chat gateway needs: the channels' common view of the process's settings
(``bot.channels.common.settings``, secrets included) plus its own.

The environment is read in ``settings.config`` only; this view adds what is not a deployment choice (the
static folder) and lets tests build the gateway with the values they need.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Mapping, Optional

from bot.channels.common.settings import ChannelSettings, setting_default

STATIC_DIR = Path(__file__).resolve().parent / "static"


@dataclass
class WebSettings(ChannelSettings):
    """Where we listen, and what the ENT is allowed to do with the chat."""

    host: str = setting_default("webchat_host")
    port: int = setting_default("webchat_port")
    static_dir: Path = STATIC_DIR
    # Origins of ENT pages that may embed the chat (iframe) or call the API from their own page (CORS).
    allowed_origins: tuple[str, ...] = ()
    telegram_bot_username: Optional[str] = None
    telegram_database_url: Optional[str] = None  # the account links (None: TELEGRAM_DATABASE_URL)

    FROM_SETTINGS: ClassVar[Mapping[str, str]] = {
        **ChannelSettings.FROM_SETTINGS,
        "host": "webchat_host",
        "port": "webchat_port",
        "allowed_origins": "webchat_allowed_origins",
        "telegram_bot_username": "telegram_bot_username",
        "telegram_database_url": "telegram_database_url",
    }

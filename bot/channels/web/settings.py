"""What the web chat gateway needs, taken from the process's settings (``settings.config``, secrets included).

The environment is read there only; this view adds what is not a deployment choice (the listening host, the
static folder, Rasa's timeout) and lets tests build the gateway with the values they need.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from helpdesk.tickets.attachments import MAX_ATTACHMENT_BYTES
from settings.config import DEFAULT_RASA_URL, Settings, settings_for

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_UPLOAD_BYTES = MAX_ATTACHMENT_BYTES


@dataclass
class WebSettings:
    """Where Rasa is, where we listen, and what the ENT is allowed to do with the chat."""

    rasa_url: str = DEFAULT_RASA_URL
    host: str = "127.0.0.1"
    port: int = Settings.__fields__["webchat_port"].default
    jwt_secret: Optional[str] = None
    mode: str = "demo"  # demo | production (BOT_MODE)
    static_dir: Path = STATIC_DIR
    # Origins of ENT pages that may embed the chat (iframe) or call the API from their own page (CORS).
    allowed_origins: tuple[str, ...] = ()
    telegram_bot_username: Optional[str] = None
    telegram_database_url: Optional[str] = None
    tickets_database_url: Optional[str] = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    rasa_timeout: float = 60.0
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> "WebSettings":
        return cls(
            rasa_url=settings.rasa_url,
            host=settings.webchat_host,
            port=settings.webchat_port,
            jwt_secret=settings.ent_jwt_secret,
            mode=settings.bot_mode,
            allowed_origins=settings.webchat_allowed_origins,
            telegram_bot_username=settings.telegram_bot_username,
            telegram_database_url=settings.telegram_database_url,
            tickets_database_url=settings.tickets_database_url,
        )

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "WebSettings":
        """The gateway's view of ``env`` (default: the process's settings)."""
        return cls.from_settings(settings_for(env))

"""Settings of the web chat gateway, read from the environment (secrets included, never from files)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from settings.deployment import bot_mode
from settings.reliability import listen_host

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass
class WebSettings:
    """Where Rasa is, where we listen, and what the ENT is allowed to do with the chat."""

    rasa_url: str = "http://127.0.0.1:5005"
    host: str = "127.0.0.1"
    port: int = 8080
    jwt_secret: Optional[str] = None
    mode: str = "demo"  # demo | production (env BOT_MODE)
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
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "WebSettings":
        """Read ``RASA_URL``, ``WEBCHAT_PORT``, ``ENT_JWT_SECRET``, ``BOT_MODE``, ``WEBCHAT_ALLOWED_ORIGINS``…"""
        env = os.environ if env is None else env
        mode = bot_mode(env)
        origins = tuple(o.strip().rstrip("/") for o in env.get("WEBCHAT_ALLOWED_ORIGINS", "").split(",") if o.strip())
        return cls(
            rasa_url=env.get("RASA_URL", "http://127.0.0.1:5005"),
            host=listen_host("WEBCHAT_HOST", env),
            port=int(env.get("WEBCHAT_PORT", "8080")),
            jwt_secret=env.get("ENT_JWT_SECRET") or None,
            mode=mode,
            allowed_origins=origins,
            telegram_bot_username=(env.get("TELEGRAM_BOT_USERNAME") or "").lstrip("@") or None,
            telegram_database_url=env.get("TELEGRAM_DATABASE_URL") or None,
            tickets_database_url=env.get("TICKETS_DATABASE_URL") or None,
        )

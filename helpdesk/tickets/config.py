"""Settings read from the environment: database URL, SMTP server, support-line recipients.

Secrets (SMTP password) come from the environment only; nothing here has a real address as default:
the recipient defaults are on the reserved `.invalid` domain so that a forgotten setting can never
e-mail a stranger.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional

DEFAULT_DATABASE_URL = "sqlite:///var/tickets.db"

RECIPIENT_ENV = {
    "departement": "TICKETS_EMAIL_DEPARTEMENT",
    "academie": "TICKETS_EMAIL_ACADEMIE",
    "canope": "TICKETS_EMAIL_CANOPE",
}
DEFAULT_RECIPIENTS = {
    "departement": "assistance-informatique@departement79.invalid",
    "academie": "assistance@ac-poitiers.invalid",
    "canope": "atelier79@reseau-canope.invalid",
}


def database_url(env: Optional[Mapping[str, str]] = None) -> str:
    """The tickets database URL: env ``TICKETS_DATABASE_URL``, else SQLite in ``var/tickets.db``."""
    env = os.environ if env is None else env
    return env.get("TICKETS_DATABASE_URL") or DEFAULT_DATABASE_URL


def recipient_for_line(line: str, env: Optional[Mapping[str, str]] = None) -> str:
    """E-mail address of a support line (``departement``, ``academie`` or ``canope``)."""
    env = os.environ if env is None else env
    if line not in RECIPIENT_ENV:
        raise ValueError(f"line {line!r} has no e-mail recipient")
    return env.get(RECIPIENT_ENV[line]) or DEFAULT_RECIPIENTS[line]


def _flag(value: Optional[str]) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "oui", "on"}


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the SMTP server. Defaults fit a local development server (aiosmtpd on 8025)."""

    host: str = "127.0.0.1"
    port: int = 8025
    user: Optional[str] = None
    password: Optional[str] = None
    sender: str = "assistant-convention-numerique@departement79.invalid"
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "SmtpSettings":
        """Read SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS, SMTP_TIMEOUT."""
        env = os.environ if env is None else env
        return cls(
            host=env.get("SMTP_HOST") or cls.host,
            port=int(env.get("SMTP_PORT") or cls.port),
            user=env.get("SMTP_USER") or None,
            password=env.get("SMTP_PASSWORD") or None,
            sender=env.get("SMTP_FROM") or cls.sender,
            starttls=_flag(env.get("SMTP_STARTTLS")),
            timeout=float(env.get("SMTP_TIMEOUT") or cls.timeout),
        )

    def __repr__(self) -> str:  # never print the password in logs
        return (
            f"SmtpSettings(host={self.host!r}, port={self.port}, user={self.user!r}, "
            f"password={'***' if self.password else None}, sender={self.sender!r}, starttls={self.starttls})"
        )

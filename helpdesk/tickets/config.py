"""The tickets' settings, as the store and the dispatcher take them: database URL, SMTP server, recipients.

The values are read once, in ``settings.config`` (the README's table); this module only shapes them for the
tickets code. ``env`` parameters keep the injected-environment pattern: a test (or the store built with one)
passes a mapping, and nothing here reads ``os.environ`` itself. Recipient defaults are on the reserved
``.invalid`` domain so that a forgotten setting can never e-mail a stranger.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from settings.config import Settings, settings_for

DEFAULT_DATABASE_URL = Settings.__fields__["tickets_database_url"].default
_SMTP_DEFAULTS = Settings.__fields__


def database_url(env: Optional[Mapping[str, str]] = None) -> str:
    """The tickets database URL: setting ``TICKETS_DATABASE_URL``, else SQLite in ``var/tickets.db``."""
    return settings_for(env).tickets_database_url


def recipient_for_line(line: str, env: Optional[Mapping[str, str]] = None) -> str:
    """E-mail address of a support line (``departement``, ``academie`` or ``canope``)."""
    return settings_for(env).recipient_for_line(line)


@dataclass(frozen=True)
class SmtpSettings:
    """How the dispatcher reaches the SMTP server (defaults: a local development server, aiosmtpd on 8025)."""

    host: str = _SMTP_DEFAULTS["smtp_host"].default
    port: int = _SMTP_DEFAULTS["smtp_port"].default
    user: Optional[str] = None
    password: Optional[str] = None
    sender: str = _SMTP_DEFAULTS["smtp_from"].default
    starttls: bool = False
    timeout: float = _SMTP_DEFAULTS["smtp_timeout"].default

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpSettings":
        return cls(host=settings.smtp_host, port=settings.smtp_port, user=settings.smtp_user,
                   password=settings.smtp_password, sender=settings.smtp_from, starttls=settings.smtp_starttls,
                   timeout=settings.smtp_timeout)

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "SmtpSettings":
        """SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS, SMTP_TIMEOUT of ``env``
        (default: the process's settings)."""
        return cls.from_settings(settings_for(env))

    def __repr__(self) -> str:  # never print the password in logs
        return (
            f"SmtpSettings(host={self.host!r}, port={self.port}, user={self.user!r}, "
            f"password={'***' if self.password else None}, sender={self.sender!r}, starttls={self.starttls})"
        )

"""What every channel gateway takes from the process's settings (``settings.config``, the one place the
environment is read), declared once for the web chat and the Telegram gateway.

A gateway's view is a dataclass (tests build one with the values they need) whose fields either come from
:class:`settings.config.Settings` (named in ``FROM_SETTINGS``, default taken from there) or are fixed parts
that are not a deployment choice (Rasa's timeout, the attachment cap).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Mapping, Optional, TypeVar

from helpdesk.tickets.attachments import MAX_ATTACHMENT_BYTES
from settings.config import Settings, settings_for

View = TypeVar("View", bound="ChannelSettings")


def setting_default(name: str) -> Any:
    """The default of a ``Settings`` field, so that a view built by hand starts where the process would."""
    return Settings.__fields__[name].default


@dataclass
class ChannelSettings:
    """Where Rasa is, how identities are checked, and the stores both gateways share."""

    rasa_url: str = setting_default("rasa_url")
    jwt_secret: Optional[str] = None
    mode: str = setting_default("bot_mode")
    # None: the store's own default (the process's settings), see helpdesk.tickets and account_links.
    tickets_database_url: Optional[str] = None
    max_attachment_bytes: int = MAX_ATTACHMENT_BYTES
    rasa_timeout: float = 60.0

    # view field <- Settings field; subclasses extend it with their own.
    FROM_SETTINGS: ClassVar[Mapping[str, str]] = {
        "rasa_url": "rasa_url",
        "jwt_secret": "ent_jwt_secret",
        "mode": "bot_mode",
        "tickets_database_url": "tickets_database_url",
    }

    @classmethod
    def from_settings(cls: type[View], settings: Settings) -> View:
        return cls(**{field: getattr(settings, name) for field, name in cls.FROM_SETTINGS.items()})

    @classmethod
    def from_env(cls: type[View], env: Optional[Mapping[str, str]] = None) -> View:
        """The gateway's view of ``env`` (default: the process's settings)."""
        return cls.from_settings(settings_for(env))

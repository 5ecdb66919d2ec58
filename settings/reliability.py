"""The settings of issue 15 (closed surface, bounded waits) as small functions over the one settings object
(:mod:`settings.config`): ``env`` overrides the process environment in tests."""
from __future__ import annotations

from typing import Mapping, Optional

from settings.config import settings_for

# The gateways give up on Rasa after 60 s: every wait below must fit well inside it.
DEFAULT_TICKETS_BUSY_BUDGET_S = 10.0
DEFAULT_MAX_MESSAGE_CHARS = 2000
LOOPBACK = "127.0.0.1"


def tickets_busy_budget_s(env: Optional[Mapping[str, str]] = None) -> float:
    """``TICKETS_BUSY_BUDGET_S``: the longest a ticket operation waits for a locked database (all retries
    included) before answering « occupé »; 10 s by default, clamped to [0.1, 30] s."""
    return min(max(settings_for(env).tickets_busy_budget_s, 0.1), 30.0)


def max_message_chars(env: Optional[Mapping[str, str]] = None) -> int:
    """``MAX_MESSAGE_CHARS``: the longest user message accepted by the REST channel and the gateways."""
    return settings_for(env).max_message_chars


def listen_host(variable: str, env: Optional[Mapping[str, str]] = None) -> str:
    """The address a process listens on (``RASA_HOST``, ``ACTION_SERVER_HOST``, ``WEBCHAT_HOST``,
    ``TELEGRAM_WEBHOOK_HOST``): loopback unless the operator says otherwise."""
    return str(getattr(settings_for(env), variable.lower(), None) or LOOPBACK)


def gateway_secret(env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """``GATEWAY_SECRET``: shared by the gateways, the REST webhook and the action server (production)."""
    return settings_for(env).gateway_secret

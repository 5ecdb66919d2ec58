"""Settings added for issue 15 (reliability, data hygiene, closed surface), kept in one block so that they
can be folded into the single settings object as they are.

Each function reads one environment variable (``env`` overrides ``os.environ`` in tests) and returns a
typed value with a safe default: loopback addresses, bounded waits, no secret.
"""
from __future__ import annotations

import os
from typing import Mapping, Optional

# The gateways give up on Rasa after 60 s: every wait below must fit well inside it.
DEFAULT_TICKETS_BUSY_BUDGET_S = 10.0
DEFAULT_MAX_MESSAGE_CHARS = 2000
LOOPBACK = "127.0.0.1"


def _env(env: Optional[Mapping[str, str]]) -> Mapping[str, str]:
    return os.environ if env is None else env


def _float(value: Optional[str], default: float) -> float:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        return default


def tickets_busy_budget_s(env: Optional[Mapping[str, str]] = None) -> float:
    """``TICKETS_BUSY_BUDGET_S``: the longest a ticket operation waits for a locked database (all retries
    included) before answering « occupé »; 10 s by default, clamped to [0.1, 30] s."""
    value = _float(_env(env).get("TICKETS_BUSY_BUDGET_S"), DEFAULT_TICKETS_BUSY_BUDGET_S)
    return min(max(value, 0.1), 30.0)


def max_message_chars(env: Optional[Mapping[str, str]] = None) -> int:
    """``MAX_MESSAGE_CHARS``: the longest user message accepted by the REST channel and the gateways."""
    return int(_float(_env(env).get("MAX_MESSAGE_CHARS"), DEFAULT_MAX_MESSAGE_CHARS))


def listen_host(variable: str, env: Optional[Mapping[str, str]] = None) -> str:
    """The address a process listens on (``RASA_HOST``, ``ACTION_SERVER_HOST``, ``WEBCHAT_HOST``,
    ``TELEGRAM_WEBHOOK_HOST``…): loopback unless the operator says otherwise."""
    return (_env(env).get(variable) or "").strip() or LOOPBACK


def gateway_secret(env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """``GATEWAY_SECRET``: shared by the gateways, the REST webhook and the action server (production)."""
    return (_env(env).get("GATEWAY_SECRET") or "").strip() or None

"""Deployment mode (demo or production) and the settings that production cannot run without.

Every component (action server, web chat gateway, Telegram gateway, Rasa launcher) reads the mode here, so
that "production" means the same thing everywhere, and each refuses to start in production when one of its
secrets is missing rather than falling back to a demo value that anyone can read in the repository.
"""
from __future__ import annotations

import os
from typing import Mapping, Optional, Sequence

# What each component needs in production (docs/deploy.md lists them with the same names).
# GATEWAY_SECRET (issue 15): shared by the gateways, Rasa's REST channel and the action server.
ACTION_SERVER_SECRETS = ("ENT_JWT_SECRET", "PSEUDONYM_KEY", "GATEWAY_SECRET")
GATEWAY_SECRETS = ("ENT_JWT_SECRET", "PSEUDONYM_KEY", "GATEWAY_SECRET")
RASA_SECRETS = ("RASA_API_TOKEN", "GATEWAY_SECRET")
# Set only by a production deployment (a demo needs neither): either one makes production the default.
PRODUCTION_ONLY_SECRETS = ("GATEWAY_SECRET", "RASA_API_TOKEN")


class MissingProductionSettings(RuntimeError):
    """Production mode was asked for without the secrets it needs."""


def bot_mode(env: Optional[Mapping[str, str]] = None) -> str:
    """``BOT_MODE`` (``demo`` or ``production``) when set; otherwise ``production`` as soon as a
    production-only secret (``GATEWAY_SECRET``, ``RASA_API_TOKEN``) is set, so that a process started
    without ``BOT_MODE`` next to production ones does not fall back to demo; else ``demo``."""
    env = os.environ if env is None else env
    explicit = (env.get("BOT_MODE") or "").strip().lower()
    if explicit:
        return "production" if explicit == "production" else "demo"
    return "production" if any((env.get(name) or "").strip() for name in PRODUCTION_ONLY_SECRETS) else "demo"


def is_production(env: Optional[Mapping[str, str]] = None) -> bool:
    """Whether ``BOT_MODE=production``."""
    return bot_mode(env) == "production"


def require_production_settings(component: str, names: Sequence[str],
                                env: Optional[Mapping[str, str]] = None) -> None:
    """Raise ``MissingProductionSettings`` naming every unset or blank variable of ``names`` (production only)."""
    env = os.environ if env is None else env
    if not is_production(env):
        return
    missing = [name for name in names if not (env.get(name) or "").strip()]
    if missing:
        raise MissingProductionSettings(
            f"{component}: BOT_MODE=production needs {', '.join(missing)} "
            "(see docs/deploy.md); refusing to start with demo values."
        )

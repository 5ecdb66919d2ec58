"""Deployment mode (demo or production) and the settings that production cannot run without.

Every component (action server, web chat gateway, Telegram gateway, Rasa launcher) reads the mode here, so
that "production" means the same thing everywhere, and each refuses to start in production when one of its
secrets is missing rather than falling back to a demo value that anyone can read in the repository. The
values themselves come from ``settings.config`` (one typed object); ``env`` lets a caller check another
process's environment (the supervisor checks its children's) or a test's dict.
"""
from __future__ import annotations

from typing import Mapping, Optional, Sequence

from settings.config import settings_for

# What each component needs in production (docs/deploy.md lists them with the same names).
# GATEWAY_SECRET (issue 15): shared by the gateways, Rasa's REST channel and the action server.
# The action server verifies no ENT token in production: the web gateway verifies it where it enters and
# forwards only its own token ({uai, role, pseudonymous sub}, signed with GATEWAY_SECRET), the Telegram
# gateway signs with GATEWAY_SECRET too. So the ENT's secret is not handed to it.
ACTION_SERVER_SECRETS = ("PSEUDONYM_KEY", "GATEWAY_SECRET")
GATEWAY_SECRETS = ("ENT_JWT_SECRET", "PSEUDONYM_KEY", "GATEWAY_SECRET")
# The Telegram gateway verifies no ENT token (accounts are linked with one-time codes): it signs with
# GATEWAY_SECRET only, so the ENT's secret stays where ENT tokens are verified.
TELEGRAM_GATEWAY_SECRETS = ("PSEUDONYM_KEY", "GATEWAY_SECRET")
RASA_SECRETS = ("RASA_API_TOKEN", "GATEWAY_SECRET")
# Set only by a production deployment (a demo needs neither): either one makes production the default.
PRODUCTION_ONLY_SECRETS = ("GATEWAY_SECRET", "RASA_API_TOKEN")


class MissingProductionSettings(RuntimeError):
    """Production mode was asked for without the secrets it needs."""


def bot_mode(env: Optional[Mapping[str, str]] = None) -> str:
    """``demo`` (default, loopback) or ``production`` (environment variable ``BOT_MODE``, any case).

    Any other value stops the process (``InvalidSettings``): a typo such as ``prod`` must not quietly run the
    demo mode, which needs no secret and acts as the demo RUPN for anyone. Unset, the mode is ``production``
    as soon as a production-only secret (``GATEWAY_SECRET``, ``RASA_API_TOKEN``) is set.
    """
    return settings_for(env).bot_mode


def is_production(env: Optional[Mapping[str, str]] = None) -> bool:
    """Whether ``BOT_MODE=production``."""
    return settings_for(env).is_production


def require_production_settings(component: str, names: Sequence[str],
                                env: Optional[Mapping[str, str]] = None) -> None:
    """Raise ``MissingProductionSettings`` naming every unset or blank variable of ``names`` (production only)."""
    settings = settings_for(env)
    if not settings.is_production:
        return
    missing = [name for name in names if not (getattr(settings, name.lower()) or "").strip()]
    if missing:
        raise MissingProductionSettings(
            f"{component}: BOT_MODE=production needs {', '.join(missing)} "
            "(see docs/deploy.md); refusing to start with demo values."
        )

"""Who is talking, and which establishment's tickets they may open and see: decided here only.

A verified identity (the ENT's signed token, or the Telegram gateway's token for a linked account)
always wins. Without one, production mode opens no ticket; demo mode uses the establishment the user
gave in the incident form, else the demo RUPN of the Collège Jean Donnet (Lezay).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from rasa_sdk import Tracker

from settings.config import get_settings


@dataclass(frozen=True)
class Scope:
    """The establishment a conversation acts for, and how we know it."""

    uai: Optional[str]
    verified: bool
    role: Optional[str] = None
    name: Optional[str] = None
    channel: str = "rest"
    reason: str = ""  # French, shown when uai is None

    @property
    def allowed(self) -> bool:
        return self.uai is not None


def _metadata(tracker: Tracker) -> dict[str, Any]:
    """Metadata of the latest user message (gateways send it with every message). In production only the
    latest message counts: an earlier token must not vouch for a message that came without one."""
    latest = tracker.latest_message.get("metadata") if tracker.latest_message else None
    if latest or get_settings().is_production:
        return latest or {}
    for event in reversed(tracker.events):
        if event.get("event") == "user" and event.get("metadata"):
            return event["metadata"]
    return {}


def _channel(tracker: Tracker, metadata: dict[str, Any]) -> str:
    channel = metadata.get("channel") or tracker.get_latest_input_channel() or "rest"
    return channel if channel in ("rest", "web", "telegram") else "rest"


def conversation_scope(tracker: Tracker) -> Scope:
    """The establishment this conversation may open and see tickets for."""
    from helpdesk.identity import resolve_identity

    metadata = _metadata(tracker)
    settings = get_settings()
    mode = settings.bot_mode
    channel = _channel(tracker, metadata)
    identity = resolve_identity(metadata, mode=mode, secret=settings.ent_jwt_secret)
    if identity is not None and identity.source == "token":
        return Scope(identity.uai, True, identity.role, identity.name, channel)
    if mode == "production":
        return Scope(None, False, channel=channel, reason=(
            "Pour déclarer ou consulter un incident, connectez-vous depuis l'ENT de votre établissement "
            "(ou liez votre compte Telegram) : je ne peux pas vérifier votre établissement autrement. "
            "Je reste à votre disposition pour les questions sur la convention."
        ))
    given = tracker.get_slot("user_uai")
    if given:
        return Scope(given, False, "rupn", None, channel)
    if identity is not None:
        return Scope(identity.uai, False, identity.role, identity.name, channel)
    return Scope(None, False, channel=channel, reason="Aucun établissement de démonstration n'est configuré.")

"""Personal data hygiene: pseudonymous ids for logs, analytics and conversation ids (RGPD)."""
from __future__ import annotations

import hashlib
import hmac

from settings.config import get_settings

# A fixed fallback keeps ids stable on a demo machine; production sets PSEUDONYM_KEY (see README).
_DEMO_KEY = "demo-only-pseudonym-key"


def _digest(identifier: str) -> str:
    key = (get_settings().pseudonym_key or _DEMO_KEY).encode()
    return hmac.new(key, identifier.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def pseudonymise(identifier: str) -> str:
    """A stable, non-reversible short id for ``identifier`` (a sender id, a Telegram user id…)."""
    return f"u-{_digest(identifier)[:16]}"


def salted_id(identifier: str, length: int = 24) -> str:
    """A longer keyed digest for ids that must not collide (conversation ids): without PSEUDONYM_KEY nobody
    can recompute it from a user's ENT subject, unlike a plain hash."""
    return _digest(identifier)[:length]

"""Personal data hygiene: pseudonymous ids for logs and analytics (RGPD)."""
from __future__ import annotations

import hashlib
import hmac

from settings.config import get_settings

# A fixed fallback keeps ids stable on a demo machine; production sets PSEUDONYM_KEY (see README).
_DEMO_KEY = "demo-only-pseudonym-key"


def pseudonymise(identifier: str) -> str:
    """A stable, non-reversible short id for ``identifier`` (a sender id, a Telegram user id…)."""
    key = (get_settings().pseudonym_key or _DEMO_KEY).encode()
    digest = hmac.new(key, identifier.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return f"u-{digest[:16]}"

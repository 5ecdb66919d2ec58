"""Identity tokens from the ENT (and from gateways that authenticate users themselves).

The ENT signs a JWT (HS256, secret ``ENT_JWT_SECRET``) with ``sub``, ``role`` (enseignant, principal, rupn),
``uai`` and ``exp``. The gateways verify it where it enters and forward to Rasa only a short-lived token of
their own (:func:`issue_gateway_token`, secret ``GATEWAY_SECRET``) holding ``{uai, role, pseudonymous sub}``:
the ENT's token, and the user's name, never reach a tracker or a log. The action server accepts a token
signed with either secret (:func:`resolve_identity`). In demo mode, a conversation without a valid token is
the demo RUPN of the Collège Jean Donnet (Lezay).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Mapping, Optional

import jwt
from jwt.types import Options

from settings.config import get_settings
from settings.reliability import gateway_secret

ROLES = ("enseignant", "principal", "rupn")
ALGORITHM = "HS256"
DEMO_NAME = "RUPN de démonstration"


class InvalidIdentity(ValueError):
    """The token cannot be trusted; ``reason`` says why (in English, for logs)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """Who is talking: a user of an establishment (UAI) with one role; ``source`` says how we know it."""

    user_id: str
    role: str
    uai: str
    name: Optional[str] = None
    source: str = "token"  # token | demo


def verify_token(token: str, secret: Optional[str], now: Optional[datetime] = None) -> Identity:
    """Check signature, expiry and claims; raise :class:`InvalidIdentity` otherwise."""
    from helpdesk.establishments import is_valid_uai, normalize_uai

    if not secret:
        raise InvalidIdentity("no secret configured")
    if not token or not isinstance(token, str):
        raise InvalidIdentity("missing token")
    options: Options = {"require": ["exp", "sub"], "verify_exp": now is None}
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options=options)
    except jwt.ExpiredSignatureError:
        raise InvalidIdentity("expired") from None
    except jwt.InvalidSignatureError:
        raise InvalidIdentity("bad signature") from None
    except jwt.MissingRequiredClaimError as error:
        raise InvalidIdentity(f"missing claim {error.claim}") from None
    except jwt.PyJWTError as error:
        raise InvalidIdentity(f"invalid token: {error}") from None
    if now is not None and datetime.fromtimestamp(int(claims["exp"]), timezone.utc) <= now:
        raise InvalidIdentity("expired")
    for claim in ("role", "uai"):
        if not claims.get(claim):
            raise InvalidIdentity(f"missing claim {claim}")
    role = claims.get("role")
    if role not in ROLES:
        raise InvalidIdentity(f"unknown role {role!r}")
    uai = normalize_uai(str(claims.get("uai") or ""))
    if not is_valid_uai(uai):
        raise InvalidIdentity("bad UAI")
    return Identity(user_id=str(claims["sub"]), role=role, uai=uai, name=claims.get("name"), source="token")


def issue_token(identity: Identity, secret: str, ttl: timedelta = timedelta(hours=8),
                now: Optional[datetime] = None) -> str:
    """Sign a token for an identity a gateway has authenticated itself (e.g. a linked Telegram account)."""
    now = now or datetime.now(timezone.utc)
    claims = {"sub": identity.user_id, "role": identity.role, "uai": identity.uai, "exp": int((now + ttl).timestamp())}
    if identity.name:
        claims["name"] = identity.name
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


GATEWAY_TOKEN_TTL = timedelta(minutes=10)  # one turn needs seconds; a leaked copy soon expires


def issue_gateway_token(identity: Identity, secret: str, ttl: timedelta = GATEWAY_TOKEN_TTL,
                        now: Optional[datetime] = None) -> str:
    """What a gateway forwards once it has verified a user: ``{uai, role, pseudonymous sub}`` signed with
    its own secret. No name, no ENT token, a keyed pseudonym instead of the ENT subject."""
    from helpdesk.privacy import pseudonymise

    subject = pseudonymise(f"{identity.uai}:{identity.user_id}")
    return issue_token(Identity(user_id=subject, role=identity.role, uai=identity.uai), secret, ttl=ttl, now=now)


def signing_secret(ent_secret: Optional[str]) -> Optional[str]:
    """The secret a gateway signs its tokens with: ``GATEWAY_SECRET``, else (demo, single host) the ENT's."""
    return gateway_secret() or ent_secret


@lru_cache(maxsize=1)
def _signatory_uai() -> Optional[str]:
    # Cached: the directory is static data and a fuzzy name search costs ~0.5 ms, paid several times per
    # turn (every action asks for the conversation's scope).
    from helpdesk.establishments import find_establishment

    match = find_establishment("Collège Jean Donnet Lezay").establishment
    return match.uai if match else None


def demo_identity() -> Optional[Identity]:
    """The demo RUPN of the Collège Jean Donnet (Lezay), the agreement's signatory (``DEMO_UAI`` overrides)."""
    uai = get_settings().demo_uai or _signatory_uai()
    return Identity(user_id="demo-rupn", role="rupn", uai=uai, name=DEMO_NAME, source="demo") if uai else None


def resolve_identity(metadata: Optional[Mapping[str, Any]], mode: str = "demo",
                     secret: Optional[str] = None) -> Optional[Identity]:
    """The identity of a message: a token signed by a gateway (``GATEWAY_SECRET``) or by the ENT
    (``secret``, default ``ENT_JWT_SECRET``), else the demo identity in demo mode, else None."""
    token = (metadata or {}).get("identity_token")
    if token:
        ent_secret = secret if secret is not None else get_settings().ent_jwt_secret
        for candidate in dict.fromkeys(s for s in (gateway_secret(), ent_secret) if s):
            try:
                return verify_token(token, candidate)
            except InvalidIdentity:
                continue
    return demo_identity() if mode == "demo" else None

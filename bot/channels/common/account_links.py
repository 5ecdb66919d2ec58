"""Which Telegram users act for which establishment: one-time link codes and the support staff's allow-list.

SQLite by default (``TELEGRAM_DATABASE_URL``, default ``sqlite:///var/telegram.db``), any SQLAlchemy URL
otherwise. Two small tables created on first use.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

from sqlalchemy import Column, DateTime, MetaData, String, Table, create_engine, delete, insert, select, update
from sqlalchemy.engine import Connection, make_url

from helpdesk.establishments import is_valid_uai, normalize_uai
from helpdesk.identity import ROLES, Identity
from settings.config import get_settings

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are sometimes typed by hand
CODE_LENGTH = 8
CODE_TTL = timedelta(minutes=10)


class LinkError(ValueError):
    """A link cannot be made; the message is French and can be shown to the user."""


metadata = MetaData()
links_table = Table(
    "telegram_links", metadata,
    Column("telegram_user_id", String(32), primary_key=True),
    Column("uai", String(8), nullable=False),
    Column("role", String(16), nullable=False),
    Column("name", String(120), nullable=True),
    Column("source", String(16), nullable=False),  # code (linked from the ENT) | allow-list (support staff)
    Column("created_at", DateTime, nullable=False),
)
codes_table = Table(
    "telegram_link_codes", metadata,
    Column("code", String(16), primary_key=True),
    Column("ent_user_id", String(128), nullable=False),
    Column("uai", String(8), nullable=False),
    Column("role", String(16), nullable=False),
    Column("name", String(120), nullable=True),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime, nullable=True),
)

# Wrong link codes, per Telegram user (whatever the chat), kept in the database so that a restart of the
# gateway does not reset the count (a code has 31^8 values: the limit keeps guessing out of reach).
failures_table = Table(
    "telegram_link_failures", metadata,
    Column("telegram_user_id", String(32), nullable=False, index=True),
    Column("at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class Link:
    """A Telegram user allowed to act for an establishment with a role."""

    telegram_user_id: str
    uai: str
    role: str
    name: Optional[str]
    source: str
    created_at: datetime

    def identity(self) -> Identity:
        """The identity the gateway vouches for when it signs this user's messages."""
        return Identity(user_id=f"telegram:{self.telegram_user_id}", role=self.role, uai=self.uai,
                        name=self.name, source="telegram")


@dataclass(frozen=True)
class LinkCode:
    """A one-time code handed to an ENT user to link their Telegram account."""

    code: str
    expires_at: datetime
    ttl_minutes: int


def _utcnow() -> datetime:
    # Stored naive in UTC: SQLite has no time zones.
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _naive(moment: Optional[datetime]) -> datetime:
    if moment is None:
        return _utcnow()
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def normalize_code(text: str) -> str:
    """Codes are case-insensitive and may be typed with spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:32]


def _link(row) -> Link:
    return Link(row.telegram_user_id, row.uai, row.role, row.name, row.source, row.created_at)


def _check_user_id(user_id: object) -> str:
    text = str(user_id).strip()
    if not text.isdigit() or len(text) > 20:
        raise LinkError(f"« {text[:30]} » n'est pas un identifiant Telegram (un nombre).")
    return text


class LinkStore:
    """Links and codes; every method is one short transaction."""

    def __init__(self, url: Optional[str] = None):
        url = url or get_settings().telegram_database_url
        parsed = make_url(url)
        if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url, future=True)
        metadata.create_all(self.engine)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def create_code(self, identity: Identity, ttl: timedelta = CODE_TTL, now: Optional[datetime] = None) -> LinkCode:
        """A fresh one-time code for a verified ENT identity (long-expired codes are cleaned up on the way)."""
        at = _naive(now)
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        with self.engine.begin() as conn:
            conn.execute(delete(codes_table).where(codes_table.c.expires_at < at - timedelta(days=1)))
            conn.execute(insert(codes_table).values(
                code=code, ent_user_id=identity.user_id[:128], uai=identity.uai, role=identity.role,
                name=identity.name[:120] if identity.name else None, expires_at=at + ttl, used_at=None,
            ))
        return LinkCode(code, (at + ttl).replace(tzinfo=timezone.utc), int(ttl.total_seconds() // 60))

    def consume_code(self, code: str, telegram_user_id: object, now: Optional[datetime] = None) -> Link:
        """Bind a Telegram user with a code; raise :class:`LinkError` if unknown, used or expired."""
        user_id = _check_user_id(telegram_user_id)
        at = _naive(now)
        code = normalize_code(code)
        again = "Demandez-en un nouveau depuis le chat de l'ENT."
        with self.engine.begin() as conn:
            row = conn.execute(select(codes_table).where(codes_table.c.code == code)).first() if code else None
            if row is None:
                raise LinkError(f"Ce code de liaison est inconnu. {again}")
            if row.used_at is not None:
                raise LinkError(f"Ce code de liaison a déjà été utilisé. {again}")
            if row.expires_at <= at:
                raise LinkError(f"Ce code de liaison a expiré. {again}")
            # The conditional UPDATE guards against two /start racing with the same code.
            marked = conn.execute(
                update(codes_table).where(codes_table.c.code == code, codes_table.c.used_at.is_(None))
                .values(used_at=at)
            ).rowcount
            if marked != 1:
                raise LinkError(f"Ce code de liaison a déjà été utilisé. {again}")
            return self._upsert(conn, user_id, row.uai, row.role, row.name, "code", at)

    def allow(self, telegram_user_id: object, uai: str, role: str = "principal", name: Optional[str] = None,
              now: Optional[datetime] = None) -> Link:
        """Support staff: allow a Telegram user for an establishment (replaces an existing link)."""
        user_id = _check_user_id(telegram_user_id)
        uai = normalize_uai(uai or "")
        if not is_valid_uai(uai):
            raise LinkError(f"« {uai[:20]} » n'est pas un code UAI des Deux-Sèvres valide (079 + 4 chiffres + lettre).")
        if role not in ROLES:
            raise LinkError(f"Rôle inconnu « {str(role)[:20]} » : choisissez parmi {', '.join(ROLES)}.")
        with self.engine.begin() as conn:
            return self._upsert(conn, user_id, uai, role, name[:120] if name else None, "allow-list", _naive(now))

    @staticmethod
    def _upsert(conn: Connection, user_id: str, uai: str, role: str, name: Optional[str], source: str,
                at: datetime) -> Link:
        values = dict(uai=uai, role=role, name=name, source=source, created_at=at)
        changed = conn.execute(
            update(links_table).where(links_table.c.telegram_user_id == user_id).values(**values)
        ).rowcount
        if not changed:
            conn.execute(insert(links_table).values(telegram_user_id=user_id, **values))
        return Link(user_id, uai, role, name, source, at)

    def revoke(self, telegram_user_id: object) -> bool:
        """Remove a user's link; False when there was none."""
        user_id = _check_user_id(telegram_user_id)
        with self.engine.begin() as conn:
            deleted = conn.execute(delete(links_table).where(links_table.c.telegram_user_id == user_id)).rowcount
        return (deleted or 0) > 0

    def get(self, telegram_user_id: object) -> Optional[Link]:
        """The link of a Telegram user, if any."""
        try:
            user_id = _check_user_id(telegram_user_id)
        except LinkError:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(links_table).where(links_table.c.telegram_user_id == user_id)).first()
        return _link(row) if row else None

    def record_failure(self, telegram_user_id: object, now: Optional[datetime] = None) -> None:
        """Remember one wrong code from this user (see :meth:`recent_failures`)."""
        with self.engine.begin() as conn:
            conn.execute(insert(failures_table).values(telegram_user_id=_check_user_id(telegram_user_id),
                                                       at=_naive(now)))

    def recent_failures(self, telegram_user_id: object, window: timedelta, now: Optional[datetime] = None) -> int:
        """Wrong codes from this user within ``window`` (older ones are forgotten on the way)."""
        user_id, at = _check_user_id(telegram_user_id), _naive(now)
        with self.engine.begin() as conn:
            conn.execute(delete(failures_table).where(failures_table.c.at < at - window))
            return len(conn.execute(select(failures_table.c.at).where(failures_table.c.telegram_user_id == user_id))
                       .all())

    def purge(self, cutoff: datetime, now: Optional[datetime] = None) -> int:
        """Retention: links made before ``cutoff`` expire (the user links again from the ENT), and every
        used or expired code goes; returns the number of links removed."""
        at = _naive(now)
        with self.engine.begin() as conn:
            conn.execute(delete(codes_table).where((codes_table.c.expires_at <= at) | codes_table.c.used_at.isnot(None)))
            removed = conn.execute(delete(links_table).where(links_table.c.created_at < _naive(cutoff))).rowcount
        return removed or 0

    def list(self) -> list[Link]:
        """Every link, by establishment then user."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(links_table).order_by(links_table.c.uai, links_table.c.telegram_user_id))
            return [_link(row) for row in rows]

"""Checks and limits shared by the ticket store's modules: field validation, lock errors."""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .errors import InvalidTicketInput

MAX_DESCRIPTION_CHARS = 50_000
MAX_COMMENT_CHARS = 5_000
MAX_PLACE_CHARS = 200
MAX_CONTACT_CHARS = 300
MAX_ID_CHARS = 128
_CATEGORY = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
SYSTEM_AUTHOR = "assistant"
# SQLite "database is locked"/"busy", PostgreSQL lock_timeout (55P03) and statement timeout (57014).
_BUSY_MARKERS = ("locked", "busy", "lock timeout", "lock_timeout", "canceling statement")


def is_busy(error: BaseException) -> bool:
    """Whether a database error means "someone else holds the lock" (worth a later retry), not "down"."""
    if isinstance(error, PoolTimeout):
        return True
    if not isinstance(error, OperationalError):
        return False
    code = getattr(getattr(error, "orig", None), "pgcode", None)
    return code in ("55P03", "57014") or any(m in str(error.orig).lower() for m in _BUSY_MARKERS)


def _check_text(value, field_label: str, *, required: bool, limit: int) -> Optional[str]:
    """Return ``value`` unchanged (verbatim) if acceptable, None for an absent optional value.

    Only two things are refused besides length: NUL characters (PostgreSQL text cannot hold them) and
    unpaired surrogates (not encodable, they would corrupt the stored text).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidTicketInput(f"Le champ « {field_label} » est obligatoire : pouvez-vous le préciser ?")
        return None
    if not isinstance(value, str):
        raise InvalidTicketInput(f"Le champ « {field_label} » doit être un texte.")
    if len(value) > limit:
        raise InvalidTicketInput(
            f"Le champ « {field_label} » est trop long ({len(value)} caractères, {limit} au maximum). "
            "Pouvez-vous le raccourcir ?"
        )
    if "\x00" in value:
        raise InvalidTicketInput(
            f"Le champ « {field_label} » contient un caractère nul que je ne peux pas enregistrer."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidTicketInput(f"Le champ « {field_label} » contient des caractères illisibles.") from None
    return value

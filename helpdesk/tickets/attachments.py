"""Checks on files users attach to an incident: JPEG, PNG or PDF only, 5 Mo at most, a few per ticket.

The declared content type is not trusted alone: the first bytes of the file must match it, so that a
renamed executable is not forwarded to a support line as "photo.jpg".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from .errors import AttachmentRejected

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024  # the one limit: the gateways refuse bigger files before reading them
# Three files of 5 Mo stay under the 32 Mo message size many SMTP servers accept (base64 adds a third).
MAX_ATTACHMENTS_PER_CONVERSATION = 3
MAX_FILENAME_CHARS = 120

# content type -> (file signature, extension)
ALLOWED_TYPES = {
    "image/jpeg": (b"\xff\xd8\xff", ".jpg"),
    "image/png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "application/pdf": (b"%PDF-", ".pdf"),
}
_TYPE_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "application/x-pdf": "application/pdf"}
_UNTYPED = {"", "application/octet-stream", "binary/octet-stream"}


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks, with its cleaned name and canonical content type."""

    filename: str
    content_type: str
    data: bytes


def _sniff(data: bytes) -> Optional[str]:
    for content_type, (signature, _ext) in ALLOWED_TYPES.items():
        if data.startswith(signature):
            return content_type
    return None


def clean_filename(filename: Optional[str], content_type: str) -> str:
    """Keep the base name, without control or direction-override characters, at most 120 characters."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    name = " ".join(name.split()).strip(" .")
    extension = ALLOWED_TYPES[content_type][1]
    if not name:
        name = "piece-jointe" + extension
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 5 else ""
        keep = MAX_FILENAME_CHARS - (len(ext) + 1 if ext else 0)
        name = (stem if dot else name)[:keep] + (f".{ext}" if ext else "")
    return name


def check_attachment(filename: Optional[str], content_type: Optional[str], data: bytes) -> CheckedFile:
    """Validate one file; raise :class:`AttachmentRejected` with a French message when it cannot be kept."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise AttachmentRejected("Je n'ai pas pu lire ce fichier. Pouvez-vous le renvoyer ?")
    data = bytes(data)
    shown = "".join(ch for ch in (filename or "") if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    shown = " ".join(shown.split())[:60]
    label = f"« {shown} »" if shown else "Ce fichier"
    if not data:
        raise AttachmentRejected(f"{label} est vide : je ne peux pas le joindre au ticket.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        size_mb = f"{len(data) / (1024 * 1024):.1f}".replace(".", ",")
        raise AttachmentRejected(
            f"{label} pèse {size_mb} Mo : la taille maximale d'une pièce jointe est de 5 Mo. "
            "Vous pouvez réduire la photo ou la capture d'écran et la renvoyer."
        )
    declared = (content_type or "").split(";")[0].strip().lower()
    declared = _TYPE_ALIASES.get(declared, declared)
    sniffed = _sniff(data)
    if declared in _UNTYPED:
        declared = sniffed or declared
    if declared not in ALLOWED_TYPES:
        raise AttachmentRejected(
            f"{label} n'est pas accepté : seules les images JPEG ou PNG et les documents PDF "
            "peuvent être joints à un ticket."
        )
    if sniffed != declared:
        raise AttachmentRejected(
            f"Le contenu de {label if shown else 'ce fichier'} ne correspond pas à un "
            "fichier JPEG, PNG ou PDF valide : je ne peux pas le joindre."
        )
    return CheckedFile(clean_filename(filename, declared), declared, data)

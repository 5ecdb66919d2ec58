"""UAI codes (« unité administrative immatriculée »): normalisation and the check letter.

Pure and shared: the import of the national directory (knowledge.directory_import) and the helpdesk's list
of collèges (helpdesk.establishments) both check codes with these functions, so there is one rule.
"""
from __future__ import annotations

import re
from typing import Optional

# Check letters of a UAI: I, O and Q are left out of the alphabet (they read like 1 and 0).
UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
# The Deux-Sèvres: the collèges of the agreement have UAIs starting with its department code.
DEPARTMENT_PREFIX = "079"
UAI_SHAPE = re.compile(r"^(\d{7})([A-Z])$")


def uai_check_letter(seven_digits: str) -> str:
    """Return the check letter of a UAI from its 7 digits (number modulo 23 in ``UAI_LETTERS``)."""
    if not (len(seven_digits) == 7 and seven_digits.isdigit()):
        raise ValueError(f"a UAI starts with 7 digits, got {seven_digits!r}")
    return UAI_LETTERS[int(seven_digits) % 23]


def normalize_uai(text: str) -> str:
    """Upper-case a UAI and drop spaces, dots and dashes ("079 9001 e" -> "0799001E")."""
    return re.sub(r"[\s.\-]", "", text or "").upper()


def is_valid_uai(text: str, department_prefix: Optional[str] = DEPARTMENT_PREFIX) -> bool:
    """True when ``text`` is a well-formed UAI with the right check letter (and department prefix)."""
    match = UAI_SHAPE.match(normalize_uai(text))
    if not match:
        return False
    digits, letter = match.groups()
    if department_prefix and not digits.startswith(department_prefix):
        return False
    return uai_check_letter(digits) == letter

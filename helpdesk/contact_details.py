"""How a support line can reach the person who declares an incident: a phone number or an e-mail address."""
from __future__ import annotations

import re

from knowledge.normalise import phone_numbers

# Deliberately loose (a local part, an @, a dotted domain): the check is that the user gave a way to be
# reached, not that the address exists; the support line reads it as typed.
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def email_addresses(text: str) -> tuple[str, ...]:
    return tuple(_EMAIL.findall(text or ""))


def can_be_reached(text: str) -> bool:
    """True when ``text`` holds a phone number or an e-mail address a support line can use."""
    return bool(phone_numbers(text or "") or email_addresses(text))

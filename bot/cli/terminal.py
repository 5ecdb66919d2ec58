"""Stored user text printed on the support staff's terminal, made harmless: the one escaping function.

A ticket description or an unanswered question may hold terminal escape sequences (``\\x1b[2J``), direction
overrides or isolates (``\\u202e``, ``\\u2066``) that reorder what the reader sees, or invisible characters
(zero-width space, soft hyphen, BOM). Every such character is shown as its escape, never obeyed: control
(Cc), format (Cf, which holds every bidi control), line/paragraph separators (Zl, Zp), surrogates, private
use and unassigned code points. Letters, accents and spaces (non-breaking ones included) print as they are.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape(text: Optional[str], keep_newlines: bool = False) -> str:
    """``text`` with every character that could drive or fool a terminal written as its escape."""
    if text is None:
        return ""
    return "".join(
        ch if (ch == "\n" and keep_newlines) or unicodedata.category(ch) not in _ESCAPED_CATEGORIES
        else _escape_char(ch)
        for ch in str(text)
    )

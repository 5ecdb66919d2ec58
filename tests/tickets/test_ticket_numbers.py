"""Ticket numbers as users type them: one normalisation for the Telegram command, the web chat and the actions."""
from __future__ import annotations

import pytest

from helpdesk.tickets import normalize_ticket_number


@pytest.mark.parametrize("typed", ["INC-2026-00042", "inc-2026-00042", "INC 2026 42", "Inc_2026_42", "2026-42",
                                   "2026-0042", "2026 42", " #2026/42 ", "INC-2026-42",
                                   "où en est le ticket INC 2026 42 ?"])
def test_every_way_of_typing_a_number_finds_the_same_ticket(typed):
    assert normalize_ticket_number(typed) == "INC-2026-00042"


@pytest.mark.parametrize("typed", [None, "", "42", "2026", "INC-2026-", "le 2026 42 élèves", "2026-42-7",
                                   "'; DROP TABLE tickets; --", "INC-26-42", "2026-1234567"])
def test_what_is_not_a_ticket_number_is_refused(typed):
    assert normalize_ticket_number(typed) is None

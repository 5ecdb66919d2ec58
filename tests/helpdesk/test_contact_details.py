"""Whether a contact typed in the incident form lets a support line reach someone."""
from __future__ import annotations

import pytest

from helpdesk.contact_details import can_be_reached, email_addresses
from knowledge.normalise import phone_numbers


@pytest.mark.parametrize("typed, digits", [
    ("05 49 06 63 60", "0549066360"), ("05.49.06.63.60", "0549066360"), ("0549066360", "0549066360"),
    ("+33 5 49 06 63 60", "0549066360"), ("+33 (0)5 49 06 63 60", "0549066360"), ("06-12-34-56-78", "0612345678"),
])
def test_a_french_number_is_read_as_ten_digits(typed, digits):
    assert phone_numbers(f"appelez le {typed} svp") == (digits,)


@pytest.mark.parametrize("text", ["salle 12, 2e étage", "05 49 06", "UAI 0790001A", "12345678901234"])
def test_what_is_no_phone_number_is_not_read_as_one(text):
    assert phone_numbers(text) == ()


def test_an_email_address_is_found_and_a_bare_at_sign_is_not():
    assert email_addresses("écrire à m.martin@ac-poitiers.fr merci") == ("m.martin@ac-poitiers.fr",)
    assert email_addresses("rdv @ la salle des profs") == ()


@pytest.mark.parametrize("text, reachable", [
    ("M. Martin, 05 49 00 00 00", True), ("m.martin@exemple.fr", True),
    ("M. Martin", False), ("depuis ce matin, plus aucune sonnerie", False), ("", False),
])
def test_can_be_reached(text, reachable):
    assert can_be_reached(text) is reachable

"""Corrections typed in passing during a declaration, read from the text alone."""
from __future__ import annotations

import pytest

from helpdesk.corrections import corrected_field

ALL = frozenset({"incident_place", "incident_impact", "incident_contact"})


@pytest.mark.parametrize("text, expected", [
    ("non pardon, plutôt Mme Roy, m.roy@ac-poitiers.fr", ("incident_contact", "Mme Roy, m.roy@ac-poitiers.fr")),
    ("Mme Roy, 05 49 99 88 77", ("incident_contact", "Mme Roy, 05 49 99 88 77")),
    ("le 05 49 06 63 60 c'est bien le Département ?", None),  # a question about a number, not a contact
    ("confirmer", None),
])
def test_a_contact_typed_at_the_recap_replaces_the_one_shown(text, expected):
    assert corrected_field(text, at_recap=True, filled=ALL) == expected


def test_a_contact_is_no_correction_before_the_recap_or_before_one_was_given():
    assert corrected_field("Mme Roy, 05 49 99 88 77", at_recap=False, filled=ALL) is None
    assert corrected_field("Mme Roy, 05 49 99 88 77", at_recap=True, filled=frozenset()) is None


def test_a_place_corrected_with_a_marker_is_the_place():
    assert corrected_field("non, c'est salle 12", at_recap=False, filled=ALL)[0] == "incident_place"
    assert corrected_field("salle 12", at_recap=False, filled=ALL) is None  # no marker: an answer, not a fix

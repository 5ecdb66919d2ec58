"""Establishments: the data file, UAI validation and tolerant lookup."""
from __future__ import annotations

import pytest

from helpdesk.establishments import (
    MATCH_THRESHOLD,
    EstablishmentDataError,
    EstablishmentDirectory,
    find_establishment,
    is_valid_uai,
    load_establishments,
    uai_check_letter,
)


def test_check_letter_matches_known_national_codes():
    # Two well-known Paris lycées, independent of our data: Louis-le-Grand and Henri-IV.
    assert uai_check_letter("0750654") == "D"
    assert uai_check_letter("0750699") == "C"
    assert is_valid_uai("0750654D", department_prefix=None)
    assert not is_valid_uai("0750654D")  # not a Deux-Sèvres code


@pytest.mark.parametrize("text, valid", [
    ("0799001E", True), ("0799001e", True), ("079 9001 E", True), ("0799001F", False),
    ("079900E", False), ("0799001", False), ("", False), ("07990011", False),
])
def test_uai_validation(text, valid):
    assert is_valid_uai(text) is valid


def test_project_file_holds_the_signatory_and_only_valid_unique_codes():
    establishments = load_establishments()
    by_name = {e.name: e for e in establishments}
    donnet = by_name["Collège Jean Donnet"]
    assert donnet.town == "Lezay"
    assert all(is_valid_uai(e.uai) for e in establishments)
    assert len({e.uai for e in establishments}) == len(establishments)
    assert len(establishments) >= 10


def _write(tmp_path, body):
    path = tmp_path / "establishments.yml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("records, expected", [
    ("  - {uai: 0799001E, name: A, town: X}\n  - {uai: 0799002G, name: B, town: Y}\n",
     "record #2 (B): UAI 0799002G has check letter G, expected F"),
    ("  - {uai: 0799001E, name: A, town: X}\n  - {uai: 0799001E, name: B, town: Y}\n",
     "record #2 (B): UAI 0799001E already used by record #1"),
    ("  - {uai: 0799001E, town: X}\n", "record #1 (?): field 'name' must be a non-empty string"),
    ("  - {uai: 0750654D, name: A, town: X}\n", "record #1 (A): UAI 0750654D is not a Deux-Sèvres code"),
    ("  - {uai: 0799001e, name: A, town: X}\n", "record #1 (A): UAI '0799001e' is not 7 digits"),
    ("  - {uai: 0799001E, name: A, town: X, colour: red}\n", "record #1 (A): unknown field(s) ['colour']"),
])
def test_bad_records_fail_loudly_naming_file_and_record(tmp_path, records, expected):
    path = _write(tmp_path, "establishments:\n" + records)
    with pytest.raises(EstablishmentDataError) as caught:
        EstablishmentDirectory.from_file(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_unreadable_or_misshapen_file(tmp_path):
    with pytest.raises(EstablishmentDataError, match="cannot read"):
        EstablishmentDirectory.from_file(tmp_path / "missing.yml")
    with pytest.raises(EstablishmentDataError, match="top-level 'establishments' list"):
        EstablishmentDirectory.from_file(_write(tmp_path, "- just a list\n"))


@pytest.mark.parametrize("text", ["0799001E", "0799001e", "079 9001 e", "mon UAI est le 0799001E merci"])
def test_find_by_uai_in_any_case_and_spacing(text):
    match = find_establishment(text)
    assert match.establishment.name == "Collège Jean Donnet"
    assert match.score == 100.0
    assert match.matched_uai == "0799001E"


@pytest.mark.parametrize("text, expected", [
    ("jean donet", "Collège Jean Donnet"),             # typo
    ("college de lezay", "Collège Jean Donnet"),       # town, no accent
    ("LEZAI", "Collège Jean Donnet"),                  # typo in the town
    ("thenezay", "Collège Jean de La Fontaine"),       # missing accent
    ("gerard philippe", "Collège Gérard Philipe"),     # usual misspelling
    ("st maixent", "Collège Denfert-Rochereau"),       # alias
    ("jean zay niort", "Collège Jean Zay"),            # name + town beats town alone
    ("le wifi ne marche plus au collège jean zay", "Collège Jean Zay"),  # inside a sentence
])
def test_find_by_name_or_town_tolerates_typos_and_accents(text, expected):
    match = find_establishment(text)
    assert match.establishment is not None and match.establishment.name == expected
    assert MATCH_THRESHOLD <= match.score <= 100.0
    assert not match.ambiguous


def test_a_town_with_several_collèges_is_ambiguous():
    match = find_establishment("Niort")
    assert match.establishment is None
    assert match.ambiguous
    names = {c.establishment.name for c in match.candidates}
    assert {"Collège Jean Zay", "Collège Fontanes"} <= names
    assert all(c.establishment.town == "Niort" for c in match.candidates)


@pytest.mark.parametrize("text", ["bonjour", "zay", "", "0799001F", "le réseau est en panne"])
def test_no_match(text):
    match = find_establishment(text)
    assert match.establishment is None
    assert not match.ambiguous
    assert match.score == 0.0

"""`python -m knowledge validate` refuses a bad avenant, naming the avenant's file and the record."""
from __future__ import annotations

import shutil

import pytest

from knowledge import loader
from knowledge.loader import KnowledgeError

from .amendment_support import add_example_avenant, edit_avenant
from .test_loader_validation import assert_named, run_validate

FILE = "avenants/001.yml"
PHONES = "a1-college-telephones-mobiles"


@pytest.fixture
def avenant(data_copy):
    return add_example_avenant(data_copy)


def refused(folder) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as caught:
        loader.load(folder)
    return caught.value


def test_the_example_avenant_is_valid(avenant, data_copy):
    assert len(loader.load(data_copy).amendments) == 1


def test_unknown_record_to_replace(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"][0].update(id="a1-inexistante"))
    assert_named(refused(data_copy), FILE, "replace obligation a1-inexistante", "unknown obligation id")


def test_unknown_record_to_remove(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"][2].update(id="a8-inexistante"))
    assert_named(refused(data_copy), FILE, "remove obligation a8-inexistante", "nothing to remove")


def test_source_must_be_in_the_avenant_not_in_the_2017_text(avenant, data_copy):
    """A quote of the 2017 agreement is verbatim there, but an avenant's record must quote the avenant."""
    old = "le renouvellement et l'achat des téléphones mobiles sont à la charge du collègue."
    edit_avenant(avenant, lambda c: c["changes"][0]["record"].update(source=old))
    assert_named(refused(data_copy), FILE, f"replace obligation {PHONES}", "not found verbatim",
                 "text of avenant n° 1")


def test_removal_must_quote_the_avenant(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"][2].update(source="la phrase est abrogée"))
    assert_named(refused(data_copy), FILE, "remove obligation a8-college-interdiction-socles", "not found verbatim")
    edit_avenant(avenant, lambda c: c["changes"][2].pop("source"))
    assert_named(refused(data_copy), FILE, "remove obligation a8-college-interdiction-socles", "no source")


def test_in_force_before_signature(avenant, data_copy):
    edit_avenant(avenant, lambda c: c.update(in_force="2027-06-01"))
    assert_named(refused(data_copy), FILE, "avenant n° 1", "before its signature")


def test_duplicate_number(avenant, data_copy):
    shutil.copyfile(avenant, avenant.with_name("002.yml"))
    assert_named(refused(data_copy), "avenants/002.yml", "avenant n° 1", "number already used", FILE)


def test_record_refused_by_the_loader_rules(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"][0]["record"].update(parties=["mairie"]))
    assert_named(refused(data_copy), FILE, f"replace obligation {PHONES}", "unknown party", "mairie")


def test_phone_must_appear_in_the_avenant(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"][1]["record"].update(phone="05.49.06.63.60"))
    assert_named(refused(data_copy), FILE, "replace support_line departement", "does not appear")


def test_adding_an_existing_record(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"][0].update({"add": "obligation"}) or c["changes"][0].pop("replace"))
    assert_named(refused(data_copy), FILE, f"add obligation {PHONES}", "already exists")


def test_removing_a_support_line_still_in_use(avenant, data_copy):
    def remove_line(content):
        content["changes"][1] = {"remove": "support_line", "id": "departement",
                                 "source": "Le renouvellement et l'achat des téléphones mobiles"}
    edit_avenant(avenant, remove_line)
    assert_named(refused(data_copy), FILE, "avenant n° 1", "support line 'departement' is gone")


def test_unknown_kind_and_bad_date(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"][0].update(replace="clause"))
    assert_named(refused(data_copy), FILE, f"replace clause {PHONES}", "unknown kind")
    edit_avenant(avenant, lambda c: c.update(signed="15/06/2027"))
    assert_named(refused(data_copy), FILE, "avenant n° 1", "'signed' must be a date")


def test_cli_validate_lists_the_avenant_and_refuses_a_bad_one(avenant, data_copy):
    good = run_validate(data_copy)
    assert good.returncode == 0, good.stderr
    assert "avenant n° 1 (avenants/001.yml): signed 2027-06-15, in force 2027-09-01" in good.stdout
    edit_avenant(avenant, lambda c: c.update(in_force="2027-01-01"))
    bad = run_validate(data_copy)
    assert bad.returncode == 1
    assert f"{FILE} [avenant n° 1]" in bad.stderr and "Traceback" not in bad.stderr


def test_removing_the_only_term_of_a_subject(avenant, data_copy):
    """The answer about the agreement's duration reads its term: it may be replaced, not left without one."""
    edit_avenant(avenant, lambda c: c["changes"].__setitem__(3, {
        "remove": "term", "id": "duree", "source": "La présente convention est prolongée jusqu'au 31 décembre 2030."}))
    assert_named(refused(data_copy), FILE, "remove term duree", "only term about duree")


def test_removing_a_governance_body(avenant, data_copy):
    edit_avenant(avenant, lambda c: c["changes"].append(
        {"remove": "governance", "id": "instance-concertation", "source": "Le renouvellement et l'achat"}))
    assert_named(refused(data_copy), FILE, "remove governance instance-concertation", "replaced, not removed")

"""The agreement as it stands on a date: before an avenant's date in force the 2017 record answers, from
that date the avenant's record answers and the reply says « modifié par l'avenant n° 1 du … »."""
from __future__ import annotations

import subprocess
from datetime import date, datetime

import pytest

from knowledge import loader, service, storage
from knowledge.answers import answer_question
from knowledge.query import line_open
from knowledge.schedule import PARIS
from knowledge.versions import KnowledgeInForce, base_of, version_on

from .amendment_support import MENTION, add_example_avenant
from .conftest import copy_data
from .support import run_cli

BEFORE = datetime(2027, 8, 31, 10, 0, tzinfo=PARIS)  # the eve of the date in force (a Tuesday)
AFTER = datetime(2027, 9, 1, 10, 0, tzinfo=PARIS)  # the date in force (a Wednesday)
PHONES = "qui paie les téléphones portables ?"
ANTIVIRUS = "le collège peut-il installer un antivirus ?"
REMOVED = "a8-college-interdiction-socles"


@pytest.fixture
def amended_dir(data_copy):
    add_example_avenant(data_copy)
    return data_copy


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    """Loaded once for the module (loading and validating takes about a second; the tests only read it)."""
    folder = copy_data(tmp_path_factory.mktemp("amended") / "data")
    add_example_avenant(folder)
    return loader.load(folder)


def test_the_real_data_has_no_avenant(kb):
    """The example lives under tests/: no avenant has been signed, so the real data holds none."""
    assert not (loader.DATA_DIR / "avenants").exists()
    assert kb.amendments == ()
    assert version_on(kb, date(2030, 1, 1)) is kb


def test_the_avenant_is_loaded_with_its_dates(amended):
    (avenant,) = amended.amendments
    assert (avenant.number, avenant.signed, avenant.in_force) == (1, date(2027, 6, 15), date(2027, 9, 1))
    assert [(c.operation, c.kind, c.id) for c in avenant.changes] == [
        ("replace", "obligation", "a1-college-telephones-mobiles"),
        ("replace", "support_line", "departement"),
        ("remove", "obligation", REMOVED),
        ("replace", "term", "duree"),
    ]
    # The loaded base keeps the 2017 records: the avenant only applies on a date.
    assert any(o.id == REMOVED for o in amended.obligations)


def test_before_the_date_in_force_the_2017_record_answers(amended):
    answer = answer_question(amended, PHONES, now=BEFORE)
    assert answer.parties == ["college"]
    assert answer.articles == ["article-1"]
    assert "avenant" not in answer.text
    assert answer.quote == "le renouvellement et l'achat des téléphones mobiles sont à la charge du collègue."


def test_from_the_date_in_force_the_avenant_answers_and_says_so(amended):
    answer = answer_question(amended, PHONES, now=AFTER)
    assert answer.parties == ["departement"]
    assert answer.articles == ["article-1"]
    assert f"(Article 1, {MENTION})" in answer.text
    assert answer.quote in next(a for a in amended.amendments).text  # quoted from the avenant, not from 2017


def test_a_replaced_support_line_gives_its_new_number_and_hours(amended):
    before = answer_question(amended, "quel est le numéro de l'assistance du Département ?", now=BEFORE)
    after = answer_question(amended, "quel est le numéro de l'assistance du Département ?", now=AFTER)
    assert "05.49.06.63.60" in before.text and MENTION not in before.text
    assert "05.36.49.00.00" in after.text and "05.49.06.63.60" not in after.text
    assert f"Article 4 {MENTION}" in after.text
    # The new hours decide whether the line is open: 17 h 30 is after the 2017 closing time, not the new one.
    evening = datetime(2027, 9, 1, 17, 30, tzinfo=PARIS)
    assert line_open(version_on(amended, evening.date()), "departement", evening).is_open
    assert not line_open(amended, "departement", evening).is_open


def test_a_removed_record_no_longer_answers(amended):
    before = answer_question(amended, ANTIVIRUS, now=BEFORE)
    after = answer_question(amended, ANTIVIRUS, now=AFTER)
    statement = next(o.statement for o in amended.obligations if o.id == REMOVED)
    assert REMOVED in before.obligations and statement.rstrip(".") in before.text
    assert REMOVED not in after.obligations
    assert statement.rstrip(".") not in after.text
    assert REMOVED not in {o.id for o in version_on(amended, AFTER.date()).obligations}


def test_a_replaced_term_answers_with_the_mention(amended):
    answer = answer_question(amended, "quelle est la durée de la convention ?", now=AFTER)
    assert "31 décembre 2030" in answer.text and f"(Article 12, {MENTION})" in answer.text
    assert "2 ans" not in answer.text


def test_an_explicit_date_overrides_the_moment(amended):
    """``on`` picks the version (e.g. the CLI's --date) while ``now`` stays the moment for opening hours."""
    answer = answer_question(amended, PHONES, now=AFTER, on=date(2017, 6, 1))
    assert answer.parties == ["college"]


def test_the_default_is_today_in_paris(amended, monkeypatch):
    monkeypatch.setenv("BOT_FIXED_NOW", "2027-09-02T09:00:00")
    assert answer_question(amended, PHONES).parties == ["departement"]
    monkeypatch.setenv("BOT_FIXED_NOW", "2027-08-30T09:00:00")
    assert answer_question(amended, PHONES).parties == ["college"]


def test_versions_are_shared_between_days_and_rebased(amended):
    first = version_on(amended, date(2027, 9, 1))
    assert isinstance(first, KnowledgeInForce)
    assert version_on(amended, date(2028, 3, 4)) is first  # same avenants in force, same version
    assert version_on(first, date(2027, 8, 31)) is amended  # a version re-dated goes back to the base
    assert base_of(first) is amended
    # A version asked with another date answers as of that date, not as of its own.
    assert answer_question(first, PHONES, now=BEFORE).parties == ["college"]


def test_adding_an_avenant_refreshes_the_stored_copy(data_copy, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    monkeypatch.setenv("KNOWLEDGE_DATA_DIR", str(data_copy))
    plain = service.sync_database(url)
    assert plain.amendments == ()
    add_example_avenant(data_copy)
    stored = service.sync_database(url)
    assert stored.content_hash != plain.content_hash
    assert stored.amendments == loader.load(data_copy).amendments
    assert answer_question(stored, PHONES, now=AFTER).parties == ["departement"]
    engine = storage.make_engine(url)
    try:
        assert storage.stored_hash(engine) == stored.content_hash
    finally:
        engine.dispose()


def test_get_knowledge_serves_the_version_in_force_today(amended_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DATA_DIR", str(amended_dir))
    monkeypatch.setenv("KNOWLEDGE_DATABASE_URL", f"sqlite:///{tmp_path / 'kb.db'}")
    service.reset_cache()
    try:
        monkeypatch.setenv("BOT_FIXED_NOW", "2027-08-31T10:00:00")
        assert any(o.id == REMOVED for o in service.get_knowledge().obligations)
        monkeypatch.setenv("BOT_FIXED_NOW", "2027-09-01T10:00:00")
        assert all(o.id != REMOVED for o in service.get_knowledge().obligations)
        assert service.get_knowledge().support_lines["departement"].phone == "05.36.49.00.00"
    finally:
        service.reset_cache()


def _ask(data_dir, *args) -> subprocess.CompletedProcess:
    return run_cli("ask", *args, env={"KNOWLEDGE_DATA_DIR": str(data_dir), "BOT_FIXED_NOW": None})


def test_cli_ask_answers_as_of_a_date(amended_dir):
    old = _ask(amended_dir, "--date", "2017-06-01", PHONES)
    new = _ask(amended_dir, "--date", "2027-09-01", PHONES)
    assert old.returncode == 0 and new.returncode == 0, old.stderr + new.stderr
    assert "à la charge du collège (Article 1)." in old.stdout and "avenant" not in old.stdout
    assert f"à la charge du Département des Deux-Sèvres (Article 1, {MENTION})." in new.stdout


def test_cli_ask_refuses_a_bad_date_in_french(amended_dir):
    result = _ask(amended_dir, "--date", "2027-13-01", PHONES)
    assert result.returncode == 2
    assert "date invalide" in result.stderr and "AAAA-MM-JJ" in result.stderr
    assert "Traceback" not in result.stderr

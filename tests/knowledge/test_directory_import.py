"""`python -m knowledge establishments import FILE.csv`: the public collèges of the Deux-Sèvres from the
Annuaire de l'éducation export (sample in its published format under fixtures/, codes made up but valid)."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from helpdesk.establishments import EstablishmentDirectory, find_establishment
from knowledge import loader
from knowledge.directory_import import DirectoryError, EstablishmentsFile, import_directory

from .amendment_support import FIXTURES
from .support import run_cli

SAMPLE = FIXTURES / "annuaire-sample.csv"
REAL = loader.DATA_DIR / "establishments.yml"


@pytest.fixture
def target(tmp_path):
    """A copy of the project's establishments.yml (placeholders, aliases, header comment)."""
    path = tmp_path / "establishments.yml"
    shutil.copyfile(REAL, path)
    return path


def _records(path) -> dict[str, dict]:
    return {r["uai"]: r for r in yaml.safe_load(path.read_text(encoding="utf-8"))["establishments"]}


def test_sample_is_in_the_published_format():
    raw = SAMPLE.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM of the site's export
    assert raw[3:].split(b";")[0] == b"Identifiant_de_l_etablissement"


def test_keeps_only_valid_public_colleges_of_079(target):
    report = import_directory(SAMPLE, target)
    records = _records(target)
    assert (report.read, report.private, report.other_type, report.other_department) == (8, 1, 1, 1)
    assert "0790503T" not in records  # private collège
    assert "0790504U" not in records  # lycée
    assert "0860507J" not in records  # collège of the Vienne
    assert "0790505A" not in records and "0790505V" not in records  # wrong key letter: refused, not "fixed"
    assert any("0790505A" in line and "attendue V" in line for line in report.rejected)
    assert records["0790501R"] == {"uai": "0790501R", "name": "Collège Jean Donnet", "town": "Lezay", "verified": True}
    assert records["0790502S"]["town"] == "Thouars"  # department written "79" in the file
    assert report.added == ["0790501R Collège Jean Donnet (Lezay)", "0790502S Collège Émile Zola (Thouars)"]


def test_known_uai_is_verified_and_keeps_its_aliases(target):
    report = import_directory(SAMPLE, target)
    curie = _records(target)["0799004H"]
    assert curie["verified"] is True and "closed" not in curie
    assert curie["aliases"] == ["collège curie", "marie curie"]
    assert any(line.startswith("0799004H") for line in report.changed)


def test_gone_or_closed_colleges_are_kept_closed_not_deleted(target):
    before = _records(target)
    report = import_directory(SAMPLE, target)
    after = _records(target)
    assert set(before) <= set(after)  # nothing deleted: old tickets still resolve their establishment
    assert after["0799003G"]["closed"] is True  # marked FERME in the file
    assert after["0799001E"]["closed"] is True  # placeholder absent from the file
    assert after["0799001E"]["verified"] is False
    assert len(report.closed) == len(before) - 1  # every placeholder but the Curie one
    assert any("0799001E" in line and "marqueur de place" in line for line in report.closed)
    assert report.to_close == ["0790502S Collège Émile Zola (Thouars)"]  # « A FERMER »: still open today


def test_header_and_format_are_kept(target):
    header = REAL.read_text(encoding="utf-8").split("establishments:")[0]
    import_directory(SAMPLE, target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(header + "establishments:\n")
    assert "  - {uai: 0790501R, name: Collège Jean Donnet, town: Lezay, verified: true}\n" in text
    assert "  # Signatory of the agreement" in text  # a record's own comment stays with it


def test_reading_and_writing_the_project_file_changes_nothing():
    assert EstablishmentsFile.read(REAL).text() == REAL.read_text(encoding="utf-8")


def test_a_second_import_changes_nothing(target):
    import_directory(SAMPLE, target)
    first = target.read_text(encoding="utf-8")
    report = import_directory(SAMPLE, target)
    assert target.read_text(encoding="utf-8") == first
    assert (report.added, report.changed, report.closed) == ([], [], [])


def test_helpdesk_reads_the_imported_file(target):
    import_directory(SAMPLE, target)
    directory = EstablishmentDirectory.from_file(target)
    donnet = find_establishment("collège jean donnet à lezay", directory)
    assert donnet.establishment.uai == "0790501R"  # the real code, not the closed placeholder
    old = directory.get("0799001E")  # an old ticket's placeholder code still names its collège
    assert old.closed and old.label == "Collège Jean Donnet (Lezay)"
    assert find_establishment("0799001E", directory).establishment is None  # not offered for a new incident
    assert find_establishment("Jean Zay", directory).establishment is None
    assert find_establishment("marie curie", directory).establishment.uai == "0799004H"


def test_dry_run_writes_nothing(target):
    before = target.read_bytes()
    report = import_directory(SAMPLE, target, dry_run=True)
    assert target.read_bytes() == before
    assert report.added and report.closed


def test_lower_case_header_without_bom_is_the_same_export(tmp_path, target):
    """The export without labels writes the same columns in lower case, and a re-saved file loses its BOM."""
    text = SAMPLE.read_text(encoding="utf-8-sig")
    first, rest = text.split("\n", 1)
    plain = tmp_path / "plain.csv"
    plain.write_text(first.lower() + "\n" + rest, encoding="utf-8")
    other = tmp_path / "other.yml"
    shutil.copyfile(REAL, other)
    import_directory(plain, target)
    import_directory(SAMPLE, other)
    assert target.read_text(encoding="utf-8") == other.read_text(encoding="utf-8")
    assert "0790501R" in _records(target)


def test_a_file_without_the_documented_header_is_refused_naming_the_columns(tmp_path, target):
    bad = tmp_path / "bad.csv"
    bad.write_text("uai;nom;commune\n0790501R;Collège Jean Donnet;Lezay\n", encoding="utf-8")
    with pytest.raises(DirectoryError) as caught:
        import_directory(bad, target)
    message = str(caught.value)
    assert "Identifiant_de_l_etablissement" in message and "Statut_public_prive" in message and "etat" in message
    assert "colonne(s) manquante(s)" in message
    comma = tmp_path / "comma.csv"
    comma.write_text(SAMPLE.read_text(encoding="utf-8-sig").replace(";", ","), encoding="utf-8")
    with pytest.raises(DirectoryError, match="manquante"):
        import_directory(comma, target)
    assert target.read_bytes() == REAL.read_bytes()


def test_a_file_without_any_college_of_079_changes_nothing(tmp_path, target):
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    other = tmp_path / "vienne.csv"
    other.write_text("\n".join([lines[0]] + [row for row in lines[1:] if row.startswith("0860507J")]), encoding="utf-8")
    with pytest.raises(DirectoryError, match="aucun collège public du département 079"):
        import_directory(other, target)
    assert target.read_bytes() == REAL.read_bytes()


def test_not_utf8_is_refused_in_french(tmp_path, target):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(SAMPLE.read_text(encoding="utf-8-sig").encode("latin-1"))
    with pytest.raises(DirectoryError, match="UTF-8"):
        import_directory(latin, target)


def _cli(*args) -> subprocess.CompletedProcess:
    return run_cli("establishments", "import", *args, env={"KNOWLEDGE_DATA_DIR": None})


def test_cli_reports_and_dry_run(target):
    before = target.read_bytes()
    dry = _cli(str(SAMPLE), "--into", str(target), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Ajoutés : 2" in dry.stdout and "+ 0790501R Collège Jean Donnet (Lezay)" in dry.stdout
    assert "Fermés" in dry.stdout and "Refusées (UAI invalide) : 1" in dry.stdout
    assert "n'a pas été modifié" in dry.stdout and target.read_bytes() == before
    done = _cli(str(SAMPLE), "--into", str(target))
    assert done.returncode == 0 and f"Écrit : {target}" in done.stdout
    assert _records(target)["0790501R"]["verified"] is True


def test_cli_refuses_a_missing_file_in_french(tmp_path, target):
    result = _cli(str(tmp_path / "absent.csv"), "--into", str(target))
    assert result.returncode == 1
    assert result.stderr.startswith("Erreur : Impossible de lire") and "Traceback" not in result.stderr


def test_placeholders_stay_marked_unverified():
    """The placeholder codes (07990xx) are never marked verified: before an import they are the list, after
    one they stay closed and unverified, so nobody mistakes them for checked records."""
    records = _records(REAL)
    placeholders = [r for uai, r in records.items() if uai.startswith("07990")]
    assert all(r.get("verified") is False for r in placeholders)
    assert all(r.get("closed") for r in placeholders) or not any(r.get("verified") for r in records.values())


def test_an_unreadable_establishments_file_is_refused_in_french(tmp_path):
    broken = tmp_path / "establishments.yml"
    broken.write_text("# en-tête\nestablishments:\n  - {uai: 0799001E, name: [oops\n", encoding="utf-8")
    with pytest.raises(DirectoryError, match="ligne illisible"):
        import_directory(SAMPLE, broken)
    with pytest.raises(DirectoryError, match="Impossible de lire"):
        import_directory(SAMPLE, tmp_path / "absent.yml")

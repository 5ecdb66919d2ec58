"""The loader refuses broken data loudly, naming the file and the record, and the CLI says so too."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from knowledge import loader
from knowledge.loader import KnowledgeError

from .support import ROOT, run_cli

VIDEO = "a5-college-videoprojecteurs"


def edit(folder: Path, name: str, change) -> None:
    """Load one YAML file of the copy, let ``change`` mutate it, write it back."""
    path = folder / name
    content = yaml.load(path.read_text(encoding="utf-8"), Loader=loader.YAML_LOADER)  # libyaml: 10x faster
    change(content)
    path.write_text(yaml.dump(content, Dumper=loader.YAML_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")


def record(items: list[dict], ident: str) -> dict:
    return next(item for item in items if item.get("id") == ident)


def problems_of(folder: Path) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as caught:
        loader.load(folder)
    return caught.value


def assert_named(error: KnowledgeError, file: str, rec: str, *words: str) -> None:
    """Some problem names ``file`` and ``rec`` and contains ``words``, in the object and in the message."""
    hits = [p for p in error.problems if p.file == file and p.record == rec]
    assert hits, f"no problem for {file} [{rec}] in: {error}"
    text = " ".join(p.message for p in hits)
    for word in words:
        assert word in text, f"{word!r} missing from {text!r}"
    assert f"{file} [{rec}]" in str(error)


def test_copy_of_the_real_data_loads(data_copy, kb):
    copied = loader.load(data_copy)
    assert len(copied.obligations) == len(kb.obligations)
    assert copied.content_hash == kb.content_hash


def test_unknown_party(data_copy):
    edit(data_copy, "obligations.yml", lambda c: record(c["obligations"], VIDEO).update(parties=["mairie"]))
    assert_named(problems_of(data_copy), "obligations.yml", VIDEO, "unknown party", "mairie")


def test_a_section_within_an_unknown_section(data_copy):
    edit(data_copy, "sections.yml", lambda c: record(c["sections"], "entete").update(within="prologue"))
    assert_named(problems_of(data_copy), "sections.yml", "entete", "within: unknown section", "prologue")


def test_unknown_subject(data_copy):
    edit(data_copy, "obligations.yml",
         lambda c: record(c["obligations"], VIDEO).update(subjects=["videoprojecteur", "machine_a_cafe"]))
    assert_named(problems_of(data_copy), "obligations.yml", VIDEO, "unknown subject", "machine_a_cafe")


def test_a_party_name_inside_an_action_word(data_copy):
    # « avis du département » as a word of « valider » made « la hotline du Département répond ? » a thing unknown.
    edit(data_copy, "vocabulary.yml", lambda c: c["actions"]["valider"].append("avis du departement"))
    assert_named(problems_of(data_copy), "vocabulary.yml", "valider", "avis du departement", "departement")


def test_duplicate_obligation_id(data_copy):
    def duplicate(content):
        copy = dict(record(content["obligations"], VIDEO))
        copy["statement"] = "Une autre phrase."
        content["obligations"].append(copy)

    edit(data_copy, "obligations.yml", duplicate)
    assert_named(problems_of(data_copy), "obligations.yml", VIDEO, "duplicate")


def test_duplicate_subject_id(data_copy):
    edit(data_copy, "subjects.yml", lambda c: c["subjects"].append(dict(record(c["subjects"], "reseau"))))
    assert_named(problems_of(data_copy), "subjects.yml", "reseau", "duplicate subject")


def test_software_running_on_an_unknown_device(data_copy):
    edit(data_copy, "subjects.yml", lambda c: record(c["subjects"], "logiciels_socles").update(runs_on=["grille_pain"]))
    assert_named(problems_of(data_copy), "subjects.yml", "logiciels_socles", "runs_on", "grille_pain")


def test_obligation_without_source(data_copy):
    edit(data_copy, "obligations.yml", lambda c: record(c["obligations"], VIDEO).pop("source"))
    assert_named(problems_of(data_copy), "obligations.yml", VIDEO, "no source")


def test_source_not_verbatim(data_copy):
    def paraphrase(content):
        item = record(content["obligations"], VIDEO)
        item["source"] = item["source"].replace("le collège a la charge", "le Département a la charge")

    edit(data_copy, "obligations.yml", paraphrase)
    assert_named(problems_of(data_copy), "obligations.yml", VIDEO, "not found verbatim")


def test_term_source_not_verbatim(data_copy):
    edit(data_copy, "agreement.yml",
         lambda c: record(c["terms"], "duree").update(source="La convention est conclue pour 3 ans."))
    assert_named(problems_of(data_copy), "agreement.yml", "duree", "not found verbatim")


def test_support_line_source_not_verbatim(data_copy):
    edit(data_copy, "support_lines.yml",
         lambda c: record(c["support_lines"], "academie").update(source="plate-forme ouverte 24 h sur 24"))
    assert_named(problems_of(data_copy), "support_lines.yml", "academie", "not found verbatim")


def test_phone_number_not_in_the_agreement(data_copy):
    edit(data_copy, "support_lines.yml",
         lambda c: record(c["support_lines"], "canope").update(phone="05.49.00.00.00"))
    assert_named(problems_of(data_copy), "support_lines.yml", "canope", "05.49.00.00.00")


def test_bad_role(data_copy):
    edit(data_copy, "obligations.yml", lambda c: record(c["obligations"], VIDEO).update(role="owns"))
    assert_named(problems_of(data_copy), "obligations.yml", VIDEO, "unknown role", "owns")


def test_prohibition_without_advice(data_copy):
    edit(data_copy, "obligations.yml",
         lambda c: record(c["obligations"], "a8-college-interdiction-socles").pop("advice"))
    assert_named(problems_of(data_copy), "obligations.yml", "a8-college-interdiction-socles", "advice")


@pytest.mark.parametrize("hours", [
    [["8h30", "12:30"]],           # not HH:MM
    [["13:30", "12:30"]],          # closes before it opens
    [["08:30", "24:30"]],          # no such hour
    [["08:30"]],                   # no closing time
])
def test_bad_hours(data_copy, hours):
    edit(data_copy, "support_lines.yml", lambda c: record(c["support_lines"], "departement").update(hours=hours))
    assert_named(problems_of(data_copy), "support_lines.yml", "departement", "invalid opening period")


def test_bad_day(data_copy):
    edit(data_copy, "support_lines.yml", lambda c: record(c["support_lines"], "academie").update(days=[0, 7]))
    assert_named(problems_of(data_copy), "support_lines.yml", "academie", "days")


def test_unknown_section(data_copy):
    edit(data_copy, "obligations.yml", lambda c: record(c["obligations"], VIDEO).update(section="article-15"))
    assert_named(problems_of(data_copy), "obligations.yml", VIDEO, "unknown section", "article-15")


def test_section_heading_missing_from_the_text(data_copy):
    edit(data_copy, "sections.yml",
         lambda c: record(c["sections"], "article-6").update(heading="Article 6 : inventaires"))
    assert_named(problems_of(data_copy), "sections.yml", "article-6", "heading not found")


def test_section_without_any_record(data_copy):
    edit(data_copy, "obligations.yml",
         lambda c: c.update(obligations=[o for o in c["obligations"] if o["section"] != "article-8"]))
    assert_named(problems_of(data_copy), "sections.yml", "article-8", "no obligation or term")


def test_invalid_yaml_names_the_file(data_copy):
    (data_copy / "parties.yml").write_text("parties: [departement\n  - : :\n", encoding="utf-8")
    error = problems_of(data_copy)
    assert any(p.file == "parties.yml" and "invalid YAML" in p.message for p in error.problems)


def test_missing_file_names_the_file(data_copy):
    (data_copy / "support_lines.yml").unlink()
    error = problems_of(data_copy)
    assert any(p.file == "support_lines.yml" and "missing" in p.message for p in error.problems)


def test_every_problem_is_reported_at_once(data_copy):
    def break_two(content):
        record(content["obligations"], VIDEO).update(role="owns")
        record(content["obligations"], "a8-college-interdiction-socles").update(parties=["mairie"])

    edit(data_copy, "obligations.yml", break_two)
    error = problems_of(data_copy)
    assert {p.record for p in error.problems} >= {VIDEO, "a8-college-interdiction-socles"}
    assert str(error).startswith(f"{len(error.problems)} problem(s)")


# --------------------------------------------------------------------------- command line

def run_validate(data_dir: Path | None) -> subprocess.CompletedProcess:
    """``python -m knowledge validate`` on ``data_dir`` (None: the packaged data), in this process."""
    return run_cli("validate", env={"KNOWLEDGE_DATA_DIR": str(data_dir) if data_dir is not None else None})


def test_cli_validate_accepts_the_real_data():
    # The real entry point, in a child process like an operator runs it (the other CLI tests run main here).
    env = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DATA_DIR"}
    result = subprocess.run([sys.executable, "-m", "knowledge", "validate"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    assert "Article 14" in result.stdout and "total" in result.stdout


def test_cli_validate_rejects_a_corrupted_copy(data_copy):
    edit(data_copy, "obligations.yml", lambda c: record(c["obligations"], VIDEO).update(parties=["mairie"]))
    result = run_validate(data_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "obligations.yml" in output and VIDEO in output and "mairie" in output
    assert "Traceback" not in output


def test_a_person_whose_signing_is_not_known_or_whose_signature_is_not_verbatim(data_copy):
    def change(content):
        record(content["people"], "nieto").update(signs="peut-etre")
        record(content["people"], "favreau").update(signature_source="Signé par M. Gilbert FAVREAU")
    edit(data_copy, "agreement.yml", change)
    error = problems_of(data_copy)
    assert_named(error, "agreement.yml", "nieto", "signs must be one of")
    assert_named(error, "agreement.yml", "favreau", "signature_source not found verbatim")

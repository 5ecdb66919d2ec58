"""Import the public collèges of the Deux-Sèvres from the national directory of schools.

The source is the « Annuaire de l'éducation » (data.education.gouv.fr, dataset ``fr-en-annuaire-education``)
exported as CSV: semicolon-separated, UTF-8 (often with a BOM), one row per establishment of France. Only
the public collèges of department 079 are kept, each UAI's check letter is verified, and
``establishments.yml`` is rewritten in its own format (header comment, one record a line):

- a collège of the file becomes ``verified: true`` with the official name and town; aliases already
  written for its UAI are kept (people's ways of naming it are ours, not the Annuaire's);
- a collège we had that is gone from the file, or marked closed there, stays with ``closed: true`` so
  that old tickets still show its name (tickets are never touched); the placeholders of valid format are
  retired the same way the first time the real file is imported.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from knowledge.normalise import normalise
from knowledge.uai import DEPARTMENT_PREFIX, UAI_SHAPE, is_valid_uai, normalize_uai, uai_check_letter

# Columns of the published export that the import reads (the header has many more). The export with
# labels writes them capitalised, the one without labels in lower case: both are the documented header.
UAI, NAME, TYPE, STATUS, TOWN, DEPARTMENT, STATE = (
    "Identifiant_de_l_etablissement", "Nom_etablissement", "Type_etablissement", "Statut_public_prive",
    "Nom_commune", "Code_departement", "etat",
)
REQUIRED = (UAI, NAME, TYPE, STATUS, TOWN, DEPARTMENT, STATE)
COLLEGE, PUBLIC, CLOSED_STATE, CLOSING_STATE = "college", "public", "ferme", "a fermer"  # after normalise()
LIST_KEY = "establishments:"


class DirectoryError(ValueError):
    """The file cannot be imported; the message is French, for the operator."""


@dataclass(frozen=True)
class Row:
    uai: str
    name: str
    town: str
    closed: bool
    line: int
    closing: bool = False  # « A FERMER »: still open today


@dataclass
class ImportReport:
    read: int = 0
    kept: int = 0
    private: int = 0
    other_type: int = 0
    other_department: int = 0
    rejected: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    to_close: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report in French, for the operator."""
        out = [f"Annuaire : {self.read} ligne(s) lue(s) ; {self.kept} collège(s) public(s) des Deux-Sèvres retenu(s).",
               f"Écartées : {self.private} établissement(s) privé(s), {self.other_type} d'un autre type que collège, "
               f"{self.other_department} hors du département {DEPARTMENT_PREFIX}."]
        for title, items, mark in (
            ("Refusées (UAI invalide)", self.rejected, "!"),
            ("Ajoutés", self.added, "+"),
            ("Modifiés", self.changed, "~"),
            ("Rouverts", self.reopened, "~"),
            ("À fermer selon l'Annuaire (restent ouverts d'ici là)", self.to_close, "?"),
            ("Fermés (gardés avec closed: true pour que les anciens tickets retrouvent leur nom)", self.closed, "-"),
        ):
            out.append(f"{title} : {len(items)}")
            out.extend(f"  {mark} {item}" for item in items)
        return out


def read_directory(path: Path, report: ImportReport) -> list[Row]:
    """Rows of the public collèges of department 079 in the export; the others are counted in ``report``."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DirectoryError(f"Impossible de lire {path} : {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")  # the export starts with a BOM when opened from the site
    except UnicodeDecodeError:
        raise DirectoryError(f"{path} n'est pas en UTF-8 : téléchargez l'export CSV du site sans le réenregistrer.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    columns = {name.strip().lower(): name for name in reader.fieldnames or ()}
    missing = [name for name in REQUIRED if name.lower() not in columns]
    if missing:
        raise DirectoryError(
            f"{path} n'a pas l'en-tête de l'export « fr-en-annuaire-education » (CSV séparé par des « ; ») : "
            f"colonne(s) manquante(s) : {', '.join(missing)}."
        )
    rows: list[Row] = []
    for line, record in enumerate(reader, start=2):
        report.read += 1
        value = {name: (record.get(columns[name.lower()]) or "").strip() for name in REQUIRED}
        if normalise(value[TYPE]) != COLLEGE:
            report.other_type += 1
        elif normalise(value[STATUS]) != PUBLIC:
            report.private += 1
        elif value[DEPARTMENT].zfill(3) != DEPARTMENT_PREFIX:
            report.other_department += 1
        else:
            rows.append(Row(uai=normalize_uai(value[UAI]), name=value[NAME], town=value[TOWN],
                            closed=normalise(value[STATE]) == CLOSED_STATE, line=line,
                            closing=normalise(value[STATE]) == CLOSING_STATE))
    return rows


def _uai_problem(uai: str) -> Optional[str]:
    if is_valid_uai(uai):
        return None
    match = UAI_SHAPE.match(uai)
    if not match:
        return "pas de la forme 7 chiffres + 1 lettre"
    if not uai.startswith(DEPARTMENT_PREFIX):
        return f"ne commence pas par {DEPARTMENT_PREFIX}"
    return f"lettre clé {match.group(2)}, attendue {uai_check_letter(match.group(1))}"


@dataclass
class EstablishmentsFile:
    """establishments.yml as lines: the header comment, and each record with the comments just above it."""

    header: list[str]
    records: dict[str, dict]  # uai -> record, in file order
    comments: dict[str, list[str]]  # uai -> comment lines written above its record
    footer: list[str] = field(default_factory=list)  # comments after the last record

    @classmethod
    def read(cls, path: Path) -> "EstablishmentsFile":
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise DirectoryError(f"Impossible de lire {path} : {exc}.") from None
        start = next((i for i, line in enumerate(lines) if line.strip() == LIST_KEY), None)
        if start is None:
            raise DirectoryError(f"{path} : pas de liste « establishments: ».")
        header, records, comments, pending = lines[:start], {}, {}, []
        for line in lines[start + 1:]:
            stripped = line.strip()
            if not stripped:
                continue
            if stripped.startswith("#"):
                pending.append(line)
                continue
            try:
                record = yaml.safe_load(stripped[1:] if stripped.startswith("-") else stripped)
            except yaml.YAMLError:
                record = None
            if not isinstance(record, dict) or "uai" not in record:
                raise DirectoryError(f"{path} : ligne illisible : {stripped!r} (un établissement par ligne attendu).")
            records[str(record["uai"])] = record
            comments[str(record["uai"])], pending = pending, []
        return cls(header, records, comments, pending)

    def text(self) -> str:
        out = [*self.header, LIST_KEY]
        for uai, record in self.records.items():
            out.extend(self.comments.get(uai, ()))
            out.append("  - " + _flow(record))
        return "\n".join([*out, *self.footer]) + "\n"


def _flow(record: dict) -> str:
    order = ("uai", "name", "town", "aliases", "verified", "closed")
    ordered = {key: record[key] for key in order if key in record and (key != "aliases" or record[key])}
    ordered.update({k: v for k, v in record.items() if k not in order})
    return yaml.safe_dump(ordered, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000).strip()


def _label(record: dict) -> str:
    return f"{record['uai']} {record['name']} ({record['town']})"


def merge(existing: EstablishmentsFile, rows: list[Row], report: ImportReport) -> EstablishmentsFile:
    """Apply the directory to the file: add, update, close; returns the new file (``existing`` untouched)."""
    records = {uai: dict(record) for uai, record in existing.records.items()}
    comments = dict(existing.comments)
    seen: dict[str, int] = {}
    open_now: set[str] = set()
    added: list[dict] = []
    for row in rows:
        problem = _uai_problem(row.uai)
        if problem:
            report.rejected.append(f"ligne {row.line} : {row.uai} {row.name} ({row.town}) : {problem}")
            continue
        if row.uai in seen:
            report.rejected.append(f"ligne {row.line} : {row.uai} déjà vu ligne {seen[row.uai]}")
            continue
        seen[row.uai] = row.line
        report.kept += 1
        if row.closed:
            continue  # closed in the file: closed below if we had it, else nothing to add
        open_now.add(row.uai)
        if row.closing:
            report.to_close.append(f"{row.uai} {row.name} ({row.town})")
        old = records.get(row.uai)
        new = {"uai": row.uai, "name": row.name, "town": row.town,
               "aliases": list((old or {}).get("aliases") or ()), "verified": True}
        if old is None:
            added.append(new)
            continue
        differences = [f"{key} « {old.get(key)} » → « {new[key]} »" for key in ("name", "town") if old.get(key) != new[key]]
        if not old.get("verified"):
            differences.append("vérifié dans l'Annuaire")
        if old.get("closed"):
            report.reopened.append(_label(new))
        elif differences:
            report.changed.append(f"{_label(new)} : {', '.join(differences)}")
        records[row.uai] = new
    for uai, record in records.items():
        if uai not in open_now and not record.get("closed"):
            record["closed"] = True
            placeholder = "" if record.get("verified") else " — marqueur de place, jamais vérifié"
            report.closed.append(_label(record) + placeholder)
    _carry_placeholder_aliases(records, added)
    for record in sorted(added, key=lambda r: (normalise(r["town"]), normalise(r["name"]))):
        records[record["uai"]] = record
        report.added.append(_label(record))
    return EstablishmentsFile(existing.header, records, comments, existing.footer)


def _carry_placeholder_aliases(records: dict[str, dict], added: list[dict]) -> None:
    """A retired placeholder's aliases go to the real collège of the same name and town."""
    retired = {(normalise(r["name"]), normalise(r["town"])): r for r in records.values()
               if r.get("closed") and not r.get("verified") and r.get("aliases")}
    for record in added:
        placeholder = retired.get((normalise(record["name"]), normalise(record["town"])))
        if placeholder:
            record["aliases"] = list(placeholder["aliases"])


def import_directory(csv_path: Path, target: Path, *, dry_run: bool = False) -> ImportReport:
    """Import ``csv_path`` into ``target`` (establishments.yml); with ``dry_run`` only report."""
    report = ImportReport()
    rows = read_directory(csv_path, report)
    if not rows:
        raise DirectoryError(
            f"{csv_path} ne contient aucun collège public du département {DEPARTMENT_PREFIX} : est-ce bien "
            "l'export de l'Annuaire de l'éducation ? Rien n'a été modifié."
        )
    existing = EstablishmentsFile.read(target)
    updated = merge(existing, rows, report)
    if report.kept == 0 or not any(not r.get("closed") for r in updated.records.values()):
        raise DirectoryError(f"{csv_path} : aucun collège ouvert valide, rien n'a été modifié.")
    if not dry_run:
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(updated.text(), encoding="utf-8")
        os.replace(temporary, target)  # all or nothing: a reader never sees half a file
    return report


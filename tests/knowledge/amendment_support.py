"""Shared helpers of the avenant tests: the example avenant kept under tests/, copied into a data folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = FIXTURES / "avenants" / "001.yml"
MENTION = "modifié par l'avenant n° 1 du 15 juin 2027"


def add_example_avenant(folder: Path) -> Path:
    """Put the example avenant n° 1 in ``folder/avenants`` and return its path."""
    target = folder / "avenants" / "001.yml"
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(EXAMPLE, target)
    return target


def edit_avenant(path: Path, change) -> None:
    """Let ``change`` mutate the avenant's YAML content, then write it back."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")

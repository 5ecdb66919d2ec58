"""The phone lines of the agreement as one French sentence, read straight from support_lines.yml.

For messages that must work when the rest of the bot does not (Rasa down): no knowledge base to load, no
database, only the data file. Numbers, hours, names and scopes are the data's.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from knowledge.loader import data_dir
from knowledge.normalise import squash_spaces


@lru_cache(maxsize=4)
def phone_lines_text(folder: Optional[Path] = None) -> str:
    """« Assistance du Département des Deux-Sèvres : <numéro>, du lundi au vendredi … (pour …) ; … » (from the data)."""
    path = (folder or data_dir()) / "support_lines.yml"
    lines = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("support_lines") or []
    parts = [f"{line['name']} : {line['phone']}, {squash_spaces(str(line.get('hours_text', '')))} "
             f"(pour {squash_spaces(str(line.get('scope', '')))})"
             for line in lines if line.get("phone")]
    return " ; ".join(parts)

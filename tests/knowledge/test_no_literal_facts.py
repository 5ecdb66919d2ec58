"""Facts live in knowledge/data only: no phone number, postal address or « Article N » written in Python.

Every .py file of the project outside tests/ and bench/ is read with ``ast``; each string literal (f-string
parts included, docstrings excluded: users never read them) is searched. Python composes sentences from the data; a literal fact here would drift from
the agreement the day the data changes (or an avenant applies).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {"tests", "bench", ".venv", "venv", "node_modules", "migrations", ".git", "models", "var"}

# 05.49.06.63.60, 05 49 06 63 60, 05-49-06-63-60, 0549066360, +33 5 49 06 63 60
PHONE = re.compile(r"(?<![\d.])(?:0|\+33\s?)[1-9](?:[\s.\-]?\d{2}){4}(?![\d])")
ADDRESS = re.compile(
    r"\b\d{1,4},?\s+(?:rue|avenue|place|boulevard|bd|allée|impasse|chemin|quai|route)\b"  # 4 rue Camille…
    r"|\b(?:rue|avenue|boulevard|allée|impasse)\s+(?:de\s+la\s+|du\s+|des\s+|de\s+)?[A-ZÉÈ][\w\-']+"  # rue Guillaume
    r"|\b\d{5}\s+[A-ZÉÈ][A-ZÉÈ\-]{2,}\b"  # 79028 NIORT, 86000 POITIERS
    r"|\bCS\s?\d{4,5}\b",  # CS 58880
)
ARTICLE = re.compile(r"\b[Aa]rticles?\s+\d+\b")
CHECKS = {"phone number": PHONE, "postal address": ADDRESS, "article label": ARTICLE}


def python_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if not (set(p.relative_to(ROOT).parts[:-1]) & SKIPPED_DIRS))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: they document the code for developers, users never read them."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant but docstrings, f-string parts included."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def literal_facts(source: str) -> list[tuple[int, str, str]]:
    """(line, kind, matched text) of every fact found in the string literals of ``source``."""
    found = []
    for line, text in string_literals(source):
        for kind, pattern in CHECKS.items():
            found.extend((line, kind, m.group(0)) for m in pattern.finditer(text))
    return found


@pytest.mark.parametrize("sample, kind", [
    ('TEXT = "appelez le 05.49.06.63.60"', "phone number"),
    ('TEXT = "appelez le 05 16 52 66 86"', "phone number"),
    ('TEXT = f"hotline : 05-49-06-63-60 ({x})"', "phone number"),
    ('TEXT = "tel. 0549066360"', "phone number"),
    ('TEXT = "Atelier Canopé, 4 rue Camille Desmoulins à Niort"', "postal address"),
    ('TEXT = "Maison du Département – CS 58880 - 79028 NIORT cedex"', "postal address"),
    ('TEXT = "sise rue Guillaume 7 Le Troubadour"', "postal address"),
    ('TEXT = "(article 4)"', "article label"),
    ('TEXT = f"{statement} (Article 11)."', "article label"),
])
def test_the_check_finds_a_literal_fact(sample, kind):
    assert kind in {k for _, k, _ in literal_facts(sample)}


@pytest.mark.parametrize("sample", [
    'TEXT = f"{line.name} : ☎️ {line.phone}, {line.hours_text}."',
    'TEXT = "Ticket 2026-000123 du 29/11/2026 à 10:42"',
    'TEXT = "UAI 0790001A"',
    '# appelez le 05.49.06.63.60 (a comment is not a string)\nX = 1',
    'def f():\n    """Label of a section (\"Article 5\")."""',
])
def test_the_check_lets_composed_text_through(sample):
    assert literal_facts(sample) == []


def test_no_literal_fact_in_python_outside_tests():
    offences = []
    for path in python_files():
        for line, kind, text in literal_facts(path.read_text(encoding="utf-8")):
            offences.append(f"{path.relative_to(ROOT)}:{line}: {kind} {text!r}")
    assert offences == [], "facts belong in knowledge/data:\n" + "\n".join(offences)

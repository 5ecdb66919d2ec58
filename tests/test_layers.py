"""The import rules of docs/architecture.md, checked on the source (ast), so a wrong import fails here first.

Layers, top to bottom: ``bot`` (channels, command-line tools, supervisor, Rasa plug-ins) → (HTTP) Rasa →
``actions`` → ``helpdesk`` → ``knowledge``; ``settings`` is a leaf every layer may read.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("knowledge", "helpdesk", "settings", "actions", "bot")

# package prefix -> project packages (prefixes) it may import; checked on the longest matching prefix
ALLOWED: dict[str, tuple[str, ...]] = {
    "settings": ("settings",),
    "knowledge": ("knowledge", "settings"),
    "helpdesk": ("helpdesk", "knowledge", "settings"),
    "actions": ("actions", "helpdesk", "knowledge", "settings"),
    "bot.channels.common": ("bot.channels.common", "helpdesk", "knowledge", "settings"),
    "bot.channels.web": ("bot.channels.web", "bot.channels.common", "helpdesk", "knowledge", "settings"),
    "bot.channels.telegram": ("bot.channels.telegram", "bot.channels.common", "helpdesk", "knowledge", "settings"),
    "bot.rasa_process": ("bot.rasa_process", "settings"),
    "bot.cli": ("bot.cli", "bot.channels.common", "helpdesk", "knowledge", "settings"),
    "bot.supervisor": ("bot.stack_checks", "settings"),
    "bot": ("bot", "helpdesk", "knowledge", "settings"),
}
# Only what runs inside the Rasa process may import Rasa; only the action server's adapters import rasa_sdk.
RASA_ALLOWED = ("bot.rasa_process",)
RASA_SDK_ALLOWED = ("actions",)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """Absolute module names imported by a file, relative imports resolved, with their line numbers."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # ``from pkg import module`` names a module too
            found.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names
                         if (ROOT / target.replace(".", "/") / f"{alias.name}.py").exists())
    return found


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def rule_for(module: str) -> tuple[str, ...]:
    best = max((p for p in ALLOWED if within(module, p)), key=len)
    return ALLOWED[best]


def source_files() -> list[Path]:
    return sorted(p for pkg in PROJECT for p in (ROOT / pkg).rglob("*.py") if "migrations" not in p.parts)


def violations(files: list[Path], sources: dict[Path, str] | None = None) -> list[str]:
    found = []
    for path in files:
        module = module_name(path)
        allowed = rule_for(module)
        for line, target in imports_of(path, (sources or {}).get(path)):
            where = f"{path.relative_to(ROOT)}:{line} imports {target}"
            if within(target, "rasa") and not any(within(module, p) for p in RASA_ALLOWED):
                found.append(f"{where} (only bot.rasa_process runs inside Rasa)")
            elif within(target, "rasa_sdk") and not any(within(module, p) for p in RASA_SDK_ALLOWED):
                found.append(f"{where} (only actions/ talks to the action server SDK)")
            elif any(within(target, p) for p in PROJECT) and not any(within(target, a) for a in allowed):
                found.append(f"{where} (allowed: {', '.join(allowed)})")
    return found


def test_every_import_follows_the_layers():
    assert violations(source_files()) == []


def test_the_walk_sees_every_package():
    modules = {module_name(p) for p in source_files()}
    for package in PROJECT:
        assert any(within(m, package) for m in modules), package


@pytest.mark.parametrize("module, source", [
    ("knowledge/bad.py", "from helpdesk.tickets import TicketStore\n"),
    ("knowledge/bad.py", "import rasa_sdk\n"),
    ("helpdesk/bad.py", "from actions.kb import knowledge\n"),
    ("helpdesk/tickets/bad.py", "from ...bot import supervisor\n"),
    ("actions/bad.py", "from rasa.core.agent import Agent\n"),
    ("bot/channels/web/bad.py", "from bot.channels.telegram import handlers\n"),
    ("bot/channels/telegram/bad.py", "from bot.channels.web.app import create_app\n"),
    ("bot/channels/common/bad.py", "from bot.channels import web\n"),
    ("settings/bad.py", "from knowledge import loader\n"),
])
def test_a_wrong_import_is_caught(module, source):
    """The checker itself can fail: each of these (unwritten) files breaks one rule."""
    path = ROOT / module
    assert violations([path], {path: source}), f"{module}: {source!r} was accepted"


def test_the_allowed_imports_pass():
    path = ROOT / "helpdesk" / "ok.py"
    assert violations([path], {path: "from knowledge.query import support_line_for\nfrom . import tickets\n"}) == []

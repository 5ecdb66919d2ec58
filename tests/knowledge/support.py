"""Helpers shared by the knowledge-base tests."""
from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
from pathlib import Path
from typing import Mapping, Optional

ROOT = Path(__file__).resolve().parents[2]
# The agreement as shipped to the project: the packaged copy must be the same text.
SHARED_AGREEMENT = Path("/work/shared/convention/convention-cadre-deux-sevres-2017.txt")


def flat(text: str) -> str:
    """Whitespace-insensitive form of a text (every run of spaces/newlines becomes one space)."""
    return re.sub(r"\s+", " ", text).strip()


def run_cli(*argv: str, env: Optional[Mapping[str, Optional[str]]] = None) -> subprocess.CompletedProcess:
    """``python -m knowledge <argv>`` run in this process (same ``main``, same output, same exit code).

    A child process would import everything and load spaCy again (several seconds each); one test per
    command keeps the real ``python -m knowledge`` entry point covered. ``env`` sets (or, with None, unsets)
    variables for the run only, as a child's environment would.
    """
    from knowledge.__main__ import main
    from settings.config import get_settings

    saved = {name: os.environ.get(name) for name in (env or {})}
    out, err = io.StringIO(), io.StringIO()
    try:
        for name, value in (env or {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as stop:  # argparse refusing the arguments
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
    return subprocess.CompletedProcess(["python", "-m", "knowledge", *argv], code, out.getvalue(), err.getvalue())

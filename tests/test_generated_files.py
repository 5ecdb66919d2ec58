"""Files generated from the knowledge base must be committed up to date."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_nlu_lookup_tables_match_the_knowledge_base(tmp_path):
    fresh = tmp_path / "lookups.yml"
    subprocess.run([sys.executable, "-m", "knowledge", "export-nlu", str(fresh)], cwd=ROOT, check=True,
                   capture_output=True)
    committed = (ROOT / "data" / "nlu" / "lookups.yml").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, "run `make train` (it regenerates data/nlu/lookups.yml)"


def test_agreement_copy_matches_the_shared_ground_truth():
    shared = ROOT.parent / "shared" / "convention" / "convention-cadre-deux-sevres-2017.txt"
    ours = ROOT / "knowledge" / "data" / "convention-cadre-deux-sevres-2017.txt"
    if not shared.exists():
        import pytest

        pytest.skip("no shared/ folder beside the checkout")
    assert ours.read_bytes() == shared.read_bytes()

"""Reading the reports of `rasa test nlu --cross-validation` (no training here: report files are written by hand)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.eval.nlu_cross_validation import collect_reports, rasa_command, read_report, table


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


INTENTS = {
    "ask_support": {"precision": 1.0, "recall": 0.8, "f1-score": 0.889, "support": 10, "confused_with": {}},
    "greet": {"precision": 0.5, "recall": 1.0, "f1-score": 0.667, "support": 5, "confused_with": {}},
    "accuracy": 0.867,
    "macro avg": {"precision": 0.75, "recall": 0.9, "f1-score": 0.778, "support": 15},
    "weighted avg": {"precision": 0.83, "recall": 0.87, "f1-score": 0.815, "support": 15},
}
ENTITIES = {
    "subject": {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 20},
    "party": {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 4},
    "micro avg": {"precision": 0.92, "recall": 0.83, "f1-score": 0.87, "support": 24},
    "macro avg": {"precision": 0.95, "recall": 0.7, "f1-score": 0.783, "support": 24},
    "weighted avg": {"precision": 0.92, "recall": 0.83, "f1-score": 0.861, "support": 24},
}


def test_reports_are_read_and_tabulated(tmp_path):
    _write(tmp_path / "intent_report.json", INTENTS)
    _write(tmp_path / "DIETClassifier_report.json", ENTITIES)
    _write(tmp_path / "response_selection_report.json", {"macro avg": {"f1-score": 0.1}})
    intent, entities = collect_reports(tmp_path)
    assert (intent.labels, intent.support, intent.macro_f1, intent.weighted_f1, intent.accuracy) == (
        2, 15, 0.778, 0.815, 0.867)
    assert [e.name for e in entities] == ["DIETClassifier"]
    assert (entities[0].labels, entities[0].support, entities[0].macro_f1, entities[0].accuracy) == (
        2, 24, 0.783, None)
    rendered = table(intent, entities)
    assert "0.778" in rendered and "0.815" in rendered and "0.861" in rendered
    assert "DIETClassifier" in rendered and "response_selection" not in rendered


def test_missing_reports_give_nothing(tmp_path):
    assert collect_reports(tmp_path) == (None, [])


def test_report_without_aggregates_scores_zero(tmp_path):
    _write(tmp_path / "X_report.json", {"subject": {"f1-score": 1.0, "support": 3}})
    report = read_report(tmp_path / "X_report.json")
    assert (report.name, report.labels, report.support, report.macro_f1) == ("X", 1, 3, 0.0)


def test_command_is_a_cross_validation_of_data_nlu(tmp_path):
    command = rasa_command(4, tmp_path)
    assert command[0].endswith("rasa") or command[:3] == [sys.executable, "-m", "rasa"]
    joined = " ".join(command)
    assert "test nlu" in joined and "--cross-validation" in joined
    assert command[command.index("--folds") + 1] == "4"
    assert command[command.index("--out") + 1] == str(tmp_path)
    assert command[command.index("--nlu") + 1].endswith("data/nlu")
    assert command[command.index("--config") + 1].endswith("config.yml")

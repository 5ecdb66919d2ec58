"""The Rasa launcher's compiled check of action server responses: same verdicts and messages as Rasa's own,
without re-checking the schema on every response."""
from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
import yaml
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_server
from bot.stack import ROOT

VALID = {
    "events": [{"event": "slot", "name": "topic_subject", "value": "videoprojecteur", "timestamp": None}],
    "responses": [{"text": "Le Département des Deux-Sèvres installe… (article 5)", "buttons": [], "custom": {}}],
}
INVALID = [
    {"events": [{"event": "slot", "name": 42, "value": "x"}], "responses": []},
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [], "responses": "not a list"},
]


@pytest.fixture
def action():
    yield RemoteAction("action_answer_question", EndpointConfig("http://127.0.0.1:1/webhook"))
    rasa_server.restore()


def _verdict(action: RemoteAction, result: dict) -> str:
    try:
        return "ok" if action._validate_action_result(result) else "false"
    except ValidationError as error:
        return error.message


@pytest.mark.parametrize("result", [VALID, *INVALID])
def test_the_compiled_check_agrees_with_rasa_word_for_word(action, result):
    rasa_server.restore()
    expected = _verdict(action, result)
    rasa_server.apply()
    assert _verdict(action, result) == expected
    assert (expected == "ok") is (result is VALID)
    if result is not VALID:
        assert "Failed to validate Action server response" in expected


def test_the_schema_is_checked_once_not_per_response(action, monkeypatch):
    cls = validator_for(RemoteAction.action_response_format_spec())
    calls = []
    original = cls.check_schema
    monkeypatch.setattr(cls, "check_schema", classmethod(lambda c, s, *a, **k: calls.append(1) or original(s, *a, **k)))
    rasa_server._response_validator.cache_clear()
    rasa_server.apply()
    for _ in range(20):
        assert action._validate_action_result(VALID)
    assert len(calls) == 1
    rasa_server.restore()
    action._validate_action_result(VALID)
    assert len(calls) == 2  # Rasa's own check pays it on every response


# ------------------------------------------------------------------------------- loading DIET
QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.yml"
MODEL = Path(os.environ.get("TEST_MODEL_PATH") or ROOT / "models" / "current.tar.gz")


def _parse_everything(texts: list[str]) -> tuple[list[dict], float]:
    from rasa.core.agent import load_agent

    async def run() -> tuple[list[dict], float]:
        begin = time.perf_counter()
        agent = await load_agent(model_path=str(MODEL))
        loaded = time.perf_counter() - begin
        results = []
        for text in texts:
            parsed = await agent.parse_message(text)
            results.append({
                "intent": parsed["intent"]["name"],
                "confidence": round(parsed["intent"]["confidence"], 5),
                "ranking": [(r["name"], round(r["confidence"], 5)) for r in parsed.get("intent_ranking", [])[:3]],
                "entities": [(e["entity"], e["value"], e["start"], round(e.get("confidence_entity") or 0, 4))
                             for e in parsed["entities"]],
            })
        return results, loaded

    return asyncio.run(run())


def test_diet_loaded_for_prediction_parses_exactly_like_rasa_loads_it():
    """The same model loaded both ways gives the same intents, confidences and entities for real questions."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train`, or set TEST_MODEL_PATH to a trained model")
    texts = [item["turns"][0] for item in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))][:120]
    texts += ["", "bonjour", "kiki paie les portables", "x" * 2000]
    rasa_server.restore()
    expected, rasa_seconds = _parse_everything(texts)
    rasa_server.apply()
    try:
        actual, our_seconds = _parse_everything(texts)
    finally:
        rasa_server.restore()
    assert actual == expected
    assert {r["intent"] for r in expected} - {"nlu_fallback"}  # a real model, not a constant
    print(f"DIET model loading: Rasa {rasa_seconds:.1f} s, for prediction {our_seconds:.1f} s")

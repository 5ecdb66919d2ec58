"""The Rasa launcher's compiled check of action server responses: same verdicts and messages as Rasa's own,
without re-checking the schema on every response."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_server

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

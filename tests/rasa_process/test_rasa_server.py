"""The Rasa launcher's compiled check of action server responses: same verdicts and messages as Rasa's own,
without re-checking the schema on every response."""
from __future__ import annotations

import asyncio
import inspect
import os
import time
from pathlib import Path

import pytest
import yaml
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.nlu.classifiers.diet_classifier import DIET
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_process import server as rasa_server
from bot.supervisor import ROOT

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
    rasa_server._event_checks.cache_clear()
    rasa_server.apply()
    for _ in range(20):
        assert action._validate_action_result(VALID)
    assert len(calls) == 1
    rasa_server.restore()
    action._validate_action_result(VALID)
    assert len(calls) == 2  # Rasa's own check pays it on every response


def _every_kind_of_event() -> list[dict]:
    """One event of each kind the SDK can send, with realistic values."""
    from datetime import datetime

    from rasa_sdk import events as sdk

    return [
        sdk.SlotSet("topic_subject", "videoprojecteur"), sdk.SlotSet("topic_actions", ["installation"]),
        sdk.SlotSet("incident_impact", None), sdk.ActiveLoop("incident_form"), sdk.ActiveLoop(None),
        sdk.FollowupAction("action_listen"), sdk.AllSlotsReset(), sdk.Restarted(), sdk.SessionStarted(),
        sdk.UserUttered("bonjour", {"intent": {"name": "greet", "confidence": 1.0}, "entities": []}),
        sdk.BotUttered("Bonjour !", {"buttons": [{"title": "👍", "payload": "/feedback"}]}),
        sdk.ActionExecuted("action_listen"), sdk.ActionExecutionRejected("incident_form"),
        sdk.ConversationPaused(), sdk.ConversationResumed(), sdk.UserUtteranceReverted(), sdk.ActionReverted(),
        sdk.StoryExported(), sdk.LoopInterrupted(True), sdk.FormValidation(False), sdk.Form("incident_form"),
        sdk.ReminderScheduled("EXTERNAL_reminder", datetime(2026, 11, 30, 10, 0), name="r1"),
        sdk.ReminderCancelled(name="r1"), sdk.AgentUttered("x", {}),
    ]


def _responses_to_compare() -> list[dict]:
    """Valid responses, and each event spoiled field by field (wrong types, missing or unknown kind)."""
    events = _every_kind_of_event()
    cases = [{"events": events, "responses": [{"text": "ok"}]}, {"events": [], "responses": []}, {}]
    for event in events:
        cases.append({"events": [event], "responses": []})
        for key in event:
            for wrong in (42, "x", None, [], {"a": 1}, True):
                cases.append({"events": [events[0], {**event, key: wrong}], "responses": []})
            cases.append({"events": [{k: v for k, v in event.items() if k != key}], "responses": []})
    cases += [{"events": "not a list"}, {"events": [None]}, {"events": [["slot"]]}, {"responses": [1]},
              {"events": [{"event": ["slot"], "name": "a", "value": 1}]}, {"events": None}]
    return cases


@pytest.mark.slow  # ~40 s of CPU: every event kind spoiled field by field; runs in `make test`
def test_each_event_checked_by_kind_gets_rasas_verdict_word_for_word(action):
    cases = _responses_to_compare()
    rasa_server.restore()
    expected = [_verdict(action, case) for case in cases]
    rasa_server.apply()
    assert [_verdict(action, case) for case in cases] == expected
    assert expected.count("ok") > 30 and len(expected) - expected.count("ok") > 100  # both kinds are covered


def test_a_valid_response_does_not_pay_for_the_full_check(action, monkeypatch):
    rasa_server.apply()
    full = []
    monkeypatch.setattr(rasa_server, "_response_validator", lambda cls: full.append(cls) or None)
    assert action._validate_action_result({"events": _every_kind_of_event(), "responses": [{"text": "ok"}]})
    assert full == []


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


@pytest.mark.slow
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


# ------------------------------------------------------------------------------- guards on the patches
def _is_patched() -> tuple[bool, bool]:
    return (RemoteAction._validate_action_result is rasa_server._validate_action_result, "load" in DIET.__dict__)


def test_the_installed_rasa_is_the_one_the_patches_were_verified_on():
    """Fails after a Rasa upgrade: re-run this file's comparisons, then update server.VERIFIED."""
    assert rasa_server.mismatch("response check") is None
    assert rasa_server.mismatch("DIET loading") is None


def test_the_verified_rasa_gets_both_patches(action):
    assert rasa_server.apply() == ["response check", "DIET loading"]
    assert _is_patched() == (True, True)
    rasa_server.restore()
    assert _is_patched() == (False, False)


def test_another_rasa_version_runs_unpatched_and_says_why(action, caplog):
    with caplog.at_level("WARNING", logger=rasa_server.__name__):
        assert rasa_server.apply(rasa_version="3.7.0") == []
    assert _is_patched() == (False, False)
    assert caplog.text.count("Rasa 3.7.0 is installed, the patch was verified on 3.6.21") == 2


def test_a_changed_signature_skips_that_patch_only(action, monkeypatch, caplog):
    def load(cls, model_file_name, model_data_example, predict_data_example=None, finetune_mode=False,
             new_option=True, *args, **kwargs):
        """Rasa's loader after a hypothetical upgrade."""

    original = rasa_server._patched_function
    monkeypatch.setattr(rasa_server, "_patched_function",
                        lambda name: load if name == "DIET loading" else original(name))
    with caplog.at_level("WARNING", logger=rasa_server.__name__):
        assert rasa_server.apply() == ["response check"]
    assert _is_patched() == (True, False)
    assert "DIET loading patch not applied" in caplog.text and "signature changed" in caplog.text


def test_a_changed_body_with_the_same_signature_is_caught():
    def _validate_action_result(self, result):
        return True  # different code…

    # …under the same signature (this file's annotations are strings, so copy the real one)
    _validate_action_result.__signature__ = inspect.signature(rasa_server._ORIGINAL_CHECK)
    verified = rasa_server.VERIFIED["response check"]
    signature, _ = rasa_server.fingerprint(_validate_action_result)
    assert signature == verified.signature
    assert "source changed" in rasa_server.mismatch("response check", function=_validate_action_result)

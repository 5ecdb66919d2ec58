"""Rasa's command line (``python -m bot.rasa_process.server run …`` = ``rasa run …``) with two fixes for speed.

Both were found with cProfile (bench/README.md) and change no result, only the time it takes:

1. Rasa 3.6 checks every answer of the action server with ``jsonschema.validate(result, schema)``, which
   first checks the *schema itself* against the JSON Schema meta-schema, on every call: about 50 ms of CPU
   for Rasa's large event schema, once per custom action, several times in a form turn, inside the
   server's only event loop. We compile the validator once and keep the exact check (same schema, same
   error chosen, same message). Each event is then checked against the schema of its own kind rather than
   against every kind in turn (the schema's ``oneOf`` allows only that one anyway); a response that does
   not pass gets Rasa's full check, so errors read exactly as before.
2. To load DIET, Rasa runs one *training* step on a dummy example so that the weights exist before they
   are read from the model file, which makes TensorFlow trace the whole training graph with its gradients:
   about 17 of the 29 s that loading our model takes. For prediction the weights of the prediction path
   are enough: we create them with one eager (untraced) prediction, read the file, and let Rasa trace the
   prediction function as it always does. Intents, confidences and entities are identical
   (tests/rasa_process/test_rasa_server.py compares both loadings). Fine-tuning keeps Rasa's own way.

Then we hand over to Rasa's own ``main``. ``rasa run`` still works without this launcher, only slower.

Both replace Rasa internals, so each is guarded: it is installed only when the installed Rasa is the version
tests/rasa_process/test_rasa_server.py verified and the replaced function still has the signature and the
source (hash) it had then. After an upgrade the launcher logs why and runs Rasa unpatched, and that test
fails until someone re-verifies the patch and updates ``VERIFIED`` below.
"""
from __future__ import annotations

import hashlib
import inspect
import logging
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

import rasa
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.nlu.classifiers.diet_classifier import DIET
from rasa.shared.constants import DOCS_BASE_URL
from rasa.utils.tensorflow.models import RasaModel

_ORIGINAL_CHECK = RemoteAction._validate_action_result  # noqa: SLF001  (the function the patch replaces)
_ORIGINAL_LOAD = RasaModel.__dict__["load"]  # the classmethod DIET inherits
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verified:
    """What a patch was verified against: Rasa's version, and the replaced function's signature and source."""

    rasa_version: str
    signature: str
    source_sha256: str


# Recorded when tests/rasa_process/test_rasa_server.py last passed against Rasa (update both together).
VERIFIED = {
    "response check": Verified("3.6.21", "(self, result: Dict[str, Any]) -> bool",
                               "f8cdb4be68123961"),
    "DIET loading": Verified(
        "3.6.21",
        "(cls, model_file_name: str, model_data_example: rasa.utils.tensorflow.model_data.RasaModelData, "
        "predict_data_example: Optional[rasa.utils.tensorflow.model_data.RasaModelData] = None, "
        "finetune_mode: bool = False, *args: Any, **kwargs: Any) -> 'RasaModel'",
        "84fd81c0fdd01a80"),
}


def _patched_function(name: str) -> Any:
    return {"response check": _ORIGINAL_CHECK, "DIET loading": _ORIGINAL_LOAD.__func__}[name]


def fingerprint(function: Any) -> tuple[str, str]:
    """(signature, first 16 hex digits of the source's SHA-256) of ``function``."""
    source = inspect.getsource(function)
    return str(inspect.signature(function)), hashlib.sha256(source.encode()).hexdigest()[:16]


def mismatch(name: str, rasa_version: Optional[str] = None, function: Any = None) -> Optional[str]:
    """Why patch ``name`` must not be applied to this Rasa (None: it is what the tests verified)."""
    verified = VERIFIED[name]
    version = rasa.__version__ if rasa_version is None else rasa_version
    if version != verified.rasa_version:
        return f"Rasa {version} is installed, the patch was verified on {verified.rasa_version}"
    try:
        signature, digest = fingerprint(_patched_function(name) if function is None else function)
    except (OSError, TypeError) as error:  # no source available (zipped or compiled install)
        return f"cannot read the source of the patched function ({error})"
    if signature != verified.signature:
        return f"the patched function's signature changed: {signature}"
    if digest != verified.source_sha256:
        return f"the patched function's source changed (sha256 {digest}, verified {verified.source_sha256})"
    return None
# Rasa's own wording, so that logs read the same with or without the launcher.
DOCS_HINT = (". Failed to validate Action server response from API, make sure your response from the Action "
             f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions")


@lru_cache(maxsize=None)
def _response_validator(action_class: type) -> Any:
    schema = action_class.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)  # once, as jsonschema.validate would on every call
    return cls(schema)


@dataclass(frozen=True)
class _EventChecks:
    """Rasa's response schema split so that each event is checked against its own kind only.

    Every branch of the events' ``oneOf`` pins ``event`` to a different constant, so an event whose
    ``event`` is a known kind is valid under ``oneOf`` exactly when it is valid under that kind's branch:
    the other branches all fail on the constant. Trying the branches in order, as ``oneOf`` does, builds a
    full error report for every branch before the right one (about 1 ms for a response of a few events).
    """

    envelope: Any                # the response without the events' items
    by_kind: dict[str, Any]      # event kind -> validator of the items schema with that branch only


@lru_cache(maxsize=None)
def _event_checks(action_class: type) -> Optional[_EventChecks]:
    schema = action_class.action_response_format_spec()
    try:
        events = schema["properties"]["events"]
        items = events["items"]
        branches = items["oneOf"]
        kinds = [branch["properties"]["event"]["const"] for branch in branches]
    except (KeyError, TypeError):
        return None  # not the shape this shortcut was proven on: always use the full check
    if len(set(kinds)) != len(kinds) or not all(isinstance(kind, str) for kind in kinds):
        return None
    cls = type(_response_validator(action_class))  # also checks the schema itself, once
    envelope = {**schema, "properties": {**schema["properties"], "events": {k: v for k, v in events.items()
                                                                           if k != "items"}}}
    common = {k: v for k, v in items.items() if k != "oneOf"}
    by_kind = {kind: cls({**common, "allOf": [branch]}) for kind, branch in zip(kinds, branches)}
    return _EventChecks(cls(envelope), by_kind)


def _surely_valid(action_class: type, result: Any) -> bool:
    """True only when the full check would pass; False means "ask the full check" (never "invalid")."""
    checks = _event_checks(action_class)
    if checks is None or not isinstance(result, dict) or not checks.envelope.is_valid(result):
        return False
    for event in result.get("events") or []:
        kind = event.get("event") if isinstance(event, dict) else None
        check = checks.by_kind.get(kind) if isinstance(kind, str) else None
        if check is None or not check.is_valid(event):
            return False
    return True


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's check of an action server response, with the validator compiled once per action class and
    each event checked against its own kind; a response that fails gets Rasa's full check and error."""
    if _surely_valid(type(self), result):
        return True
    error = best_match(_response_validator(type(self)).iter_errors(result))
    if error is not None:
        error.message += DOCS_HINT
        raise error
    return True


def _load_diet_for_prediction(cls: type, model_file_name: str, model_data_example: Any,
                              predict_data_example: Any = None, finetune_mode: bool = False,
                              *args: Any, **kwargs: Any) -> Any:
    """``RasaModel.load`` for DIET without the dummy training step, when the model only has to predict."""
    # Only DIET itself was compared; its subclasses (response selectors) prepare predictions differently.
    if finetune_mode or predict_data_example is None or cls is not DIET:
        return _ORIGINAL_LOAD.__func__(cls, model_file_name, model_data_example, predict_data_example,
                                       finetune_mode, *args, **kwargs)
    model = cls(*args, **kwargs)
    traced = model._run_eagerly
    model._run_eagerly = True  # an eager prediction creates the variables without tracing anything
    model.run_inference(predict_data_example)
    model._run_eagerly = traced
    model.prepared_for_prediction = False  # its label embeddings came from the initial weights
    model.load_weights(model_file_name).expect_partial()  # the optimizer's state is not needed
    model.run_inference(predict_data_example)  # trace the prediction function, as Rasa does
    return model


def apply(rasa_version: Optional[str] = None) -> list[str]:
    """Install each fix whose target is what the tests verified (idempotent); returns the names installed.

    A fix that does not match is skipped with a warning that says why: Rasa then runs its own code, slower.
    """
    installed = []
    for name, install in (("response check", _install_check), ("DIET loading", _install_load)):
        reason = mismatch(name, rasa_version)
        if reason is None:
            install()
            installed.append(name)
        else:
            logger.warning("Rasa launcher: %s patch not applied, running Rasa's own code: %s.", name, reason)
    return installed


def _install_check() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # noqa: SLF001  (the patch itself)


def _install_load() -> None:
    DIET.load = classmethod(_load_diet_for_prediction)


def restore() -> None:
    """Put Rasa's own code back (tests)."""
    RemoteAction._validate_action_result = _ORIGINAL_CHECK  # noqa: SLF001  (undoing the patch)
    if "load" in DIET.__dict__:
        del DIET.load  # back to the inherited RasaModel.load


def main(argv: list[str]) -> None:
    """Run Rasa's command line with ``argv`` (e.g. ``["run", "-m", "models/current.tar.gz", …]``)."""
    apply()
    from rasa.__main__ import main as rasa_main  # noqa: PLC0415 - after apply(), as late as Rasa allows

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])


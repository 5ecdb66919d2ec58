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
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.nlu.classifiers.diet_classifier import DIET
from rasa.shared.constants import DOCS_BASE_URL
from rasa.utils.tensorflow.models import RasaModel

_ORIGINAL_CHECK = RemoteAction._validate_action_result
_ORIGINAL_LOAD = RasaModel.__dict__["load"]  # the classmethod DIET inherits
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


def apply() -> None:
    """Install both fixes (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result
    DIET.load = classmethod(_load_diet_for_prediction)


def restore() -> None:
    """Put Rasa's own code back (tests)."""
    RemoteAction._validate_action_result = _ORIGINAL_CHECK
    if "load" in DIET.__dict__:
        del DIET.load  # back to the inherited RasaModel.load


def main(argv: list[str]) -> None:
    """Run Rasa's command line with ``argv`` (e.g. ``["run", "-m", "models/current.tar.gz", …]``)."""
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])


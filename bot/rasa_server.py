"""Rasa's command line (``python -m bot.rasa_server run …`` = ``rasa run …``) with one fix for speed.

Rasa 3.6 checks every answer of the action server with ``jsonschema.validate(result, schema)``, and that
function first checks the *schema itself* against the JSON Schema meta-schema, on every call: about 50 ms
of CPU for Rasa's large event schema (measured with cProfile, bench/README.md), paid once per custom action,
several times in a form turn, inside the server's only event loop. This launcher compiles the validator
once and keeps the exact check (same schema, same error chosen, same message), then hands over to Rasa's
own ``main``. ``rasa run`` still works without it, only slower.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

_ORIGINAL = RemoteAction._validate_action_result
DOCS_HINT = (". Failed to validate Action server response from API, make sure your response from the Action "
             "endpoint is valid. For more information about the format visit "
             "https://rasa.com/docs/rasa/custom-actions")


@lru_cache(maxsize=None)
def _response_validator(action_class: type) -> Any:
    schema = action_class.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)  # once, as jsonschema.validate would on every call
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's check of an action server response, with the validator compiled once per action class."""
    error = best_match(_response_validator(type(self)).iter_errors(result))
    if error is not None:
        error.message += DOCS_HINT
        raise error
    return True


def apply() -> None:
    """Install the compiled check (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result


def restore() -> None:
    """Put Rasa's own check back (tests)."""
    RemoteAction._validate_action_result = _ORIGINAL


def main(argv: list[str]) -> None:
    """Run Rasa's command line with ``argv`` (e.g. ``["run", "-m", "models/current.tar.gz", …]``)."""
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])


"""Helpers of the action tests: recorded trackers from JSON fixtures, and readers for what an action sent.

A fixture is a tracker state as the Rasa server posts it to the action server (``sender_id``, ``slots``,
``latest_message``, ``events``, ``active_loop``). Tests may override the latest message (text, intent,
entities, metadata) and slots; the override is applied to ``latest_message`` *and* to the last ``user``
event, as Rasa keeps both in step (actions read either).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import functools
import inspect
import json
import time
from pathlib import Path
from typing import Any, Optional

import jwt
import yaml
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

DEMO_UAI = "0799001E"  # Collège Jean Donnet, Lezay: the demo establishment
OTHER_UAI = "0799003G"  # Collège Jean Zay, Niort
MONDAY_10H = "2026-11-30T10:00:00"  # a Monday, both phone lines open
SATURDAY_10H = "2026-11-28T10:00:00"  # a Saturday, both lines closed
DEPARTEMENT_PHONE = "05.49.06.63.60"
ACADEMIE_PHONE = "05.16.52.66.86"
JWT_SECRET = "secret-de-test-pour-les-actions-0123456789-assez-long-pour-hs512-aussi"  # set as ENT_JWT_SECRET by conftest

_UNSET = object()


def load_domain() -> dict[str, Any]:
    """The bot's domain, as the action server receives it (a fresh copy: a test may change it)."""
    return copy.deepcopy(_parsed_domain())


@functools.lru_cache(maxsize=1)
def _parsed_domain() -> dict[str, Any]:
    # Parsed once per session: every tracker and every action run of the tests needs it (0.1-0.2 s each).
    return yaml.load((ROOT / "domain.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def served_actions(package: str) -> set[str]:
    """Names of the actions an action server started with ``--actions <package>`` would serve."""
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package(package)
    return set(executor.actions)


def fixture_state(name: str) -> dict[str, Any]:
    """The raw recorded tracker state ``fixtures/<name>.json``."""
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def load_tracker(
    name: str,
    *,
    text: Any = _UNSET,
    intent: Any = _UNSET,
    entities: Any = _UNSET,
    metadata: Any = _UNSET,
    slots: Optional[dict[str, Any]] = None,
    extra_events: Optional[list[dict[str, Any]]] = None,
) -> Tracker:
    """A real ``rasa_sdk.Tracker`` from a recorded fixture, with optional overrides.

    Every domain slot missing from the fixture is present with ``None``, as in a real tracker.
    """
    state = copy.deepcopy(fixture_state(name))
    domain_slots = {slot: None for slot in load_domain()["slots"]}
    domain_slots["requested_slot"] = None
    state["slots"] = {**domain_slots, **state.get("slots", {}), **(slots or {})}
    latest = state.setdefault("latest_message", {})
    last_user = next((e for e in reversed(state.get("events", [])) if e.get("event") == "user"), None)
    parse_data = last_user.setdefault("parse_data", {}) if last_user is not None else {}
    for key, value in (("text", text), ("entities", entities), ("metadata", metadata)):
        if value is _UNSET:
            continue
        latest[key] = value
        if last_user is not None:
            if key == "metadata":
                last_user["metadata"] = value
            else:
                last_user[key] = value
                parse_data[key] = value
    if intent is not _UNSET:
        confidence = (latest.get("intent") or {}).get("confidence", 0.95)
        intent_dict = None if intent is None else {"name": intent, "confidence": confidence}
        latest["intent"] = intent_dict
        parse_data["intent"] = intent_dict
    if extra_events:
        state["events"].extend(extra_events)
    return Tracker.from_dict(state)


def run(action: Action, tracker: Tracker, domain: Optional[dict] = None) -> tuple[list[dict], list[dict]]:
    """Run an action, synchronous or not (store calls run off the loop in async actions); returns
    (messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    domain = domain or load_domain()
    if isinstance(action, FormValidationAction):
        tracker = with_domain_mappings(tracker, domain)
    events = action.run(dispatcher, tracker, domain)
    if inspect.isawaitable(events):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            events = asyncio.run(events)
        else:  # called from an async test: its loop is busy, run the action on a loop of its own
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                events = pool.submit(asyncio.run, events).result()
    return dispatcher.messages, events


async def run_async(action: Action, tracker: Tracker, domain: Optional[dict] = None) -> tuple[list[dict], list[dict]]:
    """Run an async action (the form validation); returns (messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    domain = domain or load_domain()
    if isinstance(action, FormValidationAction):
        tracker = with_domain_mappings(tracker, domain)
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def texts(messages: list[dict]) -> str:
    """All texts sent, joined by newlines."""
    return "\n".join(m["text"] for m in messages if m.get("text"))


def citations(messages: list[dict]) -> list[dict]:
    """The ``custom`` citation payloads sent."""
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"]]


def buttons(messages: list[dict]) -> list[dict]:
    """Every button sent, in order."""
    return [b for m in messages for b in (m.get("buttons") or [])]


def responses(messages: list[dict]) -> list[str]:
    """Names of the domain responses (``utter_*``) the action asked for."""
    return [m["response"] for m in messages if m.get("response")]


def slot_sets(events: list[dict]) -> dict[str, Any]:
    """Slot name -> value for every SlotSet event (the last one wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def active_loops(events: list[dict]) -> list[Optional[str]]:
    """Names carried by ActiveLoop events, in order (None deactivates the form)."""
    return [e.get("name") for e in events if e.get("event") == "active_loop"]


def make_token(uai: str, *, role: str = "rupn", sub: str = "ent-user-42", secret: str = JWT_SECRET,
               expires_in: int = 3600, **claims: Any) -> str:
    """An ENT identity token (HS256), signed independently of the code under test."""
    payload = {"sub": sub, "role": role, "uai": uai, "exp": int(time.time()) + expires_in, **claims}
    return jwt.encode(payload, secret, algorithm="HS256")


def with_domain_mappings(tracker: Tracker, domain: dict[str, Any]) -> Tracker:
    """The tracker as the form's validation action receives it from Rasa: ``action_extract_slots`` has set every
    slot whose predefined domain mapping (``from_entity`` / ``from_intent``, conditions included) fits the latest
    message, the first fitting mapping of a slot winning, and the form passes those values as candidates
    (SlotSet events after the latest user message). Rasa's own code for it is checked against this in
    tests/actions/test_slot_mappings.py."""
    latest = tracker.latest_message or {}
    intent = (latest.get("intent") or {}).get("name")
    entities = latest.get("entities") or []
    loop = (tracker.active_loop or {}).get("name")
    requested = tracker.get_slot("requested_slot")
    candidates: dict[str, Any] = {}
    for slot, spec in domain["slots"].items():
        for mapping in spec.get("mappings") or []:
            conditions = mapping.get("conditions") or []
            if conditions and not any(
                    (c.get("active_loop") and c["active_loop"] == loop and c.get("requested_slot") in (None, requested))
                    or (c.get("active_loop") is None and loop is None) for c in conditions):
                continue
            wanted = mapping.get("intent")
            wanted = [wanted] if isinstance(wanted, str) else (wanted or [])
            if wanted and intent not in wanted:
                continue
            if mapping["type"] == "from_intent":
                value = mapping.get("value")
            elif mapping["type"] == "from_entity":
                values = [e["value"] for e in entities if e.get("entity") == mapping["entity"]
                          and e.get("role") == mapping.get("role") and e.get("group") == mapping.get("group")]
                value = values[-1] if values else None
            else:
                continue
            if value is not None:
                candidates[slot] = value
                break
    if not candidates:
        return tracker
    state = tracker.current_state()
    state["slots"] = {**state["slots"], **candidates}
    state["events"] = [*state["events"], *({"event": "slot", "name": k, "value": v} for k, v in candidates.items())]
    return Tracker.from_dict(state)

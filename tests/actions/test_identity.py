"""actions/identity.py: which establishment a conversation acts for, in demo and in production mode."""
from __future__ import annotations

import time

import jwt
import pytest

from actions.identity import conversation_scope
from actions.incident_form import ValidateIncidentForm
from actions.incident_submit import ActionSubmitIncident
from actions.tickets import ActionListTickets, ActionTicketStatus
from helpdesk.identity import resolve_identity
from settings.deployment import bot_mode
from tests.actions.support import (
    DEMO_UAI,
    JWT_SECRET,
    OTHER_UAI,
    load_tracker,
    make_token,
    run,
    run_async,
    slot_sets,
    texts,
)

CONFIRMED = {
    "incident_establishment": DEMO_UAI, "incident_category": "reseau", "college_charge_ack": "n/a",
    "incident_description": "le wifi ne marche plus au CDI", "incident_place": "CDI", "incident_impact": "salle",
    "incident_contact": "M. Martin", "incident_similar": "none", "incident_confirmed": "yes", "requested_slot": None,
}


def production(monkeypatch):
    monkeypatch.setenv("BOT_MODE", "production")


def with_token(fixture: str, token: str, **overrides):
    return load_tracker(fixture, metadata={"identity_token": token}, **overrides)


# ------------------------------------------------------------------------------ mode

@pytest.mark.parametrize("value, mode", [("demo", "demo"), ("production", "production"), (" Production ", "production"),
                                         ("", "demo")])
def test_bot_mode_from_the_environment(monkeypatch, value, mode):
    monkeypatch.setenv("BOT_MODE", value)
    assert bot_mode() == mode


def test_bot_mode_defaults_to_demo(monkeypatch):
    monkeypatch.delenv("BOT_MODE")
    assert bot_mode() == "demo"


# ------------------------------------------------------------------------------ demo mode

def test_demo_mode_without_token_is_the_demo_college():
    scope = conversation_scope(load_tracker("ticket_list"))
    assert scope.allowed and scope.uai == DEMO_UAI
    assert scope.verified is False
    assert scope.role == "rupn"


def test_demo_mode_uses_the_establishment_given_in_the_form():
    scope = conversation_scope(load_tracker("ticket_list", slots={"user_uai": OTHER_UAI}))
    assert scope.uai == OTHER_UAI and not scope.verified


def test_demo_mode_with_a_valid_token_uses_the_token():
    scope = conversation_scope(with_token("ticket_list", make_token(OTHER_UAI, role="principal", name="Mme Dupont"),
                                          slots={"user_uai": DEMO_UAI}))
    assert (scope.uai, scope.verified, scope.role, scope.name) == (OTHER_UAI, True, "principal", "Mme Dupont")


def test_demo_mode_with_a_forged_token_falls_back_to_the_demo_college():
    scope = conversation_scope(with_token("ticket_list", make_token(OTHER_UAI, secret="not-the-secret-of-the-ent-not-the-secret")))
    assert scope.uai == DEMO_UAI and not scope.verified


# ------------------------------------------------------------------------------ production mode

def test_production_without_token_has_no_scope_and_says_why(monkeypatch):
    production(monkeypatch)
    scope = conversation_scope(load_tracker("ticket_list"))
    assert not scope.allowed and scope.uai is None
    assert "ENT" in scope.reason and "convention" in scope.reason


def test_production_ignores_an_establishment_typed_by_the_user(monkeypatch):
    production(monkeypatch)
    assert not conversation_scope(load_tracker("ticket_list", slots={"user_uai": OTHER_UAI})).allowed


def test_production_with_a_valid_token_gives_its_uai(monkeypatch):
    production(monkeypatch)
    scope = conversation_scope(with_token("ticket_list", make_token(OTHER_UAI, role="enseignant")))
    assert (scope.uai, scope.verified, scope.role) == (OTHER_UAI, True, "enseignant")


def test_production_token_uai_is_normalised(monkeypatch):
    production(monkeypatch)
    scope = conversation_scope(with_token("ticket_list", make_token("0799003g")))
    assert scope.uai == OTHER_UAI


@pytest.mark.parametrize("token", [
    pytest.param(make_token(DEMO_UAI, secret="wrong-secret-wrong-secret-wrong-secret"), id="bad-signature"),
    pytest.param(make_token(DEMO_UAI, expires_in=-60), id="expired"),
    pytest.param(make_token(DEMO_UAI, role="eleve"), id="unknown-role"),
    pytest.param(make_token("0799001F"), id="bad-uai-check-letter"),
    pytest.param(make_token("0869001S"), id="uai-outside-deux-sevres"),
    pytest.param(jwt.encode({"sub": "x", "role": "rupn", "exp": int(time.time()) + 60}, JWT_SECRET, algorithm="HS256"),
                 id="missing-uai"),
    pytest.param(jwt.encode({"role": "rupn", "uai": DEMO_UAI, "exp": int(time.time()) + 60}, JWT_SECRET,
                            algorithm="HS256"), id="missing-sub"),
    pytest.param(jwt.encode({"sub": "x", "role": "rupn", "uai": DEMO_UAI}, JWT_SECRET, algorithm="HS256"),
                 id="no-expiry"),
    pytest.param(jwt.encode({"sub": "x", "role": "rupn", "uai": DEMO_UAI, "exp": int(time.time()) + 60}, JWT_SECRET,
                            algorithm="HS512"), id="other-algorithm"),
    pytest.param("not.a.jwt", id="junk"),
    pytest.param("", id="empty"),
])
def test_production_with_an_invalid_token_has_no_scope(monkeypatch, token):
    production(monkeypatch)
    assert not conversation_scope(with_token("ticket_list", token)).allowed


def test_production_without_a_configured_secret_trusts_no_token(monkeypatch):
    production(monkeypatch)
    monkeypatch.delenv("ENT_JWT_SECRET")
    assert not conversation_scope(with_token("ticket_list", make_token(DEMO_UAI))).allowed


def test_token_of_an_earlier_message_does_not_count_in_production(monkeypatch):
    """Gateways send the token with every message: in production an earlier token must not vouch for a
    message that came without one (anyone reaching Rasa could otherwise act as that user)."""
    production(monkeypatch)
    earlier = {"event": "user", "text": "bonjour", "parse_data": {"intent": {"name": "greet"}},
               "metadata": {"identity_token": make_token(OTHER_UAI)}, "input_channel": "rest"}
    state_events = load_tracker("ticket_list").events
    tracker = load_tracker("ticket_list", metadata={})
    tracker.events = state_events[:-1] + [earlier] + state_events[-1:]
    assert conversation_scope(tracker).uai is None


def test_channel_comes_from_the_metadata():
    tracker = load_tracker("ticket_list", metadata={"channel": "telegram"})
    assert conversation_scope(tracker).channel == "telegram"
    tracker = load_tracker("ticket_list", metadata={"channel": "<script>"})
    assert conversation_scope(tracker).channel == "rest"


# ------------------------------------------------------------------------------ helpdesk.identity as the actions call it

def test_resolve_identity_verified_token():
    identity = resolve_identity({"identity_token": make_token(OTHER_UAI)}, mode="production", secret=JWT_SECRET)
    assert identity is not None and identity.source == "token" and identity.uai == OTHER_UAI


def test_resolve_identity_demo_and_production_without_token():
    demo = resolve_identity({}, mode="demo", secret=JWT_SECRET)
    assert demo is not None and demo.source != "token" and demo.uai == DEMO_UAI
    assert resolve_identity({}, mode="production", secret=JWT_SECRET) is None


# ------------------------------------------------------------------------------ effect on the actions

def test_production_without_token_lists_no_ticket_and_says_why(monkeypatch, tickets):
    tickets.create_ticket(uai=DEMO_UAI, category="reseau", line="departement", description="Panne",
                          impact="site", reporter_channel="web")
    production(monkeypatch)
    messages, events = run(ActionListTickets(), load_tracker("ticket_list"))
    assert "connectez-vous depuis l'ENT" in texts(messages)
    assert "INC-" not in texts(messages)
    assert events == []


def test_production_with_token_reads_the_token_college_tickets(monkeypatch, tickets):
    ours = tickets.create_ticket(uai=OTHER_UAI, category="reseau", line="departement", description="Panne",
                                 impact="site", reporter_channel="web")
    production(monkeypatch)
    tracker = with_token("ticket_status", make_token(OTHER_UAI), text=f"où en est mon ticket {ours.number} ?",
                         entities=[{"entity": "ticket_id", "value": ours.number}])
    messages, _ = run(ActionTicketStatus(), tracker)
    assert texts(messages).startswith(f"Ticket {ours.number} :")


@pytest.mark.asyncio
async def test_production_without_token_the_form_asks_nothing_and_submit_opens_nothing(monkeypatch, tickets):
    production(monkeypatch)
    dispatcher_messages, events = await run_async(ValidateIncidentForm(), load_tracker("incident_activation"))
    assert slot_sets(events) == {"requested_slot": None}  # the form ends at once
    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    assert "connectez-vous depuis l'ENT" in texts(messages)
    assert tickets.admin_list_tickets() == []
    assert slot_sets(events)["incident_description"] is None


@pytest.mark.asyncio
async def test_production_with_token_prefills_the_token_college_and_submits_for_it(monkeypatch, tickets):
    production(monkeypatch)
    token = make_token(OTHER_UAI)
    _, events = await run_async(ValidateIncidentForm(), with_token("incident_activation", token))
    assert slot_sets(events)["incident_establishment"] == OTHER_UAI

    run(ActionSubmitIncident(), with_token("incident_recap", token,
                                           slots={**CONFIRMED, "incident_establishment": OTHER_UAI}))
    [row] = tickets.admin_list_tickets()
    assert row.uai == OTHER_UAI and row.reporter_channel == "rest"


def test_submit_records_the_channel_of_the_conversation(tickets):
    run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED, metadata={"channel": "telegram"}))
    [row] = tickets.admin_list_tickets()
    assert row.reporter_channel == "telegram"


def test_verified_user_cannot_open_a_ticket_for_another_college(monkeypatch, tickets):
    production(monkeypatch)
    tracker = with_token("incident_recap", make_token(DEMO_UAI), slots={**CONFIRMED, "incident_establishment": OTHER_UAI})
    run(ActionSubmitIncident(), tracker)
    assert [row.uai for row in tickets.admin_list_tickets()] in ([], [DEMO_UAI])

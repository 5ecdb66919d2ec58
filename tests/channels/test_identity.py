"""helpdesk.identity: the one place that decides who is talking."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import jwt
import pytest

from helpdesk.identity import Identity, InvalidIdentity, issue_token, resolve_identity, verify_token

from .conftest import DEMO_UAI, OTHER_UAI, SECRET, token_for

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)


def raw_token(claims: dict, secret: str = SECRET) -> str:
    base = {"sub": "u1", "role": "principal", "uai": OTHER_UAI, "exp": int((NOW + timedelta(hours=1)).timestamp())}
    base.update(claims)
    return jwt.encode({k: v for k, v in base.items() if v is not None}, secret, algorithm="HS256")


def reason_of(token: str, now=NOW) -> str:
    with pytest.raises(InvalidIdentity) as caught:
        verify_token(token, SECRET, now=now)
    return caught.value.reason


def test_valid_token_gives_its_identity():
    identity = verify_token(raw_token({"name": "Claude Dupont", "uai": "0799002f"}), SECRET, now=NOW)
    assert identity == Identity(user_id="u1", role="principal", uai="0799002F", name="Claude Dupont", source="token")


def test_issue_then_verify_round_trip():
    token = issue_token(Identity("ent-9", "enseignant", DEMO_UAI, None), SECRET, timedelta(minutes=5), now=NOW)
    identity = verify_token(token, SECRET, now=NOW + timedelta(minutes=4))
    assert (identity.user_id, identity.role, identity.uai, identity.name) == ("ent-9", "enseignant", DEMO_UAI, None)


def test_expired_token_is_refused():
    token = issue_token(Identity("ent-9", "rupn", DEMO_UAI), SECRET, timedelta(minutes=5), now=NOW)
    assert reason_of(token, now=NOW + timedelta(minutes=6)) == "expired"
    # Real clock too: a token that expired an hour ago.
    past = issue_token(Identity("ent-9", "rupn", DEMO_UAI), SECRET, timedelta(minutes=5),
                       now=datetime.now(timezone.utc) - timedelta(hours=1))
    with pytest.raises(InvalidIdentity, match="expired"):
        verify_token(past, SECRET)


def test_bad_signature_is_refused():
    assert reason_of(raw_token({}, secret="another-secret-of-sufficient-length-000000")) == "bad signature"


def test_unknown_role_is_refused():
    assert reason_of(raw_token({"role": "admin"})).startswith("unknown role")


@pytest.mark.parametrize("uai", ["0861234A", "0799001A", "079900", "not-a-uai"])
def test_bad_uai_is_refused(uai):
    # Wrong department (086…), wrong check letter, too short, junk.
    assert reason_of(raw_token({"uai": uai})) == "bad UAI"


@pytest.mark.parametrize("claim", ["sub", "role", "uai", "exp"])
def test_missing_claim_is_refused(claim):
    assert reason_of(raw_token({claim: None})) == f"missing claim {claim}"


def test_junk_and_empty_tokens_are_refused():
    assert reason_of("not.a.jwt").startswith("invalid token")
    assert reason_of("") == "missing token"
    with pytest.raises(InvalidIdentity, match="no secret"):
        verify_token(raw_token({}), "")


def test_algorithm_none_is_refused():
    unsigned = jwt.encode({"sub": "u1", "role": "rupn", "uai": DEMO_UAI,
                           "exp": int((NOW + timedelta(hours=1)).timestamp())}, None, algorithm="none")
    with pytest.raises(InvalidIdentity):
        verify_token(unsigned, SECRET, now=NOW)


def test_demo_mode_without_token_is_the_demo_rupn_of_lezay(monkeypatch):
    monkeypatch.delenv("DEMO_UAI", raising=False)
    identity = resolve_identity({}, mode="demo", secret=SECRET)
    assert identity is not None
    assert (identity.role, identity.uai, identity.source) == ("rupn", DEMO_UAI, "demo")


def test_demo_mode_with_invalid_token_falls_back_to_demo(monkeypatch):
    monkeypatch.delenv("DEMO_UAI", raising=False)
    bad = raw_token({}, secret="another-secret-of-sufficient-length-000000")
    identity = resolve_identity({"identity_token": bad}, mode="demo", secret=SECRET)
    assert identity.source == "demo" and identity.uai == DEMO_UAI


def test_demo_uai_from_environment(monkeypatch):
    monkeypatch.setenv("DEMO_UAI", "0799003G")
    assert resolve_identity(None, mode="demo", secret=SECRET).uai == "0799003G"


def test_valid_token_wins_in_both_modes():
    token = token_for(role="principal", uai=OTHER_UAI)
    for mode in ("demo", "production"):
        identity = resolve_identity({"identity_token": token}, mode=mode, secret=SECRET)
        assert (identity.uai, identity.role, identity.source) == (OTHER_UAI, "principal", "token")


def test_production_mode_without_valid_token_is_nobody():
    assert resolve_identity({}, mode="production", secret=SECRET) is None
    assert resolve_identity({"identity_token": "junk"}, mode="production", secret=SECRET) is None
    expired = token_for(ttl=timedelta(seconds=-10))
    assert resolve_identity({"identity_token": expired}, mode="production", secret=SECRET) is None

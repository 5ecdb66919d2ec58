"""Fixtures of the reliability tests: one production-mode bot shared by the bad-input, security and fault
tests (ports 17005/17055), helpers to kill and restart its action server, and throw-away PostgreSQL
databases and roles.

Starting a bot costs about a minute on the CI machine, so the tests of this folder share one, and they
run in the order below so that the scale-out test (which needs both ports 17005 and 17006 for its own two
Rasa instances) comes last, after the shared bot is stopped.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Callable, Optional

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from bot.supervisor import HOST, ROOT, Stack, action_server_command, base_env, temporary_settings
from helpdesk.identity import Identity, issue_token

# The channel tests' fakes (Bot API, Rasa) and update builder, for the Telegram identity tests.
from tests.channels.conftest import fake_bot_api, fake_rasa, updates  # noqa: F401 - fixtures

# Overridable so that two checkouts on one machine do not meet on the same ports.
RASA_PORT = int(os.environ.get("TEST_RELIABILITY_RASA_PORT") or 17005)
ACTION_PORT = int(os.environ.get("TEST_RELIABILITY_ACTION_PORT") or 17055)
SECOND_RASA_PORT = RASA_PORT + 1
FIXED_NOW = "2026-11-30T10:00:00"  # a Monday, 10:00: every support line is open
# The seed model (see the task notes) or the product's model; TEST_MODEL_PATH chooses.
MODEL = Path(os.environ.get("TEST_MODEL_PATH") or ROOT / "models" / "current.tar.gz")
REFUSAL = "connectez-vous depuis l'ENT"  # start of the production-mode refusal (actions/identity.py)

LIVE_FIXTURES = {"prod_bot", "bot", "shared_stacks", "cluster"}
_ORDER = ("test_bad_input.py", "test_faults.py", "test_live_faults.py", "test_security.py", "test_scale_out.py")


def pytest_collection_modifyitems(session, config, items):
    """Run this folder's modules in _ORDER (shared bot first, scale-out last) without moving other tests."""
    here = Path(__file__).parent
    slots = [i for i, item in enumerate(items) if Path(str(item.fspath)).parent == here]
    ours = [items[i] for i in slots]
    rank = {name: n for n, name in enumerate(_ORDER)}
    ours.sort(key=lambda item: rank.get(Path(str(item.fspath)).name, len(rank)))
    for index, item in zip(slots, ours):
        items[index] = item
    # A test that needs the live bot is slow (a minute to start, a lock on the heavy-work queue), whatever
    # module it is in: marked here from its fixtures so that `-m "not slow"` never starts a bot.
    for item in ours:
        if LIVE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


# ------------------------------------------------------------------------------------------- HTTP
def http(method: str, url: str, body: Optional[bytes] = None, content_type: str = "application/json",
         timeout: float = 120, headers: Optional[dict[str, str]] = None) -> tuple[int, bytes]:
    """One HTTP request; returns (status, body) for every status, including 4xx and 5xx."""
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(url: str, timeout: float = 180) -> None:
    """Wait until ``url`` answers HTTP 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if http("GET", url, timeout=3)[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def texts(messages: list[dict]) -> str:
    """All text of a reply, joined."""
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


def buttons(messages: list[dict]) -> list[dict]:
    return [b for m in messages for b in m.get("buttons") or []]


# ---------------------------------------------------------------------------------------- the bot
@dataclass
class Bot:
    """A running bot (or one Rasa instance of it) and a small client; secrets are per test session."""

    stack: Stack
    rasa_url: str
    api_token: str = field(repr=False)
    jwt_secret: str = field(repr=False)
    tickets_url: str = field(repr=False)
    gateway_secret: str = field(default="", repr=False)
    senders: list[str] = field(default_factory=list, repr=False)

    @property
    def gateway_headers(self) -> dict[str, str]:
        """What the gateways send with each REST post (the REST channel refuses posts without it)."""
        return {"X-Gateway-Secret": self.gateway_secret} if self.gateway_secret else {}

    def new_sender(self, prefix: str = "rel") -> str:
        sender = f"{prefix}-{uuid.uuid4().hex[:12]}"
        self.senders.append(sender)
        return sender

    def post(self, payload: dict, timeout: float = 120) -> tuple[int, list | dict | bytes]:
        status, body = http("POST", f"{self.rasa_url}/webhooks/rest/webhook", json.dumps(payload).encode(),
                            timeout=timeout, headers=self.gateway_headers)
        try:
            return status, json.loads(body or b"null")
        except ValueError:
            return status, body

    def send(self, message: str, sender: str, metadata: Optional[dict] = None, timeout: float = 120) -> list[dict]:
        """One user turn through the REST channel; the bot's messages (asserts HTTP 200)."""
        status, body = self.post({"sender": sender, "message": message, "metadata": metadata or {}}, timeout)
        assert status == 200, (status, body)
        assert isinstance(body, list), body
        return body

    def tracker(self, sender: str, url: Optional[str] = None) -> dict:
        """The conversation's tracker through the HTTP API (with the API token)."""
        status, body = http("GET", f"{url or self.rasa_url}/conversations/{sender}/tracker?token={self.api_token}")
        assert status == 200, (status, body[:300])
        return json.loads(body)

    def identity(self, uai: str, role: str = "rupn", ttl: timedelta = timedelta(hours=1)) -> dict:
        """Message metadata carrying a valid ENT token for ``uai``."""
        token = issue_token(Identity(user_id=f"user-{uai}-{role}", role=role, uai=uai, name="Test"),
                            self.jwt_secret, ttl=ttl)
        return {"identity_token": token}

    def log_text(self) -> str:
        """Everything the bot's processes logged so far."""
        logs = self.stack.settings.log_dir
        return "\n".join(p.read_text(errors="replace") for p in sorted(logs.glob("*.log"))) if logs else ""


def production_env(jwt_secret: str, api_token: str, gateway_secret: str = "") -> dict[str, str]:
    """Settings of a production-mode bot, with throw-away secrets."""
    return {
        "BOT_MODE": "production",
        "GATEWAY_SECRET": gateway_secret or secrets.token_urlsafe(32),
        "BOT_FIXED_NOW": FIXED_NOW,
        "ENT_JWT_SECRET": jwt_secret,
        "RASA_API_TOKEN": api_token,
        "PSEUDONYM_KEY": secrets.token_hex(16),
        "SMTP_PORT": "1",  # nothing may e-mail anyone from a test
    }


def start_stack(settings, label: str) -> Stack:
    """Start a stack; on failure print the end of its logs (the only clue on CI) and re-raise."""
    stack = Stack(settings)
    try:
        stack.start(timeout=420)
    except Exception:
        logs = settings.log_dir
        for log in sorted(logs.glob("*.log")) if logs and logs.exists() else []:
            print(f"--- {label} {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        stack.stop()
        raise
    return stack


def require_model() -> Path:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train`, or set TEST_MODEL_PATH to a trained model")
    return MODEL


# ------------------------------------------------------------------------------------- PostgreSQL
def postgres_admin_url() -> Optional[str]:
    """A superuser URL of the test PostgreSQL (scripts/services.sh), or None when not available."""
    return os.environ.get("TEST_POSTGRES_ADMIN_URL") or os.environ.get("TEST_POSTGRES_URL") or None


class Postgres:
    """Creates databases and roles for one test session on the test server, and drops them afterwards."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.engine = create_engine(admin_url, future=True, isolation_level="AUTOCOMMIT")
        self._databases: list[str] = []
        self._roles: list[str] = []

    def url(self, database: str, user: Optional[str] = None) -> str:
        base = make_url(self.admin_url)
        return str(base.set(database=database, username=user or base.username))

    def create_database(self, prefix: str, owner: Optional[str] = None) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self.engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' OWNER "{owner}"' if owner else ""))
        self._databases.append(name)
        return name

    def create_role(self, prefix: str) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self.engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN')
        self._roles.append(name)
        return name

    def set_login(self, role: str, allowed: bool) -> None:
        """Allow or forbid the role to log in; forbidding also closes its open connections."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql(f'ALTER ROLE "{role}" {"LOGIN" if allowed else "NOLOGIN"}')
            if not allowed:
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
                                   {"r": role})

    def row_counts(self, database: str) -> dict[str, int]:
        """Rows of every table of ``database`` (read as the superuser)."""
        engine = create_engine(self.url(database), future=True)
        try:
            with engine.connect() as connection:
                tables = inspect(connection).get_table_names()
                return {t: connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}
        finally:
            engine.dispose()

    def close(self) -> None:
        with self.engine.connect() as connection:
            for name in self._databases:
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"),
                                   {"d": name})
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            for name in self._roles:
                connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres():
    """The test PostgreSQL, or None when TEST_POSTGRES_URL is not set."""
    url = postgres_admin_url()
    if not url:
        yield None
        return
    server = Postgres(url)
    yield server
    server.close()


# ---------------------------------------------------------------------------------- shared stack
class SharedStacks:
    """At most one shared bot at a time, so that the scale-out test can have the ports back."""

    def __init__(self, postgres: Optional[Postgres]):
        self.postgres = postgres
        self.bot: Optional[Bot] = None
        self.ticket_role: Optional[str] = None
        self.ticket_database: Optional[str] = None

    def production_bot(self) -> Bot:
        if self.bot is None:
            jwt_secret, api_token = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
            gateway_secret = secrets.token_urlsafe(32)
            settings = temporary_settings(rasa_port=RASA_PORT, action_port=ACTION_PORT, with_webchat=False,
                                          with_telegram=False, with_dispatcher=False, model=require_model())
            settings.extra_env.update(production_env(jwt_secret, api_token, gateway_secret))
            if self.postgres is not None:
                # Tickets in PostgreSQL under their own role, so that a test can take the database away
                # from the action server (revoke the role) without disturbing anything else.
                self.ticket_role = self.postgres.create_role("rel_tickets")
                self.ticket_database = self.postgres.create_database("rel_tickets", owner=self.ticket_role)
                settings.extra_env["TICKETS_DATABASE_URL"] = self.postgres.url(self.ticket_database, self.ticket_role)
            stack = start_stack(settings, "shared")
            self.bot = Bot(stack, settings.rasa_url, api_token, jwt_secret, base_env(settings)["TICKETS_DATABASE_URL"],
                           gateway_secret)
        return self.bot

    def release(self) -> None:
        if self.bot is not None:
            self.bot.stack.stop()
            self.bot = None


@pytest.fixture(scope="session")
def shared_stacks(postgres):
    stacks = SharedStacks(postgres)
    yield stacks
    stacks.release()


@pytest.fixture
def prod_bot(shared_stacks) -> Bot:
    """The shared production-mode bot (BOT_MODE=production, RASA_API_TOKEN and ENT_JWT_SECRET set)."""
    return shared_stacks.production_bot()


# --------------------------------------------------------------------------------- action server
def kill_action_server(stack: Stack) -> None:
    """SIGKILL the action server (no clean shutdown: the worst case)."""
    process = stack.processes["actions"]
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def start_action_server(stack: Stack, timeout: float = 180) -> None:
    """Start the action server again, exactly as the stack does, and wait for its health check."""
    settings = stack.settings
    log = open(settings.log_dir / "actions.log", "ab")  # noqa: SIM115 - the child keeps its own copy
    try:
        stack.processes["actions"] = subprocess.Popen(
            action_server_command(settings),
            cwd=ROOT, env=base_env(settings), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    finally:
        log.close()
    wait_for(f"http://{HOST}:{settings.action_port}/health", timeout)


def timed(call: Callable[[], object]) -> tuple[object, float]:
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


@pytest.fixture(scope="session")
def knowledge_url(tmp_path_factory) -> str:
    """The read-only knowledge base, built once for the session's action tests."""
    return f"sqlite:///{tmp_path_factory.mktemp('knowledge') / 'knowledge.db'}"


@pytest.fixture
def action_stores(monkeypatch, tmp_path, knowledge_url):
    """The real actions' environment without a live bot: demo mode (tokens signed with the ENT test secret
    still win), a Monday morning, stores on files of this test. Yields the actions' ``ticket_store``."""
    import actions.incidents
    import knowledge.service
    from tests.actions.support import JWT_SECRET, MONDAY_10H

    for name, value in {"TICKETS_DATABASE_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
                        "KNOWLEDGE_DATABASE_URL": knowledge_url,
                        "FEEDBACK_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.db'}",
                        "BOT_MODE": "demo", "BOT_FIXED_NOW": MONDAY_10H, "ENT_JWT_SECRET": JWT_SECRET}.items():
        monkeypatch.setenv(name, value)
    for name in ("GATEWAY_SECRET", "RASA_API_TOKEN", "DEMO_UAI", "TICKETS_EMAIL_DEPARTEMENT",
                 "TICKETS_EMAIL_ACADEMIE", "TICKETS_EMAIL_CANOPE"):
        monkeypatch.delenv(name, raising=False)
    actions.incidents.ticket_store.cache_clear()
    knowledge.service.reset_cache()
    yield actions.incidents.ticket_store
    if actions.incidents.ticket_store.cache_info().currsize:
        actions.incidents.ticket_store().close()
    actions.incidents.ticket_store.cache_clear()
    knowledge.service.reset_cache()

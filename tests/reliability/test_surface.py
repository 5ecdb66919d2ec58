"""A closed internal surface: listening addresses, the action server's secret and mode, the stack's
supervision (restart with backoff, mode agreement, unwritable tracker store)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from bot.supervisor import ROOT, Stack, StackSettings, UnwritableStore, _endpoints_file, base_env, check_writable, temporary_settings

SECRET = "gateway-secret-for-tests-0123456789"
PRODUCTION = {"BOT_MODE": "production", "ENT_JWT_SECRET": "s" * 32, "PSEUDONYM_KEY": "k" * 32,
              "RASA_API_TOKEN": "t" * 24, "GATEWAY_SECRET": SECRET}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **(headers or {})},
                                 method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


# ------------------------------------------------------------------------------ addresses and ports
def test_bot_run_honours_the_readme_variables_and_listens_on_loopback_by_default():
    settings = StackSettings.from_env({"RASA_URL": "http://127.0.0.1:6005", "ACTION_SERVER_PORT": "6055",
                                       "WEBCHAT_PORT": "6080"})
    assert (settings.rasa_port, settings.action_port, settings.webchat_port) == (6005, 6055, 6080)
    assert settings.rasa_host == settings.action_host == settings.webchat_host == "127.0.0.1"
    env = base_env(settings)
    assert env["RASA_URL"] == "http://127.0.0.1:6005" and env["WEBCHAT_PORT"] == "6080"
    assert env["ACTION_SERVER_HOST"] == "127.0.0.1"
    other = StackSettings.from_env({"RASA_HOST": "10.0.0.5", "ACTION_SERVER_HOST": "10.0.0.6", "WEBCHAT_HOST": "10.0.0.7"})
    assert (other.rasa_host, other.action_host, other.webchat_host) == ("10.0.0.5", "10.0.0.6", "10.0.0.7")
    assert (other.rasa_port, other.action_port, other.webchat_port) == (5005, 5055, 8080)


def test_no_process_listens_on_every_interface_by_default():
    import re

    from bot.channels.telegram.settings import TelegramSettings
    from bot.channels.web.settings import WebSettings

    assert WebSettings.from_env({}).host == "127.0.0.1"
    assert TelegramSettings.from_env({}).webhook_host == "127.0.0.1"
    assert TelegramSettings.from_env({"TELEGRAM_WEBHOOK_HOST": "10.0.0.8"}).webhook_host == "10.0.0.8"
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert not re.search(r"-i\s+0\.0\.0\.0|HOST=0\.0\.0\.0|python -m rasa_sdk --actions", deploy)
    for command in ("python -m bot.rasa_process.server run", "python -m actions.server", "python -m bot webchat",
                    "python -m bot telegram run", "python -m bot dispatcher", "GATEWAY_SECRET", "RASA_API_TOKEN"):
        assert command in deploy, command


def test_rasa_sends_the_secret_to_the_action_server(tmp_path, monkeypatch):
    from rasa.core.utils import read_endpoints_from_path

    monkeypatch.setenv("GATEWAY_SECRET", SECRET)
    settings = temporary_settings(rasa_port=free_port(), action_port=free_port())
    endpoints = read_endpoints_from_path(_endpoints_file(settings))
    assert endpoints.action.headers == {"X-Gateway-Secret": SECRET}
    assert SECRET not in _endpoints_file(settings).read_text()  # the file names the variable only
    for name in ("ACTION_SERVER_URL", "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "REDIS_HOST",
                 "REDIS_PORT", "REDIS_PASSWORD", "REDIS_LOCK_DB"):
        monkeypatch.setenv(name, "1")
    production = read_endpoints_from_path(ROOT / "endpoints.production.yml")
    assert production.action.headers == {"X-Gateway-Secret": SECRET}


# ------------------------------------------------------------------------------------ action server
def start_action_server(port: int, **env: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "actions.server", "-p", str(port)], cwd=ROOT,
                               env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            request(f"http://127.0.0.1:{port}/health")
            return process
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None:
                raise RuntimeError(f"action server exited with {process.returncode}")
            time.sleep(0.5)
    process.kill()
    raise TimeoutError("action server did not start")


@pytest.fixture(scope="module")
def production_action_server():
    port = free_port()
    process = start_action_server(port, **PRODUCTION)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(30)


def test_the_action_server_refuses_webhook_calls_without_the_secret(production_action_server):
    call = json.dumps({"next_action": "action_list_tickets", "sender_id": "x",
                       "tracker": {"sender_id": "x", "slots": {}, "latest_message": {"metadata": {"uai": "0799003G"}},
                                   "events": []}, "domain": {}, "version": "3.6.0"}).encode()
    for headers in ({}, {"X-Gateway-Secret": "wrong"}):
        status, body = request(f"{production_action_server}/webhook", call, headers)
        assert status == 403 and body == {"error": "forbidden"}
        assert request(f"{production_action_server}/actions", None, headers)[0] == 403 if headers else True
    status, _ = request(f"{production_action_server}/webhook", call, {"X-Gateway-Secret": SECRET})
    assert status != 403


def test_the_action_server_reports_its_mode(production_action_server):
    assert request(f"{production_action_server}/health") == (200, {"status": "ok", "mode": "production"})


def _list_tickets_call(token: str) -> bytes:
    """Rasa's call of the ticket listing, for a message that carries ``token`` as its identity."""
    tracker = {"sender_id": "s", "slots": {}, "events": [], "latest_input_channel": "rest",
               "latest_message": {"text": "/list_tickets", "metadata": {"identity_token": token}}}
    return json.dumps({"next_action": "action_list_tickets", "sender_id": "s", "tracker": tracker, "domain": {},
                       "version": "3.6.0"}).encode()


def test_a_production_action_server_needs_no_ent_secret_and_trusts_only_the_gateways_tokens(tmp_path, monkeypatch):
    """The web gateway verifies the ENT's token where it enters and forwards one of its own (GATEWAY_SECRET),
    the Telegram gateway signs with GATEWAY_SECRET too: the action server starts without ENT_JWT_SECRET,
    accepts a gateway-signed identity and refuses an ENT token that reached it unverified."""
    from helpdesk.identity import Identity, issue_gateway_token, issue_token

    key = "pseudonym-key-for-tests-0123456789"
    monkeypatch.setenv("PSEUDONYM_KEY", key)  # the gateway's pseudonym of the ENT subject
    port = free_port()
    env = {"BOT_MODE": "production", "GATEWAY_SECRET": SECRET, "PSEUDONYM_KEY": key, "ENT_JWT_SECRET": "",
           "RASA_API_TOKEN": "", "TICKETS_DATABASE_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
           "FEEDBACK_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.db'}"}
    process = start_action_server(port, **env)
    try:
        url, headers = f"http://127.0.0.1:{port}", {"X-Gateway-Secret": SECRET}
        assert request(f"{url}/health") == (200, {"status": "ok", "mode": "production"})
        user = Identity(user_id="ent-user-42", role="rupn", uai="0799003G")

        def said(token: str) -> str:
            status, body = request(f"{url}/webhook", _list_tickets_call(token), headers)
            assert status == 200, body
            return "\n".join(r.get("text") or "" for r in body["responses"])

        assert said(issue_gateway_token(user, SECRET)) == "Aucun ticket pour votre établissement."
        refusal = "connectez-vous depuis l'ENT"
        assert refusal in said(issue_token(user, "the-ents-own-secret-0123456789-abcdef"))
        assert refusal in said(issue_gateway_token(user, "not-the-gateway-secret-0123456789"))
    finally:
        process.terminate()
        process.wait(30)


def test_a_wrong_mode_action_server_stops_the_stack():
    """An action server started without BOT_MODE (demo) behind a production stack: refused at start-up."""
    port = free_port()
    demo = {key: "" for key in PRODUCTION} | {"BOT_MODE": "demo"}
    process = start_action_server(port, **demo)
    try:
        settings = temporary_settings(rasa_port=free_port(), action_port=port, with_webchat=False)
        settings.extra_env.update(PRODUCTION)
        stack = Stack(settings)
        with pytest.raises(RuntimeError, match="actions reports demo"):
            stack.check_modes()
    finally:
        process.terminate()
        process.wait(30)


# ------------------------------------------------------------------------------------- supervision
def test_a_crashed_child_is_restarted_with_a_growing_delay_and_the_rest_keeps_running(tmp_path):
    stack = Stack(temporary_settings())
    said: list[str] = []
    stack._spawn("crashing", [sys.executable, "-c", "import sys; sys.exit(3)"], dict(os.environ))
    stack._spawn("steady", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ))
    deadline = time.monotonic() + 4.5
    try:
        stack.supervise(lambda: time.monotonic() > deadline, say=said.append, first_delay=0.5, poll=0.05)
        steady = stack.processes["steady"]
        assert steady.poll() is None  # never stopped because another child crashed
    finally:
        stack.stop()
    crashes = [line for line in said if line.startswith("crashing s'est arrêté (code 3)")]
    assert len(crashes) >= 3, said
    delays = [float(line.rsplit("dans ", 1)[1].split(" s")[0]) for line in crashes]
    assert delays[:3] == sorted(delays[:3]) and delays[2] > delays[0], delays
    assert "crashing redémarré." in said
    assert not any(line.startswith("steady") for line in said)


def test_an_unwritable_tracker_store_is_refused_at_start_with_a_french_message(tmp_path):
    settings = temporary_settings()
    trackers = settings.var_dir / "trackers.db"
    trackers.mkdir()  # a folder where the file should be: unwritable as a file, even for root
    with pytest.raises(UnwritableStore, match="Impossible d'écrire"):
        check_writable(settings)
    settings.extra_env.update({"BOT_MODE": "production", "GATEWAY_SECRET": ""})  # safety net, as below
    stack = Stack(settings)
    with pytest.raises(UnwritableStore):
        stack.start()
    assert not stack.processes  # nothing started, nothing left to die silently


def test_bot_run_says_why_it_cannot_start_on_an_unwritable_tracker_store(tmp_path):
    var = tmp_path / "var"
    (var / "trackers.db").mkdir(parents=True)
    # Production without its secrets as a safety net: were the check gone, the stack would still not start.
    env = {**os.environ, "RASA_URL": f"http://127.0.0.1:{free_port()}", "ACTION_SERVER_PORT": str(free_port()),
           "WEBCHAT_PORT": str(free_port()), "BOT_VAR_DIR": str(var), "BOT_MODE": "production", "GATEWAY_SECRET": ""}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert "Impossible d'écrire" in result.stderr


def test_a_stack_does_not_start_on_ports_another_bot_holds():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        stack = Stack(temporary_settings(rasa_port=port, action_port=free_port(), with_webchat=False))
        with pytest.raises(RuntimeError, match=f"le port {port} .*déjà utilisé"):
            stack.start()
        assert not stack.processes

"""Issue 15, end to end: the real Rasa, run as an unprivileged user, on a conversation store it really cannot
write (a directory owned by root, mode 0555, holding a database file owned by root, mode 0444), then the
supervisor bringing it back once the operator has fixed the rights.

The unit tests (test_unwritable_tracker_store.py) use SQLite's read-only URI mode, because this machine runs
the tests as root and root ignores file permissions. Here Rasa runs as ``nobody`` (``setpriv``, util-linux),
so the kernel refuses its writes. Where the interpreter sits under a folder ``nobody`` cannot read (here
/root/.pyenv, behind /root at 0700), ``nobody`` is given one capability, CAP_DAC_READ_SEARCH: it may read
and traverse everything, never write (CAP_DAC_OVERRIDE is what would bypass write permissions).

The supervisor runs in this (root) process, as in the other live tests. Its checks of the store run as
Rasa's user (``_can_write`` below), as they do in a deployment where ``bot run`` and Rasa share one user;
its pre-start check is the one exception, left as root, so that Rasa gets started on the unwritable store:
the case of a store that turns unwritable after that check, or of a Rasa started by another launcher.

Slow (two Rasa start-ups, ~1 min): run under ``flock /tmp/heavy.lock``.
"""
from __future__ import annotations

import os
import pwd
import secrets
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

import pytest

import bot.stack_checks as stack_checks
from bot.rasa_process import EXIT_STORE_UNWRITABLE
from bot.rasa_process.rest_channel import NOT_SAVED, RESTARTING
from bot.stack_checks import UnwritableStore, check_writable
from bot.supervisor import HOST, ROOT, Stack, temporary_settings

from .conftest import ACTION_PORT, RASA_PORT, Bot, production_env, require_model, texts, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# Ports of their own, so that this test never meets the shared bot (RASA_PORT/ACTION_PORT) of this folder.
PORTS = (RASA_PORT + 10, ACTION_PORT + 10)
QUESTION = "Qui répare les ordinateurs du collège ?"
USER = "nobody"
# What the user must never read, whatever breaks.
TECHNICAL = ("Traceback", "Error", "Exception", "sqlite", "OperationalError", "readonly", "trackers.db")


# ------------------------------------------------------------------------------------ the switch
def _run_as(prefix: list[str], args: list[str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def unprivileged_prefix() -> list[str]:
    """The command prefix that runs a process as ``nobody`` (empty when we are not root: file permissions
    then already apply to us), or skip with the exact reason when it cannot be done here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is not installed: Rasa cannot be run as an unprivileged user")
    user = pwd.getpwnam(USER)
    plain = [setpriv, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]
    read_only_reach = [*plain, "--securebits=+no_setuid_fixup", "--bounding-set=-all,+dac_read_search",
                       "--inh-caps=-all,+dac_read_search", "--ambient-caps=-all,+dac_read_search"]
    # The interpreter, the virtual environment and this checkout must be readable by that user.
    probe = [sys.executable, "-c", "import sqlalchemy, bot.rasa_process, os; assert os.geteuid() != 0"]
    errors = []
    for prefix in (plain, read_only_reach):
        done = _run_as(prefix, probe)
        if done.returncode == 0:
            return prefix
        errors.append(f"{' '.join(prefix[1:])}: {(done.stderr or done.stdout).strip()[-300:]}")
    pytest.skip("cannot run the Python of this checkout as an unprivileged user: " + " | ".join(errors))


def can_write_as(prefix: list[str], path: Path) -> bool:
    """The supervisor's own write probe (bot.stack_checks._can_write), run as ``prefix``'s user."""
    code = "import sys; from pathlib import Path; from bot.stack_checks import _can_write; " \
           "sys.exit(0 if _can_write(Path(sys.argv[1])) else 1)"
    return _run_as(prefix, [sys.executable, "-c", code, str(path)]).returncode == 0


def readable_model(prefix: list[str], model: Path, scratch: Path) -> Path:
    """``model``, or a copy readable by everyone when ``prefix``'s user cannot read it."""
    if _run_as(prefix, ["test", "-r", str(model)]).returncode == 0:
        return model
    scratch.mkdir(mode=0o755, exist_ok=True)
    copy = scratch / model.name
    shutil.copyfile(model, copy)
    copy.chmod(0o644)
    return copy


class UnprivilegedRasaStack(Stack):
    """The stack of ``bot run``, with Rasa (and the Rasa it restarts) run through ``prefix``, and its
    start-up ending once both servers answer: the first turn is the test's, not a warm-up."""

    def __init__(self, settings, prefix: list[str], home: Path):
        super().__init__(settings)
        # Its own home and temporary folder (model unpacked, TensorFlow's files), removed with the test's.
        self.prefix = [*prefix, "env", f"HOME={home}", f"TMPDIR={home}"] if prefix else []

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        if name == "rasa" and self.prefix and args[:len(self.prefix)] != self.prefix:
            args = [*self.prefix, *args]
        super()._spawn(name, args, env)

    def wait_ready(self, timeout: float) -> None:
        wait_for(f"http://{HOST}:{self.settings.action_port}/health", timeout)
        wait_for(f"{self.settings.rasa_url}/", timeout)


# ----------------------------------------------------------------------------------- the store
def make_store_as_root_left_it(var_dir: Path) -> Path:
    """A conversation store as an operator leaves it after restoring it as root: Rasa's own tables (made
    by the real store class), the file 0444 and its folder 0555, both owned by root."""
    from bot.rasa_process.tracker_store import SQLiteTrackerStore

    trackers = var_dir / "trackers.db"
    SQLiteTrackerStore(db=str(trackers)).engine.dispose()
    with sqlite3.connect(trackers) as connection:  # a restored copy: rollback journal, no -wal / -shm
        connection.execute("PRAGMA journal_mode=DELETE")
    for leftover in ("trackers.db-wal", "trackers.db-shm"):
        (var_dir / leftover).unlink(missing_ok=True)
    os.chown(trackers, 0, 0)
    trackers.chmod(0o444)
    os.chown(var_dir, 0, 0)
    var_dir.chmod(0o555)
    return trackers


def give_back(var_dir: Path, trackers: Path) -> None:
    """The operator's fix: the folder and the file belong to Rasa's user again."""
    user = pwd.getpwnam(USER) if os.geteuid() == 0 else None
    for path, mode in ((var_dir, 0o755), (trackers, 0o644)):
        if user is not None:
            os.chown(path, user.pw_uid, user.pw_gid)
        path.chmod(mode)


def rows_of(trackers: Path, sender: str) -> int:
    with sqlite3.connect(f"file:{trackers}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


# ------------------------------------------------------------------------------------- the test
def test_a_rasa_that_cannot_write_its_store_tells_the_user_stops_and_comes_back_once_fixed(monkeypatch):
    prefix = unprivileged_prefix()
    scratch = Path(tempfile.mkdtemp(prefix="unwritable-store-"))
    scratch.chmod(0o755)
    home = scratch / "home"
    home.mkdir()
    if prefix:
        user = pwd.getpwnam(USER)
        os.chown(home, user.pw_uid, user.pw_gid)  # Rasa's own files (~/.config/rasa, temporary files) go there
    model = readable_model(prefix, require_model(), scratch / "model")
    api_token, jwt_secret, gateway = (secrets.token_urlsafe(24), secrets.token_urlsafe(32),
                                      secrets.token_urlsafe(32))
    settings = temporary_settings(rasa_port=PORTS[0], action_port=PORTS[1], with_webchat=False,
                                  with_telegram=False, with_dispatcher=False, model=model)
    settings.extra_env.update(production_env(jwt_secret, api_token, gateway))
    # The action server's databases elsewhere: the folder under test holds the conversations only.
    for name in ("KNOWLEDGE", "TICKETS", "FEEDBACK", "TELEGRAM"):
        settings.extra_env[f"{name}_DATABASE_URL"] = f"sqlite:///{scratch / (name.lower() + '.db')}"
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    stack = UnprivilegedRasaStack(settings, prefix, home)
    trackers = make_store_as_root_left_it(settings.var_dir)
    bot = Bot(stack, settings.rasa_url, api_token, jwt_secret, "", gateway)

    # As Rasa's user, the supervisor's own check sees the store cannot be written (and `bot run` would
    # refuse to start Rasa on it, with this message).
    monkeypatch.setattr(stack_checks, "_can_write", lambda path: can_write_as(prefix, path))
    with pytest.raises(UnwritableStore, match=f"Impossible d'écrire dans {settings.var_dir}"):
        check_writable(settings)
    monkeypatch.undo()

    supervising = threading.Event()
    said: list[str] = []
    supervisor: Optional[threading.Thread] = None
    try:
        stack.start(timeout=240)
        assert stat.S_IMODE(settings.var_dir.stat().st_mode) == 0o555  # still unwritable once started

        # The turn that finds out: an answer in French, never a stack trace, and the note last.
        first = bot.new_sender("ro")
        status, body = bot.post({"sender": first, "message": QUESTION, "metadata": {}})
        assert status == 200, (status, body)
        said_first = texts(body)
        assert body[-1]["text"] == NOT_SAVED, body
        assert not any(word in said_first for word in TECHNICAL), said_first
        # Later posts, until the process is gone: 503 and a French message (the gateways say « indisponible »).
        status, body = bot.post({"sender": bot.new_sender("ro"), "message": "bonjour"}, timeout=5)
        assert (status, body) == (503, {"error": RESTARTING})
        rasa = stack.processes["rasa"]
        assert rasa.wait(timeout=30) == EXIT_STORE_UNWRITABLE
        log = (settings.log_dir / "rasa.log").read_text(errors="replace")
        assert "n'est pas accessible en écriture" in log and "readonly" in log
        assert first not in log and QUESTION not in log  # no SQL parameters, no user text
        assert rows_of(trackers, first) == 0

        # The supervisor, checking as Rasa's user, says why and does not restart it on the same store...
        monkeypatch.setattr(stack_checks, "_can_write", lambda path: can_write_as(prefix, path))
        supervisor = threading.Thread(target=stack.supervise, kwargs=dict(
            stop=supervising.is_set, say=said.append, first_delay=1.0, poll=0.2), daemon=True)
        supervisor.start()
        deadline = time.monotonic() + 30
        while not any(line.startswith("rasa toujours arrêté") for line in said) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert said and said[0].startswith(f"rasa s'est arrêté (code {EXIT_STORE_UNWRITABLE}) ; "
                                           f"Impossible d'écrire dans {settings.var_dir}"), said
        assert "redémarrage dans 1 s" in said[0], said
        waiting = [line for line in said if line.startswith("rasa toujours arrêté : Impossible d'écrire")]
        assert waiting and "rasa redémarré." not in said, said
        assert stack.processes["rasa"].poll() is not None

        # ...and once the operator has given the folder back, restarts it; it answers and keeps the turn.
        give_back(settings.var_dir, trackers)
        deadline = time.monotonic() + 30
        while "rasa redémarré." not in said and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "rasa redémarré." in said, said
        wait_for(f"{settings.rasa_url}/", 180)
        second = bot.new_sender("ro")
        answer = bot.send(QUESTION, second)
        assert texts(answer) and NOT_SAVED not in texts(answer), answer
        assert rows_of(trackers, second) > 0  # written by the restarted Rasa, as its user
        assert stack.processes["rasa"].poll() is None
        assert not [line for line in said if line.startswith("actions")], said
    finally:
        supervising.set()
        if supervisor is not None:
            supervisor.join(timeout=10)
        stack.stop()
        settings.var_dir.chmod(0o755)
        shutil.rmtree(settings.var_dir, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)

"""Security of the production set-up: API token, identity tokens, "/intent" payloads, ticket scoping,
secrets in the repository, sender ids in logs."""
from __future__ import annotations

import ast
import base64
import json
import math
import random
import re
import subprocess
from collections import Counter
from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from bot.supervisor import ROOT
from helpdesk.identity import Identity, issue_token
from helpdesk.tickets import TicketStore

from .conftest import REFUSAL, Bot, http, texts

A, B = "0799002F", "0799004H"          # two establishments with tickets
OTHER = "0799009N"                     # the establishment tokenless attempts name
NUMBER = re.compile(r"INC-\d{4}-\d{5}")
MISSING = "INC-2026-99999"


# ------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def bot(shared_stacks) -> Bot:
    return shared_stacks.production_bot()


@pytest.fixture(scope="module")
def seeded(bot):
    """Two tickets of A and three of B, created straight in the bot's ticket store."""
    store = TicketStore.open(bot.tickets_url)
    made: dict[str, list] = {A: [], B: []}
    try:
        for uai, count in ((A, 2), (B, 3)):
            for i in range(count):
                made[uai].append(store.create_ticket(
                    uai=uai, category="reseau", line="departement", impact="salle", reporter_channel="web",
                    description=f"marqueur-confidentiel-{uai}-{i} : le réseau ne marche plus", place=f"salle {i}",
                    contact="Mme Secret 05 49 00 00 01", reporter_id=f"seed-{uai}",
                ))
        yield made
    finally:
        store.close()


def _snapshot(bot: Bot) -> dict[str, tuple]:
    """Every ticket with its status, last update and number of events (support-side view)."""
    store = TicketStore.open(bot.tickets_url)
    try:
        return {t.number: (t.uai, t.status, t.updated_at, len(store.admin_history(t.number) or []))
                for t in store.admin_list_tickets(limit=1000)}
    finally:
        store.close()


def _token(bot: Bot, **claims) -> str:
    base = {"sub": "u-test", "role": "rupn", "uai": A, "exp": 4_102_444_800}  # 2100-01-01
    base.update(claims)
    return jwt.encode({k: v for k, v in base.items() if v is not None}, bot.jwt_secret, algorithm="HS256")


# ------------------------------------------------------------------------------- Rasa HTTP API
@pytest.mark.slow
@pytest.mark.parametrize("method, path, body", [
    ("GET", "/conversations/{s}/tracker", None),
    ("GET", "/status", None),
    ("POST", "/model/parse", b'{"text": "bonjour"}'),
    ("POST", "/conversations/{s}/messages", b'{"text": "bonjour", "sender": "user"}'),
    ("POST", "/conversations/{s}/tracker/events", b'[{"event": "slot", "name": "user_uai", "value": "0799002F"}]'),
    ("PUT", "/conversations/{s}/tracker/events", b"[]"),
])
def test_http_api_needs_the_token(bot: Bot, method, path, body):
    url = bot.rasa_url + path.format(s=bot.new_sender("api"))
    assert http(method, url, body)[0] in (401, 403)
    assert http(method, url + "?token=wrong-" + bot.api_token[:8], body)[0] in (401, 403)


@pytest.mark.slow
def test_http_api_answers_with_the_token(bot: Bot):
    sender = bot.new_sender("api")
    bot.send("bonjour", sender)
    status, body = http("GET", f"{bot.rasa_url}/conversations/{sender}/tracker?token={bot.api_token}")
    assert status == 200
    assert json.loads(body)["sender_id"] == sender


# ----------------------------------------------------------------------- "/" without identity
TOKENLESS_PAYLOADS = [
    "/declare_incident",
    f'/declare_incident{{"uai": "{OTHER}"}}',
    f'/inform{{"uai": "{OTHER}"}}',
    '/inform{"subject": "reseau"}',
    '/inform{"value": "salle"}',
    '/inform{"choice": "confirm"}',
    "/affirm",
    "/list_tickets",
]


@pytest.mark.slow
@pytest.mark.parametrize("metadata", [
    {},
    {"uai": A, "role": "rupn", "channel": "web"},          # claims without a signature
    {"identity_token": "", "uai": A},
], ids=["no metadata", "forged claims", "empty token"])
def test_slash_payloads_without_a_token_open_and_show_nothing(bot: Bot, seeded, metadata):
    before = _snapshot(bot)
    sender = bot.new_sender("slash")
    payloads = TOKENLESS_PAYLOADS + [
        f'/check_ticket_status{{"ticket_id": "{seeded[A][0].number}"}}',
        f"où en est mon ticket {seeded[A][0].number} ?",
        f'/cancel_ticket{{"ticket_id": "{seeded[A][1].number}"}}',
        f'/add_ticket_comment{{"ticket_id": "{seeded[A][1].number}"}}',
    ]
    replies = [texts(bot.send(p, sender, metadata)) for p in payloads]
    seen = "\n".join(replies)
    assert REFUSAL in seen
    assert "marqueur-confidentiel" not in seen and "Mme Secret" not in seen
    assert not NUMBER.search(seen.replace(seeded[A][0].number, "").replace(seeded[A][1].number, ""))
    assert f"Ticket {seeded[A][0].number}" not in seen
    assert _snapshot(bot) == before  # no ticket opened, cancelled or commented
    slots = bot.tracker(sender)["slots"]
    for slot in ("incident_establishment", "user_uai", "incident_confirmed", "ticket_number"):
        assert slots.get(slot) is None, (slot, slots.get(slot))


# ---------------------------------------------------------------------------- identity tokens
def _bad_tokens(bot: Bot) -> dict[str, str]:
    return {
        "bad signature": jwt.encode({"sub": "u", "role": "rupn", "uai": A, "exp": 4_102_444_800},
                                    "another-key-" + bot.jwt_secret, algorithm="HS256"),
        "expired": issue_token(Identity("u", "rupn", A), bot.jwt_secret, ttl=timedelta(minutes=-5)),
        "unknown role": _token(bot, role="admin"),
        "no role": _token(bot, role=None),
        "no establishment": _token(bot, uai=None),
        "establishment outside the Deux-Sèvres": _token(bot, uai="0751234A"),
        "no expiry": _token(bot, exp=None),
        "alg none": jwt.encode({"sub": "u", "role": "rupn", "uai": A, "exp": 4_102_444_800}, key=None,
                               algorithm="none"),
        "garbage": "not.a.token",
        "number": 12345,
    }


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["bad signature", "expired", "unknown role", "no role", "no establishment",
                                  "establishment outside the Deux-Sèvres", "no expiry", "alg none", "garbage",
                                  "number"])
def test_refused_tokens_give_no_ticket_access(bot: Bot, seeded, kind):
    meta = {"identity_token": _bad_tokens(bot)[kind]}
    before = _snapshot(bot)
    sender = bot.new_sender("badtoken")
    ticket = seeded[A][0]
    status = texts(bot.send(f'/check_ticket_status{{"ticket_id": "{ticket.number}"}}', sender, meta))
    assert REFUSAL in status and "marqueur-confidentiel" not in status, status
    listing = texts(bot.send("/list_tickets", sender, meta))
    assert REFUSAL in listing and not NUMBER.search(listing), listing
    declared = [texts(bot.send(p, sender, meta)) for p in
                ("/declare_incident", '/inform{"subject": "reseau"}', "le wifi ne marche plus",
                 '/inform{"choice": "confirm"}')]
    assert not NUMBER.search("\n".join(declared)), declared
    assert _snapshot(bot) == before


@pytest.mark.slow
def test_a_valid_token_gives_access_to_its_own_tickets(bot: Bot, seeded):
    meta = bot.identity(A)
    ticket = seeded[A][0]
    status = texts(bot.send(f'/check_ticket_status{{"ticket_id": "{ticket.number}"}}', bot.new_sender("ok"), meta))
    assert f"Ticket {ticket.number}" in status and "marqueur-confidentiel" in status, status
    listing = texts(bot.send("/list_tickets", bot.new_sender("ok"), meta))
    assert all(t.number in listing for t in seeded[A]), listing


# ------------------------------------------------------------------------------------- scoping
def _normalised(text: str, number: str) -> str:
    return text.replace(number, "N")


@pytest.mark.slow
@pytest.mark.parametrize("ask", [
    "où en est mon ticket {n} ?",
    '/check_ticket_status{{"ticket_id": "{n}"}}',
    '/cancel_ticket{{"ticket_id": "{n}"}}',
    "ajoute un commentaire au ticket {n} : c'est réparé",
], ids=["status (text)", "status (payload)", "cancel", "comment"])
def test_other_establishments_tickets_look_like_missing_ones(bot: Bot, seeded, ask):
    meta = bot.identity(A)
    before = _snapshot(bot)
    missing = _normalised(texts(bot.send(ask.format(n=MISSING), bot.new_sender("scope"), meta)), MISSING)
    assert "marqueur-confidentiel" not in missing
    for ticket in seeded[B]:
        reply = texts(bot.send(ask.format(n=ticket.number), bot.new_sender("scope"), meta))
        assert _normalised(reply, ticket.number) == missing, (ticket.number, reply)
    assert _snapshot(bot) == before  # B's tickets were neither cancelled nor commented


@pytest.mark.slow
def test_listing_shows_only_ones_own_establishment(bot: Bot, seeded):
    listing = texts(bot.send("/list_tickets", bot.new_sender("scope"), bot.identity(A)))
    assert all(t.number in listing for t in seeded[A]), listing
    assert not any(t.number in listing for t in seeded[B]), listing


# ------------------------------------------------------------------------ secrets in the repo
SECRET_NAME = re.compile(
    r"""(?ix)
    (?P<name>[a-z0-9_.\-]*(?:secret|token|passw(?:or)?d|passwd|pwd|api[_-]?key|private[_-]?key|access[_-]?key|_key|key_)[a-z0-9_\-]*)
    ["']?\s*(?::|=|:=)\s*
    (?P<quote>["']?)(?P<value>[^"'\s,;#}{()]{12,})(?P=quote)
    """)
# In code an unquoted value is an expression (os.environ[...], issue_token(...)), not a secret.
CODE_SUFFIXES = {".py", ".js", ".ts", ".sh", ".mako"}
KNOWN_FORMATS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "Telegram bot token": re.compile(r"\b\d{8,10}:[A-Za-z0-9_-]{35}\b"),
    "signed JWT": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}"),
    "URL with a password": re.compile(r"\b[a-z+]+://[^/\s:@]+:[^/\s:@$]{6,}@"),
}
# Values that say they are not secrets, and references to the environment rather than values.
HARMLESS = re.compile(r"(?i)test|demo|example|exemple|dummy|fake|placeholder|changeme|change-me|not-the|wrong|invalid|"
                      r"xxx|\$\{|\$\(|environ|getenv|<|your|votre")


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _looks_random(value: str) -> bool:
    """A machine-made secret: high entropy and at least one long token mixing letters and digits or cases.

    Readable values ("channel-tests-secret-not-used-0123") are words and digit runs; random ones are not.
    """
    if re.fullmatch(r"[0-9a-fA-F]{20,}", value):
        return _entropy(value) >= 2.7
    if _entropy(value) < 3.5:
        return False
    tokens = [t for t in re.split(r"[-_.:/+=]", value) if t]
    mixed = [t for t in tokens if (re.search(r"[A-Za-z]", t) and re.search(r"\d", t))
             or (re.search(r"[a-z]", t[1:]) and re.search(r"[A-Z]", t[1:]))]
    if any(len(t) >= 12 for t in mixed):
        return True
    # A url-safe token can be cut short by its own « - » and « _ » (« tQRbIU5ku_P7Cb-vZgh… »): then most of
    # its pieces mix letters and digits or cases, which words never do.
    return len(value) >= 20 and len(mixed) * 2 >= len(tokens)


def _repository_files() -> list[Path]:
    """Tracked files and the new files about to be committed (not the ignored ones)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                         capture_output=True, check=True).stdout.decode()
    return [ROOT / name for name in out.split("\0") if name and (ROOT / name).is_file()]


def test_scanner_catches_a_random_secret_and_spares_test_values():
    # Made at run time (a literal here would be the very thing the scan looks for), from a fixed seed: a
    # fresh draw failed once in ten thousand (a token cut short by its own « - » and « _ »), which made the
    # test flaky; two hundred seeded draws cover those shapes every time.
    rng = random.Random(20261202)
    drawn = [(base64.urlsafe_b64encode(rng.randbytes(24)).decode(), rng.randbytes(16).hex()) for _ in range(200)]
    missed = [value for pair in drawn for value in pair if not _looks_random(value)]
    assert missed == []
    urlsafe, hexa = drawn[0]
    assert not _looks_random("channel-tests-secret-not-used-anywhere-else-0123456789")
    assert not _looks_random("demo-only-pseudonym-key")
    for line in (f'ENT_JWT_SECRET = "{urlsafe}"', f"  password: {urlsafe}", f'"api_key": "{hexa}"'):
        assert SECRET_NAME.search(line).group("value") in (urlsafe, hexa), line
    assert SECRET_NAME.search("token = issue_identity_token(identity, key)").group("quote") == ""


def test_no_secret_in_the_repository():
    found = []
    for path in _repository_files():
        if path.stat().st_size > 2_000_000:
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary files (models are not in the repository)
        rel = path.relative_to(ROOT)
        for number, line in enumerate(content.splitlines(), 1):
            for match in SECRET_NAME.finditer(line):
                value = match.group("value")
                if not match.group("quote") and path.suffix in CODE_SUFFIXES:
                    continue
                if not HARMLESS.search(value) and _looks_random(value):
                    found.append(f"{rel}:{number}: {match.group('name')} = {value[:6]}…")
            for kind, pattern in KNOWN_FORMATS.items():
                hit = pattern.search(line)
                if hit and not HARMLESS.search(hit.group(0)):
                    found.append(f"{rel}:{number}: {kind}")
    assert not found, "possible secrets committed:\n" + "\n".join(found)


# ---------------------------------------------------------------------- sender ids in the logs
LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
LOGGERS = {"log", "logger", "logging", "structlogger", "_log", "_logger"}
IDENTIFYING = re.compile(r"(?i)sender|user_id|chat_id|telegram_id|reporter_id|conversation_id|from_user|username")


def _log_calls_with_raw_ids(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of logging calls that pass a sender-like value not wrapped in pseudonymise()."""
    hits = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in LOG_METHODS and isinstance(node.func.value, ast.Name)
                and node.func.value.id in LOGGERS):
            continue
        shielded: set[int] = set()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and getattr(sub.func, "id", getattr(sub.func, "attr", "")) == "pseudonymise":
                shielded.update(id(inner) for inner in ast.walk(sub))
        for sub in ast.walk(node):
            if id(sub) in shielded:
                continue
            name = sub.id if isinstance(sub, ast.Name) else sub.attr if isinstance(sub, ast.Attribute) else None
            if name and IDENTIFYING.search(name):
                hits.append((node.lineno, name))
    return hits


def test_log_calls_pseudonymise_sender_ids():
    offenders = []
    for folder in ("bot", "actions", "knowledge"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            offenders += [f"{path.relative_to(ROOT)}:{line} logs {name}" for line, name in _log_calls_with_raw_ids(tree)]
    assert not offenders, "sender ids logged without helpdesk.privacy.pseudonymise:\n" + "\n".join(offenders)


def test_the_static_check_sees_a_raw_sender_id():
    tree = ast.parse("logger.info('turn of %s', tracker.sender_id)\nlogger.info('x %s', pseudonymise(sender_id))")
    assert _log_calls_with_raw_ids(tree) == [(1, "sender_id")]


@pytest.mark.slow
def test_logs_of_the_running_bot_hold_no_raw_sender_id(bot: Bot):
    # Every conversation this session's shared bot has had so far (bad input, faults, security).
    assert len(bot.senders) > 20
    logs = bot.log_text()
    leaked = sorted({s for s in bot.senders if s in logs})
    assert not leaked, f"{len(leaked)} raw sender ids in the logs, e.g. " + ", ".join(leaked[:3]) + \
        "\n" + "\n".join(line for line in logs.splitlines() if any(s in line for s in leaked[:3]))[:2000]

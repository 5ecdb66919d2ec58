"""Issue 15 on the live production-mode bot: a locked ticket database, and a scripted session with personal
data and an ENT token after which neither the logs nor the tracker store hold them.

Slow (the shared bot, ~1 min to start; the lock tests hold the database 45 s and 75 s): run under
``flock /tmp/heavy.lock``.
"""
from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from bot.channels.web.app import create_app
from bot.channels.web.settings import WebSettings
from helpdesk.identity import Identity, issue_token

from .conftest import Bot, buttons, http, texts, timed

NUMBER = re.compile(r"INC-\d{4}-\d{5}")
CONFIRM = '/inform{"choice": "confirm"}'
RETRY = '/declare_incident{"choice": "retry"}'  # « Réessayer » after « occupé »
GATEWAY_TIMEOUT_S = 60
BUSY_BUDGET_S = 10  # TICKETS_BUSY_BUDGET_S default


def _sqlite_path(bot: Bot) -> str:
    url = make_url(bot.tickets_url)
    if url.get_backend_name() != "sqlite":
        pytest.skip("the lock tests hold a SQLite lock (the shared bot is on PostgreSQL here)")
    return url.database


def _count(path: str, uai: str) -> int:
    with sqlite3.connect(path, timeout=1) as connection:  # a WAL reader never waits for the writer
        return connection.execute("SELECT count(*) FROM tickets WHERE uai = ?", (uai,)).fetchone()[0]


def _to_recap(bot: Bot, sender: str, meta: dict) -> None:
    for message in ("le wifi ne marche plus au CDI", '/declare_incident{"subject": "reseau"}', '/inform{"value": "site"}'):
        bot.send(message, sender, meta)
    recap = texts(bot.send("M. Dupont 05 49 00 00 00", sender, meta))
    assert "Récapitulatif" in recap, recap


@pytest.mark.parametrize("hold_s, uai", [(45, "0799008M"), (75, "0799009N")])
def test_a_locked_ticket_database_gives_busy_and_keeps_everyone_answered(prod_bot: Bot, hold_s, uai):
    path = _sqlite_path(prod_bot)
    meta = prod_bot.identity(uai)
    sender, bystander = prod_bot.new_sender("lock"), prod_bot.new_sender("bystander")
    _to_recap(prod_bot, sender, meta)
    before = _count(path, uai)

    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # a stuck writer: a backup, a long migration, another process
    locked_at = time.monotonic()
    try:
        with ThreadPoolExecutor(1) as pool:
            declaring = pool.submit(timed, lambda: prod_bot.send(CONFIRM, sender, meta, timeout=GATEWAY_TIMEOUT_S))
            time.sleep(1)
            answer, waited = timed(lambda: prod_bot.send("Qui répare les ordinateurs du collège ?", bystander,
                                                         prod_bot.identity(uai), timeout=GATEWAY_TIMEOUT_S))
            declared, declared_in = declaring.result()
        # The unrelated question is answered, within the busy budget at worst (it waited 41 s before).
        assert texts(answer), answer
        assert waited < BUSY_BUDGET_S + 5, waited
        # The declaration is told « occupé » well inside the gateway's timeout, and offered a retry.
        told = texts(declared)
        assert "momentanément occupé" in told and "réessayez dans une minute" in told, told
        assert declared_in < BUSY_BUDGET_S + 10 < GATEWAY_TIMEOUT_S, declared_in
        # « Réessayer » goes back to the recap of the same declaration (same id: never filed twice).
        assert RETRY in [b["payload"] for b in buttons(declared)]
        assert not NUMBER.search(told)
        assert _count(path, uai) == before  # nothing committed behind the user's back
    finally:
        time.sleep(max(0.0, hold_s - (time.monotonic() - locked_at)))
        holder.execute("ROLLBACK")
        holder.close()
    # Nothing was committed later either, once the lock is gone.
    assert _count(path, uai) == before
    recap = texts(prod_bot.send(RETRY, sender, meta))
    assert "Récapitulatif" in recap and not NUMBER.search(recap), recap
    assert _count(path, uai) == before
    done = texts(prod_bot.send(CONFIRM, sender, meta))
    numbers = NUMBER.findall(done)
    assert numbers, done
    assert _count(path, uai) == before + 1  # the retry files exactly one ticket


# -------------------------------------------------------------------------------------- hygiene
NAME, EMAIL, PHONE = "Marie Curie-Sklodowska", "marie.curie79@ac-poitiers.fr", "06 12 34 56 78"


async def _gateway_session(bot: Bot, ent_token: str) -> tuple[list[str], str]:
    """A declaration through the web chat gateway (in this process, on the live Rasa), as a browser would."""
    settings = WebSettings(rasa_url=bot.rasa_url, jwt_secret=bot.jwt_secret, mode="production")
    runner = aiohttp.web.AppRunner(create_app(settings))
    await runner.setup()
    site = aiohttp.web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - port 0's choice
    said: list[str] = []
    session = None
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}") as client:
            async def say(text: str) -> dict:
                nonlocal session
                body = {"message": text, **({"session": session} if session else {})}
                async with client.post("/api/chat", json=body, headers={"Authorization": f"Bearer {ent_token}"}) as r:
                    assert r.status == 200, await r.text()
                    data = await r.json()
                session = data["session"]
                said.append("\n".join(m.get("text", "") for m in data["messages"]))
                return data

            told = await say("le wifi ne marche plus au CDI")  # answered, with « Déclarer l'incident » under it
            [declare] = [b["payload"] for m in told["messages"] for b in m.get("buttons", [])
                         if b["payload"].startswith("/declare_incident")]
            first = await say(declare)
            payloads = [b["payload"] for m in first["messages"] for b in m.get("buttons", [])]
            await say(next((p for p in payloads if "site" in p), "tout le collège"))
            await say(f"{NAME}, {EMAIL}, {PHONE}")
            await say(CONFIRM)
    finally:
        await runner.cleanup()
    return said, session


def test_no_token_e_mail_or_phone_in_the_logs_or_the_tracker_store(prod_bot: Bot, monkeypatch):
    monkeypatch.setenv("GATEWAY_SECRET", prod_bot.gateway_secret)
    uai = "0799010P"
    ent_token = issue_token(Identity(user_id="ent-marie-curie", role="rupn", uai=uai, name=NAME), prod_bot.jwt_secret)
    said, _ = asyncio.run(_gateway_session(prod_bot, ent_token))
    assert NUMBER.search(said[-1]), said  # the declaration went through: the session did carry the data
    # A REST turn that fails (100,000 characters) must not log its text either.
    status, _ = http("POST", f"{prod_bot.rasa_url}/webhooks/rest/webhook",
                     ('{"sender": "s", "message": "' + EMAIL * 4000 + '"}').encode(), headers=prod_bot.gateway_headers)
    assert status == 413

    var_dir = prod_bot.stack.settings.var_dir
    stored = b"".join(p.read_bytes() for p in var_dir.glob("trackers.db*"))
    assert stored, "no tracker store found"
    logs = prod_bot.log_text()
    for secret in (ent_token, EMAIL, PHONE, PHONE.replace(" ", ""), "ent-marie-curie", NAME):
        assert secret.encode() not in stored, f"{secret[:12]}… in the tracker store"
        assert secret not in logs, f"{secret[:12]}… in the logs"

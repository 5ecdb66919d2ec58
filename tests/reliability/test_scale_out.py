"""Scale-out: two Rasa instances with the production endpoints (PostgreSQL tracker store, Redis lock
store), one action server, tickets in PostgreSQL. One conversation alternates between the instances, as
behind a round-robin reverse proxy, and declares an incident to the end."""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import threading
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from bot.supervisor import HOST, ROOT, base_env, python, temporary_settings
from helpdesk.tickets import TicketStore

from .conftest import ACTION_PORT, RASA_PORT, SECOND_RASA_PORT, Bot, production_env, require_model, start_stack, texts, wait_for

pytestmark = pytest.mark.services
NUMBER = re.compile(r"INC-\d{4}-\d{5}")
ENDPOINTS = ROOT / "endpoints.production.yml"


@pytest.fixture(scope="module")
def cluster(shared_stacks, postgres):
    """Instance 1 (Rasa 17005 + the action server 17055) and instance 2 (Rasa 17006), same endpoints."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    if postgres is None or not redis_url:
        pytest.skip("TEST_POSTGRES_URL and TEST_REDIS_URL are needed (scripts/services.sh start DIR)")
    shared_stacks.release()  # the shared bot holds port 17005
    trackers = postgres.create_database("rel_trackers")
    tickets = postgres.create_database("rel_scale_tickets")
    pg, redis = urlsplit(postgres.admin_url), urlsplit(redis_url)
    jwt_secret, api_token, gateway_secret = (secrets.token_urlsafe(32), secrets.token_urlsafe(24),
                                             secrets.token_urlsafe(32))
    settings = temporary_settings(rasa_port=RASA_PORT, action_port=ACTION_PORT, endpoints=ENDPOINTS,
                                  with_webchat=False, with_telegram=False, with_dispatcher=False,
                                  model=require_model())
    settings.extra_env.update(production_env(jwt_secret, api_token, gateway_secret))
    settings.extra_env.update({
        "TICKETS_DATABASE_URL": postgres.url(tickets),
        "ACTION_SERVER_URL": f"http://{HOST}:{ACTION_PORT}/webhook",
        "DB_HOST": pg.hostname, "DB_PORT": str(pg.port or 5432), "DB_NAME": trackers,
        "DB_USER": pg.username or "postgres", "DB_PASSWORD": pg.password or "",
        "REDIS_HOST": redis.hostname, "REDIS_PORT": str(redis.port or 6379), "REDIS_PASSWORD": redis.password or "",
        "REDIS_LOCK_DB": "1",
    })
    first = start_stack(settings, "scale-out 1")
    second = None
    try:
        log = open(settings.log_dir / "rasa-2.log", "ab")  # noqa: SIM115 - the child keeps its own copy
        with log:
            second = subprocess.Popen([
                python(), "-m", "bot.rasa_process.server", "run", "-m", str(settings.model), "-i", HOST, "-p", str(SECOND_RASA_PORT),
                "--enable-api", "--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(ENDPOINTS),
                f"--auth-token={api_token}",
            ], cwd=ROOT, env=base_env(settings), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        first.processes["rasa-2"] = second  # stopped with the stack
        wait_for(f"http://{HOST}:{SECOND_RASA_PORT}/", timeout=420)
        bots = [Bot(first, f"http://{HOST}:{port}", api_token, jwt_secret, postgres.url(tickets), gateway_secret)
                for port in (RASA_PORT, SECOND_RASA_PORT)]
        bots[1].send("bonjour", "warm-up-2")  # the first turn of an instance is slow
        yield bots, postgres.url(trackers), settings
    finally:
        first.stop()


def _state(bot: Bot, sender: str) -> tuple[dict, str | None]:
    tracker = bot.tracker(sender)
    slots = {k: v for k, v in tracker["slots"].items() if v is not None}
    return slots, (tracker.get("active_loop") or {}).get("name")


def test_a_conversation_alternating_between_instances_declares_an_incident(cluster):
    (one, two), trackers_url, _ = cluster
    uai = "0799008M"
    meta = one.identity(uai)
    sender = one.new_sender("scale")
    turns = [
        (two, "le wifi ne marche plus au CDI", "05.49.06.63.60"),  # answered, « Déclarer l'incident » under it
        (one, '/declare_incident{"subject": "reseau"}', "Qu'est-ce qui est touché"),
        (two, '/inform{"value": "salle"}', "Qui le service peut-il contacter"),
        (one, "M. Dupont 05 49 00 00 00", "Récapitulatif"),
        (two, '/inform{"choice": "confirm"}', "enregistré"),
    ]
    log = []
    for number, (bot, message, expected) in enumerate(turns):
        reply = texts(bot.send(message, sender, meta))
        log.append(reply)
        assert expected in reply, "\n".join(log)
        other = two if bot is one else one
        # The other instance sees exactly the same conversation state, at once.
        assert _state(other, sender) == _state(bot, sender)
        slots, loop = _state(other, sender)
        if number == 1:
            assert loop == "incident_form" and slots["incident_category"] == "reseau"
            assert slots["incident_place"] == "CDI" and slots["requested_slot"] == "incident_impact"
        if number == 2:
            assert slots["incident_impact"] == "salle" and slots["incident_description"] == "le wifi ne marche plus au CDI"
        if number == 3:
            assert slots["incident_contact"] == "M. Dupont 05 49 00 00 00"
            assert slots["requested_slot"] == "incident_confirmed"
        if number == 4:
            assert loop is None and slots.get("ticket_number")
    ticket_number = NUMBER.search(log[-1]).group(0)
    store = TicketStore.open(one.tickets_url)
    try:
        ticket = store.get_ticket(ticket_number, uai)
        assert ticket is not None and ticket.impact == "salle" and ticket.place == "CDI"
        assert ticket.description == "le wifi ne marche plus au CDI" and ticket.line == "departement"
    finally:
        store.close()
    engine = create_engine(trackers_url, future=True)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender})
            assert stored.scalar_one() > 10  # the conversation lives in PostgreSQL, not in an instance
    finally:
        engine.dispose()


def test_concurrent_turns_on_both_instances_are_serialised(cluster):
    """Turns of one conversation sent at the same time to both instances: the Redis lock makes them wait
    for each other, so every turn is stored whole (its user event, then its actions) and none is lost."""
    (one, two), _, _ = cluster
    sender = one.new_sender("race")
    questions = ["qui installe le vidéoprojecteur ?", "qui paie les téléphones portables",
                 "qui gère les sauvegardes", "qui achète les ordinateurs", "qui filtre internet au collège",
                 "qui s'occupe de l'antivirus"]
    results: list[list[dict]] = [[] for _ in questions]

    def ask(index: int) -> None:
        results[index] = (one, two)[index % 2].send(questions[index], sender, timeout=300)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=320)
    events = one.tracker(sender)["events"]
    story = [(e["event"], e.get("name") or e.get("text") or "") for e in events if e["event"] in ("user", "action", "bot")]
    assert all(texts(r) for r in results), (results, story)
    users = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(users) == sorted(questions), story
    # Between two user messages, the bot's turn is complete: it ends by listening.
    kinds = [("user" if e["event"] == "user" else e.get("name")) for e in events
             if e["event"] == "user" or (e["event"] == "action" and e.get("name") == "action_listen")]
    turns = "".join("U" if k == "user" else "L" for k in kinds)
    assert "UU" not in turns, (turns, story)


def test_endpoints_file_names_only_environment_variables():
    content = ENDPOINTS.read_text(encoding="utf-8")
    values = [line.split(":", 1)[1].strip() for line in content.splitlines()
              if ":" in line and not line.lstrip().startswith("#") and line.split(":", 1)[1].strip()]
    literal = {"bot.rasa_process.tracker_store.SealedSQLTrackerStore", '"postgresql"',
               "bot.rasa_process.lock_store.AtomicRedisLockStore", '"convention79"'}
    # Unquoted: Rasa expands ${VAR} only in plain YAML values.
    assert all(v in literal or v.startswith("${") for v in values), values
    assert "password" in content and "${DB_PASSWORD}" in content and "${REDIS_PASSWORD}" in content


def test_rasa_reads_the_production_endpoints_as_postgres_and_redis(monkeypatch, postgres):
    """Rasa's own loader, with the variables set as in production: the stores are the shared ones."""
    from rasa.core.lock_store import LockStore
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
    from rasa.core.utils import read_endpoints_from_path

    from bot.rasa_process.lock_store import AtomicRedisLockStore

    redis_url = os.environ.get("TEST_REDIS_URL")
    if postgres is None or not redis_url:
        pytest.skip("TEST_POSTGRES_URL and TEST_REDIS_URL are needed (scripts/services.sh start DIR)")
    pg, redis = urlsplit(postgres.url(postgres.create_database("rel_endpoints"))), urlsplit(redis_url)
    for name, value in {"ACTION_SERVER_URL": "http://actions.internal:5055/webhook", "DB_HOST": pg.hostname,
                        "DB_PORT": str(pg.port), "DB_NAME": pg.path.lstrip("/"), "DB_USER": pg.username or "postgres",
                        "DB_PASSWORD": pg.password or "", "REDIS_HOST": redis.hostname, "REDIS_PORT": str(redis.port),
                        "REDIS_PASSWORD": redis.password or "", "REDIS_LOCK_DB": "1",
                        "GATEWAY_SECRET": "g" * 32}.items():
        monkeypatch.setenv(name, value)
    endpoints = read_endpoints_from_path(ENDPOINTS)
    assert endpoints.action.url == "http://actions.internal:5055/webhook"
    lock_store = LockStore.create(endpoints.lock_store)
    assert isinstance(lock_store, AtomicRedisLockStore)
    assert lock_store.red.connection_pool.connection_kwargs["db"] == 1
    assert lock_store.red.ping()
    tracker_store = TrackerStore.create(endpoints.tracker_store)
    assert isinstance(tracker_store, SQLTrackerStore)
    assert tracker_store.engine.url.get_backend_name() == "postgresql"
    assert tracker_store.engine.url.port == pg.port

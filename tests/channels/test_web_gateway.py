"""The ENT web chat gateway against a fake Rasa on loopback."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import aiohttp
import jwt
import pytest

from bot.channels.common.account_links import LinkStore
from bot.channels.web.app import conversation_id, create_app
from bot.channels.web.settings import WebSettings
from helpdesk.identity import verify_token

from .conftest import DEMO_UAI, FEEDBACK_UP, OTHER_UAI, SECRET, serve, token_for

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.4\n" + b"x" * 200


@pytest.fixture
def settings(fake_rasa, tmp_path):
    return WebSettings(rasa_url=fake_rasa.url, jwt_secret=SECRET, mode="demo",
                       allowed_origins=("https://ent.example.org",), telegram_bot_username="convention79_bot",
                       telegram_database_url=f"sqlite:///{tmp_path / 'telegram.db'}",
                       tickets_database_url=f"sqlite:///{tmp_path / 'tickets.db'}")


@pytest.fixture
async def gateway(settings):
    runner, url = await serve(create_app(settings))
    async with aiohttp.ClientSession(base_url=url) as client:
        yield client
    await runner.cleanup()


async def post_chat(client, body, token=None, **kwargs):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    async with client.post("/api/chat", data=data, headers={"Content-Type": "application/json", **headers},
                           **kwargs) as response:
        return response.status, await response.json()


# ------------------------------------------------------------------------------------ static files


@pytest.mark.parametrize("path, content_type, marker", [
    ("/", "text/html", 'src="/webchat/chat.js"'),
    ("/embed.html", "text/html", 'data-container="cn79-embed"'),
    ("/webchat/chat.js", "application/javascript", "role"),
    ("/webchat/chat.css", "text/css", ".cn79-chat"),
])
async def test_static_files_have_their_content_type(gateway, path, content_type, marker):
    async with gateway.get(path) as response:
        assert response.status == 200
        assert response.content_type == content_type
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert marker in await response.text()


async def test_html_pages_forbid_inline_scripts_and_foreign_framing(gateway):
    async with gateway.get("/embed.html") as response:
        csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'self' https://ent.example.org" in csp


@pytest.mark.parametrize("path", ["/", "/embed.html", "/demo.html"])
async def test_html_pages_carry_x_frame_options_for_older_browsers(gateway, path):
    async with gateway.get(path) as response:
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors" in response.headers["Content-Security-Policy"]  # what current browsers use


@pytest.mark.parametrize("path", ["/webchat/../app.py", "/webchat/%2e%2e%2fapp.py", "/webchat/nope.js",
                                  "/webchat/.hidden", "/webchat/settings.py"])
async def test_no_file_outside_the_chat_is_served(gateway, path):
    async with gateway.get(path) as response:
        assert response.status == 404


async def test_healthz(gateway):
    async with gateway.get("/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok", "mode": "demo"}


# -------------------------------------------------------------------------------------------- chat


async def test_chat_forwards_message_and_verified_claims_and_returns_bot_messages(gateway, fake_rasa):
    token = token_for(role="principal", uai=OTHER_UAI)
    status, body = await post_chat(gateway, {"message": "Qui répare les ordinateurs ?"}, token=token)
    assert status == 200
    call = fake_rasa.calls[-1]
    assert call["message"] == "Qui répare les ordinateurs ?"
    assert set(call["metadata"]) == {"channel", "identity_token"} and call["metadata"]["channel"] == "web"
    # Not the ENT's token: the gateway's own, with only {uai, role, pseudonymous sub}.
    forwarded = call["metadata"]["identity_token"]
    assert forwarded != token
    claims = jwt.decode(forwarded, SECRET, algorithms=["HS256"])
    identity = verify_token(token, SECRET)
    assert set(claims) == {"sub", "role", "uai", "exp"}
    assert (claims["uai"], claims["role"]) == (OTHER_UAI, "principal")
    assert claims["sub"].startswith("u-") and identity.user_id not in forwarded and identity.user_id not in claims["sub"]
    assert claims["exp"] - datetime.now(timezone.utc).timestamp() <= 600
    assert call["sender"] == conversation_id(identity, None)[0]
    assert body["verified"] is True
    texts = [m.get("text") for m in body["messages"]]
    assert texts[0].startswith("L'acquisition et la maintenance des matériels informatiques")
    citation = next(m["custom"] for m in body["messages"] if "custom" in m)
    assert citation["article_label"] == "Préambule" and citation["parties"] == ["departement"]
    assert body["messages"][-1]["buttons"][0] == {"title": "👍 Oui", "payload": FEEDBACK_UP}


async def test_same_user_keeps_one_conversation_across_sessions(gateway, fake_rasa):
    token = token_for()
    await post_chat(gateway, {"message": "bonjour", "session": "a" * 20}, token=token)
    await post_chat(gateway, {"message": "bonjour", "session": "b" * 20}, token=token)
    assert fake_rasa.calls[0]["sender"] == fake_rasa.calls[1]["sender"]
    other = token_for(sub="ent-user-2")
    await post_chat(gateway, {"message": "bonjour"}, token=other)
    assert fake_rasa.calls[2]["sender"] != fake_rasa.calls[0]["sender"]


async def test_anonymous_visitor_gets_a_session_and_keeps_it(gateway, fake_rasa):
    status, first = await post_chat(gateway, {"message": "bonjour"})
    assert status == 200 and first["verified"] is False
    session = first["session"]
    await post_chat(gateway, {"message": "encore", "session": session})
    assert fake_rasa.calls[0]["sender"] == fake_rasa.calls[1]["sender"] == f"web-anon-{session}"
    assert fake_rasa.calls[0]["metadata"] == {"channel": "web"}


async def test_invalid_token_is_refused_at_the_gateway_and_not_forwarded(gateway, fake_rasa):
    status, body = await post_chat(gateway, {"message": "bonjour"}, token="junk.token.value")
    assert status == 200 and body["verified"] is False
    assert fake_rasa.calls[-1]["metadata"] == {"channel": "web"}
    assert fake_rasa.calls[-1]["sender"].startswith("web-anon-")


async def test_the_gateway_token_is_signed_with_the_gateway_secret_and_trusted_by_the_actions(
        settings, fake_rasa, monkeypatch):
    from helpdesk.identity import resolve_identity

    monkeypatch.setenv("GATEWAY_SECRET", "gateway-secret-for-tests-0123456789")
    runner, url = await serve(create_app(settings))
    try:
        async with aiohttp.ClientSession(base_url=url) as client:
            await post_chat(client, {"message": "bonjour"}, token=token_for(role="rupn", uai=OTHER_UAI))
    finally:
        await runner.cleanup()
    metadata = fake_rasa.calls[-1]["metadata"]
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(metadata["identity_token"], SECRET, algorithms=["HS256"])
    # The action server (no ENT secret needed for it) knows who speaks, and nothing more.
    identity = resolve_identity(metadata, mode="production", secret="")
    assert identity is not None and (identity.uai, identity.role, identity.name) == (OTHER_UAI, "rupn", None)


def test_web_sender_ids_are_keyed_with_the_pseudonym_key(monkeypatch):
    import hashlib

    from helpdesk.identity import Identity

    user = Identity(user_id="ent-user-1", role="rupn", uai=DEMO_UAI)
    monkeypatch.setenv("PSEUDONYM_KEY", "key-one")
    first = conversation_id(user, None)[0]
    monkeypatch.setenv("PSEUDONYM_KEY", "key-two")
    second = conversation_id(user, None)[0]
    unsalted = hashlib.sha256(f"{DEMO_UAI}:ent-user-1".encode()).hexdigest()[:24]
    assert first.startswith("web-") and first != second
    assert unsalted not in first and unsalted not in second


async def test_button_payload_is_sent_as_is_but_typed_intent_syntax_is_not(gateway, fake_rasa):
    _, first = await post_chat(gateway, {"message": "Qui répare les ordinateurs ?"})
    session = first["session"]
    status, body = await post_chat(gateway, {"message": FEEDBACK_UP, "session": session})
    assert fake_rasa.calls[-1]["message"] == FEEDBACK_UP
    assert body["messages"][0]["text"] == "Merci pour votre retour !"
    # A payload that was not offered is plain text for Rasa, not an intent with forged entities.
    await post_chat(gateway, {"message": '/inform{"uai": "0799002F"}', "session": session})
    assert not fake_rasa.calls[-1]["message"].startswith("/")


async def test_a_button_of_an_older_answer_still_reaches_rasa_as_a_button(gateway, fake_rasa):
    # The chat keeps older answers' buttons on screen: a click on one after another question must not
    # turn into the text of its payload (it was answered as a question: « Je ne trouve pas ce point »).
    _, first = await post_chat(gateway, {"message": "Qui répare les ordinateurs ?"})
    session = first["session"]
    await post_chat(gateway, {"message": "Et le wifi ?", "session": session})
    await post_chat(gateway, {"message": "merci", "session": session})
    _, body = await post_chat(gateway, {"message": FEEDBACK_UP, "session": session})
    assert fake_rasa.calls[-1]["message"] == FEEDBACK_UP
    assert body["messages"][0]["text"] == "Merci pour votre retour !"


def test_only_the_latest_buttons_are_remembered_each_once():
    from bot.channels.common.user_input import MAX_REMEMBERED_BUTTONS, recent_payloads

    remembered = recent_payloads([], [f"/b{i}" for i in range(MAX_REMEMBERED_BUTTONS)])
    after = recent_payloads(remembered, ["/b0", "/new"])
    assert len(after) == MAX_REMEMBERED_BUTTONS
    assert after[-2:] == ["/b0", "/new"]  # shown again: now among the latest
    assert "/b1" not in after and after.count("/b0") == 1  # the oldest one left


@pytest.mark.parametrize("body, status", [
    ({"message": ""}, 400),
    ({"message": "   \n\t "}, 400),
    ({"message": None}, 400),
    ({"message": 42}, 400),
    ({}, 400),
    ({"message": "x" * 20_000}, 413),
])
async def test_empty_or_huge_messages_get_a_french_error_and_reach_nobody(gateway, fake_rasa, body, status):
    got, answer = await post_chat(gateway, body)
    assert got == status
    assert answer["error"].startswith("Votre message est")
    assert fake_rasa.calls == []


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"texte"', b"\xff\xfe\x00"])
async def test_invalid_json_is_a_400_with_a_french_error(gateway, fake_rasa, raw):
    status, answer = await post_chat(gateway, raw)
    assert status == 400
    assert "Requête illisible" in answer["error"]
    assert fake_rasa.calls == []


async def test_oversized_body_is_refused_before_reading(gateway, fake_rasa):
    status, answer = await post_chat(gateway, json.dumps({"message": "x" * 200_000}))
    assert status == 413 and "trop long" in answer["error"]


async def test_html_and_control_characters_are_passed_as_text(gateway, fake_rasa):
    hostile = '<img src=x onerror="alert(1)">\u202e\x00 Qui paie ?'
    status, body = await post_chat(gateway, {"message": hostile})
    assert status == 200
    forwarded = fake_rasa.calls[-1]["message"]
    assert forwarded == '<img src=x onerror="alert(1)"> Qui paie ?'  # bidi override and NUL removed
    # The echo comes back verbatim inside JSON: the browser inserts it as text (chat.js uses textContent).
    assert body["messages"][0]["text"] == f"Reçu : {forwarded}"


async def test_rasa_down_gives_a_french_502(gateway, fake_rasa):
    fake_rasa.fail = True
    status, body = await post_chat(gateway, {"message": "bonjour"})
    assert status == 502
    assert "momentanément indisponible" in body["error"] and "05.49.06.63.60" in body["error"]


async def test_cors_only_for_configured_origins(gateway):
    async with gateway.options("/api/chat", headers={"Origin": "https://ent.example.org",
                                                     "Access-Control-Request-Method": "POST"}) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "https://ent.example.org"
    async with gateway.options("/api/chat", headers={"Origin": "https://evil.example.com"}) as response:
        assert response.status == 403
        assert "Access-Control-Allow-Origin" not in response.headers


# ----------------------------------------------------------------------------------------- uploads


async def upload(client, data: bytes, filename="photo.png", content_type="image/png", token=None, session=None):
    form = aiohttp.FormData()
    if session:
        form.add_field("session", session)
    form.add_field("file", data, filename=filename, content_type=content_type)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with client.post("/api/upload", data=form, headers=headers) as response:
        return response.status, await response.json()


async def test_upload_is_staged_for_the_conversation(gateway, settings):
    from helpdesk.tickets import TicketStore

    token = token_for()
    status, body = await upload(gateway, PNG, token=token)
    assert status == 200, body
    assert body["attachment"] == {"filename": "photo.png", "content_type": "image/png", "size": len(PNG)}
    store = TicketStore.open(settings.tickets_database_url)
    try:
        sender = conversation_id(verify_token(token, SECRET), None)[0]
        assert [a.filename for a in store.staged_attachments(sender)] == ["photo.png"]
    finally:
        store.close()


async def test_upload_limits(gateway):
    token = token_for()
    status, body = await upload(gateway, b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024 + 10), token=token)
    assert status == 413 and "5 Mo" in body["error"]
    status, body = await upload(gateway, b"MZ\x90\x00 not an image", filename="virus.exe",
                                content_type="application/octet-stream", token=token)
    assert status == 400 and body["error"]
    status, body = await upload(gateway, b"MZ fake", filename="photo.jpg", content_type="image/jpeg", token=token)
    assert status == 400
    for index in range(3):
        assert (await upload(gateway, PDF, filename=f"doc{index}.pdf", content_type="application/pdf",
                             token=token))[0] == 200
    status, body = await upload(gateway, PDF, filename="doc4.pdf", content_type="application/pdf", token=token)
    assert status == 400 and "maximum" in body["error"]


async def test_upload_without_file_is_a_french_400(gateway):
    async with gateway.post("/api/upload", data=b"junk", headers={"Content-Type": "text/plain"}) as response:
        assert response.status == 400
        assert "Aucun fichier" in (await response.json())["error"]


async def test_production_upload_needs_a_valid_token(fake_rasa, settings):
    settings.mode = "production"
    runner, url = await serve(create_app(settings))
    try:
        async with aiohttp.ClientSession(base_url=url) as client:
            status, body = await upload(client, PNG)
            assert status == 403 and "ENT" in body["error"]
            status, _ = await upload(client, PNG, token=token_for())
            assert status == 200
    finally:
        await runner.cleanup()


# -------------------------------------------------------------------------------------------- news


async def test_news_are_delivered_once_to_their_reporter(gateway, settings):
    from helpdesk.tickets import TicketStore

    token = token_for()
    sender = conversation_id(verify_token(token, SECRET), None)[0]
    store = TicketStore.open(settings.tickets_database_url)
    try:
        ticket = store.create_ticket(uai=DEMO_UAI, category="reseau", line="departement",
                                     description="Plus de réseau en salle 12", impact="salle", place="salle 12",
                                     reporter_channel="web", reporter_id=sender, conversation_id=sender)
        store.set_status(ticket.number, "en_cours", author="hotline", note="Technicien prévu jeudi")
        other = store.create_ticket(uai=DEMO_UAI, category="reseau", line="departement",
                                    description="Imprimante HS", impact="poste", reporter_channel="web",
                                    reporter_id="web-someone-else", conversation_id="web-someone-else")
        store.set_status(other.number, "en_cours", author="hotline")
    finally:
        store.close()
    async with gateway.get("/api/news", headers={"Authorization": f"Bearer {token}"}) as response:
        first = await response.json()
    assert [item["ticket"] for item in first["news"]] == [ticket.number]
    assert ticket.number in first["news"][0]["text"]
    async with gateway.get("/api/news", headers={"Authorization": f"Bearer {token}"}) as response:
        assert (await response.json())["news"] == []


# --------------------------------------------------------------------------------- Telegram linking


async def test_telegram_link_code_for_a_valid_token(gateway, settings):
    async with gateway.post("/api/telegram-link", headers={"Authorization": f"Bearer {token_for()}"}) as response:
        assert response.status == 200
        body = await response.json()
    assert body["link"] == f"https://t.me/convention79_bot?start={body['code']}"
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(minutes=5) < expires - datetime.now(timezone.utc) <= timedelta(minutes=10)
    store = LinkStore(settings.telegram_database_url)
    try:
        link = store.consume_code(body["code"], 4242)
        assert (link.uai, link.role) == (DEMO_UAI, "rupn")
    finally:
        store.close()


async def test_telegram_link_refused_without_valid_token(gateway):
    for headers in ({}, {"Authorization": "Bearer junk"}, {"Authorization": f"Bearer {token_for(ttl=timedelta(seconds=-5))}"}):
        async with gateway.post("/api/telegram-link", headers=headers) as response:
            assert response.status == 401
            assert "ENT" in (await response.json())["error"]

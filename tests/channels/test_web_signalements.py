"""The web chat gateway shows a RUPN their collège's waiting signalements (issue 14) with the one-tap forward,
against a fake Rasa: who sees them, once, and that the button still works after other exchanges. With the
live bot, the tap's ticket: tests/conversations/test_signalement_notices.py."""
from __future__ import annotations

from helpdesk.roles import SIGNALEMENT_PREFIX
from helpdesk.tickets import TicketStore

from .conftest import DEMO_UAI, OTHER_UAI, token_for
from .test_web_gateway import gateway, post_chat, settings  # noqa: F401 - fixtures


async def _news(client, token):
    async with client.get("/api/news", headers={"Authorization": f"Bearer {token}"}) as response:
        assert response.status == 200
        return [n for n in (await response.json())["news"] if n.get("kind") == "signalement"]


async def test_a_rupn_sees_the_signalement_once_and_its_button_is_accepted_later(
        gateway, settings, fake_rasa):  # noqa: F811 - fixtures imported above
    store = TicketStore.open(settings.tickets_database_url)
    try:
        signalement = store.create_ticket(
            uai=DEMO_UAI, category="videoprojecteur", line="college", impact="salle", place="salle 5",
            description=f"{SIGNALEMENT_PREFIX}le vidéoprojecteur ne s'allume plus", reporter_channel="web",
            reporter_id="web-prof", notify_rupn=True)
    finally:
        store.close()
    rupn = token_for("rupn", DEMO_UAI, sub="rupn-1")
    assert await _news(gateway, token_for("enseignant", DEMO_UAI, sub="prof-1")) == []
    assert await _news(gateway, token_for("rupn", OTHER_UAI, sub="rupn-2")) == []
    [notice] = await _news(gateway, rupn)
    assert notice["ticket"] == signalement.number and "« le vidéoprojecteur ne s'allume plus »" in notice["text"]
    assert [b["title"] for b in notice["buttons"]] == ["Transmettre au service", "Voir le signalement"]
    assert await _news(gateway, rupn) == []  # once

    await post_chat(gateway, {"message": "Qui répare les ordinateurs ?"}, rupn)  # other buttons offered since
    status, _ = await post_chat(gateway, {"message": notice["buttons"][0]["payload"]}, rupn)
    assert status == 200
    assert fake_rasa.calls[-1]["message"] == f'/forward_ticket{{"ticket_id": "{signalement.number}"}}'
    # Typed by someone who was never shown the button, the same text is not an intent.
    await post_chat(gateway, {"message": notice["buttons"][0]["payload"]}, token_for("rupn", DEMO_UAI, sub="rupn-3"))
    assert not fake_rasa.calls[-1]["message"].startswith("/")

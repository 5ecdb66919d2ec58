"""The Telegram gateway tells linked RUPNs about their collège's signalements (issue 14), against the fake Bot
API (which refuses what the real one refuses) and a fake Rasa: who is told, once, and what a tap sends.
With the live bot, the tap's ticket: tests/conversations/test_signalement_notices.py."""
from __future__ import annotations

from bot.channels.common.account_links import LinkStore
from bot.channels.telegram.app import deliver_signalement_notices
from helpdesk.identity import verify_token
from helpdesk.roles import SIGNALEMENT_PREFIX
from helpdesk.tickets import TicketStore

from .conftest import DEMO_UAI, OTHER_UAI, SECRET, feed
from .test_telegram import keyboard_of, tg_app, tg_settings  # noqa: F401 - fixtures

RUPN, TEACHER, OTHER_RUPN, BLOCKED_RUPN = 5551001, 5551002, 5551003, 5551004


def _signalement(settings, uai=DEMO_UAI, notify=True):
    store = TicketStore.open(settings.tickets_database_url)
    try:
        return store.create_ticket(uai=uai, category="videoprojecteur", line="college", impact="salle",
                                   description=f"{SIGNALEMENT_PREFIX}le vidéoprojecteur ne s'allume plus",
                                   place="salle 5", reporter_channel="web", reporter_id="web-prof",
                                   notify_rupn=notify)
    finally:
        store.close()


async def test_linked_rupns_of_the_collège_are_told_once_and_a_tap_sends_the_forward(
        tg_app, tg_settings, fake_bot_api, fake_rasa, updates):  # noqa: F811 - fixtures imported above
    links = LinkStore(tg_settings.database_url)
    for user, uai, role in ((RUPN, DEMO_UAI, "rupn"), (TEACHER, DEMO_UAI, "enseignant"),
                            (OTHER_RUPN, OTHER_UAI, "rupn"), (BLOCKED_RUPN, DEMO_UAI, "rupn")):
        links.allow(user, uai, role=role)
    links.close()
    signalement = _signalement(tg_settings)
    _signalement(tg_settings, notify=False)  # a ticket without a notice is never announced
    fake_bot_api.fail_chats.add(BLOCKED_RUPN)

    assert await deliver_signalement_notices(tg_app) == 1
    [notice] = [m for m in fake_bot_api.sent() if int(m["chat_id"]) == RUPN]
    # Tried: this collège's RUPNs only (one has blocked the bot); not its teacher, not another collège's RUPN.
    assert {int(m["chat_id"]) for m in fake_bot_api.sent()} == {RUPN, BLOCKED_RUPN}
    sent = len(fake_bot_api.sent())
    assert notice["text"].startswith(f"🔔 Nouveau signalement {signalement.number}")
    keys = dict(keyboard_of(notice))
    assert list(keys) == ["Transmettre au service", "Voir le signalement"]
    # Delivered and undeliverable (bot blocked) notices are both recorded: nothing is sent twice.
    assert await deliver_signalement_notices(tg_app) == 0 and len(fake_bot_api.sent()) == sent

    await feed(tg_app, updates.callback(RUPN, keys["Transmettre au service"]))
    call = fake_rasa.calls[-1]
    assert call["message"] == f'/forward_ticket{{"ticket_id": "{signalement.number}"}}'
    identity = verify_token(call["metadata"]["identity_token"], SECRET)
    assert (identity.role, identity.uai) == ("rupn", DEMO_UAI)  # the action checks the RUPN's rights

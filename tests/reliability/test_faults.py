"""Faults in the middle of a conversation: the action server killed, the ticket database gone.

What Rasa 3.6 does when the action server is unreachable: it logs the failed action, keeps the tracker
as it was before the failed action and answers the REST call at once with an empty list (no message).
So the user is not left waiting, the gateways turn that empty list into a French "service unavailable"
message, and the form resumes with its slots once the action server is back.
"""
from __future__ import annotations

import re

import pytest

from helpdesk.tickets import TicketStore

from .conftest import Bot, buttons, kill_action_server, start_action_server, texts, timed

NUMBER = re.compile(r"INC-\d{4}-\d{5}")
CONFIRM = '/inform{"choice": "confirm"}'
RETRY = '/declare_incident{"choice": "retry"}'  # « Reprendre »: back to the recap of the same declaration
# « Déclarer l'incident » under the answer to a network or equipment fault told: the declaration starts from it.
DECLARE_NETWORK = '/declare_incident{"subject": "reseau"}'
DECLARE_EQUIPMENT = '/declare_incident{"subject": "materiel_informatique"}'
# Every turn of a conversation must be answered well within this, whatever is down.
TURN_LIMIT_S = 30


def _slots(bot: Bot, sender: str) -> dict:
    return {k: v for k, v in bot.tracker(sender)["slots"].items() if v is not None}


@pytest.mark.slow
def test_action_server_killed_mid_form_then_restarted_resumes_the_form(prod_bot: Bot):
    uai = "0799006K"
    meta = prod_bot.identity(uai)
    sender = prod_bot.new_sender("kill")
    told = texts(prod_bot.send("le wifi ne marche plus au CDI", sender, meta))
    assert "05.49.06.63.60" in told and "Qu'est-ce qui est touché" not in told, told  # answered, no form yet
    first = texts(prod_bot.send(DECLARE_NETWORK, sender, meta))
    assert "Qu'est-ce qui est touché" in first, first
    before = _slots(prod_bot, sender)
    assert before["incident_category"] == "reseau" and before["incident_place"] == "CDI"
    assert before["requested_slot"] == "incident_impact"

    kill_action_server(prod_bot.stack)
    try:
        replies, elapsed = timed(lambda: prod_bot.send('/inform{"value": "salle"}', sender, meta, timeout=TURN_LIMIT_S))
        # Rasa 3.6 answers at once, with nothing to say (the failed action's events are dropped).
        assert elapsed < TURN_LIMIT_S
        assert replies == []
        during = prod_bot.tracker(sender)
        assert during["active_loop"].get("name") == "incident_form"
        # nothing lost: the impact is a declarative slot (from the button's entity) that Rasa fills itself
        assert _slots(prod_bot, sender) == {**before, "incident_impact": "salle"}
    finally:
        start_action_server(prod_bot.stack)

    # The same conversation picks up where it was: the impact question is answered now.
    after = texts(prod_bot.send('/inform{"value": "salle"}', sender, meta))
    assert "Qui le service peut-il contacter" in after, after
    slots = _slots(prod_bot, sender)
    assert slots["incident_impact"] == "salle"
    for name in ("incident_establishment", "incident_category", "incident_description", "incident_place"):
        assert slots[name] == before[name]
    recap = texts(prod_bot.send("M. Dupont 05 49 00 00 00", sender, meta))
    assert "Récapitulatif" in recap, recap
    done = texts(prod_bot.send('/inform{"choice": "confirm"}', sender, meta))
    numbers = NUMBER.findall(done)
    assert numbers, done
    store = TicketStore.open(prod_bot.tickets_url)
    try:
        ticket = store.get_ticket(numbers[0], uai)
        assert ticket is not None and ticket.description == "le wifi ne marche plus au CDI"
        assert ticket.impact == "salle" and ticket.place == "CDI"
    finally:
        store.close()


@pytest.mark.services
def test_ticket_database_down_at_confirmation_then_retry_saves(prod_bot: Bot, shared_stacks, postgres):
    if postgres is None or shared_stacks.ticket_role is None:
        pytest.skip("TEST_POSTGRES_URL not set: the ticket database cannot be taken away")
    uai = "0799007L"
    meta = prod_bot.identity(uai)
    sender = prod_bot.new_sender("dbdown")
    for message in ("le wifi ne marche plus au CDI", DECLARE_NETWORK, '/inform{"value": "site"}'):
        prod_bot.send(message, sender, meta)
    recap = texts(prod_bot.send("M. Dupont 05 49 00 00 00", sender, meta))
    assert "Récapitulatif" in recap, recap
    database, role = shared_stacks.ticket_database, shared_stacks.ticket_role
    rows_before = postgres.row_counts(database)

    postgres.set_login(role, False)  # the action server loses its connections and cannot reconnect
    try:
        replies, elapsed = timed(lambda: prod_bot.send(CONFIRM, sender, meta,
                                                       timeout=TURN_LIMIT_S))
        assert elapsed < TURN_LIMIT_S
        told = texts(replies)
        assert "pas pu enregistrer" in told and "Reprendre" in told, told
        assert not NUMBER.search(told)
        assert RETRY in [b["payload"] for b in buttons(replies)]
        assert postgres.row_counts(database) == rows_before  # nothing half-written
        kept = _slots(prod_bot, sender)
        assert kept["incident_description"] == "le wifi ne marche plus au CDI" and kept["incident_impact"] == "site"
    finally:
        postgres.set_login(role, True)

    recap = texts(prod_bot.send(RETRY, sender, meta))
    assert "Récapitulatif" in recap and not NUMBER.search(recap), recap  # the same answers, shown again
    done = texts(prod_bot.send(CONFIRM, sender, meta))
    numbers = NUMBER.findall(done)
    assert numbers, done
    store = TicketStore.open(prod_bot.tickets_url)
    try:
        ticket = store.get_ticket(numbers[0], uai)
        assert ticket is not None and ticket.impact == "site" and ticket.contact == "M. Dupont 05 49 00 00 00"
        assert len(store.list_tickets(uai)) == 1  # one click, one ticket
    finally:
        store.close()


@pytest.mark.slow
def test_a_submit_unreachable_then_confirm_and_a_new_declaration_file_exactly_the_new_ticket(prod_bot: Bot):
    """Issue 15: with the submit unreachable, « confirmer » answered « Avec plaisir ! » and the next
    declaration silently filed the old one. Now nothing is filed behind the user's back: the old
    declaration is offered again, a new one starts from its own words, and one ticket, the new one, is filed."""
    uai = "0799010P"
    meta = prod_bot.identity(uai)
    sender = prod_bot.new_sender("unreach")
    for message in ("le wifi ne marche plus au CDI", DECLARE_NETWORK, '/inform{"value": "site"}'):
        prod_bot.send(message, sender, meta)
    recap = texts(prod_bot.send("M. Dupont 05 49 00 00 00", sender, meta))
    assert "Récapitulatif" in recap, recap

    kill_action_server(prod_bot.stack)
    try:
        replies, elapsed = timed(lambda: prod_bot.send(CONFIRM, sender, meta, timeout=TURN_LIMIT_S))
        assert elapsed < TURN_LIMIT_S and not NUMBER.search(texts(replies))  # the gateways say « indisponible »
    finally:
        start_action_server(prod_bot.stack)
    store = TicketStore.open(prod_bot.tickets_url)
    try:
        assert store.list_tickets(uai) == []  # nothing was filed

        told = texts(prod_bot.send("confirmer", sender, meta))
        assert "Avec plaisir" not in told and not NUMBER.search(told), told
        assert store.list_tickets(uai) == []  # a lone « confirmer » files nothing it has not just shown

        told = texts(prod_bot.send("l'imprimante de la salle 8 ne marche plus", sender, meta))
        told += texts(prod_bot.send(DECLARE_EQUIPMENT, sender, meta))
        assert not NUMBER.search(told), told  # a new declaration starts: no old ticket filed silently
        assert store.list_tickets(uai) == []
        for message in ('/inform{"value": "poste"}', "Mme Martin 05 49 11 11 11"):
            told = texts(prod_bot.send(message, sender, meta))
        assert "Récapitulatif" in told and "salle 8" in told, told
        done = texts(prod_bot.send(CONFIRM, sender, meta))
        [number] = set(NUMBER.findall(done))
        [ticket] = store.list_tickets(uai)
        assert ticket.number == number and ticket.place == "salle 8" and "imprimante" in ticket.description
    finally:
        store.close()

"""Idempotent declarations in the store: one declaration id, one ticket, one e-mail, whatever the replays."""
from __future__ import annotations

from helpdesk.tickets import TicketStore

UAI = "0799001E"


def _create(store, declaration_id, description="le wifi ne marche plus au CDI"):
    return store.create_ticket(uai=UAI, category="reseau", line="departement", description=description,
                               impact="zone", reporter_channel="web", place="1er étage",
                               declaration_id=declaration_id)


def test_a_replayed_declaration_returns_the_ticket_already_made(tmp_path):
    store = TicketStore.open(f"sqlite:///{tmp_path / 'tickets.db'}")
    try:
        first = _create(store, "decl-1")
        replay = _create(store, "decl-1", description="texte rejoué")
        other = _create(store, "decl-2")
        assert replay.number == first.number and replay.description == first.description
        assert other.number != first.number
        tickets = store.admin_list_tickets()
        assert sorted(t.number for t in tickets) == sorted({first.number, other.number})
        assert len(store.outbox_of(first.number)) == 1  # one e-mail, not one per replay
        assert first.impact == "zone"  # the new level of the scale is accepted by the schema
    finally:
        store.close()


def test_tickets_without_declaration_id_stay_independent(tmp_path):
    store = TicketStore.open(f"sqlite:///{tmp_path / 'tickets.db'}")
    try:
        assert _create(store, None).number != _create(store, None).number
    finally:
        store.close()

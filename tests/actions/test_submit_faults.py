"""What the reporter reads when the ticket store is busy, and after a successful submit (issue 15)."""
from __future__ import annotations

from actions.incident_submit import ActionSubmitIncident
from actions.incidents import ticket_store
from helpdesk.tickets import TicketBusy
from tests.actions.support import DEMO_UAI, load_tracker, run, slot_sets, texts

CONFIRMED = {
    "incident_establishment": DEMO_UAI, "incident_category": "reseau", "college_charge_ack": "n/a",
    "incident_description": "le wifi ne marche plus au CDI", "incident_place": "CDI", "incident_impact": "salle",
    "incident_contact": "M. Martin", "incident_similar": "none", "incident_confirmed": "yes", "requested_slot": None,
}


def test_a_busy_store_says_occupe_offers_a_retry_and_keeps_the_answers(monkeypatch, tickets):
    def busy(**_fields):
        raise TicketBusy()

    monkeypatch.setattr(ticket_store(), "create_ticket", busy)
    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    told = texts(messages)
    assert "momentanément occupé" in told and "réessayez dans une minute" in told
    assert [b["title"] for m in messages for b in m.get("buttons") or []] == ["Réessayer", "Annuler"]
    slots = slot_sets(events)
    # Only the confirmation is cleared: every answer is kept, and « Réessayer » goes back through the recap.
    assert slots == {"incident_confirmed": None}
    monkeypatch.undo()
    assert tickets.admin_list_tickets() == []


def test_the_confirmation_does_not_say_transmis_before_the_mail_has_left(tickets):
    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=CONFIRMED))
    told = texts(messages)
    [ticket] = tickets.admin_list_tickets()
    assert ticket.number in told and "transmis" not in told
    assert tickets.outbox_of(ticket.number)[0].sent_at is None  # indeed not sent yet
    assert "part par courriel" in told

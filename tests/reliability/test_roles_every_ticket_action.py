"""Every role × ticket action on the real actions (issue 15, "roles are never enforced"): each case states
what is stored (exactly one ticket, the right one, or nothing changed) and what the user reads.

The expectations are written out here, not read from ``helpdesk.roles``: teachers report to their RUPN
(a « signalement », no service e-mailed) and follow their own tickets without anyone's contact details;
RUPNs and principals declare, forward, cancel and close, and see every ticket with its contact.
"""
from __future__ import annotations

import re

import pytest

from actions.incident_submit import ActionSubmitIncident
from actions.signalements import ActionForwardSignalement
from actions.tickets import (
    ActionAddTicketComment,
    ActionAnswerConfirmation,
    ActionCancelTicket,
    ActionListTickets,
    ActionTicketStatus,
)
from tests.actions.support import DEMO_UAI, load_tracker, make_token, run, texts

ROLES = ("enseignant", "rupn", "principal")
NUMBER = re.compile(r"INC-\d{4}-\d{5}")
CONTACT = "Mme Durand, 05 49 11 22 33"
DECLARATION = {
    "incident_establishment": DEMO_UAI, "incident_category": "reseau", "college_charge_ack": "n/a",
    "incident_description": "le wifi ne marche plus au CDI", "incident_place": "CDI", "incident_impact": "salle",
    "incident_contact": CONTACT, "incident_similar": "none", "incident_confirmed": "yes",
}
MANAGERS = {"rupn", "principal"}
REFUSED = "vous ne pouvez pas"


def identity(role: str) -> dict:
    return {"identity_token": make_token(DEMO_UAI, role=role, sub=f"ent-{role}-1")}


def about(fixture: str, role: str, number: str, text: str, **kw):
    return load_tracker(fixture, text=text.format(number=number), metadata=identity(role),
                        entities=[{"entity": "ticket_id", "value": number}], **kw)


def sender() -> str:
    return load_tracker("ticket_status").sender_id  # every ticket fixture is the same conversation


def ticket(store, reporter: str = "someone-else", description: str = "Imprimante du CDI en panne"):
    return store.create_ticket(uai=DEMO_UAI, category="reseau", line="departement", description=description,
                               impact="salle", place="CDI", contact=CONTACT, reporter_channel="web",
                               reporter_id=reporter)


def signalement(store):
    """A teacher's signalement waiting for its RUPN (as a teacher's confirmed declaration files it)."""
    slots = {**DECLARATION, "incident_declaration": "decl-teacher"}
    run(ActionSubmitIncident(), load_tracker("incident_recap", slots=slots, metadata=identity("enseignant")))
    [row] = store.admin_list_tickets()
    return row


def answer_yes(role: str, verb: str, number: str):
    """« oui » typed right after the bot asked « Annuler/Clore <number> ? »."""
    events = [{"event": "action", "name": "action_cancel_ticket"}, {"event": "action", "name": "action_listen"},
              {"event": "user", "text": "oui", "parse_data": {"intent": {"name": "affirm", "confidence": 0.9},
                                                             "entities": []}}]
    return load_tracker("ticket_cancel", text="oui", intent="affirm", entities=[], metadata=identity(role),
                        slots={"ticket_pending": f"{verb}:{number}"}, extra_events=events)


@pytest.mark.parametrize("role", ROLES)
def test_declare(action_stores, role):
    store = action_stores()
    slots = {**DECLARATION, "incident_declaration": f"decl-{role}"}
    recap = load_tracker("incident_recap", slots=slots, metadata=identity(role))
    messages, _ = run(ActionSubmitIncident(), recap)
    run(ActionSubmitIncident(), recap)  # a replayed confirmation files nothing more
    [row] = store.admin_list_tickets()
    told = texts(messages)
    assert row.uai == DEMO_UAI and row.place == "CDI" and row.number in told
    if role in MANAGERS:  # straight to the service the agreement names, by e-mail
        assert row.line == "departement" and len(store.outbox_of(row.number)) == 1
        assert told.startswith(f"Ticket {row.number} enregistré : il part par courriel vers")
    else:  # a signalement for the RUPN: no service e-mailed until the RUPN forwards it
        assert row.line == "college" and row.description.startswith("Signalement") and store.outbox_of(row.number) == []
        assert told.startswith(f"Signalement {row.number} enregistré pour le RUPN de votre collège")


@pytest.mark.parametrize("role", ROLES)
def test_forward(action_stores, role):
    store = action_stores()
    waiting = signalement(store)
    messages, _ = run(ActionForwardSignalement(), about("ticket_status", role, waiting.number,
                                                        '/forward_ticket{{"ticket_id": "{number}"}}'))
    rows = {t.number: t for t in store.admin_list_tickets()}
    if role in MANAGERS:
        [service] = [t for n, t in rows.items() if n != waiting.number]
        assert len(rows) == 2 and service.line == "departement" and len(store.outbox_of(service.number)) == 1
        assert rows[waiting.number].status == "resolu"
        assert texts(messages).startswith(f"Signalement {waiting.number} transmis à")
    else:
        assert list(rows) == [waiting.number] and rows[waiting.number].status == waiting.status  # unchanged
        assert REFUSED in texts(messages) and "transmettre" in texts(messages)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("verb, asked, text, status", [
    ("cancel", "Annuler", "annule le ticket {number}", "annule"),
    ("close", "Clore", "c'est réglé, on peut fermer {number}", "resolu"),
])
def test_cancel_and_close(action_stores, role, verb, asked, text, status):
    store = action_stores()
    own = ticket(store, reporter=sender())  # even their own ticket: teachers ask their RUPN
    messages, _ = run(ActionCancelTicket(), about("ticket_cancel", role, own.number, text))
    confirmed, _ = run(ActionAnswerConfirmation(), answer_yes(role, verb, own.number))
    after = store.admin_get_ticket(own.number).status
    if role in MANAGERS:
        assert texts(messages).startswith(f"{asked} {own.number}") and after == status
    else:
        assert REFUSED in texts(messages) and REFUSED in texts(confirmed) and after == "ouvert"
    assert len(store.admin_list_tickets()) == 1


@pytest.mark.parametrize("role", ROLES)
def test_comment_on_ones_own_ticket(action_stores, role):
    store = action_stores()
    own = ticket(store, reporter=sender())
    messages, _ = run(ActionAddTicketComment(), about("ticket_comment", role, own.number,
                                                      "ajoute au ticket {number} : ça remarche"))
    assert texts(messages) == f"Commentaire ajouté au ticket {own.number}."
    last = store.history(own.number, DEMO_UAI)[-1]
    assert (last.kind, last.text) == ("commented", "ça remarche")


@pytest.mark.parametrize("role", ROLES)
def test_status_and_contact_details(action_stores, role):
    store = action_stores()
    own = ticket(store, reporter=sender())
    messages, _ = run(ActionTicketStatus(), about("ticket_status", role, own.number, "où en est le ticket {number} ?"))
    told = texts(messages)
    assert told.startswith(f"Ticket {own.number} : ")
    assert (CONTACT in told) is (role in MANAGERS)  # contact details only for those who need them


@pytest.mark.parametrize("role", ROLES)
def test_list(action_stores, role):
    store = action_stores()
    own = ticket(store, reporter=sender(), description="Plus de réseau en salle 3")
    other = ticket(store)
    messages, _ = run(ActionListTickets(), load_tracker("ticket_list", metadata=identity(role)))
    told = texts(messages)
    assert told.startswith("Les tickets de votre établissement :") and own.number in told
    assert (other.number in told) is (role in MANAGERS)  # teachers follow the tickets they reported
    assert CONTACT not in told

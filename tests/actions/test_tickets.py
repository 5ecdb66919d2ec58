"""Ticket follow-up actions (status, list, comment, cancel), always scoped to the conversation's collège."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from actions import prompts
from actions.tickets import (
    ActionAddTicketComment,
    ActionAnswerConfirmation,
    ActionCancelTicket,
    ActionListTickets,
    ActionTicketStatus,
)
from tests.actions.support import DEMO_UAI, OTHER_UAI, buttons, load_tracker, make_token, run, slot_sets, texts


def _ticket(store, uai=DEMO_UAI, description="Le vidéoprojecteur de la salle 12 ne s'allume plus", place="salle 12"):
    return store.create_ticket(uai=uai, category="videoprojecteur", line="departement", description=description,
                               impact="salle", place=place, reporter_channel="web", reporter_id="rupn-1")


def _about(fixture: str, number: str, text: str):
    """The recorded message of ``fixture`` naming ``number`` (entity and text)."""
    return load_tracker(fixture, text=text.format(number=number),
                        entities=[{"entity": "ticket_id", "value": number}])


def _masked(messages, number: str) -> str:
    return texts(messages).replace(number, "<N>")


# ------------------------------------------------------------------------------ status

def test_status_of_an_own_ticket(tickets):
    ticket = _ticket(tickets)
    messages, events = run(ActionTicketStatus(), _about("ticket_status", ticket.number, "où en est mon ticket {number} ?"))

    text = texts(messages)
    assert text.startswith(f"Ticket {ticket.number} : ouvert.")
    assert "Le vidéoprojecteur de la salle 12" in text and "salle 12" in text
    assert "Ticket déclaré via ENT (chat web)" in text  # the history
    assert slot_sets(events) == {"ticket_number": ticket.number}


def test_status_history_is_in_paris_time(tickets):
    declared = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)  # 10:30 in Paris (UTC+1 in March)
    ticket = tickets.create_ticket(uai=DEMO_UAI, category="reseau", line="departement", description="Panne réseau",
                                   impact="site", reporter_channel="web", now=declared)
    messages, _ = run(ActionTicketStatus(), _about("ticket_status", ticket.number, "où en est mon ticket {number} ?"))
    assert "• 10/03 10:30 — Ticket déclaré" in texts(messages)


def test_status_follows_a_status_change(tickets):
    ticket = _ticket(tickets)
    tickets.set_status(ticket.number, "en_cours", author="dsi", note="Technicien prévu jeudi")
    messages, _ = run(ActionTicketStatus(), _about("ticket_status", ticket.number, "où en est mon ticket {number} ?"))
    assert "en cours de traitement" in texts(messages)
    assert "Technicien prévu jeudi" in texts(messages)


def test_status_with_a_number_written_loosely(tickets):
    ticket = _ticket(tickets)
    loose = ticket.number.lower().replace("-", " ")
    tracker = load_tracker("ticket_status", text=f"et le ticket {loose} alors ?", entities=[])
    messages, events = run(ActionTicketStatus(), tracker)
    assert texts(messages).startswith(f"Ticket {ticket.number} :")
    assert slot_sets(events) == {"ticket_number": ticket.number}


def test_status_without_number_uses_the_conversation_ticket(tickets):
    ticket = _ticket(tickets)
    tracker = load_tracker("ticket_status", text="et mon ticket ?", entities=[], slots={"ticket_number": ticket.number})
    messages, _ = run(ActionTicketStatus(), tracker)
    assert texts(messages).startswith(f"Ticket {ticket.number} :")


def test_status_without_any_number_asks_for_it(tickets):
    messages, events = run(ActionTicketStatus(), load_tracker("ticket_status", text="où en est mon ticket ?", entities=[]))
    assert "Quel est le numéro du ticket" in texts(messages)
    assert events == []


def test_another_establishment_ticket_gets_exactly_the_nonexistent_answer(tickets):
    theirs = _ticket(tickets, uai=OTHER_UAI, description="Secret du collège Jean Zay")
    missing = theirs.number[:-5] + "99999"  # same form, no such ticket
    assert tickets.admin_get_ticket(missing) is None

    other_messages, other_events = run(ActionTicketStatus(), _about("ticket_status", theirs.number,
                                                                    "où en est mon ticket {number} ?"))
    missing_messages, missing_events = run(ActionTicketStatus(), _about("ticket_status", missing,
                                                                        "où en est mon ticket {number} ?"))
    assert _masked(other_messages, theirs.number) == _masked(missing_messages, missing)
    assert other_events == missing_events == []
    assert "Secret" not in texts(other_messages)
    assert "Je ne trouve pas de ticket" in texts(other_messages)


@pytest.mark.parametrize("action, fixture, text", [
    (ActionAddTicketComment, "ticket_comment", "ajoute au ticket {number} : c'est réparé"),
    (ActionCancelTicket, "ticket_cancel", "annule le ticket {number}"),
])
def test_another_establishment_ticket_cannot_be_changed(tickets, action, fixture, text):
    theirs = _ticket(tickets, uai=OTHER_UAI)
    missing = theirs.number[:-5] + "99999"
    other_messages, _ = run(action(), _about(fixture, theirs.number, text))
    missing_messages, _ = run(action(), _about(fixture, missing, text))

    assert _masked(other_messages, theirs.number) == _masked(missing_messages, missing)
    kept = tickets.admin_get_ticket(theirs.number)
    assert kept.status == "ouvert"
    assert [e.kind for e in tickets.admin_history(theirs.number)] == ["created", "routed"]


# ------------------------------------------------------------------------------ list

def test_list_shows_only_own_tickets_newest_first(tickets):
    first = _ticket(tickets, description="Imprimante du CDI en panne")
    second = _ticket(tickets, description="Plus de réseau en salle 3")
    other = _ticket(tickets, uai=OTHER_UAI, description="Ticket d'un autre collège")

    messages, events = run(ActionListTickets(), load_tracker("ticket_list"))
    text = texts(messages)
    assert text.startswith("Les tickets de votre établissement :")
    assert first.number in text and second.number in text
    assert other.number not in text and "autre collège" not in text
    assert text.index(second.number) < text.index(first.number)
    assert events == []


def test_list_when_there_is_none(tickets):
    _ticket(tickets, uai=OTHER_UAI)
    messages, _ = run(ActionListTickets(), load_tracker("ticket_list"))
    assert texts(messages) == "Aucun ticket pour votre établissement."


# ------------------------------------------------------------------------------ comment

def test_comment_is_added_to_an_own_ticket(tickets):
    ticket = _ticket(tickets)
    messages, events = run(ActionAddTicketComment(), _about("ticket_comment", ticket.number,
                                                            "ajoute au ticket {number} : le vidéoprojecteur remarche"))
    assert texts(messages) == f"Commentaire ajouté au ticket {ticket.number}."
    assert slot_sets(events) == {"ticket_number": ticket.number}
    last = tickets.history(ticket.number, DEMO_UAI)[-1]
    assert last.kind == "commented" and last.text == "le vidéoprojecteur remarche"
    assert last.author == "ent-rupn-0015"
    # The support line is told by e-mail.
    assert any("le vidéoprojecteur remarche" in mail.body for mail in tickets.outbox_of(ticket.number))


def test_comment_without_text_explains_the_expected_form(tickets):
    ticket = _ticket(tickets)
    messages, events = run(ActionAddTicketComment(), _about("ticket_comment", ticket.number, "ajoute au ticket {number}"))
    assert "Écrivez par exemple" in texts(messages)
    assert events == []
    assert [e.kind for e in tickets.history(ticket.number, DEMO_UAI)] == ["created", "routed"]


@pytest.mark.parametrize("comment, says", [("x" * 6000, "trop long"), ("ça remarche\x00", "caractère nul")],
                         ids=["too-long", "nul-character"])
def test_comment_the_store_refuses_gets_a_polite_answer_and_nothing_is_written(tickets, comment, says):
    ticket = _ticket(tickets)
    tracker = _about("ticket_comment", ticket.number, "ajoute au ticket {number} : " + comment)
    messages, events = run(ActionAddTicketComment(), tracker)
    assert says in texts(messages)
    assert events == []
    assert [e.kind for e in tickets.history(ticket.number, DEMO_UAI)] == ["created", "routed"]


# ------------------------------------------------------------------------------ cancel

def _answer(number: str, text: str, intent: str, verb: str = "cancel", **kw):
    """« oui » / « non » typed right after the bot asked « Annuler <number> ? »."""
    events = [{"event": "action", "name": "action_cancel_ticket"}, {"event": "action", "name": "action_listen"},
              {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 0.9},
                                                            "entities": []}}]
    return load_tracker("ticket_cancel", text=text, intent=intent, entities=[],
                        slots={"ticket_pending": f"{verb}:{number}"}, extra_events=events, **kw)


def test_cancel_asks_for_confirmation_and_changes_nothing_before_yes(tickets):
    ticket = _ticket(tickets)
    messages, events = run(ActionCancelTicket(), _about("ticket_cancel", ticket.number, "annule le ticket {number}"))
    assert texts(messages).startswith(f"Annuler {ticket.number} ?")
    assert [b["title"] for b in buttons(messages)] == ["Oui", "Non"]
    assert slot_sets(events)["ticket_pending"] == f"cancel:{ticket.number}"
    assert tickets.get_ticket(ticket.number, DEMO_UAI).status == "ouvert"


@pytest.mark.parametrize("typed", ["oui", "/affirm"])
def test_yes_cancels_an_own_ticket(tickets, typed):
    ticket = _ticket(tickets)
    messages, events = run(ActionAnswerConfirmation(), _answer(ticket.number, typed, "affirm"))
    assert texts(messages) == f"Le ticket {ticket.number} est annulé."
    assert tickets.get_ticket(ticket.number, DEMO_UAI).status == "annule"
    assert slot_sets(events) == {"ticket_pending": None}


def test_no_keeps_the_ticket(tickets):
    ticket = _ticket(tickets)
    messages, _ = run(ActionAnswerConfirmation(), _answer(ticket.number, "non", "deny"))
    assert "reste tel quel" in texts(messages)
    assert tickets.get_ticket(ticket.number, DEMO_UAI).status == "ouvert"


def test_a_stale_yes_does_not_cancel(tickets):
    ticket = _ticket(tickets)
    # « oui » long after the question (another action came in between): small talk, not a cancellation.
    tracker = load_tracker("ticket_cancel", text="oui", intent="affirm", entities=[],
                           slots={"ticket_pending": f"cancel:{ticket.number}"})
    messages, _ = run(ActionAnswerConfirmation(), tracker)
    assert tickets.get_ticket(ticket.number, DEMO_UAI).status == "ouvert"
    assert texts(messages) == prompts.THANKS


def test_close_asks_then_resolves(tickets):
    ticket = _ticket(tickets)
    messages, events = run(ActionCancelTicket(), _about("ticket_cancel", ticket.number,
                                                        "c'est réglé, on peut fermer {number}"))
    assert texts(messages).startswith(f"Clore {ticket.number}")
    run(ActionAnswerConfirmation(), _answer(ticket.number, "oui", "affirm", verb="close"))
    assert tickets.get_ticket(ticket.number, DEMO_UAI).status == "resolu"


def test_a_yes_about_another_establishment_s_ticket_changes_nothing(tickets):
    theirs = _ticket(tickets, uai=OTHER_UAI)
    messages, _ = run(ActionAnswerConfirmation(), _answer(theirs.number, "oui", "affirm"))
    assert "Je ne trouve pas de ticket" in texts(messages)
    assert tickets.admin_get_ticket(theirs.number).status == "ouvert"


def test_cancel_twice_says_it_is_already_cancelled(tickets):
    ticket = _ticket(tickets)
    run(ActionAnswerConfirmation(), _answer(ticket.number, "oui", "affirm"))
    messages, _ = run(ActionAnswerConfirmation(), _answer(ticket.number, "oui", "affirm"))
    assert "déjà annulé" in texts(messages)
    assert tickets.get_ticket(ticket.number, DEMO_UAI).status == "annule"


def test_cancel_without_number_lists_the_open_tickets_as_buttons(tickets):
    first, second = _ticket(tickets), _ticket(tickets, description="Plus de réseau au CDI", place="CDI")
    messages, _ = run(ActionCancelTicket(), load_tracker("ticket_cancel", text="annule mon ticket", entities=[]))
    assert "Lequel" in texts(messages)
    payloads = [b["payload"] for b in buttons(messages)]
    assert sorted(payloads) == sorted(f'/cancel_ticket{{"ticket_id": "{t.number}"}}' for t in (first, second))
    assert {t.status for t in tickets.admin_list_tickets()} == {"ouvert"}


def test_cancel_without_number_and_a_single_open_ticket_asks_about_it(tickets):
    ticket = _ticket(tickets)
    messages, _ = run(ActionCancelTicket(), load_tracker("ticket_cancel", text="annule mon ticket", entities=[]))
    assert texts(messages).startswith(f"Annuler {ticket.number} ?")


# Role × ticket action on the real actions: teachers neither cancel nor close, nor see contact details.
@pytest.mark.parametrize("role, allowed", [("enseignant", False), ("rupn", True), ("principal", True)])
@pytest.mark.parametrize("verb, text", [("cancel", "annule le ticket {number}"), ("close", "on peut fermer {number}")])
def test_role_table_for_cancel_and_close(tickets, role, allowed, verb, text):
    ticket = _ticket(tickets)
    token = {"identity_token": make_token(DEMO_UAI, role=role)}
    tracker = load_tracker("ticket_cancel", text=text.format(number=ticket.number), metadata=token,
                           entities=[{"entity": "ticket_id", "value": ticket.number}])
    messages, _ = run(ActionCancelTicket(), tracker)
    assert texts(messages).startswith(("Annuler", "Clore")) is allowed
    run(ActionAnswerConfirmation(), _answer(ticket.number, "oui", "affirm", verb=verb, metadata=token))
    expected = {"cancel": "annule", "close": "resolu"}[verb] if allowed else "ouvert"
    assert tickets.get_ticket(ticket.number, DEMO_UAI).status == expected


@pytest.mark.parametrize("role, sees", [("enseignant", False), ("rupn", True), ("principal", True)])
def test_contact_details_only_for_those_who_need_them(tickets, role, sees):
    ticket = tickets.create_ticket(uai=DEMO_UAI, category="reseau", line="departement", description="Panne",
                                   impact="site", reporter_channel="web", contact="Mme Durand 05 49 11 22 33")
    tracker = load_tracker("ticket_status", text=f"où en est mon ticket {ticket.number} ?",
                           entities=[{"entity": "ticket_id", "value": ticket.number}],
                           metadata={"identity_token": make_token(DEMO_UAI, role=role)})
    messages, _ = run(ActionTicketStatus(), tracker)
    assert ("05 49 11 22 33" in texts(messages)) is sees


@pytest.mark.parametrize("junk", ["INC-2026-", "'; DROP TABLE tickets; --", "INC-9999-99999999", "\x00"])
def test_junk_ticket_numbers_get_a_polite_answer(tickets, junk):
    ticket = _ticket(tickets)
    tracker = load_tracker("ticket_status", text=f"où en est le ticket {junk} ?",
                           entities=[{"entity": "ticket_id", "value": junk}])
    messages, _ = run(ActionTicketStatus(), tracker)
    assert texts(messages)
    assert tickets.admin_get_ticket(ticket.number).status == "ouvert"


def test_a_sentence_read_as_no_outside_any_question_is_answered(tickets):
    # NLU reads « plus rien ne marche » as a « non »; nothing was asked: the knowledge base answers it.
    tracker = load_tracker("ticket_cancel", text="plus rien ne marche", intent="deny", entities=[],
                           slots={"ticket_pending": None})
    messages, _ = run(ActionAnswerConfirmation(), tracker)
    assert texts(messages).startswith("De quel équipement ou service s'agit-il ?")
    assert len(buttons(messages)) >= 2


def test_a_bare_no_outside_any_question_stays_small_talk(tickets):
    tracker = load_tracker("ticket_cancel", text="non", intent="deny", entities=[], slots={"ticket_pending": None})
    messages, _ = run(ActionAnswerConfirmation(), tracker)
    assert texts(messages).startswith("Je n'ai pas bien compris."), texts(messages)

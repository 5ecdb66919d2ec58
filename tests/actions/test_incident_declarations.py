"""A declaration from its first line to its ticket: the announcement, a clean start, idempotent submits,
confirmations that only answer the recap just shown, corrections and pauses at any step."""
from __future__ import annotations

import re

import pytest

from actions import prompts
from actions.incident_form import ValidateIncidentForm
from actions.incident_submit import ActionSubmitIncident, ActionTriageIncident
from tests.actions.form_support import COMPLETE, CONTACT, NUMBER
from tests.actions.support import (
    DEMO_UAI,
    OTHER_UAI,
    active_loops,
    buttons,
    citations,
    load_tracker,
    make_token,
    run,
    run_async,
    slot_sets,
    texts,
)

DECLARE_RESEAU = '/declare_incident{"subject": "reseau"}'
EXCEPTION_TEXT = re.compile(r"Error|Exception|Traceback|Errno|refused|OSError", re.IGNORECASE)


def triage(text, **slots):
    tracker = load_tracker("incident_activation", text=text, intent="declare_incident", slots=slots)
    return run(ActionTriageIncident(), tracker)


def followups(events):
    return [e["name"] for e in events if e.get("event") == "followup"]


def test_a_declaration_is_announced_in_one_line_with_its_service_and_how_to_stop():
    messages, events = triage("je signale que le wifi ne marche plus au CDI")
    [line] = [m["text"] for m in messages]
    assert "Réseau, câblage, Wi-Fi" in line and "Collège Jean Donnet (Lezay)" in line
    assert "destinataire : Assistance du Département des Deux-Sèvres" in line
    assert "Tapez « annuler » pour arrêter à tout moment." in line
    assert followups(events) == ["incident_form"]


def test_a_fault_only_told_is_answered_with_who_handles_it_and_the_declaration_offered():
    # Issue 11, problem reports: who handles it (article 2: the network is the Département's), its line and whether
    # it is open, then « Déclarer l'incident » as a button; no form started behind the user's back.
    messages, events = triage("le wifi ne marche plus au CDI")
    said = texts(messages)
    assert "Département" in said and "05.49.06.63.60" in said and "Je prépare" not in said
    assert any("article-2" in c["articles"] for c in citations(messages))
    assert DECLARE_RESEAU in [b["payload"] for b in buttons(messages)]
    assert followups(events) == [] and "incident_declaration" not in slot_sets(events)


def after_the_answer(told, payload, **slots):
    """The tracker when « Déclarer l'incident » is clicked under the answer to ``told``."""
    clicked = {"text": payload, "intent": {"name": "declare_incident", "confidence": 1.0},
               "entities": [{"entity": "subject", "value": "reseau"}]}
    tracker = load_tracker("incident_activation", text=told, intent="declare_incident", slots=slots, extra_events=[
        {"event": "action", "timestamp": 1796032906.0, "name": "action_triage_incident"},
        {"event": "bot", "timestamp": 1796032907.0, "text": "…"},
        {"event": "action", "timestamp": 1796032908.0, "name": "action_listen"},
        {"event": "user", "timestamp": 1796032909.0, "text": payload, "parse_data": {"text": payload, **clicked}},
    ])
    tracker.latest_message = {"text": payload, **clicked}
    return tracker


@pytest.mark.asyncio
async def test_the_button_under_the_answer_starts_the_form_with_the_message_answered():
    messages, events = run(ActionTriageIncident(), after_the_answer("le wifi ne marche plus au CDI", DECLARE_RESEAU))
    assert "destinataire : Assistance du Département des Deux-Sèvres" in texts(messages)
    assert followups(events) == ["incident_form"]
    slots = slot_sets(events)
    assert slots["incident_category"] == "reseau"
    # The form does not ask again what the user already told: the description and the place come from it.
    _, events = await run_async(ValidateIncidentForm(), after_the_answer("le wifi ne marche plus au CDI",
                                                                         DECLARE_RESEAU, **slots))
    filled = slot_sets(events)
    assert filled["incident_description"] == "le wifi ne marche plus au CDI"
    assert filled["incident_place"] == "CDI"


def test_a_report_without_category_says_the_service_depends_on_it():
    messages, _ = triage("je veux déclarer un incident")
    assert "le destinataire dépendra de la catégorie" in texts(messages)


@pytest.mark.parametrize("typed, category", [
    # Article 2: the network is the Département's; article 5: the vidéoprojecteur's installation, the collège's.
    ("g pa d'internet ds ma salle, je signale", "Réseau, câblage, Wi-Fi"),
    ("ticket: slt g 1 pb avc le vp de la salle 3", "Vidéoprojecteur"),
])
def test_a_declaration_typed_in_sms_is_announced_with_its_category(typed, category):
    messages, events = triage(typed)
    assert category in texts(messages) and followups(events) == ["incident_form"], texts(messages)


def test_a_question_typed_in_sms_and_read_as_a_declaration_is_answered_not_declared():
    # « kan est ce ke le support est ouvert »: when the lines are open (article 4), not a ticket.
    messages, events = triage("kan est ce ke le support est ouvert")
    assert followups(events) == [] and "Article 4" in texts(messages) and "Je prépare" not in texts(messages)


def test_filtering_is_announced_for_the_academie():
    messages, _ = triage("le filtrage bloque un site pédagogique depuis ce matin")
    assert "Plate-forme d'assistance de l'Académie de Poitiers" in texts(messages)


def test_a_teacher_s_report_is_announced_as_a_signalement_for_the_rupn():
    tracker = load_tracker("incident_activation", text="je signale que le vidéoprojecteur de la salle 3 est tombé en panne",
                           intent="declare_incident", metadata={"identity_token": make_token(DEMO_UAI, role="enseignant")})
    messages, _ = run(ActionTriageIncident(), tracker)
    assert "signalement" in texts(messages) and "RUPN" in texts(messages)


def test_a_teacher_telling_a_fault_is_offered_a_signalement_for_the_rupn():
    # A teacher's declaration goes to the RUPN of the collège (helpdesk/roles.py): the offer under the answer says
    # so, instead of a ticket sent straight to the Département's line.
    tracker = load_tracker("incident_activation", text="le vidéoprojecteur de la salle 3 est tombé en panne",
                           intent="declare_incident", metadata={"identity_token": make_token(DEMO_UAI, role="enseignant")})
    messages, events = run(ActionTriageIncident(), tracker)
    said = texts(messages)
    assert "signalement au RUPN de votre collège" in said and "le ticket ira à" not in said
    assert [b["title"] for b in buttons(messages) if b["payload"].startswith("/declare_incident")] == ["Signaler au RUPN"]
    assert followups(events) == []


def test_starting_a_declaration_clears_the_previous_form_and_gives_a_new_id():
    stale = {**COMPLETE, "incident_confirmed": "yes", "incident_declaration": "old"}
    _, events = triage("incident : l'imprimante du CDI ne marche plus", **stale)
    slots = slot_sets(events)
    assert all(slots[name] is None for name in COMPLETE)  # nothing of the old declaration survives
    assert slots["incident_confirmed"] is None
    assert slots["incident_declaration"] not in (None, "old")


def test_a_replayed_submit_returns_the_same_ticket(tickets):
    confirmed = {**COMPLETE, "incident_confirmed": "yes", "incident_declaration": "decl-42"}
    first, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=confirmed))
    again, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=confirmed))
    [number] = set(NUMBER.findall(texts(first)))
    assert NUMBER.findall(texts(again)) == [number] * len(NUMBER.findall(texts(again)))
    assert [t.number for t in tickets.admin_list_tickets()] == [number]


@pytest.mark.asyncio
async def test_a_response_lost_after_commit_then_a_new_declaration_files_exactly_the_new_one(tickets):
    # The submit committed, but its response (and so its slot reset) never reached Rasa.
    confirmed = {**COMPLETE, "incident_confirmed": "yes", "incident_declaration": "decl-lost"}
    run(ActionSubmitIncident(), load_tracker("incident_recap", slots=confirmed))
    # The user starts a new declaration: the triage clears the old form...
    _, events = triage("je signale que l'imprimante de la salle 8 ne marche plus", **confirmed)
    slots = {**confirmed, **slot_sets(events)}
    assert slots["incident_confirmed"] is None
    # ...so the form activates on the new words, and does not complete on the old answers.
    tracker = load_tracker("incident_activation", text="je signale que l'imprimante de la salle 8 ne marche plus",
                           intent="declare_incident", slots=slots)
    _, events = await run_async(ValidateIncidentForm(), tracker)
    new = {**slots, **slot_sets(events)}
    assert new["incident_place"] == "salle 8" and new["incident_category"] == "materiel_informatique"
    assert new["incident_confirmed"] is None and new["incident_contact"] is None
    # Confirmed after its own recap, it files the new incident once; the old one is still there, once.
    new.update(incident_impact="poste", incident_contact=CONTACT, incident_similar="none", incident_confirmed="yes")
    messages, _ = run(ActionSubmitIncident(), load_tracker("incident_recap", slots=new))
    rows = tickets.admin_list_tickets()
    assert len(rows) == 2
    assert sorted(r.place for r in rows) == ["CDI", "salle 8"]


@pytest.mark.asyncio
async def test_a_confirmation_answers_only_the_recap_just_shown():
    # « confirmer » typed while the form was asking for the contact, with everything else filled.
    tracker = load_tracker("incident_answer", text="confirmer", intent="affirm",
                           entities=[{"entity": "choice", "value": "confirm"}],
                           slots={**COMPLETE, "incident_confirmed": None, "requested_slot": "incident_confirmed"})
    _, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events).get("incident_confirmed") is None
    # The same answer to the recap itself confirms.
    tracker = load_tracker("incident_recap", slots={**COMPLETE, "requested_slot": "incident_confirmed"})
    _, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events)["incident_confirmed"] == "yes"


@pytest.mark.asyncio
@pytest.mark.parametrize("requested", ["incident_contact", "incident_confirmed", "incident_impact"])
async def test_a_correction_at_any_step_changes_the_place(requested):
    slots = {**COMPLETE, requested: None, "requested_slot": requested, "incident_place": "salle 21"}
    tracker = load_tracker("incident_answer", text="non, c'est salle 12", intent="inform", slots=slots)
    messages, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events)["incident_place"] == "salle 12"
    assert slot_sets(events).get(requested) is None  # not taken as the answer to the current question
    assert "C'est corrigé : lieu « salle 12 »" in texts(messages)


@pytest.mark.asyncio
async def test_a_pause_is_not_an_answer():
    slots = {**COMPLETE, "incident_contact": None, "requested_slot": "incident_contact"}
    tracker = load_tracker("incident_answer", text="attends, j'ai une question", intent="inform", slots=slots)
    _, events = await run_async(ValidateIncidentForm(), tracker)
    assert slot_sets(events).get("incident_contact") is None


def test_a_teacher_s_declaration_goes_to_the_rupn_not_to_a_service(tickets):
    confirmed = {**COMPLETE, "incident_confirmed": "yes", "incident_declaration": "decl-teacher"}
    tracker = load_tracker("incident_recap", slots=confirmed,
                           metadata={"identity_token": make_token(OTHER_UAI, role="enseignant")})
    messages, _ = run(ActionSubmitIncident(), tracker)
    [row] = tickets.admin_list_tickets()
    assert row.uai == OTHER_UAI and row.line == "college" and row.description.startswith("Signalement")
    assert tickets.outbox_of(row.number) == []  # no service e-mailed until the RUPN forwards it
    assert "Signalement" in texts(messages) and "RUPN" in texts(messages)


def test_no_exception_text_reaches_the_user_when_the_store_fails(tickets, monkeypatch):
    def down(**_):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(tickets, "create_ticket", down)
    messages, events = run(ActionSubmitIncident(), load_tracker("incident_recap", slots={
        **COMPLETE, "incident_confirmed": "yes"}))
    assert texts(messages) and not EXCEPTION_TEXT.search(texts(messages))
    assert active_loops(events) == []


def _signalement(tickets):
    confirmed = {**COMPLETE, "incident_confirmed": "yes", "incident_declaration": "decl-sig"}
    run(ActionSubmitIncident(), load_tracker("incident_recap", slots=confirmed,
                                             metadata={"identity_token": make_token(DEMO_UAI, role="enseignant")}))
    [row] = tickets.admin_list_tickets()
    return row


def _as(role, number, fixture="ticket_status", text="où en est le ticket {number} ?"):
    return load_tracker(fixture, text=text.replace("{number}", number), entities=[{"entity": "ticket_id", "value": number}],
                        metadata={"identity_token": make_token(DEMO_UAI, role=role, sub=f"{role}-1")})


@pytest.mark.parametrize("role", ["rupn", "principal"])
def test_teacher_to_rupn_to_service_in_one_tap(tickets, role):
    from actions.signalements import ActionForwardSignalement
    from actions.tickets import ActionTicketStatus

    signalement = _signalement(tickets)
    messages, _ = run(ActionTicketStatus(), _as(role, signalement.number))
    [forward] = [b for m in messages for b in m.get("buttons") or []]
    assert forward["payload"] == f'/forward_ticket{{"ticket_id": "{signalement.number}"}}'
    messages, _ = run(ActionForwardSignalement(), _as(role, signalement.number, text=forward["payload"]))
    run(ActionForwardSignalement(), _as(role, signalement.number, text=forward["payload"]))  # a double tap
    rows = {t.number: t for t in tickets.admin_list_tickets()}
    assert len(rows) == 2
    [service] = [t for n, t in rows.items() if n != signalement.number]
    assert service.line == "departement" and service.description == COMPLETE["incident_description"]
    assert len(tickets.outbox_of(service.number)) == 1  # the service gets one e-mail
    assert rows[signalement.number].status == "resolu"
    assert service.number in texts(messages) and "Assistance du Département" in texts(messages)


def test_a_teacher_cannot_forward_nor_sees_the_forward_button(tickets):
    from actions.signalements import ActionForwardSignalement
    from actions.tickets import ActionTicketStatus

    signalement = _signalement(tickets)
    messages, _ = run(ActionTicketStatus(), _as("enseignant", signalement.number))
    assert not [b for m in messages for b in m.get("buttons") or []]
    messages, _ = run(ActionForwardSignalement(), _as("enseignant", signalement.number))
    assert "vous ne pouvez pas transmettre" in texts(messages)
    assert len(tickets.admin_list_tickets()) == 1


def test_confirming_after_a_failed_submit_says_it_is_not_saved_and_offers_to_resume():
    from actions.tickets import ActionAnswerConfirmation

    tracker = load_tracker("ticket_cancel", text="confirmer", intent="affirm", entities=[],
                           slots={**COMPLETE, "incident_declaration": "decl-9"})
    messages, _ = run(ActionAnswerConfirmation(), tracker)
    assert "pas encore enregistrée" in texts(messages)
    assert [b["payload"] for m in messages for b in m.get("buttons") or []] == [
        '/declare_incident{"choice": "retry"}', "/stop"]


def test_resume_keeps_the_declaration_and_shows_its_recap_again():
    tracker = load_tracker("incident_activation", text='/declare_incident{"choice": "retry"}', intent="declare_incident",
                           entities=[{"entity": "choice", "value": "retry"}],
                           slots={**COMPLETE, "incident_declaration": "decl-9"})
    messages, events = run(ActionTriageIncident(), tracker)
    assert slot_sets(events) == {"incident_confirmed": None}  # same id, same answers: only the « yes » is asked again
    assert followups(events) == ["incident_form"] and messages == []


def test_stop_with_nothing_to_stop_is_small_talk():
    from actions.incident_submit import ActionCancelIncident

    tracker = load_tracker("ticket_cancel", text="stop", intent="stop", entities=[])
    messages, events = run(ActionCancelIncident(), tracker)
    assert texts(messages) == prompts.THANKS and slot_sets(events) == {}


def test_a_pending_e_mail_reads_in_the_service_s_words_never_the_error(tickets):
    """No mail server (the default `make run` before the sink): the history says when it is tried again."""
    import socket
    from datetime import datetime, timezone

    from actions.tickets import ActionTicketStatus
    from helpdesk.tickets.config import SmtpSettings
    from helpdesk.tickets.dispatcher import Dispatcher

    with socket.socket() as sock:  # a port nobody listens on: the connection is refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    now = datetime(2026, 11, 30, 9, 14, tzinfo=timezone.utc)  # 10:14 in Paris
    ticket = tickets.create_ticket(uai=DEMO_UAI, category="reseau", line="departement", description="Panne réseau",
                                   impact="site", reporter_channel="web", now=now)
    report = Dispatcher(tickets, SmtpSettings(host="127.0.0.1", port=port, timeout=2)).dispatch_pending(now=now)
    assert report.failed == 1
    tracker = load_tracker("ticket_status", text=f"où en est mon ticket {ticket.number} ?",
                           entities=[{"entity": "ticket_id", "value": ticket.number}])
    messages, _ = run(ActionTicketStatus(), tracker)
    assert "Transmission en attente, nouvel essai à 10 h 15." in texts(messages)
    assert not EXCEPTION_TEXT.search(texts(messages)), texts(messages)
    assert "refused" in tickets.outbox_of(ticket.number)[0].last_error.lower()  # the error is kept for the admin


def test_the_rupn_s_list_shows_waiting_signalements_with_the_forward_button(tickets):
    from actions.tickets import ActionListTickets

    signalement = _signalement(tickets)
    tracker = load_tracker("ticket_list", metadata={"identity_token": make_token(DEMO_UAI, role="rupn")})
    messages, _ = run(ActionListTickets(), tracker)
    assert f"{signalement.number} — signalement à transmettre" in texts(messages)
    assert [b["payload"] for m in messages for b in m.get("buttons") or []] == [
        f'/forward_ticket{{"ticket_id": "{signalement.number}"}}']


def test_the_declare_button_under_an_answer_keeps_the_thing_answered_about():
    # « Déclarer l'incident » under the answer on a projector: the category is known, the announcement names where
    # the ticket goes, and the form does not ask the type again.
    tracker = load_tracker("incident_activation", text='/declare_incident{"subject": "videoprojecteur"}',
                           intent="declare_incident", entities=[{"entity": "subject", "value": "videoprojecteur"}])
    messages, events = run(ActionTriageIncident(), tracker)
    line = texts(messages)
    assert "« Vidéoprojecteur »" in line and "destinataire : Assistance du Département des Deux-Sèvres" in line
    assert slot_sets(events).get("incident_category") == "videoprojecteur"
    assert followups(events) == ["incident_form"]


@pytest.mark.asyncio
async def test_the_button_for_one_of_several_problems_declares_that_one_only():
    # Issue 11, class 7: « Déclarer : le réseau » under a message with two numbered problems; the ticket describes the
    # network's (article 2), not the server's told beside it.
    told = "1) la prise réseau de la salle 12 est arrachée 2) le serveur est trop vieux, il faut le changer"
    messages, events = run(ActionTriageIncident(), after_the_answer(told, DECLARE_RESEAU))
    slots = slot_sets(events)
    assert slots["incident_category"] == "reseau"
    _, events = await run_async(ValidateIncidentForm(), after_the_answer(told, DECLARE_RESEAU, **slots))
    filled = slot_sets(events)
    assert filled["incident_description"] == "la prise réseau de la salle 12 est arrachée"
    assert filled["incident_place"] == "salle 12"

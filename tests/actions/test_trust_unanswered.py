"""Issue 11 in the action layer: the trace of an answer is stored with the unanswered question, and an
out-of-scope fault reported as an incident is declined before any declaration starts."""
from __future__ import annotations

from actions.incident_submit import ActionTriageIncident
from actions.questions import ActionAnswerQuestion
from tests.actions.support import buttons, citations, load_tracker, run, slot_sets, texts


def followups(events):
    return [e["name"] for e in events if e.get("event") == "followup"]


def test_an_unanswered_question_is_stored_with_the_trace_of_its_answer(unanswered):
    run(ActionAnswerQuestion(), load_tracker("question_nlu_fallback"))
    [row] = unanswered.list()
    assert row.reason == "unknown"
    # The policy's steps, one per line, as `python -m knowledge ask --why` prints them.
    assert row.trace and any(step.startswith("décision : ") for step in row.trace)
    assert all("\n" not in step for step in row.trace)
    assert "ent-prof-0009" not in "".join(row.trace)  # nothing about the sender beyond the pseudonym


def test_a_fallback_the_policy_declines_keeps_the_decline_in_its_trace(unanswered):
    run(ActionAnswerQuestion(), load_tracker("question_nlu_fallback", text="la chaudière du collège fuit"))
    [row] = unanswered.list()
    assert row.answer_kind == "out_of_scope"
    assert any("hors champ" in step for step in row.trace)


def test_a_building_fault_reported_as_an_incident_is_declined_without_a_form(tickets):
    tracker = load_tracker("incident_activation", text="fuite d'eau au plafond du CDI", intent="declare_incident")
    messages, events = run(ActionTriageIncident(), tracker)
    said = texts(messages)
    assert "ne traite pas" in said
    assert "Je prépare" not in said and "05." not in said  # no announcement, no support line
    assert followups(events) == [] and "incident_declaration" not in slot_sets(events)
    assert all(not c["parties"] for c in citations(messages))
    assert tickets.admin_list_tickets() == []


def test_a_personal_computer_reported_as_an_incident_is_declined(tickets):
    tracker = load_tracker("incident_activation", text="je déclare une panne : mon pc perso a un virus",
                           intent="declare_incident")
    messages, events = run(ActionTriageIncident(), tracker)
    assert "ne traite pas du matériel personnel" in texts(messages)
    assert followups(events) == []


def test_a_fault_on_a_thing_the_agreement_never_mentions_starts_no_declaration(tickets):
    # The servers only say where the dehumidifier is: no line of the agreement takes it, so no ticket is prepared
    # for one; the reply says the word is not in the text and asks what the message is about.
    tracker = load_tracker("incident_activation", text="le déshumidificateur du local serveur est HS",
                           intent="declare_incident")
    messages, events = run(ActionTriageIncident(), tracker)
    said = texts(messages)
    assert "ne mentionne pas « déshumidificateur »" in said
    assert "Je prépare" not in said and "05." not in said
    assert followups(events) == [] and "incident_declaration" not in slot_sets(events)
    assert tickets.admin_list_tickets() == []


def test_an_equipment_fault_told_is_answered_and_declared_when_asked():
    told = load_tracker("incident_activation", text="le vidéoprojecteur de la salle 2 ne s'allume plus",
                        intent="declare_incident")
    messages, events = run(ActionTriageIncident(), told)
    assert followups(events) == [] and any(b["payload"].startswith("/declare_incident") for b in buttons(messages))
    asked = load_tracker("incident_activation", text="je signale que le vidéoprojecteur de la salle 2 ne s'allume plus",
                         intent="declare_incident")
    _, events = run(ActionTriageIncident(), asked)
    assert followups(events) == ["incident_form"]


def test_a_question_by_its_question_mark_alone_is_answered_not_declared(tickets):
    # No question word, no « peut-on »: the question mark makes it a question, and nothing in it is a fault.
    tracker = load_tracker("incident_activation", text="les switchs du collège sont dans l'inventaire du Département ?",
                           intent="declare_incident")
    messages, events = run(ActionTriageIncident(), tracker)
    assert followups(events) == [] and "incident_declaration" not in slot_sets(events)
    assert "Je prépare" not in texts(messages)
    assert any("article-6" in c["articles"] for c in citations(messages))


def test_a_fault_with_a_question_mark_is_still_a_fault_to_declare():
    # « ne marche plus ? » is a report, not a question on the switch: who handles it (article 2) and the declaration.
    told = load_tracker("incident_activation", text="le switch de la salle 5 ne marche plus ?", intent="declare_incident")
    messages, events = run(ActionTriageIncident(), told)
    assert "Département" in texts(messages) and any("article-2" in c["articles"] for c in citations(messages))
    assert '/declare_incident{"subject": "reseau"}' in [b["payload"] for b in buttons(messages)]
    asked = load_tracker("incident_activation", text="Ticket : le switch de la salle 5 ne marche plus ?",
                         intent="declare_incident")
    _, events = run(ActionTriageIncident(), asked)
    assert followups(events) == ["incident_form"]


def test_a_fault_naming_no_equipment_asks_which_before_any_declaration(tickets):
    tracker = load_tracker("incident_activation", text="ya un bug depuis ce matin", intent="declare_incident")
    messages, events = run(ActionTriageIncident(), tracker)
    assert followups(events) == [] and "incident_declaration" not in slot_sets(events)
    assert texts(messages).startswith("De quel équipement ou service s'agit-il ?")
    payloads = [b["payload"] for m in messages for b in m.get("buttons") or []]
    # Each button names a subject and the repair: the next turn says who handles it and offers the declaration.
    assert len(payloads) >= 2 and all('"action": "reparer"' in p for p in payloads)
    assert tickets.admin_list_tickets() == []


def test_the_equipment_chosen_for_a_fault_gets_its_line_and_the_offer_to_declare():
    tracker = load_tracker("question_nlu_fallback", text='/ask_responsibility{"subject": "reseau", "action": "reparer"}',
                           intent="ask_responsibility", entities=[{"entity": "subject", "value": "reseau"},
                                                                  {"entity": "action", "value": "reparer"}])
    messages, _ = run(ActionAnswerQuestion(), tracker)
    assert "05.49.06.63.60" in texts(messages)
    assert any(b["payload"].startswith("/declare_incident") for m in messages for b in m.get("buttons") or [])


def test_a_question_reporting_no_fault_is_answered_not_declared(tickets):
    # NLU may read « transférer le matériel… » as a declaration: the question mark and no fault make it a
    # question, answered with the procedure of article 5 (a move needs a request).
    tracker = load_tracker("incident_activation", text="transférer le matériel de la salle 3 vers le CDI, faut faire une demande ?",
                           intent="declare_incident")
    messages, events = run(ActionTriageIncident(), tracker)
    assert followups(events) == [] and "incident_declaration" not in slot_sets(events)
    assert "Je prépare" not in texts(messages)
    assert any("article-5" in c["articles"] for c in citations(messages))
    assert tickets.admin_list_tickets() == []

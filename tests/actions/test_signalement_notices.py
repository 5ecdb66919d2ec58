"""A teacher's signalement is announced to the RUPNs of the collège (issue 14): the notice row written with
it, what the RUPN reads and taps, delivery recorded once per recipient, and the RUPN's answer reaching the
teacher. The delivery by the real gateways, then the one-tap forward, is tests/conversations/test_signalement_notices.py."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from actions.incident_submit import ActionSubmitIncident
from tests.actions.support import DEMO_UAI, OTHER_UAI, load_tracker, make_token, run, texts
from tests.actions.test_incident_declarations import COMPLETE


def _submit(role: str, uai: str = DEMO_UAI, declaration: str = "decl-1"):
    confirmed = {**COMPLETE, "incident_confirmed": "yes", "incident_declaration": declaration,
                 "incident_place": "salle 5", "incident_description": "le vidéoprojecteur ne s'allume plus"}
    tracker = load_tracker("incident_recap", slots=confirmed,
                           metadata={"identity_token": make_token(uai, role=role, sub=f"{role}-{declaration}")})
    return run(ActionSubmitIncident(), tracker)


def _notice_rows(tickets):
    with tickets.engine.connect() as connection:
        return connection.execute(text(
            "SELECT t.number, n.uai FROM signalement_notices n JOIN tickets t ON t.id = n.ticket_id")).all()


def test_a_teacher_s_signalement_queues_one_notice_for_its_collège_and_a_rupn_s_ticket_none(tickets):
    _submit("enseignant", DEMO_UAI, "decl-teacher")
    _submit("rupn", DEMO_UAI, "decl-rupn")
    _submit("enseignant", DEMO_UAI, "decl-teacher")  # a replayed submit: same signalement, no second notice
    by_line = {t.line: t.number for t in tickets.admin_list_tickets()}
    assert set(by_line) == {"college", "departement"}
    assert _notice_rows(tickets) == [(by_line["college"], DEMO_UAI)]


def test_the_notice_says_what_where_and_how_to_forward_or_answer(tickets):
    _submit("enseignant")
    [notice] = tickets.waiting_notices(DEMO_UAI)
    number = notice.ticket.number
    assert notice.text.startswith(f"Nouveau signalement {number} d'un enseignant (Collège Jean Donnet (Lezay))")
    assert "« le vidéoprojecteur ne s'allume plus »" in notice.text and "Signalement d'un enseignant" not in notice.text
    assert "Lieu : salle 5 · Impact : une salle · Contact : M. Martin" in notice.text
    assert f"« ajoute au ticket {number} : … »" in notice.text
    assert notice.buttons == [
        {"title": "Transmettre au service", "payload": f'/forward_ticket{{"ticket_id": "{number}"}}'},
        {"title": "Voir le signalement", "payload": f'/check_ticket_status{{"ticket_id": "{number}"}}'},
    ]
    assert tickets.waiting_notices(OTHER_UAI) == []  # another collège's RUPN is not told


def test_each_recipient_is_told_once_per_channel_and_only_while_the_signalement_waits(tickets):
    _submit("enseignant")
    [notice] = tickets.waiting_notices()
    assert tickets.mark_notice_delivered(notice.id, "telegram", "telegram-42") is True
    assert tickets.mark_notice_delivered(notice.id, "telegram", "telegram-42") is False  # a second gateway pass
    [notice] = tickets.waiting_notices()
    assert notice.delivered("telegram", "telegram-42")
    assert not notice.delivered("web", "telegram-42") and not notice.delivered("telegram", "telegram-43")
    tickets.set_status(notice.ticket.number, "resolu", author="rupn", note="Transmis")  # forwarded or closed
    assert tickets.waiting_notices() == []


def test_retention_deletes_a_closed_signalement_with_its_notice_and_deliveries(tickets):
    _submit("enseignant")
    [notice] = tickets.waiting_notices()
    tickets.mark_notice_delivered(notice.id, "web", "web-abc")
    tickets.set_status(notice.ticket.number, "resolu", author="rupn")
    assert tickets.purge_closed_before(datetime.now(timezone.utc) + timedelta(days=1)) == 1
    assert _notice_rows(tickets) == []


def test_the_rupn_s_answer_to_a_signalement_reaches_the_teacher(tickets):
    from actions.tickets import ActionAddTicketComment

    _submit("enseignant")
    [signalement] = tickets.admin_list_tickets()
    tracker = load_tracker("ticket_status", text=f"ajoute au ticket {signalement.number} : je passe à 14 h",
                           entities=[{"entity": "ticket_id", "value": signalement.number}],
                           metadata={"identity_token": make_token(DEMO_UAI, role="rupn", sub="rupn-1")})
    tracker.sender_id = "rupn-conversation"
    messages, _ = run(ActionAddTicketComment(), tracker)
    assert f"Réponse envoyée à l'enseignant (signalement {signalement.number})" in texts(messages)
    [news] = [n for n in tickets.pending_notifications(signalement.reporter_channel)
              if n.ticket_number == signalement.number]
    assert news.reporter_id == signalement.reporter_id and news.text == (
        f"Votre RUPN a répondu à votre signalement {signalement.number} :\nje passe à 14 h")

"""Whole conversations through the REST channel of the real bot (trained model + action server)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from helpdesk.identity import Identity, issue_token
from helpdesk.tickets import TicketStore
from tests.conftest import TEST_JWT_SECRET, citation, texts

NUMBER = re.compile(r"INC-\d{4}-\d{5}")


def ask(bot, text, sender=None, **kw):
    replies = bot.send(text, sender=sender, **kw)
    return replies, texts(replies), citation(replies)


def buttons(replies):
    return [b for m in replies for b in m.get("buttons") or []]


def token_for(uai: str, role: str = "rupn") -> dict:
    identity = Identity(user_id=f"user-{uai}", role=role, uai=uai, name="Test")
    return {"identity_token": issue_token(identity, TEST_JWT_SECRET, ttl=timedelta(hours=1))}


# ------------------------------------------------------------------------------------ questions
@pytest.mark.slow
@pytest.mark.parametrize("question, party, article", [
    ("qui installe le vidéoprojecteur ?", "college", "article-5"),
    ("kiki paie les portables", "college", "article-1"),
    ("qui s'occupe du filtrage internet ?", "academie", "article-3"),
    ("qui définit la stratégie de sauvegarde ?", "departement", "article-3"),
    ("on a acheté des tablettes sur nos fonds propres hors référentiel, qui s'occupe de la maintenance ?",
     "college", "article-5"),
    ("qui installe les logiciels pédagogiques sur les postes ?", "departement", "article-9"),
])
def test_responsibility_answers_name_party_and_article(live_bot, question, party, article):
    _, text, cite = ask(live_bot, question)
    assert party in cite["parties"], text
    assert article in cite["articles"], text
    assert f"Article {article.split('-')[1]}" in text
    assert cite["quote"]


@pytest.mark.slow
def test_yes_no_question_answers_no_with_a_warning(live_bot):
    _, text, cite = ask(live_bot, "le collège peut-il modifier le réseau lui-même ?")
    assert text.startswith("Non")
    assert "article-2" in cite["articles"]
    assert "étude préalable" in text


@pytest.mark.slow
def test_follow_up_keeps_the_context(live_bot):
    sender = live_bot.new_sender()
    _, _, first = ask(live_bot, "qui paie les téléphones portables ?", sender)
    assert first["parties"] == ["college"]
    _, text, second = ask(live_bot, "et les téléphones fixes ?", sender)
    assert "departement" in second["parties"], text
    assert "article-1" in second["articles"]


@pytest.mark.slow
def test_ambiguous_question_gets_buttons_and_a_button_press_answers(live_bot):
    sender = live_bot.new_sender()
    replies, text, cite = ask(live_bot, "vidéoprojecteur ?", sender)
    titles = [b["title"] for b in buttons(replies)]
    assert len(titles) == 3 and "L'installation" in titles
    assert cite == {}
    payload = next(b["payload"] for b in buttons(replies) if b["title"] == "L'installation")
    _, text, cite = ask(live_bot, payload, sender)
    assert cite["parties"][0] == "college" and "article-5" in cite["articles"]


@pytest.mark.slow
def test_support_line_with_number_hours_and_open_status(live_bot):
    _, text, cite = ask(live_bot, "le filtrage bloque un site, j'appelle qui ?")
    assert "05.16.52.66.86" in text and "8 h à 17 h 30" in text
    assert "ouvert en ce moment" in text  # BOT_FIXED_NOW is a Monday at 10:00
    assert "academie" in cite["parties"]


@pytest.mark.slow
def test_agreement_termination(live_bot):
    _, text, cite = ask(live_bot, "comment on résilie la convention ?")
    assert "lettre recommandée" in text and "2 mois" in text
    assert cite["articles"] == ["article-13"]


@pytest.mark.slow
def test_consumables_are_not_specified_and_point_to_governance(live_bot):
    _, text, cite = ask(live_bot, "qui fournit les cartouches d'encre des imprimantes ?")
    assert "ne précise pas" in text
    assert cite["articles"] == ["article-11"] and cite["parties"] == []


@pytest.mark.slow
def test_out_of_scope_is_polite_and_cites_nothing(live_bot):
    _, text, cite = ask(live_bot, "c'est quoi le menu de la cantine demain ?")
    assert "ne traite pas" in text
    assert cite == {}


@pytest.mark.slow
def test_small_talk(live_bot):
    assert "Bonjour" in ask(live_bot, "bonjour")[1]
    assert "assistant automatique" in ask(live_bot, "tu es un robot ?")[1]


# ------------------------------------------------------------------------------------ incidents
def _declare(bot, sender, first, answers, metadata=None):
    """Answer the form until a ticket number appears; returns all texts."""
    log = [ask(bot, first, sender, metadata=metadata)[1]]
    for answer in answers:
        log.append(ask(bot, answer, sender, metadata=metadata)[1])
    return "\n".join(log)


@pytest.mark.slow
def test_incident_to_the_departement_with_a_question_in_the_middle(live_bot):
    sender = live_bot.new_sender()
    uai = "0799003G"
    meta = token_for(uai)
    log = _declare(live_bot, sender, "le wifi ne marche plus au CDI", [
        "qui paie les portables ?",            # a question in the middle of the form
        '/inform{"value": "salle"}',
        "Mme Durand, 05 49 11 22 33",
        '/inform{"choice": "confirm"}',
    ], metadata=meta)
    assert "à la charge du collège" in log      # the question got its answer
    numbers = NUMBER.findall(log)
    assert numbers, log
    assert "05.49.06.63.60" in log and "ouvert en ce moment" in log
    store = TicketStore.open(live_bot.tickets_url)
    ticket = store.get_ticket(numbers[-1], uai)
    assert ticket is not None and ticket.line == "departement" and ticket.category == "reseau"
    assert ticket.place == "CDI" and ticket.impact == "salle"


@pytest.mark.slow
def test_filtering_incident_goes_to_the_academie(live_bot):
    sender = live_bot.new_sender()
    log = _declare(live_bot, sender, "un site pédagogique est bloqué par le filtrage", [
        "salle 12", '/inform{"value": "salle"}', "M. Petit 0600000000", '/inform{"choice": "confirm"}',
    ], metadata=token_for("0799004H"))
    assert NUMBER.search(log), log
    assert "05.16.52.66.86" in log


@pytest.mark.slow
def test_mobile_phone_is_the_colleges_own_charge_and_declining_opens_nothing(live_bot):
    sender = live_bot.new_sender()
    replies, text, _ = ask(live_bot, "mon téléphone portable de service est cassé", sender, metadata=token_for("0799005J"))
    assert "à la charge du collège" in text
    replies, text, _ = ask(live_bot, "/deny", sender, metadata=token_for("0799005J"))
    assert "aucun ticket" in text.lower()
    assert not NUMBER.search(text)


@pytest.mark.slow
def test_cancel_in_the_middle_of_the_form(live_bot):
    sender = live_bot.new_sender()
    ask(live_bot, "l'imprimante de la salle 8 ne marche plus", sender)
    _, text, _ = ask(live_bot, "annuler", sender)
    assert "rien n'a été enregistré" in text


@pytest.mark.slow
def test_status_is_scoped_to_the_establishment(live_bot):
    sender = live_bot.new_sender()
    mine = token_for("0799006K")
    log = _declare(live_bot, sender, "le standard téléphonique est en panne", [
        "accueil", '/inform{"value": "site"}', "La loge, 0549000001", '/inform{"choice": "confirm"}',
    ], metadata=mine)
    number = NUMBER.findall(log)[-1]
    _, own, _ = ask(live_bot, f"où en est mon ticket {number} ?", live_bot.new_sender(), metadata=mine)
    assert number in own and "ouvert" in own
    other = token_for("0799007L")
    _, theirs, _ = ask(live_bot, f"où en est mon ticket {number} ?", live_bot.new_sender(), metadata=other)
    _, missing, _ = ask(live_bot, "où en est mon ticket INC-2026-99999 ?", live_bot.new_sender(), metadata=other)
    assert theirs.replace(number, "N") == missing.replace("INC-2026-99999", "N")

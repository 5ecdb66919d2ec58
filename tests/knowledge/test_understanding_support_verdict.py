"""Issue 11, class 2, on the support path: a closed question that the NLU reads as a support question never gets
a « Non » from the line's record, which only says what one party does. (A computed « Oui » on this path was tried
on 2026-12-04 and dropped: it turned two unread validation items from missed into confidently wrong.) Examples
written for these tests from the agreement text, never copied from an eval file."""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text", [
    # The writer's own collège is no party asked about: the framework agreement the Département sets up for
    # all collèges does not answer « Non » to it.
    "pour nos forfaits de mobiles, il y a un contrat commun pour tous les collèges ?",
    # Another party's line: its record says what the Académie does, it denies nothing of the Département.
    "le Département s'occupe-t-il de l'assistance sur les applications administratives ?",
])
def test_the_support_path_never_denies_from_a_line_s_record(kb, now, text):
    answer = answer_question(kb, text, intent="ask_support", now=now)
    assert not answer.text.startswith("Non"), answer.text
    assert answer.yes_no != "non"


@pytest.mark.parametrize("text, lead", [
    # The model may read a closed question on what a party does as one on support: the message names no line,
    # number or contact and reports no fault, so it is checked like any closed question (article 4).
    ("Réseau Canopé et l'Académie forment-ils les enseignants aux usages pédagogiques ?", "Oui"),
    ("les profs sont-ils formés par Canopé et l'Académie aux usages pédagogiques ?", "Oui"),
])
def test_a_closed_question_off_support_is_checked_whatever_the_model_s_intent(kb, now, text, lead):
    answer = answer_question(kb, text, intent="ask_support", now=now)
    assert answer.text.startswith(lead) and answer.kind != "support", answer.text


@pytest.mark.parametrize("text, said, party", [
    # Article 2: the network is the Département's; the Académie asked is not the line to call.
    ("la baie de brassage est en panne, on appelle l'Académie ?", "Non.", "departement"),
    # Article 1: the Département renews the telephones when they fail.
    ("nos tel fixes sont en panne, le dpt les remplace ?", "Oui.", "departement"),
])
def test_a_closed_question_answered_by_a_line_card_gets_the_records_verdict(kb, text, said, party):
    answer = answer_question(kb, text)
    assert answer.text.startswith(said) and answer.parties[:1] == [party], answer.text


def test_a_line_asked_at_a_moment_gets_no_verdict_from_the_record(kb):
    # « répond le samedi ? » asks of the line's days (article 4), not who handles the server.
    assert not answer_question(kb, "le Département répond le samedi si le serveur plante ?").text.startswith("Oui")


@pytest.mark.parametrize("text, line_party, lead", [
    # A line's own online channel named with no party (article 4): that line, and the « Oui » its existence gets.
    ("y a-t-il un suivi en ligne des demandes d'assistance ?", "departement", "Oui"),
    ("existe-t-il un formulaire en ligne pour joindre l'assistance ?", "academie", "Oui"),
    ("il n'y a pas de suivi en ligne des demandes ?", "departement", "Si"),
    # Asked of the line that has it, a channel gets its « Oui » whatever the closed question's wording.
    ("le rectorat, on peut le saisir avec un formulaire en ligne au lieu d'appeler ?", "academie", "Oui"),
])
def test_a_line_s_own_channel_names_that_line(kb, now, text, line_party, lead):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(lead) and answer.parties == [line_party] and "article-4" in answer.articles, answer.text


def test_a_line_with_no_number_confirms_no_hotline(kb, now):
    # Article 4 gives Canopé's accompaniment no number nor channel: its existence asked gets no « Oui ».
    answer = answer_question(kb, "existe-t-il une hotline chez Canopé ?", now=now)
    assert not answer.text.startswith("Oui") and answer.yes_no != "oui", answer.text


@pytest.mark.parametrize("text, party, article", [
    # Article 4: the Département's number and its intranet; the Académie's platform and its online form.
    ("on signale un incident comment au Département ?", "departement", "article-4"),
    ("comment signaler une panne à l'Académie de Poitiers ?", "academie", "article-4"),
])
def test_how_to_report_to_a_partner_named_is_that_partner_s_line(kb, text, party, article):
    answer = answer_question(kb, text)
    assert answer.parties == [party] and article in answer.articles, answer.text
    assert "Pour quel type de problème" not in answer.text, answer.text

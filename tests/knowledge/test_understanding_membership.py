"""Issue 11, class 8: whether someone sits in a body of the agreement is answered from the body's list of
members (article 11), with a computed « Oui » / « Non ». Examples written for these tests from the agreement
text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, lead, member", [
    ("le GTI comprend un RUPN ?", "Oui", "un RUPN représentant l'ensemble des RUPN"),
    ("y a-t-il un élu dans le GTI ?", "Oui", "un autre élu en charge de l'informatique"),
    ("le DSI du rectorat fait partie du groupe de travail informatique ?", "Oui", "le DSI du rectorat"),
    ("il y a 8 représentants des équipes de direction au GTI ?", "Oui", "8 représentants"),
    # The DANE named by its title: the délégué académique au numérique.
    ("le délégué académique au numérique a-t-il une place au GTI ?", "Oui", "le DANE du rectorat"),
    ("au GTI ils sont 5 représentants des équipes de direction c'est ça ?", "Non", "8 représentants"),
])
def test_a_member_named_is_found_in_the_list(kb, text, lead, member):
    answer = answer_question(kb, text, now=NOW)
    first = answer.text.splitlines()[0]
    assert first.startswith(lead) and member in first, answer.text
    assert "article-11" in answer.articles


@pytest.mark.parametrize("text, word", [
    ("des parents d'élèves siègent-ils au GTI ?", "parents d'élèves"),
    ("les profs sont membres du groupe de travail informatique ?", "profs"),
])
def test_people_no_member_matches_are_not_in_the_list(kb, text, word):
    answer = answer_question(kb, text, now=NOW)
    assert answer.text.startswith("Non : la composition du groupe de travail informatique"), answer.text
    assert word in answer.text and answer.yes_no == "non"


def test_a_body_whose_composition_the_text_does_not_give_gets_no_verdict(kb):
    answer = answer_question(kb, "l'instance de concertation comprend des parents ?", now=NOW)
    assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non"))


def test_an_article_is_no_count(kb):
    # « un » is an article here: the list's « 8 représentants » is no « Non ».
    answer = answer_question(kb, "est-ce qu'un principal siège au GTI ?", now=NOW)
    assert answer.text.startswith("Oui : le groupe de travail informatique comprend 8 représentants")


@pytest.mark.parametrize("text, lead", [
    # article 11: the instance meets « une ou 2 fois l'an », the GTI « au moins une fois par an et plus selon le besoin »
    ("la commission de concertation se réunit tous les trimestres ?", "Non : l'instance de concertation se réunit une ou 2 fois l'an"),
    ("l'instance de concertation, c'est une fois par an ?", "Oui : l'instance de concertation se réunit une ou 2 fois l'an"),
    ("le groupe de travail informatique se réunit au moins une fois par an ?", "Oui : le groupe de travail informatique"),
    # Less than once a year is below the least the text requires.
    ("le GTI, c'est tous les deux ans, c'est exact ?", "Non : le groupe de travail informatique se réunit au moins une"),
    ("l'instance de concertation peut rester une année sans se tenir ?", "Non : l'instance de concertation se réunit une"),
    ("le GTI ne se réunit-il qu'un an sur deux ?", "Non : le groupe de travail informatique se réunit au moins une"),
    ("le GTI se réunit chaque mois ?", None),  # more often than the least is allowed, not required
    # « au moins deux fois » asks a minimum the text does not set: it requires once.
    ("le gt informatique doit se réunir au moins deux fois l'an, c'est ça ?",
     "Non : le groupe de travail informatique se réunit au moins une fois par an"),
])
def test_how_often_a_body_meets_is_compared_with_the_text(kb, text, lead):
    answer = answer_question(kb, text, now=NOW)
    if lead is None:
        assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non")), answer.text
    else:
        assert answer.text.startswith(lead), answer.text


def test_a_check_tag_makes_a_statement_a_closed_question(kb):
    answer = answer_question(kb, "l'instance qui valide les dossiers avec les établissements se réunit chaque "
                             "semaine, c'est exact ?", now=NOW)
    assert answer.text.startswith("Non : l'instance de concertation"), answer.text


def test_someone_elses_claim_is_checked_against_the_text(kb):
    # « … il a raison ? » checks what someone said; « réunion de concertation » names the instance. The frequency is
    # the text's own words (« à raison d'une ou 2 fois l'an »).
    answer = answer_question(kb, "ma collègue pense qu'il y a une réunion de concertation départementale tous les "
                             "trimestres, elle a raison ?", now=NOW)
    assert answer.text.startswith("Non : l'instance de concertation se réunit une ou 2 fois l'an (Article 11)"), \
        answer.text


def test_a_member_asked_for_every_college_is_not_in_the_list(kb):
    """Article 11: « un RUPN (représentant l'ensemble des RUPN du département) », not one per collège."""
    answer = answer_question(kb, "chaque collège envoie son RUPN au groupe de travail informatique ?", now=NOW)
    assert answer.text.startswith("Non : le groupe de travail informatique comprend un RUPN représentant"), answer.text


@pytest.mark.parametrize("text, lead", [
    # Article 11: « La gouvernance du numérique … est animée conjointement par l'Académie de Poitiers, les
    # collèges, Réseau CANOPÉ et le Département des Deux-Sèvres. »
    ("Réseau Canopé prend part à la gouvernance du numérique ?", "Oui."),
    ("les collèges sont-ils associés à la gouvernance du numérique ?", "Oui."),
    ("le Département anime seul la gouvernance du numérique ?", None),  # « seul » asks about the others
    ("la gouvernance du numérique est-elle présidée par le Département ?", None),  # no taking part asked
])
def test_taking_part_in_the_governance_is_answered_from_who_animates_it(kb, text, lead):
    answer = answer_question(kb, text, now=NOW)
    if lead is None:
        assert answer.yes_no != "oui" and not answer.text.startswith("Oui"), answer.text
    else:
        assert answer.text.startswith(f"{lead} La gouvernance du numérique") and "article-11" in answer.articles, \
            answer.text


# (moved from test_understanding_frame.py, which grew past 400 lines: a reading of the governance words)
def test_instance_alone_gives_way_to_the_thing_named(kb):
    # Article 9: the software is referenced « auprès du comité technique »; « instance » alone does not make it the
    # governance of article 11, which still answers when nothing more specific is named.
    answer = answer_question(kb, "les logiciels communs a tous les colleges sont references aupres de quelle instance ?")
    assert answer.articles[:1] == ["article-9"] and "comité technique" in answer.text, answer.text
    assert answer_question(kb, "quelle instance valide les dossiers avec les établissements ?").articles[:1] == \
        ["article-11"]
    # The Commission permanente that empowered the Département's president is in the heading, not article 11.
    answer = answer_question(kb, "le président du Département a été habilité à signer par quelle instance ?")
    assert "Commission permanente du 23 janvier 2017" in answer.text and "article-11" not in answer.articles


def test_a_frequency_asked_as_a_duty_is_compared_with_the_least_required(kb):
    # Article 11: the GTI meets « au moins une fois par an, et plus selon le besoin »: monthly is allowed, not
    # required; the instance meets « une ou 2 fois l'an »: twice is allowed, not required (no verdict).
    answer = answer_question(kb, "le GTI doit-il obligatoirement se réunir une fois par mois ?")
    assert answer.text.startswith("Non : le groupe de travail informatique se réunit au moins une fois par an"), answer.text
    answer = answer_question(kb, "l'instance de concertation doit se réunir deux fois par an ?")
    assert not answer.text.startswith(("Oui", "Non")) and "une ou 2 fois" in answer.text, answer.text


@pytest.mark.parametrize("text", ["la commission se réunit tous les combien ?", "la réunion de l'année, elle a lieu quand ?",
                                  "qui siège à la commission ?"])
def test_a_body_the_words_do_not_name_is_asked_back(kb, text):
    # Article 11 has two bodies, the instance de concertation and the groupe de travail informatique.
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and len(answer.choices) == 2 and "article-11" in answer.articles, answer.text
    assert not answer.parties
    # Each button sends the question back with the body's name: it is then answered, not asked back again.
    for choice in answer.choices:
        assert answer_question(kb, choice.payload).kind in ("agreement", "not_specified"), choice.payload


def test_the_body_chosen_gets_its_own_frequency(kb):
    asked = answer_question(kb, "la commission se réunit tous les combien ?")
    gti = next(c for c in asked.choices if "groupe de travail" in c.label.lower())
    answer = answer_question(kb, gti.payload)
    assert answer.text.startswith("Le groupe de travail informatique se réunit au moins une fois par an"), answer.text


def test_how_often_a_named_body_meets_leads_the_answer(kb):
    answer = answer_question(kb, "le GTI se réunit tous les combien ?")
    assert answer.text.startswith("Le groupe de travail informatique se réunit au moins une fois par an"), answer.text
    assert answer.kind == "agreement" and "article-11" in answer.articles
    named = answer_question(kb, "la commission permanente a habilité qui ?")
    assert named.kind != "clarify", named.text


@pytest.mark.parametrize("text", [
    "au GTI il n'y a que des chefs d'établissement ?",
    "seuls les élus du Département siègent au groupe de travail informatique ?",
])
def test_only_some_members_is_denied_with_the_others(kb, text):
    # The list names the others too (article 11): « Non », with them; a « Oui » from the member found was false.
    answer = answer_question(kb, text)
    assert answer.text.startswith("Non : le groupe de travail informatique comprend"), answer.text
    assert "mais aussi" in answer.text and "DANE" in answer.text, answer.text


def test_at_least_one_is_no_restriction(kb):
    answer = answer_question(kb, "les RUPN sont-ils représentés au GTI, ne serait-ce qu'un ?")
    assert answer.text.startswith("Oui : le groupe de travail informatique comprend un RUPN"), answer.text

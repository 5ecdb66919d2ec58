"""Questions about one of the texts and places the agreement cites (issue 11, class 8): the one asked about, not
every term of the topic, and no « Oui » from a year that only bounds the time asked about. Examples written for
these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


def ask(kb, text, now):
    return answer_question(kb, text, now=now)


def test_an_earlier_agreement_is_the_2010_deliberation_not_article_12(kb, monday_10am):
    # « Vu le délibération, le 17 mai 2010, concernant une convention de partenariat… »: « Oui » with article 12's
    # term was stated, the 2017 of the question taken as checked.
    answer = ask(kb, "y avait-il déjà une convention avant celle de 2017 ?", monday_10am)
    assert "17 mai 2010" in answer.text and not answer.text.startswith("Oui"), answer.text
    assert "article-12" not in answer.articles


@pytest.mark.parametrize("text", ["la convention a été conclue avant 2017 ?", "elle court jusqu'en 2017 ?"])
def test_a_year_bounding_the_time_asked_confirms_nothing(kb, monday_10am, text):
    assert not ask(kb, text, monday_10am).text.startswith("Oui"), text


def test_a_year_the_question_states_is_still_checked(kb, monday_10am):
    assert ask(kb, "la convention a démarré en 2017 ?", monday_10am).text.startswith("Oui. ")


def test_the_deliberation_that_empowers_the_president_answers_which_one_approved_it(kb, monday_10am):
    answer = ask(kb, "c'est quelle délibération du département qui a approuvé la convention ?", monday_10am)
    assert "Commission permanente du 23 janvier 2017" in answer.text, answer.text


def test_the_empowering_deliberation_asked_by_its_date_is_not_the_term(kb, monday_10am):
    # « 2017 » also starts the agreement's term (article 12), which answered it.
    answer = ask(kb, "la délibération du 23 janvier 2017, c'est quoi ?", monday_10am)
    assert "Commission permanente" in answer.text and "article-12" not in answer.articles, answer.text


def test_one_cited_text_asked_by_its_date_is_answered_alone(kb, monday_10am):
    answer = ask(kb, "à quoi correspond la délibération du 2 avril 2015 ?", monday_10am)
    assert "2 avril 2015" in answer.text and "Code général" not in answer.text and "2004" not in answer.text


def test_the_atelier_canope_address_is_the_one_for_correspondence(kb, monday_10am):
    # Préambule: « l'Atelier CANOPÉ 79 - Niort …, situé 4 rue Camille Desmoulins à Niort »; the heading's addresses
    # are Réseau Canopé's (Futuroscope) and its territorial direction's (Poitiers).
    answer = ask(kb, "c'est quoi l'adresse de l'atelier canopé ?", monday_10am)
    assert "Camille Desmoulins" in answer.text and "Futuroscope" not in answer.text, answer.text
    whole = ask(kb, "quelle est l'adresse de Réseau Canopé ?", monday_10am)
    assert whole.text.startswith("Réseau Canopé est sis Téléport 1"), whole.text


@pytest.mark.parametrize("text", [
    "la convention a été approuvée par quel conseil d'administration ?",
    "le collège a-t-il délibéré pour signer la convention ?",
])
def test_the_board_deliberation_is_the_principals_empowerment(kb, monday_10am, text):
    # « dûment habilité (e) par délibération du conseil d'administration »: the board was read as the
    # administrative services (article 3), or the signature block was given.
    answer = ask(kb, text, monday_10am)
    assert "conseil d'administration" in answer.text and answer.articles[:1] == ["entete"], answer.text


def test_the_board_names_no_administrative_service(kb, monday_10am):
    answer = ask(kb, "le conseil d'administration a voté l'achat de tablettes, qui les installe ?", monday_10am)
    assert "article-3" not in answer.articles and "administratif" not in answer.text, answer.text


@pytest.mark.parametrize("text, party, words", [
    ("le rectorat c'est où ?", "academie", "rue Guillaume 7 Le Troubadour"),
    ("Canopé est basé où ?", "canope", "avenue du Futuroscope"),
    ("le Département il se trouve où ?", "departement", "Denfert Rochereau"),
])
def test_where_a_party_is_asked_after_its_name_is_its_address(kb, monday_10am, text, party, words):
    answer = ask(kb, text, monday_10am)
    assert words in answer.text and answer.parties == [party] and answer.articles[0] == "entete", answer.text


def test_a_service_of_a_party_named_gets_its_own_address(kb, monday_10am):
    # parties.yml units: the Atelier Canopé 79 at Niort, not Réseau Canopé's head office at the Futuroscope.
    answer = ask(kb, "quelle est l'adresse de l'atelier canopé 79 ?", monday_10am)
    assert "Camille Desmoulins" in answer.text and "Futuroscope" not in answer.text, answer.text


def test_a_line_named_with_its_party_is_no_address_asked(kb, monday_10am):
    answer = ask(kb, "le formulaire en ligne de l'académie, il est où ?", monday_10am)
    assert "Troubadour" not in answer.text, answer.text


def test_where_the_agreement_was_made_is_niort(kb, monday_10am):
    answer = ask(kb, "la convention a été faite où ?", monday_10am)
    assert "faite à Niort" in answer.text and answer.articles == ["signatures"], answer.text


@pytest.mark.parametrize("text, fact", [
    ("quelle loi de 2004 est visée au préambule ?", "2004-809"),
    ("qui représente le Département dans la convention ?", "FAVREAU"),
])
def test_the_heading_is_cited_with_the_preamble_it_stands_in(kb, monday_10am, text, fact):
    # The parties, the « Vu… » and the « Considérant… » come before « IL A ÉTÉ CONVENU CE QUI SUIT »: the heading of
    # the text and, in the legal sense people use, its preamble (sections.yml `within`). Both are cited.
    answer = ask(kb, text, monday_10am)
    assert fact in answer.text and answer.articles[:2] == ["entete", "preambule"], (answer.articles, answer.text)



@pytest.mark.parametrize("text, fact, others", [
    ("quelle loi de 2004 est visée par la convention ?", "2004-809", ("8 juillet 2013", "L.1111-1")),
    ("la loi de 2013 visée, c'est laquelle ?", "8 juillet 2013", ("2004-809", "L.1111-1")),
])
def test_a_cited_text_asked_by_its_year_is_answered_alone(kb, monday_10am, text, fact, others):
    # The « Vu… » references: the one whose year the question names, not the whole list.
    answer = ask(kb, text, monday_10am)
    assert fact in answer.text and not any(other in answer.text for other in others), answer.text


def test_every_cited_text_is_listed_when_none_is_named(kb, monday_10am):
    answer = ask(kb, "quelles lois sont visées par la convention ?", monday_10am)
    assert "2004-809" in answer.text and "8 juillet 2013" in answer.text, answer.text

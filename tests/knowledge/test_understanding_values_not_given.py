"""Issue 11: a question asking a property of something the agreement speaks of (how an act is done, in what form,
what it costs, the hours of the written way to reach a line) that the record found does not give. Stating the record
would read as an answer; the bot says the text does not specify, quotes it as what it says closest, and names no
party. Examples written for these tests from the agreement text, never copied from an evaluation file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

# A Wednesday morning, lines open: the state now must not leak into an answer about the online ways.
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


def _unspecified(answer, article):
    return answer.kind == "not_specified" and not answer.parties and article in answer.articles \
        and not answer.text.startswith(("Oui", "Non"))


@pytest.mark.parametrize("text, article", [
    # Article 11 lists the GTI's members; how they are recruited or how it prepares its meetings, it never says.
    ("Les huit membres de direction du GTI, on les recrute comment ?", "article-11"),
    ("le groupe de travail informatique, comment il prépare ses réunions ?", "article-11"),
    # Article 6: the inventory « est à la disposition » of the collège; in what form, it does not say.
    ("l'inventaire du matériel, on le reçoit sous quel format ?", "article-6"),
    # Article 9: « formations et animations » by the Académie and Canopé; what they cost, it does not say.
    ("les animations de Canopé autour des logiciels pédagogiques, c'est payant ?", "article-9"),
    # Article 4: the Département's assistance; whether it costs anything, it does not say (and the closest record
    # is quoted without the « Oui » a check of its party would have put before it).
    ("c'est payant l'assistance du département ?", "article-4"),
])
def test_a_property_the_record_does_not_give_is_said_to_be_unspecified(kb, text, article):
    answer = answer_question(kb, text, now=NOW)
    assert _unspecified(answer, article) and "oui." not in answer.text.lower(), answer.text


@pytest.mark.parametrize("text, article, says", [
    # Article 13 says how: « par voie d'avenants », « par l'envoi d'une lettre recommandée ».
    ("comment on modifie la convention ?", "article-13", "avenants"),
    ("comment résilier la convention ?", "article-13", "lettre recommandée"),
    # Article 1: the autocom's options « sont à la charge du collège »: that is who bears their cost.
    ("les options de l'autocom c'est payant pour le collège ?", "article-1", "à la charge du collège"),
])
def test_a_property_the_record_gives_is_answered(kb, text, article, says):
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind != "not_specified" and article in answer.articles and says in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "l'intranet de déclaration d'incident du Département marche le dimanche ?",
    "le formulaire en ligne de l'académie est accessible le dimanche ?",
])
def test_the_online_ways_have_no_hours_in_the_text(kb, text):
    # Article 4 gives hours to the telephone (« une permanence du lundi au vendredi … ») and none to « un intranet
    # de déclaration d'incident » or « un formulaire en ligne »: no « Non » from the telephone's hours.
    answer = answer_question(kb, text, now=NOW)
    assert _unspecified(answer, "article-4"), answer.text
    assert "permanences téléphoniques" in answer.text and "en ce moment" not in answer.text


def test_the_telephone_hours_are_still_checked(kb):
    answer = answer_question(kb, "le numéro du département répond le samedi ?", now=NOW)
    assert answer.text.startswith("Non.") and "article-4" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "Réseau Canopé a-t-il une hotline quand un logiciel éducatif ne se lance plus ?",
    "le numéro de téléphone de Canopé pour les logiciels, c'est lequel ?",
])
def test_a_number_asked_of_canope_is_one_the_text_does_not_give(kb, text):
    # Article 4: « Académie de Poitiers et Réseau CANOPÉ : accompagnement … » with no number; the Département's line
    # for the software named beside it would read as Canopé's.
    answer = answer_question(kb, text, now=NOW)
    assert _unspecified(answer, "article-4") and "05." not in answer.text, answer.text


@pytest.mark.parametrize("text", [
    # where, asked: a duty record gives no place (article 6 puts the inventory at the collège's disposal, nowhere)
    "l'inventaire qu'on peut consulter, il est où exactement, sur quel site ?",
    "la liste des ressources informatiques que suit le Département, on la trouve où ?",
    # which one of a kind, offering names the agreement never uses
    "c'est quoi comme antivirus sur nos PC, kaspersky ou bitdefender ?",
    # a document the agreement does not contain: a form, a model letter, a written procedure
    "vous pouvez me transmettre le formulaire à remplir pour une demande d'équipement ?",
    "il existe un modèle de courrier pour demander un déplacement de matériel ?",
    # names it does not give: the GTI's members are roles (article 11), the operator is not named (article 1)
    "je voudrais les membres de l'instance de concertation avec leurs noms",
    "c'est quoi le nom de l'opérateur pour la téléphonie fixe des collèges ?",
    # how often: articles 3, 6 and 8 say who defines the backups and keeps the inventory and the antivirus, not when
    "Sauvegardes du serveur : la convention fixe une fréquence ?",
    "les mises à jour des antivirus, c'est à quelle fréquence ?",
    "l'inventaire est actualisé à quel rythme ?",
])
def test_a_value_a_duty_does_not_give_is_said_not_given(kb, text):
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


@pytest.mark.parametrize("text, article", [
    # a relative « où » says where something is, and asks nothing
    ("dans la salle où je fais cours le vidéoprojecteur n'est pas fixé, qui doit l'installer ?", "article-5"),
    # where in the agreement: the citation answers
    ("c'est écrit où que le Département paie l'antivirus ?", "article-8"),
])
def test_a_relative_or_textual_where_asks_no_place(kb, text, article):
    answer = answer_question(kb, text, now=NOW)
    assert answer.parties and article in answer.articles, answer.text

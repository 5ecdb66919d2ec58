"""Issue 11: a who-question on an act no record carries is not answered by the record of its thing.

The verb may be a word the base knows for something else (« décrocher » says a line answers) or one the agreement
never uses as an act (« lancer »): the record of the thing is then only nearby, and stating it would name a party the
text does not designate for that act. Examples written for these tests from the agreement text, never copied from an
eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.asked_acts import said_otherwise, unnamed_act
from knowledge.understanding.coverage import Gap


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # a Wednesday morning: every line open


@pytest.mark.parametrize("text, article", [
    # « décroché » is a word of the lines (« ils décrochent ? »), not an act on a projector.
    ("On remplace le vidéoprojecteur de la salle 2 : l'ancien, il est décroché par qui ?", "article-5"),
    # The story names the act the record carries (« définit la stratégie »); the question asks another one.
    ("Le Département définit la stratégie de sauvegarde, d'accord. Mais chaque soir, qui lance les sauvegardes ?",
     "article-3"),
    # The nearest record is the collège's prohibition (« aucune intervention … sur les systèmes (ex : sauvegarde) »),
    # which does not say who restores a file either.
    ("un prof a effacé un dossier partagé sur le serveur : qui restaure la sauvegarde ?", "article-3"),
])
def test_an_act_no_record_carries_names_no_party(names_no_party, text, article):
    assert article in names_no_party(text, "not_specified").articles  # the nearest record, quoted as context


@pytest.mark.parametrize("text, party, article", [
    # A record putting its party in charge of the thing covers any act on it.
    ("qui crée les comptes des nouveaux personnels ?", "college", "article-3"),
    # « regarder si ça convient » is checking, the act the record carries.
    ("c'est qui qui regarde si l'ENT convient côté pédagogie ?", "academie", "article-7"),
    # « corriger » a failure is repairing it; a feasibility study is checking.
    ("la sauvegarde du serveur est en échec depuis lundi, qui corrige ?", "departement", "article-3"),
    ("avant d'ouvrir l'ENT, qui regarde la faisabilité technique ?", "departement", "article-7"),
])
def test_an_act_the_record_carries_in_other_words_keeps_its_party(kb, now, text, party, article):
    answer = answer_question(kb, text, now=now)
    assert party in answer.parties, answer.text
    assert article in answer.articles


def test_a_colon_after_a_room_number_is_no_moment(names_no_party):
    # « salle 2 : » once read as « 2 h », which made the question one about a line's opening hours.
    names_no_party("Dans la salle 2 : l'ancien vidéoprojecteur, il est décroché par qui ?", "not_specified")


@pytest.mark.parametrize("text", [
    "qu'est-ce qui justifie que le Département équipe les collèges ?",  # « ce qui » asks what, not who
    "le logiciel qui surveille les postes, c'est à qui de l'installer ?",  # a relative clause right after its noun
    "à qui je transmets la demande de déplacement du matériel ?",  # « à qui »: whom to tell
    "qui fait connaître les ressources numériques aux collèges ?",  # « faire connaître » is promoting
    "qui installe le vidéoprojecteur de la salle 4 ?",  # an act of the vocabulary
    "qui fixe le nouveau vidéoprojecteur au plafond ?",  # the same, the tagger's lemma left as typed
])
def test_only_the_act_qui_does_is_an_unnamed_act(kb, text):
    assert unnamed_act(kb, text) is None


@pytest.mark.parametrize("text, said", [
    # « dépanner » is repairing; a fault on the network goes to the Département's line (articles 2 and 4).
    ("c'est le CD qui dépanne le wifi ?", "Oui"),
    ("c'est l'académie qui dépanne le wifi du collège ?", "Non"),
])
def test_repairing_a_thing_is_checked_against_whoever_assists_or_is_in_charge(kb, now, text, said):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(said), answer.text
    assert "departement" in answer.parties


def test_a_part_of_a_message_with_several_is_checked_by_the_same_rule(kb, now):
    # The second part asks who takes the old projector down: the collège's installation (article 5) does not say.
    answer = answer_question(kb, "le switch du CDI est en panne et le vidéoprojecteur de la salle 2 doit être "
                                 "remplacé : qui décroche l'ancien vidéoprojecteur ?", now=now)
    first, second = answer.text.splitlines()[1:3]
    assert "Département" in first and "(Article 2)" in first, first
    assert "Je ne trouve pas dans la convention qui doit décrocher" in second, second
    assert "college" not in answer.parties, answer.parties


def test_a_question_that_does_not_ask_who_is_checked_too(names_no_party):
    # « obligés » names no act of the base: the eligibility checks of article 7 are only the nearest record.
    answer = names_no_party("les élèves sont-ils obligés d'utiliser l'ENT chaque semaine ?", "not_specified")
    assert "article-7" in answer.articles and answer.text.startswith("Je ne trouve pas ce point"), answer.text


@pytest.mark.parametrize("text, party, article", [
    # « éclairer » on a legal point is what « accompagnent … sur les aspects juridiques » (article 10) says: close by
    # the words' vectors.
    ("sur le droit d'auteur des vidéos tournées en classe, qui peut nous éclairer ?", "canope", "article-10"),
])
def test_an_act_the_record_says_in_other_words_keeps_its_party(kb, now, text, party, article):
    answer = answer_question(kb, text, now=now)
    assert party in answer.parties and article in answer.articles, answer.text


def test_the_words_vectors_tell_an_act_said_otherwise_from_another(spacy_loaded):
    supervision = "Le Département acquiert et maintient les logiciels socles (supervision des postes)."
    assert said_otherwise(Gap("surveille", "surveiller", "action", "", ""), supervision)
    assert not said_otherwise(Gap("rédige", "rédiger", "action", "", ""), supervision)


@pytest.mark.parametrize("text", [
    # Read by NLU as a support question, the answer carries the line: the act asked (« trancher », « arbitrer ») is
    # still checked against the record (article 1 says who buys mobiles and who runs the contracts, not who decides
    # which agents get one).
    "Entre l'intendance et la vie scolaire, qui tranche lesquels de nos agents auront un mobile de fonction ?",
    "Pour les mobiles de fonction, qui arbitre quels agents en reçoivent un ?",
])
def test_an_answer_with_its_support_line_is_checked_for_the_act_asked(kb, now, text):
    answer = answer_question(kb, text, intent="ask_support", now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


def test_the_act_asked_is_worded_as_an_infinitive(kb, now):
    # « arbitre » keeps its form for a lemma: the reply names the act by the action's own name.
    answer = answer_question(kb, "Pour les mobiles de fonction, qui arbitre quels agents en reçoivent un ?",
                             intent="ask_support", now=now)
    assert "doit arbitre " not in answer.text and "qui doit décider" in answer.text, answer.text

"""Issue 11, class 2: where a closed question gets no « Oui »/« Non », because the record found does not settle
it: a relative read where « qui » asks (« concrètement qui la réalise ? »), a party an existence question names
for whom the thing is, who bills against who pays, what a permission requires, the acts of a « si … » clause, and a
record's own exception. Each reply said a false « Oui » or « Non » before. Examples written for these tests from
the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


def test_an_adverb_before_qui_opens_no_relative_clause(kb):
    # « concrètement qui la réalise ? » asks who; it read as a relative on « concrètement », a closed question, and
    # got « Non. ⚠️ Le collège ne doit réaliser aucune intervention… ».
    answer = answer_question(kb, "on voudrait 4 prises reseau en plus en salle 2, l'etude prealable qu'il faut avant, "
                                 "concretement qui la realise ?")
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_party_an_existence_question_names_is_whom_the_thing_is_for(kb):
    # « pour chaque collège » names whom a guaranteed bandwidth would be for; the Département's assistance record
    # gave « Non. » as if the collège's charge were checked.
    answer = answer_question(kb, "existe-t-il un debit internet minimum garanti pour chaque college ? genre 100 mega ?")
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_who_bills_gets_no_verdict_from_who_pays(kb):
    # Article 1: « gestion centralisée des télécommunications … avec facturation aux collèges ». The Département bills,
    # the collège pays: « le Département facture … ? » got « Non. » from the collège's record of paying.
    for text in ("le Département facture les abonnements télécom aux collèges ?",
                 "la téléphonie est gérée par le CD, qui ensuite nous facture, c'est bien ça ?",
                 # billing said as « faire payer »
                 "le Département fait payer l'abonnement internet au collège ?"):
        answer = answer_question(kb, text)
        assert not answer.text.startswith("Non") and "article-1" in answer.articles, answer.text


def test_a_permission_says_nothing_of_what_the_act_requires(kb):
    # The Répartition lets the collège buy on its own funds; whether the board must vote first is not in it.
    answer = answer_question(kb, "pour acheter des ordis sur nos fonds propres, faut-il obligatoirement un vote du CA avant ?")
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_the_acts_of_a_circumstance_are_not_what_the_question_asks(kb):
    # Article 9 has the collège propose software; whether a refusal is explained is not in it: no « Oui ».
    answer = answer_question(kb, "si un logiciel qu'on a propose n'est pas retenu, est ce qu'on nous donne la raison ?")
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_question_on_a_records_exception_gets_no_non(kb):
    # Article 5, scenario 3: installation and maintenance « à la charge du collège sauf dans le cadre d'une
    # expérimentation concertée et validée par le Département ». Asked whether the Département may take it on in such
    # an experimentation, the reply said « Non. » (from the decision to buy, and from the procedure's condition).
    answer = answer_question(kb, "des tablettes achetées hors référentiel sur nos fonds : le Département peut quand même "
                                 "les maintenir si on monte une expérimentation validée avec lui ?")
    assert not answer.text.startswith("Non"), answer.text


def test_the_leave_of_the_exception_said_in_other_words_withholds_the_no(kb):
    # Article 3: « sauf autorisation expresse du Département ». With the Département's agreement, the prohibition's
    # « Non » would deny what the exception allows (it was given); the record and its exception answer.
    answer = answer_question(kb, "le RUPN a le droit de modifier le serveur avec l'accord du Département ?")
    assert not answer.text.startswith(("Non", "Oui")) and "autorisation expresse" in answer.text, answer.text
    # Without it, still « Non ».
    assert answer_question(kb, "le RUPN a le droit de modifier le serveur sans l'accord du Département ?").text.startswith("Non")


@pytest.mark.parametrize("text, article", [
    # Article 9: the collège proposes new software to the DANE's and Canopé's referents, who propose only validated
    # ones; a request proposed by the referent is made in concertation with the Département.
    ("un logiciel que le collège propose, il entre directement dans le référentiel commun ?", "article-9"),
    ("on a le droit de demander tout de suite au Département d'installer un logiciel pédagogique nouveau ?", "article-9"),
])
def test_a_shortcut_past_a_step_of_the_route_is_not_confirmed(kb, text, article):
    answer = answer_question(kb, text)
    assert article in answer.articles, answer.text
    assert not answer.text.startswith("Oui"), answer.text


@pytest.mark.parametrize("text", [
    "les élèves peuvent se connecter au wifi du CDI avec les tablettes du collège ?",
    "on a le droit d'utiliser le réseau du collège pour la webradio ?",
])
def test_using_the_network_is_no_intervention_a_prohibition_denies(kb, text):
    # Article 2 forbids the collège any intervention or modification of the network; using it is neither.
    answer = answer_question(kb, text)
    assert not answer.text.startswith("Non"), answer.text


def test_a_prohibition_still_denies_an_intervention_beside_a_use_told_in_a_relative(kb):
    # Article 8: « Le collège n'interviendra pas sur ce domaine » (the basic software: antivirus…).
    answer = answer_question(kb, "je peux installer l'antivirus que j'utilise à la maison sur le PC du CDI ?")
    assert answer.text.startswith("Non") and "article-8" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "le département installe les ressources pédagogiques sur nos postes si on le lui demande ?",
    "le CD déploie des ressources pédagogiques à notre demande ?",
])
def test_the_writers_own_request_does_not_meet_another_partys(kb, text):
    # Répartition des compétences: the Département deploys pedagogical resources « sur demande de l'Académie de
    # Poitiers ». Asked on the collège's own request, the record is stated with its condition, not confirmed.
    answer = answer_question(kb, text)
    assert not answer.text.startswith("Oui"), answer.text
    assert "sur demande de l'Académie de Poitiers" in answer.text and "repartition" in answer.articles, answer.text


def test_installing_pedagogical_resources_is_their_deployment(kb):
    # « installer » is what « déploiement … sur les postes » does: the record answers who, with its condition (it was
    # « la convention ne précise pas »).
    answer = answer_question(kb, "qui installe les ressources numériques pédagogiques sur les postes élèves ?")
    assert answer.kind == "responsibility" and "departement" in answer.parties, answer.text
    assert "sur demande de l'Académie de Poitiers" in answer.text, answer.text

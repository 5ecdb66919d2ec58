"""A closed question naming a party and an action but no subject (« le collège doit-il payer la maintenance ? »):
the records that give that action to that party and share the question's words (record_choice.records_for_party_action),
stated with a « Oui » only when they are not one scenario of article 5 the question does not name. Sentences written
for these tests from the agreement (article 1: « facturation aux collèges »; article 5, scenario 3: « l'installation et
la maintenance sont à la charge du collège sauf … »)."""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)


def test_a_record_sharing_the_question_words_is_chosen_over_those_sharing_the_action_only(kb):
    # The telecom bills and the autocom options share « payer » with the question, nothing else: they answered.
    answer = answer_question(kb, "le collège paie-t-il quelque chose au Département pour la maintenance ?", now=NOW)
    assert answer.articles == ["article-5"] and "télécommunications" not in answer.text, answer.text


def test_a_scenario_the_question_does_not_name_gives_no_yes(kb):
    answer = answer_question(kb, "le collège doit-il payer la maintenance ?", now=NOW)
    assert not answer.text.startswith(("Oui", "Non")) and answer.yes_no is None, answer.text
    assert "hors référentiel" in answer.text


def test_the_scenario_named_keeps_its_yes(kb):
    answer = answer_question(kb, "le collège paie-t-il la maintenance du matériel acheté hors référentiel ?", now=NOW)
    assert answer.text.startswith("Oui") and answer.articles == ["article-5"], answer.text


@pytest.mark.parametrize("text, lead, article", [
    # Article 1: « le renouvellement et l'achat des téléphones mobiles sont à la charge du collège »; « le Conseil
    # départemental » names the Département, its « conseil » asks no advice.
    ("les portables de service des CPE, ils sont achetés par le Conseil départemental ?", "Non", "article-1"),
    # Article 5, scenario 3: « le collège décide de faire un investissement sur fonds propres hors référentiel »; the
    # inverted « -il » takes up the party nearest before it, not the Département named earlier.
    ("Si un matériel n'est pas au catalogue du Département, le collège peut-il l'acheter sur ses fonds propres ?", "Oui",
     "article-5"),
    # Article 3: the Académie « aura la charge de l'administration du filtrage internet »: « le blocage des sites »
    # is that filtering.
    ("Le blocage des sites web, c'est bien le rectorat qui le gère ?", "Oui", "article-3"),
    # Article 3: the collège manages « les membres de la communauté éducative »: adding one is a change to them.
    ("l'ajout d'un nouveau prof dans l'annuaire, c'est bien à nous ?", "Oui", "article-3"),
    # Article 3: the collège manages « les membres de la communauté éducative »: the network's users are its accounts,
    # not the Département's network infrastructure (article 2).
    ("un nouveau surveillant à ajouter dans les utilisateurs du réseau, c'est à nous de le faire ?", "Oui", "article-3"),
    # Article 7: the Département « vérifie l'éligibilité technique »: whoever checks it validates it.
    ("C'est l'Académie qui valide si notre ENT est techniquement compatible ?", "Non", "article-7"),
])
def test_a_checked_party_is_compared_with_the_record_of_the_act_asked(kb, text, lead, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead) and article in answer.articles, answer.text


def test_asked_on_whose_request_the_condition_s_party_is_the_answer(kb):
    # Répartition des compétences: « déploiement de ressources pédagogiques sur demande de l'Académie de Poitiers ».
    answer = answer_question(kb, "le Département déploie les ressources pédagogiques à la demande de qui ?")
    assert answer.parties == ["academie"], answer.text
    assert answer.text.startswith("Sur demande de l'Académie de Poitiers : le Département"), answer.text

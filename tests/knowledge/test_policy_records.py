"""The decision policy (issue 11): which record answers, written from the agreement for these tests.

A fault on a thing with its own record, a request among faults, « pourquoi », a word the text spells out, the
training of pedagogical software. Kept apart from test_policy_decisions.py, which covers the failure classes.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


def ask(kb, text, now):
    return answer_question(kb, text, now=now)


def test_a_fault_on_a_thing_with_its_own_record_cites_it_beside_the_maintenance(kb, monday_10am):
    """« le serveur ne démarre plus »: maintenance (répartition) and the server's own record (article 3), both
    the Département's; a record of another role (a validation) is not added."""
    server = ask(kb, "notre serveur pédagogique ne redémarre plus", monday_10am)
    assert {"repartition", "article-3", "article-4"} <= set(server.articles) and server.parties == ["departement"]
    projector = ask(kb, "le vidéoprojecteur de la salle 2 ne s'allume plus", monday_10am)
    assert "article-5" not in projector.articles, projector.text


def test_a_request_among_faults_gets_the_procedure_and_a_room_phone_is_a_desk_phone(kb, monday_10am):
    answer = ask(kb, "le wifi de la salle 12 ne marche plus, et la prof de SVT veut un logiciel de simulation pour "
                     "ses élèves, et le téléphone de l'accueil est muet", monday_10am)
    second, third = answer.text.split("2. ", 1)[1].split("3. ", 1)
    assert "(Article 9)" in second and "vous parlez de quoi" not in second, second
    assert "(Article 1)" in third and "departement" in answer.parties, third


def test_why_the_departement_pays_is_answered_from_the_context(kb, monday_10am):
    answer = ask(kb, "pour quelle raison c'est le conseil départemental qui finance les ordinateurs des collèges ?",
                 monday_10am)
    assert answer.articles == ["contexte"] and answer.parties == ["departement"], answer.text
    assert answer.text.startswith("La convention le dit dans son contexte")
    # A « why » about a particular rule gets that rule, not the general context.
    specific = ask(kb, "pourquoi le Département valide les vidéoprojecteurs ?", monday_10am)
    assert "contexte" not in specific.articles


def test_a_word_the_text_spells_out_is_defined_from_it_without_the_general_label(kb, monday_10am):
    answer = ask(kb, "qu'est-ce que la DANE ?", monday_10am)
    assert answer.articles == ["article-9"] and answer.parties == [], answer.text
    assert "Délégation académique au numérique éducatif" in answer.text and "ne précise pas" not in answer.text


@pytest.mark.parametrize("text, words", [
    ("la DANE c'est le rectorat ?", "Délégation académique au numérique éducatif"),
    ("le RUPN c'est un prof ?", "référent pour les usages pédagogiques numériques"),
])
def test_a_word_checked_against_a_guess_gets_its_definition_without_a_verdict(kb, monday_10am, text, words):
    answer = ask(kb, text, monday_10am)
    assert words in answer.text and not answer.text.startswith(("Oui", "Non")) and answer.parties == [], answer.text


def test_training_on_pedagogical_software_is_article_9s(kb, monday_10am):
    answer = ask(kb, "je voudrais me former à un logiciel de géométrie, je m'adresse à qui ?", monday_10am)
    assert "article-9" in answer.articles and {"academie", "canope"} <= set(answer.parties), answer.text


def test_moving_a_thing_is_moving_equipment_as_its_parent_says(kb, monday_10am):
    """« déplacer » is mapped on the matériel informatique; a vidéoprojecteur is one: moving it follows article 5's
    procedure for moving equipment, not the projector's installation rule."""
    answer = ask(kb, "il faudrait transférer le vidéoprojecteur de la salle 4 en salle 11", monday_10am)
    assert answer.text.startswith("Pour le déplacement de matériel"), answer.text
    assert "article-5" in answer.articles


def test_a_yes_no_on_a_party_and_a_verb_alone_needs_a_word_of_the_record(kb, monday_10am):
    """Nothing named but « payer » and the collège: the telecom bills (article 1) are the collège's, but nothing
    asked is in them, so no « Oui » is drawn from them."""
    answer = ask(kb, "le collège doit payer la sortie au musée ?", monday_10am)
    assert not answer.text.startswith(("Oui", "Non")) and "article-1" not in answer.articles, answer.text


@pytest.mark.parametrize("text, subject, article", [
    # Access to the ENT is an account of the educational community, managed by the collège (article 3).
    ("qui ouvre les accès à l'ENT pour les familles ?", "comptes_utilisateurs", "article-3"),
    ("inscrire un remplaçant dans l'annuaire de l'ENT, ça relève de nous ?", "comptes_utilisateurs", "article-3"),
    # The collège's own budget is the purchase on its own funds (répartition des compétences).
    ("avec notre budget propre, on peut acheter des tablettes ?", "achat_fonds_propres", "repartition"),
    # A list of all the equipment is the inventory (article 6).
    ("qui garde la liste du matériel avec les numéros de série ?", "inventaire", "article-6"),
])
def test_words_people_use_for_a_subject_find_its_record(kb, monday_10am, text, subject, article):
    answer = ask(kb, text, monday_10am)
    assert answer.subject == subject and article in answer.articles, (answer.subject, answer.text)


def test_a_fault_on_a_phone_asks_which_phone_first(kb, monday_10am):
    """A fixed phone is the Département's, a mobile the collège's (article 1): a fault on « le téléphone » asks
    which, each button carrying the repair."""
    answer = ask(kb, "le téléphone ne sonne plus du tout depuis ce matin", monday_10am)
    assert answer.kind == "clarify" and answer.parties == [], answer.text
    assert {c.subject for c in answer.choices} == {"telephone_fixe", "telephone_mobile"}
    assert {c.action for c in answer.choices} == {"reparer"}


def test_an_action_no_record_names_is_answered_by_the_ones_implying_it(kb, monday_10am):
    """« remplacer » a keyboard: no record of the matériel carries it; whoever buys and repairs the equipment
    (the Département) answers, not the record on installing it (article 5)."""
    answer = ask(kb, "un élève a cassé un clavier en salle 3, qui doit le remplacer ?", monday_10am)
    assert "article-5" not in answer.articles and answer.parties == ["departement"], answer.text


@pytest.mark.parametrize("text", ["qui forme les enseignants au numérique ?", "les profs, ils sont formés par qui ?"])
def test_the_verb_alone_asks_about_training(kb, monday_10am, text):
    answer = ask(kb, text, monday_10am)
    assert set(answer.parties) == {"academie", "canope"} and "article-4" in answer.articles, answer.text


def test_a_break_in_is_the_theft_the_text_leaves_open(kb, monday_10am):
    answer = ask(kb, "effraction cette nuit, deux tablettes dérobées au CDI : qui les rachète ?", monday_10am)
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


def test_a_partys_opinion_is_its_validation(kb, monday_10am):
    # Article 5: « après validation technique du Département »; « l'avis du Département » asks about that record,
    # not the collège's physical installation.
    answer = ask(kb, "Pourquoi faut-il l'avis du Département avant de poser un vidéoprojecteur ?", monday_10am)
    assert answer.parties == ["departement"] and "validation technique" in answer.text, answer.text


@pytest.mark.parametrize("text, words", [
    # plural forms of the subjects' terms: the prohibition to intervene, and article 5's installation, answered them
    ("qui décide des extensions de réseau ?", "étude préalable"),
    ("l'académie fait une expertise des demandes de matériel ?", "expertise"),
])
def test_plural_forms_name_their_subject(kb, monday_10am, text, words):
    answer = ask(kb, text, monday_10am)
    assert words in answer.text and answer.kind != "not_specified", answer.text


def test_the_colleges_credits_are_its_own_funds(kb, monday_10am):
    # « Répartition des compétences »: the collège may acquire on its own funds, within the catalogue; the context's
    # « le Département … en assure l'équipement » answered.
    answer = ask(kb, "on peut acheter des tablettes avec les crédits du collège ?", monday_10am)
    assert answer.text.startswith("Oui") and "fonds propres" in answer.text, answer.text


def test_a_duty_the_text_states_in_two_articles_is_quoted_from_both(kb):
    # Article 4 (« accompagnement des établissements et formation des enseignants ») and article 10 (« ils accompagnent
    # les collèges sur les usages pédagogiques »): the same parties, the same duty, two articles.
    answer = answer_question(kb, "qui accompagne les collèges sur les usages pédagogiques ?")
    assert {"article-4", "article-10"} <= set(answer.articles), answer.text
    assert set(answer.parties) == {"academie", "canope"}

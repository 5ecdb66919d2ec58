"""Yes/no on an approval and after a story (issue 11, class 2): « faut-il l'accord de X ? » is checked against
the record's own condition, never denied by a record that gives no one that approval; the acts a story tells before
the question are not the ones it asks. Examples written for these tests from the agreement text, never copied from
an evaluation file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text, article", [
    # Article 5: the collège installs a projector « avec, au préalable, une validation technique du Département ».
    ("pour installer un vidéoprojecteur dans ma salle, faut-il l'accord du Département ?", "article-5"),
    # Répartition des compétences: the collège buys on its own funds « en concertation avec le Département ».
    ("faut-il se concerter avec le Département pour acheter des tablettes sur nos fonds propres ?", "repartition"),
])
def test_the_party_of_the_records_condition_is_confirmed(kb, text, article):
    answer = answer_question(kb, text)
    assert answer.yes_no == "oui" and answer.text.startswith("Oui") and article in answer.articles, answer.text


def test_an_approval_no_record_gives_is_not_denied(kb):
    # Article 9: the Département installs the pedagogical software; the text asks no approval of Canopé for that.
    answer = answer_question(kb, "il faut l'avis de Canopé pour installer un logiciel pédagogique ?")
    assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non")), answer.text


def test_the_act_the_record_gives_another_party_is_still_denied(kb):
    # Article 5: the technical validation of a projector is the Département's, not the Académie's.
    answer = answer_question(kb, "l'Académie doit-elle valider l'installation d'un vidéoprojecteur ?")
    assert answer.yes_no == "non" and "article-5" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    # The act of the story (installing) is not what the question asks (talking to the Département first).
    "Nous voulons installer un logiciel de gestion du CDI sur un serveur à nous. Faut-il en parler d'abord au "
    "Département ?",
    # The act asked (declaring them) is not the act of the story (buying), which the record carries.
    "On a acheté 12 PC sur nos fonds propres. On doit les déclarer au Département ?",
    # Article 5: a move « doit faire l'objet d'une demande »: never « Oui » to doing it without asking anyone.
    "Je voudrais déplacer les postes de la salle 2 vers la salle 6 cet été. Je peux le faire sans rien demander à "
    "personne ?",
])
def test_the_acts_of_the_story_are_not_the_ones_asked(kb, text):
    answer = answer_question(kb, text)
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_the_act_of_the_question_after_a_story_is_checked(kb):
    # Article 5: the collège installs the projectors.
    answer = answer_question(kb, "Le vidéoprojecteur est arrivé. C'est à nous de l'installer ?")
    assert answer.yes_no == "oui" and "article-5" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    # Article 5: the collège installs « avec au préalable une validation technique du Département »; the condition
    # done without, in other words or further from « sans », is « Non », and its party is part of the answer.
    "on peut fixer le nouveau vidéoprojecteur nous-mêmes sans le feu vert du Département ?",
    "on a le droit de poser le vidéoprojecteur nous-mêmes sans avoir obtenu le feu vert du Département ?",
])
def test_an_install_without_the_prior_validation_in_other_words_is_non(kb, text):
    answer = answer_question(kb, text)
    assert answer.yes_no == "non" and "article-5" in answer.articles, answer.text
    assert "departement" in answer.parties


def test_an_act_said_as_the_moment_of_another_is_not_what_is_confirmed(kb):
    # Article 1: the Département provides the phones and renews them; the text never says it must warn the collège
    # first. « avant de renouveler » only says when: the act asked is warning, which no record carries.
    answer = answer_question(kb, "le Département doit-il informer le collège avant de renouveler les téléphones fixes ?")
    assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non")), answer.text

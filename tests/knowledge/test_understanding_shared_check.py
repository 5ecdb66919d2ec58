"""Issue 11, classes 2 and 7: a yes/no check closing a message with several things (« … Les deux sont pour nous ? »)
is asked of each thing. Its « Oui » or « Non » is computed part by part from the records stated, and given only when
every part settles it. Also: a check whose verb is not the story's, and a negation in the story, not the question.
Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.frame import understand
from knowledge.understanding.polarity import negative_question


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


def test_every_part_yes_opens_with_one_yes(kb, now):
    # Mobile phones and the switchboard's options are both the collège's (article 1).
    answer = answer_question(kb, "Il faut racheter un téléphone portable pour la vie scolaire et rajouter une option "
                                 "messagerie vocale sur le standard. Les deux sont pour nous ?", now=now)
    assert answer.text.startswith("Oui, dans les deux cas."), answer.text
    assert answer.parties == ["college"] and answer.articles == ["article-1"], (answer.parties, answer.articles)


def test_one_part_no_opens_with_no_and_each_line_its_own(kb, now):
    # The network is the Département's (article 2), the filtering the Académie's (article 3).
    answer = answer_question(kb, "la baie de brassage clignote rouge et le filtrage bloque le site du CNRS, c'est le "
                                 "Département pour les deux ?", now=now)
    lines = answer.text.split("\n")
    assert lines[0].startswith("Non, pas dans tous les cas."), answer.text
    assert " — Oui. " in lines[1] and "Article 2" in lines[1], lines[1]
    assert " — Non. " in lines[2] and "Académie" in lines[2], lines[2]


def test_no_verdict_when_a_part_names_another_party_in_charge_than_its_line(kb, now):
    # A projector that fell is put back by the collège (article 5's physical installation), even though its faults go to
    # the Département's line: « c'est le Département qui intervient ? » gets no « Oui » for both.
    answer = answer_question(kb, "le vidéoprojecteur du labo est tombé et le wifi rame, c'est le Département qui "
                                 "intervient ?", now=now)
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_choice_between_two_parties_is_no_check_of_one(kb):
    # « c'est le collège qui la paie ou le Département ? » asks which one: no part is checked against the collège.
    frame = understand(kb, "L'encre des imprimantes et le papier, c'est le collège qui les paie ou le Département ?")
    assert not any(p.shared for p in frame.parts), frame.parts


def test_a_thing_named_as_a_complement_stays_with_its_head(kb, now):
    # « les options de l'autocom » are the options (the collège's), not the switchboard (the Département's).
    answer = answer_question(kb, "les options de l'autocom et le cablage du préfabriqué, c'est à nous de payer les "
                                 "deux ?", now=now)
    first = answer.text.split("\n")[1]
    assert "« les options de l'autocom »" in first and "options spécifiques" in first, answer.text


def test_a_check_is_of_its_own_verb_and_the_silence_on_it_wins(kb, now):
    # « achetées » tells the story; the check is of repairing, on which the text is silent for own-funds equipment
    # bought in the référentiel (article 5 gives the installation only): no « Non » from the purchase record, no « Oui »
    # from the Département's maintenance in general.
    answer = answer_question(kb, "nos portables achetés sur les fonds du collège sont en panne, c'est le Département "
                                 "qui les répare ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties, (answer.kind, answer.text)


@pytest.mark.parametrize("text, negative", [
    # The negation is in the story before the comma: the question itself is affirmative.
    ("nos tablettes ne s'allument plus, c'est le Département qui les répare ?", False),
    ("le filtrage, c'est pas l'Académie ?", True),
    ("on ne peut pas résilier avant la fin ?", True),
])
def test_a_negation_in_the_story_is_not_a_negative_question(text, negative):
    assert negative_question(text) is negative


@pytest.mark.parametrize("text", [
    # The writer's leave asked of both things told (« … je peux réparer les deux moi-même ? », « s'occuper des
    # deux »): the collège may intervene on neither the network (article 2) nor the systems (article 3).
    "la prise du bureau 3 est arrachée et le serveur ne démarre plus. je peux réparer les deux moi-même ?",
    "la baie fait un bruit bizarre, et la sauvegarde du serveur a échoué cette nuit. on peut s'occuper des deux "
    "nous-mêmes ?",
])
def test_the_writers_leave_asked_of_each_thing_gets_one_verdict(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("Non, dans aucun des deux cas."), answer.text
    assert {"article-2", "article-3"} <= set(answer.articles), answer.articles


@pytest.mark.parametrize("text, lead", [
    # A cleft of four words (« c'est bien les agents du Département qui … ? ») checks that party, after a
    # circumstance (« une fois validé ») that asks nothing: article 9, the Département installs the software.
    ("une fois validé, un logiciel de maths c'est bien les agents du Département qui le mettent sur les postes ?",
     "Oui"),
    # « qui fixe » is the verb (« fixe » alone is the desk phone): article 5, the collège fixes the projector.
    ("c'est le Département qui fixe le vidéoprojecteur au mur de la salle 3 ?", "Non"),
])
def test_a_party_checked_in_other_words_gets_its_verdict(kb, now, text, lead):
    assert answer_question(kb, text, now=now).text.startswith(lead)

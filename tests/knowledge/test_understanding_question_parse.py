"""What a question asks, read from its parse (issue 11): the thing a pronoun takes up, and a subject named only in
a condition or a circumstance. Examples written for these tests from the agreement text, never copied from an
eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.frame import understand


@pytest.mark.parametrize("text, subject, article", [
    # Article 9: the Département installs the pedagogical software; « le » takes up the software, not the machines.
    ("Le logiciel de cartographie n'est toujours pas installé sur les ordis de la salle 5. C'est à qui de le mettre "
     "sur les machines ?", "logiciel_pedagogique", "article-9"),
    # Article 8: the supervision is one of the « logiciels socles », on which the collège does not intervene.
    ("L'agent de supervision installé sur chaque poste prend trop de mémoire. Je peux le désinstaller sur les PC de "
     "la salle 3 ?", "logiciels_socles", "article-8"),
])
def test_the_thing_a_pronoun_takes_up_is_what_is_asked(kb, text, subject, article):
    assert understand(kb, text).subject == subject
    assert article in answer_question(kb, text).articles


@pytest.mark.parametrize("text, subject", [
    # Article 10: the juridical aspects; the use of the digital in class is only when the question arises.
    ("Canopé peut-il me conseiller sur le droit d'auteur quand j'utilise le numérique en classe ?",
     "aspects_juridiques"),
    # « quand même » is no circumstance.
    ("le filtrage bloque un site, le collège peut quand même régler le proxy ?", "filtrage_internet"),
])
def test_a_subject_named_only_in_a_circumstance_is_not_what_is_asked(kb, text, subject):
    assert understand(kb, text).subject == subject


@pytest.mark.parametrize("text, point", [
    # « qui le fait ? » takes up the act named before it (cleaning keyboards), which no record assigns.
    ("On souhaiterait désinfecter les claviers chaque semaine, qui le fait ?", "désinfecter"),
    # The lamp of a projector is no thing of the agreement, whatever the projector's own records say (article 5).
    ("Il faut remplacer l'ampoule du vidéoprojecteur de la salle 4, qui le fait ?", "ampoule"),
])
def test_the_act_asked_is_the_infinitive_a_light_verb_carries(kb, text, point):
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert point in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "Nos deux nouvelles collègues aimeraient être formées à l'ENT : à qui faut-il s'adresser ?",
    "je voudrais être formé à l'utilisation de l'ENT en classe, je demande à qui ?",
])
def test_training_on_the_ent_is_training_not_its_eligibility(kb, text, stated_parties):
    # « aimeraient » only carries the infinitive: the act asked is being trained (never « qui doit aimer »).
    # Article 4: the Académie and Réseau Canopé train the teachers; article 7 only settles the ENT's eligibility.
    answer = answer_question(kb, text)
    assert stated_parties(answer) == {"academie", "canope"} and "article-7" not in answer.articles, answer.text


def test_a_verb_no_record_carries_counts_when_its_thing_is_named_in_the_story_before(kb):
    # The question (« Qui doit en recoller ? ») names no thing; the sentence before does (the computers): « recoller »
    # is still a verb the text never settles.
    answer = answer_question(kb, "Les pastilles de couleur collées sur les claviers des ordinateurs partent toutes. "
                                 "Qui doit en recoller ?")
    assert answer.kind == "not_specified" and not answer.parties and "recoller" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "l'antivirus des postes a expiré. je suppose que ce n'est pas à moi de le renouveler, mais à qui ?",
    "le système d'exploitation des postes demande une clé d'activation. j'imagine que c'est pas moi qui gère ça, "
    "c'est qui ?",
])
def test_a_verb_of_opinion_is_never_the_act_asked(kb, text):
    # « je suppose », « j'imagine » only frame the question: article 8 (the Département maintains the base software)
    # answers it, never « la convention ne précise pas qui doit supposer ».
    answer = answer_question(kb, text)
    assert "article-8" in answer.articles and "departement" in answer.parties, answer.text


def test_the_last_qui_hung_on_a_noun_is_the_one_that_asks(kb):
    # The parser hangs both « qui » on nouns (relative clauses); the first says which referents, the last asks.
    # Article 9 names « les référents pédagogiques de la DANE et de Réseau CANOPÉ », not who appoints them.
    from knowledge.understanding import parse as parsing
    from knowledge.understanding.question_parse import predicate
    text = "Les référents qui suivent les logiciels pédagogiques : qui les nomme ?"
    assert predicate(parsing.parse(text)).lemma_ == "nommer"
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [] and "article-9" in answer.articles, answer.text


def test_a_word_s_depth_counts_its_heads_up_to_the_root(kb):
    # spaCy makes a new Token object at each access: identity (« is ») never says that a token is the root.
    from knowledge.understanding import parse, syntax

    doc = parse.parse("le vidéoprojecteur de la salle 3 ne s'allume plus")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert syntax._depth(root) == 0
    assert syntax._depth(doc[0]) == syntax._depth(doc[0].head) + 1 < 50

"""Issue 11: the point a « la convention ne précise pas » reply words back from the question reads as French, or
the reply says « ce point ». Split from test_understanding_coverage.py. Examples written for these tests from the
agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # a Wednesday morning: every line open


# ---------------------------------------------------------------- the point worded back reads as French
@pytest.mark.parametrize("text, garbled", [
    # The parse cut « de » out: « qui doit enlever l'ENT les profs » ran two phrases together.
    ("qui enlève de l'ENT les profs mutés ?", "l'ENT les profs"),
])
def test_a_point_that_would_not_read_as_french_is_said_as_ce_point(kb, now, text, garbled):
    """The nearest record is still quoted (article 7 for the ENT), with no party named as the answer; only the
    point worded back changes."""
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified", answer.text
    assert garbled not in answer.text and "ne précise pas ce point" in answer.text
    assert "article-7" in answer.articles


@pytest.mark.parametrize("text, worded", [
    # Typed without accents, « evalue » was left conjugated by the tagger (« qui doit evalue … » was said as « ce
    # point »); parsed with its accents back (accents.py), it is worded back as French.
    ("qui evalue l'interet pedagogique de notre ENT ?", "qui doit évaluer l'intérêt pédagogique de notre ENT"),
    ("pour notre ENT, la conformite technique est evalue par qui ?", "qui doit évaluer la conformité technique"),
])
def test_a_point_typed_without_accents_is_worded_back_with_them(kb, now, text, worded):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and worded in answer.text, answer.text
    assert "article-7" in answer.articles


def test_a_readable_point_is_still_worded_back(kb, now):
    answer = answer_question(kb, "qui doit désinfecter les claviers de la salle techno ?", now=now)
    assert "ne précise pas qui doit désinfecter les claviers de la salle techno" in answer.text, answer.text


@pytest.mark.parametrize("text, garbled", [("qui dépoussière les claviers de la salle techno ?", "qui doit dépoussière"),
                                           ("qui parametre les claviers de la salle techno ?", "qui doit parametre")])
def test_a_conjugated_verb_the_tagger_took_for_a_noun_is_not_worded_back(kb, now, text, garbled):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and garbled not in answer.text, answer.text


@pytest.mark.parametrize("phrase, readable", [
    ("les claviers de la salle info", True),
    ("trois postes du CDI", True),
    ("est quoi l'adresse du support", False),   # a verb and a question word
    ("ai pas envie de recommencer", False),     # starts with a verb
    ("et au passage", False),                   # starts with a conjunction
])
def test_a_phrase_reads_as_a_noun_phrase(phrase, readable):
    from knowledge.understanding import asked_point, parse
    parse.warm_up()
    doc = parse.parse(phrase)
    assert asked_point.readable_phrase(list(doc)) is readable


@pytest.mark.parametrize("word, readable", [("les", True), ("l'", True), ("moi", False), ("quoi", False)])
def test_only_object_pronouns_are_worded_back(word, readable):
    from knowledge.understanding.asked_point import readable_pronoun
    assert readable_pronoun(word) is readable


@pytest.mark.parametrize("lemma, readable", [("nettoyer", True), ("protéger", True), ("repose", False),
                                             ("evalue", False), ("dépoussière", False)])
def test_only_an_infinitive_is_worded_back_as_the_verb(lemma, readable):
    from knowledge.understanding.asked_point import infinitive
    assert infinitive(lemma) is readable


def test_a_point_after_a_fused_preposition_keeps_its_article(kb, now):
    # « du » is « de le »: cut from the point, it took the article with it (« qui prend en charge rideaux … »).
    answer = answer_question(kb, "qui s'occupe du nettoyage des écrans des ordinateurs ?", now=now)
    assert "le nettoyage des écrans" in answer.text and not answer.parties, answer.text

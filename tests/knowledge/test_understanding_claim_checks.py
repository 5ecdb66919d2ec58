"""Issue 11, class 2: yes/no checks whose verdict the record settles once the claim is read right: a party said to act
alone, an act done without a party's leave, a renewal asked with « quoi que ce soit ». And teaching hours, which are no
duration of the agreement. Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from knowledge.answers import answer_question


def test_a_party_said_to_act_alone_is_denied_by_the_record_of_another(kb):
    # Article 9: the collège proposes new software; « only the Département » is false whoever else may also.
    answer = answer_question(kb, "il n'y a que le Département qui peut proposer de nouveaux logiciels pédagogiques ?")
    assert answer.text.startswith("Non.") and "article-9" in answer.articles, answer.text


def test_a_party_checked_is_compared_with_its_own_record_on_the_act(kb):
    # Article 9: the collège proposes software, and the Académie and Canopé propose validated ones to the referents.
    # The collège's record must not deny the Académie's part.
    answer = answer_question(kb, "c'est l'Académie qui propose les nouveaux logiciels pédagogiques ?")
    assert answer.text.startswith("Oui, c'est bien l'Académie"), answer.text


def test_a_party_said_to_act_alone_is_denied_by_a_record_naming_it_with_others(kb):
    # Article 4: the Académie and Réseau Canopé train the teachers, together.
    answer = answer_question(kb, "la formation des enseignants aux usages pédagogiques, c'est uniquement Canopé ?")
    assert answer.text.startswith("Non, pas seulement Réseau Canopé"), answer.text


def test_acting_without_the_leave_a_record_requires_is_denied(kb):
    # Article 5: the collège puts up projectors after the Département's technical validation. The Département named
    # after « sans » is the party whose leave is skipped, not the party asked about.
    answer = answer_question(kb, "on peut accrocher nous-mêmes un vidéoprojecteur sans demander l'avis du Département ?")
    assert answer.text.startswith("Non.") and "article-5" in answer.articles, answer.text


def test_whatever_asks_nothing_open(kb):
    # « quoi que ce soit » is « anything »: the question stays closed, and the tacit renewal (article 12) confirms it.
    answer = answer_question(kb, "après les deux premières années la convention continue sans qu'on ait à resigner quoi "
                                 "que ce soit ?")
    assert answer.text.startswith("Oui.") and "article-12" in answer.articles, answer.text


def test_teaching_hours_are_no_duration_of_the_agreement(kb):
    answer = answer_question(kb, "combien d'heures de cours fait un prof de techno par semaine ?")
    assert answer.kind == "out_of_scope" and "article-12" not in answer.articles, (answer.kind, answer.text)


def test_a_time_asked_of_a_thing_no_subject_names_is_no_duration_of_the_agreement(kb):
    # The only durations of the text are the agreement's own (article 12's term, article 13's notice): a wait for an
    # answer, named by a noun of no subject, is a delay the text does not give (it got the 2-year term).
    answer = answer_question(kb, "il faut compter combien de temps pour avoir une réponse ?")
    assert answer.kind == "not_specified" and "article-12" not in answer.articles, answer.text
    # The agreement's own term is still what a bare duration question asks.
    answer = answer_question(kb, "ça dure combien de temps en tout ?")
    assert "article-12" in answer.articles and "2 ans" in answer.text, answer.text

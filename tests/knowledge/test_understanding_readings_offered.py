"""Issue 11, « ask back with buttons »: the buttons under a reply that did not find the point must be able to lead
to it. They were the other records of the subject recognised (« Achat / Installation : matériel informatique »),
whatever the question's words; the reading of the record that uses most of those words is now among them, and a
message naming no subject at all gets it before the list of subjects. Each button is followed as the action server
answers its click (the question again, with the button's subject and action). Examples written for these tests
from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from knowledge.answers import answer_question


def _followed(kb, text, answer):
    return [answer_question(kb, text, subject=c.subject, action=c.action) for c in answer.choices]


def test_a_reply_that_did_not_find_the_point_offers_the_reading_its_words_point_to(kb):
    text = "Pour le projet de robotique, qui peut nous donner un avis pédagogique avant de commander du matériel ?"
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    followed = _followed(kb, text, answer)
    # article 5: « les demandes de moyens matériels peuvent faire l'objet d'une expertise et d'un accompagnement »
    assert any("article-5" in f.articles and f.parties == ["academie"] and "expertise" in f.text for f in followed), \
        [c.label for c in answer.choices]


def test_a_message_naming_no_subject_is_offered_the_record_its_words_use_first(kb):
    text = "g egare le numero de la plateforme d'assistance de l'academie, vous l'avez ?"
    answer = answer_question(kb, text)
    assert answer.kind == "unknown" and len(answer.choices) >= 2, answer.text
    assert answer.choices[0].label == "L'assistance"  # not « Assistance : l'assistance »
    first = _followed(kb, text, answer)[0]
    assert "article-4" in first.articles and "05.16.52.66.86" in first.text, first.text


def test_a_fault_naming_no_equipment_keeps_the_equipment_buttons(kb):
    answer = answer_question(kb, "plus rien ne marche depuis ce matin")
    assert answer.choices and all(c.action == "reparer" for c in answer.choices), [c.label for c in answer.choices]


def test_the_question_s_words_and_party_point_to_a_reading_beyond_the_subject_s_first_ones(kb):
    # « masterclass » is no word of the agreement; the software's first readings (referencing, installation) do not
    # answer, Canopé's training on the software (article 9) does: its reading is offered.
    text = "Canopé n'organise pas de masterclass pour apprendre les logiciels pédagogiques ?"
    answer = answer_question(kb, text)
    assert 2 <= len(answer.choices) <= 4, answer.text
    followed = _followed(kb, text, answer)
    assert any("article-9" in f.articles and {"academie", "canope"} <= set(f.parties) and "formations" in f.text
               for f in followed), [c.label for c in answer.choices]


def test_a_best_worded_reading_comes_third_once_and_only_when_a_word_points_to_it(kb):
    from knowledge.answer_types import Choice
    from knowledge.understanding.answer_coverage import with_best_worded
    first = [Choice("Achat : le matériel", "materiel_informatique", "acheter"),
             Choice("Installation : le matériel", "materiel_informatique", "installer")]
    offered = with_best_worded(kb, first, "on peut résilier la convention par lettre recommandée ?", 4)
    assert offered[:2] == first and len(offered) <= 4
    assert offered[2].subject == "resiliation", [c.label for c in offered]
    assert len({(c.subject, c.action) for c in offered}) == len(offered)
    # No word of the message in any record: nothing is added.
    assert with_best_worded(kb, first, "zzz qqq ?", 4) == first


def test_two_readings_that_read_the_same_are_one_button(kb):
    # Training and support on one thing both read « Formation et accompagnement pédagogique »: one button.
    answer = answer_question(kb, "qui forme les enseignants à se servir de l'ENT ?")
    labels = [c.label for c in answer.choices]
    assert len(labels) == len(set(labels)), labels

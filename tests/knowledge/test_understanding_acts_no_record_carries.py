"""Acts on a thing the agreement covers that no record carries (issue 11): restoring from a backup, migrating to a new
server. Asked « who », set out before the question (« la restauration …, c'est à qui ? ») or as its verb, they get
« the agreement does not say », with the nearest clause, never its party as the doer. Examples written for these tests
from the agreement, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


@pytest.mark.parametrize("text", [
    # Article 3: the Département « définit les stratégies de sauvegarde »; who restores is not said.
    "la restauration des fichiers supprimés par un élève, c'est qui ?",
    "après une fausse manip sur le serveur, la restauration depuis le backup c'est à qui de la faire ?",
    "la restauration de la sauvegarde de la semaine dernière c'est le boulot de qui",
    # Article 3: the Département « prend en charge l'infrastructure serveur »; who migrates the data is not said.
    "la migration vers le serveur neuf, qui s'en charge ?",
    "qui restaure les données effacées ?",
])
def test_an_act_no_record_carries_is_not_settled(names_no_party, text):
    answer = names_no_party(text, "not_specified")
    assert "Ce qu'elle dit de plus proche" in answer.text, answer.text


@pytest.mark.parametrize("text, article, party", [
    # An act a record carries, set out the same way, is still answered (article 5: the collège fixes the projectors).
    ("la fixation des vidéoprojecteurs au plafond, qui s'en charge ?", "article-5", "college"),
    # Article 3: may the collège restore a backup itself? The prohibition answers (« sauf autorisation expresse »).
    ("notre gestionnaire peut-il restaurer une sauvegarde lui-même ?", "article-3", "college"),
])
def test_an_act_a_record_carries_or_a_leave_asked_is_answered(kb, text, article, party):
    answer = answer_question(kb, text)
    assert article in answer.articles and party in answer.parties, answer.text


def test_who_appoints_someone_is_not_settled(names_no_party):
    # Article 9 names « le référent » who carries the software requests; no sentence says who appoints him. (It had
    # article 9's concertation with the Département; the pronoun « l' » is worded back as « le » before a consonant.)
    answer = names_no_party("le référent qui porte nos demandes de logiciels pédagogiques, qui l'a désigné ?", "not_specified")
    assert "qui doit le désigner" in answer.text, answer.text


def test_the_payment_asked_is_checked_even_beside_an_act_the_record_carries(names_no_party):
    # Articles 4 and 10 say the Académie and Canopé train; nothing says who pays for a training session. « Non » came
    # from the trainers' record, whose act (« former ») the question also names.
    names_no_party("c'est le département qui paie les ateliers pour apprendre l'ENT aux familles ?", "not_specified")

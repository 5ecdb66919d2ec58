"""What a message asks, apart from what it tells before the question (issue 11): the clause that asks decides the
question type and the yes or no. Examples written for these tests from the agreement text, never copied from an
evaluation file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.frame import understand


def test_a_duration_told_before_the_question_is_not_what_is_asked(kb):
    # Article 1: the Département « gère le parc d'autocommutateurs … et le contrat de maintenance associé ».
    text = "le contrat de maintenance de l'autocom arrive à échéance et se termine en juin, c'est à nous de le renouveler ?"
    assert understand(kb, text).question_type.value != "duration"
    answer = answer_question(kb, text)
    assert "article-1" in answer.articles and "departement" in answer.parties, answer.text
    assert understand(kb, "et la convention, elle se termine quand ?").question_type.value == "duration"


def test_a_closed_question_then_an_open_one_keeps_its_yes_or_no(kb):
    # Article 13: « La présente convention peut être résiliée à tout moment … dans un délai de 2 mois ».
    text = "Peut-on résilier la convention avant son terme, et il faut prévenir combien de temps avant ?"
    assert understand(kb, text).yes_no
    answer = answer_question(kb, text)
    assert answer.text.startswith("Oui.") and "2 mois" in answer.text and "article-13" in answer.articles, answer.text


@pytest.mark.parametrize("text, closed", [
    # A « que » after a verb is the conjunction of what someone says or what is needed: it asks nothing.
    ("Le principal adjoint dit qu'on peut changer nous-mêmes l'antivirus des postes. C'est autorisé ?", True),
    ("il faut que le collège rachète les téléphones mobiles ?", True),
    # First in its clause, or « ce que », it asks.
    ("que prévoit la convention pour les téléphones mobiles ?", False),
    ("et qu'est-ce que le GTI ?", False),
    ("vous savez ce que paie le collège ?", False),
    # After a verb of choosing, a question word opens an indirect question; a cleft « c'est nous qui » asks nothing.
    ("c'est au collège de décider comment sont faites les sauvegardes ?", True),
    ("les sauvegardes, c'est nous qui choisissons quand elles tournent ?", True),
    ("c'est qui qui décide des sauvegardes ?", False),
    ("comment décide-t-on des sauvegardes ?", False),
    # « ou » without its accent, between two things told before the question, is « or ».
    ("si le collège ou le Département veut arrêter la convention, c'est possible avant le terme ?", True),
    ("si un prof ou un agent casse un écran, il est remplacé ?", True),
    # In the question's own clause, before an indefinite thing, it joins two things asked about.
    ("l'Académie prévoit des stages ou des animations sur l'ENT ?", True),
    # Otherwise there it offers two answers, or asks where when accented.
    ("pour l'installation, c'est nous ou le Département ?", False),
    ("pour la déclaration, on l'envoie où, au Département ?", False),
])
def test_only_a_word_that_opens_its_clause_asks(text, closed):
    assert closed_question(text, False) is closed


def test_a_permission_reported_from_someone_else_is_denied_by_the_prohibition(kb):
    # Article 8: « Le collège s'engage à ne pas intervenir sur les logiciels socles ».
    text = "Le principal adjoint dit qu'on a le droit de désinstaller l'antivirus quand il ralentit trop les postes. C'est permis ?"
    answer = answer_question(kb, text)
    assert answer.text.startswith("Non") and "article-8" in answer.articles, answer.text


def test_deciding_how_something_is_done_is_checked_against_who_defines_it(kb):
    # Article 3: the Département « définit les stratégies de sauvegarde »; the collège may not intervene on them.
    answer = answer_question(kb, "Les sauvegardes du serveur, c'est nous qui décidons comment elles sont faites ?")
    assert answer.text.startswith("Non") and "article-3" in answer.articles, answer.text


def test_a_termination_asked_with_or_between_the_parties_gets_its_yes(kb):
    answer = answer_question(kb, "si le Département ou nous voulons quitter la convention, c'est possible avant la fin ?")
    assert answer.text.startswith("Oui.") and "article-13" in answer.articles, answer.text


@pytest.mark.parametrize("clause, text", [
    ("qui paie", "qui paie ? et qui installe ?"),
    ("qui paie", "qui paie  \n ? et qui installe"),
    ("qui paie", "qui paie les tablettes ?"),
    ("qui (paie)", "qui (paie) ?"),
    ("et qui installe", "qui paie ? et qui installe"),
    ("qui", "qui ? qui ?"),
])
def test_a_clause_marked_as_a_question_is_found_as_the_pattern_found_it(clause, text):
    import re

    from knowledge.understanding.clause_reading import question_marked
    assert question_marked(clause, text) is bool(re.search(re.escape(clause) + r"\s*\?", text))

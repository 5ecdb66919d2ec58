"""The decision policy (issue 11), class 6: checks of a fact (a number, a line's hours, a party) get a computed
« Oui » / « Non » and the fact, not the general line card. Split from test_policy_decisions.py, one class per file
beside it; examples written from the agreement for these tests, never taken from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question


def ask(kb, text, now):
    return answer_question(kb, text, now=now)


def first_word(text: str) -> str:
    return text.split()[0].strip(".,:").lower()


# ---------------------------------------------------------------------------- class 6: fact checks
def test_the_departement_is_closed_at_lunch_time(kb, monday_10am):
    answer = ask(kb, "le Département répond à 12 h 45 ?", monday_10am)
    assert first_word(answer.text) == "non" and answer.parties == ["departement"]
    assert "fermée à 12 h 45" in answer.text


def test_academie_number_is_not_the_departement(kb, monday_10am):
    answer = ask(kb, "le 05.16.52.66.86 c'est bien le Département ?", monday_10am)
    assert first_word(answer.text) == "non"
    assert answer.articles == ["article-4"] and answer.parties[0] == "academie"
    assert "Académie de Poitiers" in answer.text and "05.49.06.63.60" in answer.text


def test_departement_number_is_confirmed(kb, monday_10am):
    answer = ask(kb, "le 05.49.06.63.60 c'est le Département ?", monday_10am)
    assert first_word(answer.text) == "oui" and answer.parties == ["departement"]


def test_unknown_number_is_said_absent(kb, monday_10am):
    answer = ask(kb, "le 05.49.00.00.00 c'est le Département ?", monday_10am)
    assert "n'apparaît pas dans la convention" in answer.text


def test_no_line_is_open_on_saturday(kb, monday_10am):
    answer = ask(kb, "ouvert le samedi ?", monday_10am)
    assert first_word(answer.text) == "non"
    assert answer.text.count("fermée le samedi") == 2 and answer.articles == ["article-4"]


def test_at_17_15_only_the_academie_answers(kb, monday_10am):
    answer = ask(kb, "joignable à 17 h 15 ?", monday_10am)
    assert first_word(answer.text) not in {"oui", "non"}  # the lines differ: no single verdict
    assert "Académie de Poitiers (05.16.52.66.86) : ouverte à 17 h 15" in answer.text
    assert "Deux-Sèvres (05.49.06.63.60) : fermée à 17 h 15" in answer.text


def test_before_a_time_is_the_minute_before_it_not_that_time(kb, monday_10am):
    # The Académie opens at 8 h: « avant 8 h » it is closed, though it is open « à 8 h ».
    answer = ask(kb, "on peut appeler la plateforme de l'academie avant 8 h ?", monday_10am)
    assert first_word(answer.text) == "non" and "fermée avant 8 h" in answer.text, answer.text
    answer = ask(kb, "la hotline est ouverte avant 8 h 30 ?", monday_10am)
    assert first_word(answer.text) not in {"oui", "non"}  # the Académie is, the Département (8 h 30) is not
    assert "(05.49.06.63.60) : fermée avant 8 h 30" in answer.text and "(05.16.52.66.86) : ouverte avant 8 h 30" in answer.text


def test_a_part_of_the_day_is_checked_against_the_hours(kb, monday_10am):
    # The Académie's line closes at 17 h 30: « le soir » it is closed, whatever its record of services says.
    answer = ask(kb, "l'assistance academique est dispo le soir ?", monday_10am)
    assert first_word(answer.text) == "non" and "fermée le soir" in answer.text and answer.parties == ["academie"]
    answer = ask(kb, "le cd est ouvert le mercredi aprem ?", monday_10am)
    # (« aprem » is written out, message_kinds.yml shorthand.)
    assert first_word(answer.text) == "oui" and "ouverte le mercredi après-midi" in answer.text, answer.text
    # A part of the day that tells the fault asks no hours.
    answer = ask(kb, "depuis hier soir plus rien, c'est toujours en rade ce matin, qu'est ce que je dois faire", monday_10am)
    assert first_word(answer.text) not in {"oui", "non"}, answer.text


@pytest.mark.parametrize("text, lead, state", [
    # The Département's line closes from 12 h 30 to 13 h 30, the Académie's does not close at noon.
    ("la permanence du departement, elle coupe à l'heure du déj ?", "oui", "ouverte en partie seulement à l'heure du déj"),
    ("le rectorat décroche pendant la pause de midi ?", "oui", "ouverte pendant la pause de midi"),
    # « sans coupure » asks the open state, not the closed one.
    ("la plateforme de l'académie répond sans coupure le midi ?", "oui", "ouverte le midi"),
])
def test_the_lunch_break_is_a_stretch_not_noon(kb, monday_10am, text, lead, state):
    answer = ask(kb, text, monday_10am)
    assert first_word(answer.text) == lead and state in answer.text, answer.text


def test_a_date_is_its_weekday_and_a_public_holiday_is_an_inference(kb, monday_10am):
    # Monday 30 November 2026: « le 12 décembre » is Saturday 12 December 2026, both lines closed.
    answer = ask(kb, "la hotline du cd est joignable le 12 decembre ?", monday_10am)
    assert first_word(answer.text) == "non" and "fermée le samedi 12 décembre 2026" in answer.text, answer.text
    answer = ask(kb, "on peut appeler le rectorat le 9 decembre ?", monday_10am)
    assert first_word(answer.text) == "oui" and "ouverte le mercredi 9 décembre 2026" in answer.text, answer.text
    # A public holiday (the holidays package): the text gives weekdays only, closed is labelled as an inference.
    answer = ask(kb, "le numero du departement répond le 14 juillet ?", monday_10am)
    assert answer.text.startswith("Le mercredi 14 juillet 2027 est un jour férié (Fête nationale).")
    assert "probablement fermée" in answer.text and answer.yes_no is None and answer.parties == ["departement"]


def test_a_deadline_is_no_day_asked(kb, monday_10am):
    # « avant lundi » says when the fault must be fixed; the day asked is Saturday.
    answer = ask(kb, "le numero du departement repond le samedi matin ? j'ai un souci a regler avant lundi", monday_10am)
    assert first_word(answer.text) == "non" and "fermée le samedi" in answer.text and "lundi," not in answer.text


def test_filtering_is_not_the_departement(kb, monday_10am):
    answer = ask(kb, "le filtrage c'est pas le Département ?", monday_10am)
    assert answer.text.startswith("Non, ce n'est pas le Département")
    assert answer.articles == ["article-3"] and answer.parties == ["academie"]


@pytest.mark.parametrize("text, start, parties", [
    ("la sauvegarde, c'est bien le Département qui la définit ?", "Oui, c'est bien le Département", ["departement"]),
    ("c'est Canopé qui installe les logiciels ?", "Non, ce n'est pas Réseau Canopé", ["departement"]),
    ("les mises à jour windows, c'est pas au collège de les faire ?", "Non, ce n'est pas le collège", ["departement"]),
])
def test_a_party_to_confirm_is_compared_with_the_record(kb, monday_10am, text, start, parties):
    answer = ask(kb, text, monday_10am)
    assert answer.text.startswith(start) and answer.parties == parties


def test_existence_is_not_confirmed_by_a_record_on_something_else(kb, monday_10am):
    """Training in general (article 4) does not say yes to training on the legal aspects."""
    answer = ask(kb, "est-ce que la convention prévoit des formations aux usages juridiques ?", monday_10am)
    assert first_word(answer.text) != "oui"


def test_a_number_of_someone_the_text_never_names_is_not_given(kb, monday_10am):
    # The text gives the support lines' numbers only: listing them with their parties would read as the answer.
    answer = ask(kb, "le téléphone de la gendarmerie pour la prévention, c'est quel numéro ?", monday_10am)
    assert answer.text.startswith("La convention ne donne pas de numéro pour « gendarmerie »") and answer.parties == []
    # A number of the text's own lines is still given.
    assert "05.49.06.63.60" in ask(kb, "c'est quoi le numero du support ?", monday_10am).text


def test_a_number_checked_names_its_line_whatever_word_has_two_readings(kb, monday_10am):
    # « applis » may be software of the workstation, pedagogical or administrative: the number decides the line.
    answer = ask(kb, "pour les applis, on passe bien par le 05 16 52 66 86 ?", monday_10am)
    assert not answer.choices or answer.kind != "clarify", answer.text
    assert "05.16.52.66.86" in answer.text and "academie" in answer.parties and "article-4" in answer.articles, \
        answer.text

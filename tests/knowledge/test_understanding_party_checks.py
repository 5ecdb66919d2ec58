"""Issue 11, classes 2 and 6: « c'est nous qui … ? », « c'est à nous ? », « c'est notre boulot ? » check the
collège's own charge against the record, as « c'est bien le Département qui … ? » checks the Département's.
Examples written for these tests from the agreement's articles, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.frame import understand


@pytest.mark.parametrize("text, lead, article", [
    # Article 5: « le collège a la charge de l'installation physique » of video projectors.
    ("c'est nous qui fixons les vidéoprojecteurs au plafond ?", "Oui, c'est bien le collège", "article-5"),
    # Article 3: the Académie « aura la charge de l'administration du filtrage internet ».
    ("l'administration du filtrage internet, c'est à nous ?", "Non, ce n'est pas le collège", "article-3"),
    ("c'est moi qui administre le filtrage internet ?", "Non, ce n'est pas le collège", "article-3"),
    # Article 1: the switchboards' specific options « sont à la charge du collège ».
    ("les options supplémentaires de l'autocommutateur, c'est pour notre pomme ?", "Oui, c'est bien le collège",
     "article-1"),
    # Article 3: the collège manages the members of the educational community (its accounts).
    ("créer les comptes des parents d'élèves, c'est notre boulot ?", "Oui, c'est bien le collège", "article-3"),
])
def test_the_writer_asking_about_its_own_charge_is_a_party_check(kb, text, lead, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead), answer.text
    assert article in answer.articles


@pytest.mark.parametrize("text, lead, article", [
    # Article 1: the Département « fournir les autocommutateurs et les téléphones et les renouveler en cas de
    # panne »; the party checked after « c'est bien pour », not the owner of the office named before it.
    ("le téléphone fixe du bureau du principal est mort : le remplacer, c'est bien pour le Département ?", "Oui", "article-1"),
    # Article 6: on a purchase « sur fonds propres dans le cadre du référentiel », the établissement « devra déclarer
    # auprès du Département »; « pour qu'ils … » opens a clause, its « ils » is no inverted subject of the Département.
    ("On a payé 3 tablettes du catalogue sur notre budget, faut-il le déclarer au Département pour qu'elles soient "
     "inventoriées ?", "Oui", "article-6"),
])
def test_the_party_checked_or_asked_is_read_past_the_words_around_it(kb, text, lead, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead) and article in answer.articles, answer.text


def test_the_writer_is_the_collège_asked_about(kb):
    frame = understand(kb, "c'est nous qui installons les vidéoprojecteurs ?")
    assert frame.party_check and frame.asked_party.value == "college"


@pytest.mark.parametrize("text", [
    # Calling a line is the writer's move, not a charge the record gives: the Département assists, the collège calls.
    "c'est moi qui dois appeler l'assistance du Département ?",
    "c'est à nous de signaler la panne du vidéoprojecteur ?",
])
def test_reaching_a_line_is_no_check_of_the_writer(kb, text):
    answer = answer_question(kb, text)
    assert not answer.text.startswith("Non, ce n'est pas le collège"), answer.text


@pytest.mark.parametrize("text, line, article", [
    # Article 4 gives the line to report a fault to, not a rule on who reports: the line's card answers, and no
    # « Non » is drawn from the collège's other duties (article 2: no intervention on the network).
    ("c'est à nous de déclarer la panne du switch ?", "departement", "article-2"),
    ("le collège doit signaler les pannes du vidéoprojecteur ?", "departement", "repartition"),
])
def test_whether_the_writer_reports_a_fault_gets_the_line_to_report_to(kb, text, line, article):
    answer = answer_question(kb, text)
    assert not answer.text.startswith(("Non", "Oui")), answer.text
    assert answer.line == line and article in answer.articles and "article-4" in answer.articles, answer.text


def test_declaring_a_purchase_for_the_inventory_is_no_fault_report(kb):
    answer = answer_question(kb, "faut-il déclarer au Département les tablettes achetées sur nos fonds propres ?")
    assert answer.text.startswith("Oui") and "article-6" in answer.articles, answer.text


@pytest.mark.parametrize("text, lead", [
    # Article 2 forbids the collège to intervene on the network; the Département has it « dans toutes ses
    # composantes ». Asked of another party, the collège's prohibition was stated as the answer.
    ("le rectorat intervient-il sur le câblage du collège ?", "Non. Le Département"),
    ("est-ce que Canopé intervient sur le réseau ?", "Non. Le Département"),
    ("le Département intervient sur le réseau du collège ?", "Oui. Le Département"),
])
def test_a_prohibition_of_the_college_does_not_answer_for_another_party(kb, text, lead):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead), answer.text
    assert "Le collège ne doit" not in answer.text and answer.parties == ["departement"]


def test_a_party_checked_on_an_act_no_record_settles_is_neither_confirmed_nor_denied(kb):
    # Article 2 names a « qualification agréée et reconnue d'un agent dans un protocole à définir », not who approves
    # it; the Département's charge of the network does not deny it to the rectorat. (« agree » typed without accents:
    # the frame reads no action in it, the parse does.)
    answer = answer_question(kb, "c'est le rectorat qui agree la qualification de notre agent pour le reseau ?")
    assert not answer.text.startswith(("Oui", "Non")) and not answer.parties, answer.text


def test_a_party_check_that_asks_the_number_too_gets_the_line(kb):
    # « …, et leur numéro ? » was left unanswered: the check, then the line that handles the thing (article 4), with
    # no declaration offered (no fault was reported).
    answer = answer_question(kb, "c'est bien le Département qui gère le parc d'autocoms ? et c'est quoi son numéro ?")
    assert answer.text.startswith("Oui, c'est bien le Département") and "05.49.06.63.60" in answer.text, answer.text
    assert "Je peux préparer" not in answer.text and answer.line == "departement"


@pytest.mark.parametrize("text", [
    "c'est le prof qui doit payer son téléphone mobile de fonction ?",
    "les options de l'autocom, c'est bien l'agent d'accueil qui les achète ?",
])
def test_one_of_the_college_s_people_paying_is_denied_by_the_college_s_charge(kb, text):
    # Article 1: « à la charge du collège » is the establishment's budget, not a teacher's nor an agent's pocket.
    answer = answer_question(kb, text)
    assert answer.text.startswith("Non") and "article-1" in answer.articles, answer.text
    assert answer.parties == ["college"], answer.text


def test_the_college_itself_paying_is_still_confirmed(kb):
    answer = answer_question(kb, "c'est bien le collège qui paie les téléphones mobiles ?")
    assert answer.text.startswith("Oui") and "article-1" in answer.articles, answer.text


def test_what_the_writer_does_is_no_question_of_a_partner_s_role(kb):
    # « on fait quoi ? » asks what the writer should do; « le Département fait quoi ? » asks its role.
    answer = answer_question(kb, "le gars du Département devait passer lundi et personne, on fait quoi ?")
    assert "ce que la convention lui confie" not in answer.text, answer.text
    assert "ce que la convention lui confie" in answer_question(kb, "l'Académie, elle fait quoi ?").text

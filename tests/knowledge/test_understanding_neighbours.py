"""Issue 11, trust: questions whose answer sits next to another party's record on the same thing, or next to a
point the text leaves open. A word of the neighbour (« mobiles », « courant », « on fait quoi ») must not win.
Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, article, party", [
    # « classes mobiles » are laptops on a trolley, not mobile phones; the experts asked are the Académie's.
    ("avant de monter notre demande de classes mobiles, des experts de l'académie peuvent nous conseiller ?",
     "article-5", "academie"),
    # « accepté » before it is put up: the Département's technical validation of a projector.
    ("comment faire pour que le vidéoprojecteur de la salle 4 soit accepté avant la pose ?", "article-5",
     "departement"),
    # A software added to the catalogue is proposed for the référentiel (article 9), not the catalogue updated.
    ("on aimerait ajouter un logiciel de dactylographie au catalogue, comment faire ?", "article-9", "college"),
    # « le fonctionnement courant » is everyday running, not electric current: the Contexte's Département.
    ("qui équipe les collèges et paie leur fonctionnement courant ?", "contexte", "departement"),
])
def test_the_neighbour_word_does_not_win(kb, now, text, article, party):
    answer = answer_question(kb, text, now=now)
    assert article in answer.articles and party in answer.parties, (answer.articles, answer.parties, answer.text)


def test_network_logins_are_the_members_accounts(kb, now):
    # Network logins are the members' accounts, which the collège manages (article 3), not the network (article 2).
    answer = answer_question(kb, "les comptes des nouveaux 6e (identifiants reseau), c'est a nous de les creer ou au "
                                 "CD ?", now=now)
    assert answer.articles == ["article-3"] and answer.parties == ["college"], answer.text
    assert "Je n'ai pas trouvé" not in answer.text, answer.text  # (the question was cut off as a second part)


@pytest.mark.parametrize("text, said", [
    ("à qui appartiennent les tablettes fournies par le Département ?", "à qui appartient le matériel"),
    ("existe-t-il un formulaire de demande pour demander du matériel ?", "formulaire"),
    ("la hotline, comment elle fixe la priorité des tickets ?", "ordre d'urgence"),
    ("les décisions du groupe de travail informatique, on en est informés comment ?", "diffusion des décisions"),
    # Who administers the filter (article 3) is not who answers for what gets through it.
    ("un élève a contourné le filtre et vu un site interdit, c'est la faute de qui ?", "contournement"),
])
def test_points_the_text_leaves_open_name_no_party(kb, now, text, said):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and not answer.parties, (answer.kind, answer.parties, answer.text)
    assert said in answer.text, answer.text


def test_teaching_hours_are_school_life(kb, now):
    answer = answer_question(kb, "une heure d'accompagnement personnalisé en plus en 5e, qui la valide ?", now=now)
    assert answer.kind == "out_of_scope" and not answer.parties and "vie scolaire" in answer.text, answer.text


def test_what_the_writer_does_in_a_dispute_is_not_the_party_role(kb, now):
    # « on fait quoi » beside the Département asks what to do in a dispute (article 14); « la » in the second
    # question is the agreement, which avenants change (article 13).
    answer = answer_question(kb, "en cas de désaccord avec le Département sur la convention, on fait quoi ? et on "
                                 "peut la changer en cours de route ?", now=now)
    assert {"article-14", "article-13"} <= set(answer.articles), answer.text
    assert "ce que la convention lui confie" not in answer.text and "Je n'ai pas trouvé" not in answer.text


def test_what_is_needed_is_no_yes_or_no(kb, now):
    # « que faut-il pour … ? » asks what is needed: its « faut-il » opened the reply with « Oui. ».
    answer = answer_question(kb, "que faut-il pour que le vidéoprojecteur de la salle 4 soit accepté avant qu'on le "
                                 "pose ?", now=now)
    assert not answer.text.startswith(("Oui", "Non")) and "validation technique" in answer.text, answer.text


def test_setting_the_filter_is_administering_it(kb, now):
    # « paramétrer » is no act of the filtering's record; administering it (the Académie, article 3) includes it.
    answer = answer_question(kb, "le filtre web des élèves, c'est le Département qui le paramètre ?", now=now)
    assert answer.text.startswith("Non") and answer.parties == ["academie"], answer.text


def test_c_est_qui_qui_asks_who_does_it_not_what_a_word_means(kb, now):
    answer = answer_question(kb, "pour l'ENT, c'est qui qui regarde si notre projet colle côté pédagogie ?", now=now)
    assert "academie" in answer.parties and "veut dire" not in answer.text, answer.text


def test_enrolling_a_pupil_is_school_life(kb, now):
    answer = answer_question(kb, "comment on inscrit un élève au CNED en cours d'année ?", now=now)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_verb_alone_does_not_confirm_a_record_on_another_thing(kb, now):
    # « fournir » is the telephones' verb (article 1): it says nothing of USB keys, which the text never names.
    answer = answer_question(kb, "le Département doit-il fournir des clés USB ?", now=now)
    assert not answer.text.startswith("Oui") and "article-1" not in answer.articles, answer.text


def test_a_fault_no_record_repairs_goes_to_whoever_assists_on_it(kb, now):
    # No record repairs the Éducation nationale's applications; the Académie assists on them (article 4): the
    # Département is not the one, and the reply no longer says the text is silent.
    answer = answer_question(kb, "le Département répare SIECLE quand ça plante ?", now=now)
    assert answer.text.startswith("Non") and "article-4" in answer.articles and "academie" in answer.parties, answer.text


@pytest.mark.parametrize("text", ["le rectorat s'occupe de SIECLE en cas de panne ?",
                                  "quand SIECLE plante, c'est bien le rectorat qui s'en occupe ?"])
def test_taking_charge_of_a_fault_is_the_assistance(kb, now, text):
    # Article 3's administrative domain is the Académie's too, but a fault is handled by its assistance (article 4).
    answer = answer_question(kb, text, now=now)
    assert answer.articles == ["article-4"] and answer.text.startswith("Oui"), answer.text


def test_a_thing_no_one_assists_on_keeps_who_is_in_charge(kb, now):
    answer = answer_question(kb, "le téléphone mobile de la principale est cassé, qui s'en occupe ?", now=now)
    assert "college" in answer.parties and "ne dit pas qui répare" not in answer.text, answer.text


def test_who_installs_software_on_a_device_is_asked_of_the_software(kb, now):
    # The tablets only say where: installing the apps is article 9's, not the equipment's installation (article 5).
    answer = answer_question(kb, "qui installe les applis sur les tablettes des 6e ?", now=now)
    assert answer.articles == ["article-9"] and answer.parties == ["departement"], answer.text
    # What the collège may do itself is still asked of the thing it would touch (article 3's prohibition).
    answer = answer_question(kb, "je peux installer un logiciel moi-même sur le serveur pédagogique ?", now=now)
    assert answer.text.startswith("Non") and "article-3" in answer.articles, answer.text


def test_calling_the_reception_desk_names_no_switchboard(kb, now):
    # « j'appelle le standard ? » asks whom to call; the TNI is what is broken (not the autocom of article 1).
    answer = answer_question(kb, "le TNI du labo ne marche plus, j'appelle le standard ?", now=now)
    assert "article-1" not in answer.articles and answer.line == "departement", answer.text


def test_a_pen_no_longer_detected_is_a_fault(kb, now):
    answer = answer_question(kb, "le TNI de la salle 8 ne détecte plus le stylet", now=now)
    assert answer.kind == "support" and answer.line == "departement", answer.text


def test_no_denial_of_a_party_the_reply_gives_a_part(kb, now):
    # The reply states the Académie's pedagogical eligibility (article 7): « Non » would deny its own record.
    answer = answer_question(kb, "l'Académie n'a rien à voir avec l'ENT ?", now=now)
    assert not answer.text.startswith("Non") and "academie" in answer.parties, answer.text
    # With an act asked, the other party's record on that act still denies it.
    answer = answer_question(kb, "l'Académie vérifie l'éligibilité technique de l'ENT ?", now=now)
    assert answer.text.startswith("Non"), answer.text


def test_only_once_a_year_is_not_confirmed_by_at_least_once(kb, now):
    answer = answer_question(kb, "le GTI ne se réunit qu'une fois par an ?", now=now)
    assert not answer.text.startswith("Oui") and "au moins une fois par an" in answer.text, answer.text


@pytest.mark.parametrize("text", ["seul le Département peut toucher au réseau ?", "la convention ne dure que 2 ans ?"])
def test_an_exclusive_claim_gets_no_yes(kb, now, text):
    # The record says the Département does it, or that the term is 2 years; not that no one else does (a qualified
    # agent may), nor that nothing follows (the tacit renewal).
    answer = answer_question(kb, text, now=now)
    assert not answer.text.startswith("Oui"), answer.text


def test_not_only_and_by_itself_are_no_exclusive_claim(kb, now):
    answer = answer_question(kb, "la convention continue toute seule au bout des deux ans ?", now=now)
    assert answer.text.startswith("Oui"), answer.text

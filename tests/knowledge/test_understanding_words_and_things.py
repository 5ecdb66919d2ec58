"""Words that name, or do not name, a thing of the agreement (issue 11, classes 1, 3 and 7): a phone said to be one's
own, a blank page of an application, a subscription to an online service or its bill, a personal thing told beside
the collège's fault, equipment « pas du tout dans le catalogue », the members of the community named as the text
names them, a software's settings in other words, a list lettered a), b), c). Examples written for these tests from
the agreement, never copied from an eval file nor from the questions that found the faults.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)  # a Tuesday morning, lines open


def test_a_phone_said_to_be_ones_own_is_declined(kb):
    answer = answer_question(kb, "la prof de sport a fait tomber son mobile personnel dans la cour, qui paie l'écran ?", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_blank_page_of_an_application_names_no_screen(kb):
    # Pronote is none of the agreement's things; « écran blanc » is what it shows, not a screen to repair.
    answer = answer_question(kb, "depuis ce matin Pronote reste sur un écran blanc pour les familles, c'est le Département qui "
                                 "doit le réparer ?", now=NOW)
    assert not answer.parties and "05.49.06.63.60" not in answer.text, answer.text


def test_a_subscription_to_an_online_service_is_no_telecom_subscription(kb):
    # Article 1 bills the telecommunications to the collèges; nothing in the text assigns an online service's fee.
    answer = answer_question(kb, "la prof d'espagnol veut un abonnement à une plateforme de vidéos en ligne pour ses classes, "
                                 "qui le paie ?", now=NOW)
    assert not answer.parties and "article-1" not in answer.articles, answer.text
    telecom = answer_question(kb, "qui paie l'abonnement internet du collège ?", now=NOW)
    assert "article-1" in telecom.articles, telecom.text


def test_a_personal_thing_in_a_clause_of_its_own_is_declined_beside_the_colleges_fault(kb):
    answer = answer_question(kb, "le pc du labo de physique ne démarre plus depuis ce matin, et sinon mon iphone perso a l'écran "
                                 "fendu, qui s'occupe de quoi ?", now=NOW)
    assert "departement" in answer.parties and "05.49.06.63.60" in answer.text, answer.text
    assert "matériel personnel" in answer.text, answer.text
    # After the personal phone, « l'écran » is that phone's screen: the whole message is declined.
    own = answer_question(kb, "mon tel perso est tombé dans la cour, l'écran est cassé, qui le répare ?", now=NOW)
    assert own.kind == "out_of_scope" and not own.parties, own.text


def test_equipment_said_not_to_be_in_the_catalogue_is_bought_outside_the_referentiel(kb):
    # Article 5, scenario 3: bought outside the référentiel, the collège installs and maintains it.
    answer = answer_question(kb, "des casques VR, pas du tout au référentiel, si on les prend sur nos crédits, c'est le "
                                 "Département qui les dépanne ?", now=NOW)
    assert answer.text.startswith("Non"), answer.text
    assert "college" in answer.parties and "article-5" in answer.articles


def test_the_bill_of_a_subscription_to_the_ent_is_no_telecom_bill(kb):
    answer = answer_question(kb, "le collège a reçu la facture de son abonnement à l'ENT pour l'année, c'est à nous de la régler ?",
                             now=NOW)
    assert "article-1" not in answer.articles and not answer.text.startswith("Oui"), answer.text


def test_the_members_named_as_the_text_names_them_are_the_colleges_to_manage(kb):
    # Article 3: « la gestion des membres de la communauté éducative (personnels, élèves, parents d'élèves) ».
    answer = answer_question(kb, "ce n'est pas nous qui gérons les élèves, les parents et les personnels sur les postes ?", now=NOW)
    assert answer.text.startswith("Si"), answer.text
    assert "college" in answer.parties and "article-3" in answer.articles


def test_a_softwares_settings_in_other_words_are_its_specific_set_up(kb):
    # Article 9: « l'Académie de Poitiers au travers de Réseau CANOPÉ a la charge de la formation et du paramétrage
    # spécifiques des logiciels pédagogiques ».
    answer = answer_question(kb, "la configuration spécifique de notre logiciel pédagogique de chimie, c'est qui qui la fait ?",
                             now=NOW)
    assert {"academie", "canope"} <= set(answer.parties) and "departement" not in answer.parties, answer.text


def test_a_list_lettered_a_b_c_gets_one_answer_per_item(kb):
    answer = answer_question(kb, "trois questions : a) les options du standard qui les paie b) le filtrage qui l'administre "
                                 "c) les téléphones portables qui les achète", now=NOW)
    assert "3 points" in answer.text, answer.text
    assert {"college", "academie"} <= set(answer.parties), answer.text


def test_a_thing_bought_with_ones_own_money_is_personal(kb):
    answer = answer_question(kb, "j'ai pris un ordinateur portable avec mon propre argent pour corriger mes copies, le Département "
                                 "peut y mettre l'antivirus ?", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_pupils_games_console_is_personal(kb):
    answer = answer_question(kb, "un 5e a branché sa PS5 sur une prise réseau de l'internat, c'est au Département de la faire "
                                 "marcher ?", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_part_of_a_building_device_is_that_devices(kb):
    # « le clavier de l'interphone » is the intercom's keypad, no computer keyboard.
    answer = answer_question(kb, "le clavier de l'interphone de l'entrée ne répond plus, qui le répare ?", now=NOW)
    assert not answer.parties and "05.49.06.63.60" not in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "le lave-vaisselle de la cantine a un message d'erreur sur son écran, c'est bien le 05.49.06.63.60 qu'on appelle ?",
    "l'alarme du hall clignote et son clavier ne répond plus, qui appeler ?",
])
def test_the_screen_or_keyboard_of_a_device_out_of_scope_named_before_is_that_devices(kb, text):
    # « son écran » takes up the appliance named before: no equipment of the agreement, no line of article 4.
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_how_the_heatings_fault_is_felt_is_no_fault_of_the_equipment(kb):
    answer = answer_question(kb, "la chaudière est en panne depuis hier, les profs ont froid et les écrans sont glacés, qui doit "
                                 "intervenir ?", now=NOW)
    assert not answer.parties and "05.49.06.63.60" not in answer.text, answer.text


def test_the_controller_of_personal_data_is_said_nowhere(kb):
    # Article 3 puts the collège in charge of managing the members, which names no role under the data protection law.
    answer = answer_question(kb, "pour les comptes des élèves, le responsable de traitement RGPD c'est le collège ?", now=NOW)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


def test_resources_pushed_onto_the_workstations_are_deployed(kb):
    # Répartition des compétences: « déploiement de ressources pédagogiques sur demande de l'Académie de Poitiers ».
    answer = answer_question(kb, "c'est Canopé qui pousse les ressources pédagogiques sur les postes des salles ?", now=NOW)
    assert answer.text.startswith("Non") and "departement" in answer.parties, answer.text


def test_what_a_call_to_a_number_costs_is_not_a_check_of_the_number(kb):
    # Article 4 gives the number and the hours, never what a call costs.
    answer = answer_question(kb, "l'assistance du CD au 05.49.06.63.60, l'appel est gratuit ou payant ?", now=NOW)
    assert answer.kind == "not_specified" and not answer.text.startswith("Oui"), answer.text


def test_watching_over_the_pupils_is_school_life(kb):
    answer = answer_question(kb, "à la récré de midi, c'est au RUPN de surveiller les élèves dans la salle multimédia ?", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_how_long_logs_are_kept_is_no_term_of_the_agreement(kb):
    # Article 12's two years are the agreement's own term; « y » takes up the logs, not the term.
    answer = answer_question(kb, "les traces de navigation des élèves sont conservées combien de temps, et qui y a accès ?", now=NOW)
    assert answer.kind == "not_specified" and "article-12" not in answer.articles, answer.text


def test_a_web_portal_is_no_gate_of_the_building(kb):
    # Article 4: the Académie's « formulaire en ligne sur le portail intranet ».
    answer = answer_question(kb, "le formulaire en ligne du portail intranet, il sert pour quoi ?", now=NOW)
    assert answer.kind != "out_of_scope" and "academie" in answer.parties, answer.text


def test_a_thing_someone_paid_out_of_their_own_pocket_is_personal(kb):
    answer = answer_question(kb, "la CPE a payé une tablette de sa poche pour ses entretiens, le Département doit la réparer ?",
                             now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_payment_judged_normal_is_not_settled_by_a_record_without_it(kb):
    # Article 7 only splits the ENT's eligibility checks; who pays for it is said nowhere.
    answer = answer_question(kb, "la facture annuelle de l'ENT est arrivée au secrétariat, c'est normal ?", now=NOW)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


def test_insults_on_the_phone_are_no_fault_of_the_phone(kb):
    answer = answer_question(kb, "depuis une semaine une mère d'élève appelle l'accueil pour injurier l'agent d'accueil, qui s'en "
                                 "occupe ?", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_first_aid_training_is_no_training_of_the_agreement(kb):
    answer = answer_question(kb, "la formation au secourisme des 4e, c'est Canopé qui l'organise ?", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_game_for_leisure_is_no_software_of_the_agreement(kb):
    answer = answer_question(kb, "les 5e veulent installer roblox sur les postes du CDI pendant la pause, c'est possible ?", now=NOW)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_question_on_the_colleges_software_is_answered_beside_a_personal_computer(kb):
    # Article 9: the Département installs the referenced software on the workstations; the personal laptop is declined.
    answer = answer_question(kb, "qui installe le logiciel de géographie validé sur les postes de la salle 12 ? et je peux le mettre "
                                 "aussi sur mon ordi perso ?", now=NOW)
    assert "departement" in answer.parties and "matériel personnel" in answer.text, answer.text
    # « portail » before a web word names the portal: the ENT it names is still understood.
    ent = answer_question(kb, "le portail ENT refuse mon mot de passe depuis ce matin, qui s'en occupe ?", now=NOW)
    assert ent.kind != "unknown" and "ENT" in ent.text, ent.text

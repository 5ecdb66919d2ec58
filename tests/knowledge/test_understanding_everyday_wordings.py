"""Everyday wordings that led to a wrong or unhelpful reply (issue 11): a lost access or a printer printing
nothing told as a fault, the party a question ends on, a thing named only to compare with, a letter's opening,
a heading asking for a value, the payment of the Internet connection, the bills of school life, and governance
points the text leaves open. Examples written for these tests from the agreement, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answer_types import Context
from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.message_checks import more_than_courtesy

# A Tuesday morning, every line open.
NOW = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, line_number", [
    # Article 2 (network) and article 4 (the Département's line): a lost access is a fault, not a question of rights.
    ("depuis ce matin on a plus d'accès internet au CDI", "05.49.06.63.60"),
    ("on a plus internet dans l'aile B", "05.49.06.63.60"),
    # A printer that takes the job and prints nothing (Répartition: the Département's maintenance).
    ("l'imprimante de la salle 9 est allumée mais rien ne sort", "05.49.06.63.60"),
])
def test_a_lost_access_or_nothing_printed_is_a_fault_with_its_line(kb, text, line_number):
    answer = answer_question(kb, text, now=NOW)
    assert answer.kind == "support" and line_number in answer.text, answer.text
    assert not answer.text.startswith(("Non", "Oui")), answer.text


def test_reporting_a_fault_gets_who_repairs_not_who_installs(kb):
    # Article 5 gives the collège the physical installation of video projectors; their repair is the Département's.
    answer = answer_question(kb, "le videoprojecteur de la salle 3 s'allume plus du tout, c'est a qui que je dois le signaler ?",
                             now=NOW)
    assert "installation physique" not in answer.text, answer.text
    assert "05.49.06.63.60" in answer.text


def test_the_party_a_question_ends_on_is_the_one_asked(kb):
    # Article 4: the Académie assists on the Éducation nationale's applications; the Département is the party asked.
    answer = answer_question(kb, "l'appli des absences de l'éducation nationale bugue, c'est le département ?", now=NOW)
    assert answer.text.startswith("Non"), answer.text
    assert "Académie" in answer.text


def test_a_thing_named_to_compare_with_is_not_the_thing_asked(kb):
    # Article 1: fixed phones are the Département's, mobile phones the collège's.
    answer = answer_question(kb, "le smartphone de service du CPE est cassé, le Département le remplace comme les fixes ?",
                             now=NOW)
    assert answer.text.startswith("Non") and "téléphones mobiles" in answer.text, answer.text


def test_a_dispute_between_signatories_is_article_14(kb):
    answer = answer_question(kb, "en cas de litige entre les signataires, qui tranche ?")
    assert "article-14" in answer.articles, answer.text


@pytest.mark.parametrize("text", ["délai de préavis pour quitter la convention", "préavis de résiliation de la convention"])
def test_a_heading_asks_for_the_value_it_names(kb, text):
    answer = answer_question(kb, text)
    assert "2 mois" in answer.text and not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_letter_pasted_in_the_chat_gets_each_problem(kb):
    text = ("Bonjour, je me permets de vous écrire car plusieurs soucis durent depuis la rentrée : le wifi coupe sans "
            "arrêt au CDI, le vidéoprojecteur de la salle 2 ne s'allume plus et les comptes des élèves arrivés en "
            "novembre n'ont pas été créés. Qui doit s'en occuper ? Cordialement")
    answer = answer_question(kb, text, now=NOW)
    assert "Atelier Canopé" not in answer.text, answer.text
    assert {"article-2", "article-3"} <= set(answer.articles), answer.articles


def test_an_answer_in_parts_is_not_wrapped_as_a_point_left_open(kb):
    text = ("Monsieur, comme principale adjointe, j'aimerais connaître la procédure pour obtenir un chariot de tablettes "
            "supplémentaire en septembre. Pouvez-vous m'indiquer à qui adresser la demande et les délais à respecter ? Merci.")
    answer = answer_question(kb, text, now=NOW)
    assert not answer.text.startswith("La convention ne précise pas ce point"), answer.text
    assert "demande conjointe" in answer.text and "dans quel délai" in answer.text, answer.text


@pytest.mark.parametrize("text, article, expected", [
    # Article 1: the Internet subscriptions are managed centrally, with billing to the collèges.
    ("la connexion internet du collège, qui la paie ?", "article-1", "facturation aux collèges"),
    # A fault of the connection stays the network's (article 2).
    ("la connexion internet est coupée dans tout le collège, qui appeler ?", "article-2", "infrastructure réseau"),
])
def test_the_internet_connection_paid_or_broken(kb, text, article, expected):
    answer = answer_question(kb, text, now=NOW)
    assert article in answer.articles and expected in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "la facture de la demi-pension, c'est qui qui l'envoie ?",
    "qui paie la facture du voyage scolaire en Espagne ?",
])
def test_the_bills_of_school_life_are_out_of_scope(kb, text):
    assert answer_question(kb, text).kind == "out_of_scope"


def test_taking_part_in_the_governance_is_a_point_left_open(kb):
    # Article 11 gives the GTI's members (8 representatives of the management teams), not a duty of every collège.
    answer = answer_question(kb, "chaque principal est obligé de participer au groupe de travail informatique ?")
    assert answer.kind == "not_specified" and not answer.text.startswith("Oui"), answer.text
    assert "8 représentants" in answer.text


def test_how_often_the_gti_must_meet_is_not_taken_for_participation(kb):
    answer = answer_question(kb, "le GTI doit-il obligatoirement se réunir chaque trimestre ?")
    assert "tenu de participer" not in answer.text, answer.text


def test_equipment_outside_the_referentiel_said_non_referenced(kb):
    # Article 5, scenario 3: what the collège buys outside the référentiel, the collège installs and maintains.
    answer = answer_question(kb, "le département installe-t-il le matériel non référencé que nous achetons ?")
    assert answer.text.startswith("Non") and "Scénario 3" in answer.text, answer.text


def test_a_pupils_login_reset_is_the_collèges_accounts(kb):
    # Article 3: the collège manages the members of the educational community.
    answer = answer_question(kb, "besoin d'un reset mdp pour une élève de 4e qui a tout oublié", now=NOW)
    assert "article-3" in answer.articles and "communauté éducative" in answer.text, answer.text


def test_an_update_of_a_school_life_software_is_not_the_systems(kb):
    answer = answer_question(kb, "depuis la mise à jour de Pronote plus rien ne marche", now=NOW)
    assert "logiciels socles" not in answer.text, answer.text


def test_a_welcome_message_on_the_switchboard_is_an_option(kb):
    # Article 1: specific or extra options of the autocommutateur are the collège's charge.
    answer = answer_question(kb, "un message d'accueil sur le standard, c'est à notre charge ?")
    assert "options spécifiques ou supplémentaires" in answer.text, answer.text


def test_the_delays_of_a_request_are_left_open(kb):
    answer = answer_question(kb, "quels sont les délais à respecter pour une demande de PC ?")
    assert answer.kind == "not_specified" and "délai" in answer.text, answer.text


def test_the_vote_of_the_agreement_is_the_commission_permanente(kb):
    # Heading: the Président is « dûment habilité par délibération de la Commission permanente du 23 janvier 2017 ».
    answer = answer_question(kb, "elle a été approuvée quand, cette convention, par le conseil départemental ?")
    assert "23 janvier 2017" in answer.text, answer.text


def test_a_director_is_no_misspelt_rectrice(kb):
    # Article 11: the director of the Atelier Canopé 79 (or a representative) sits in the GTI.
    answer = answer_question(kb, "la directrice de l'atelier canopé, elle fait partie du GTI ?")
    assert answer.text.startswith("Oui") and "article-11" in answer.articles, answer.text


def test_a_request_named_as_such_gets_its_procedure(kb):
    # Article 2: an extension of the network is studied first, at the establishment's request, then validated.
    answer = answer_question(kb, "demande de câblage pour la salle de réunion du 2e étage", now=NOW)
    assert "étude préalable" in answer.text, answer.text


def test_a_slow_start_and_a_green_picture_are_faults_beside_another(kb):
    text = ("Impossible de me connecter à l'ENT, identifiant inconnu. Aussi le PC de ma salle met 10 minutes à démarrer. "
            "Et le vidéoprojecteur a une image toute verte.")
    answer = answer_question(kb, text, now=NOW)
    assert "maintenance des matériels" in answer.text and "communauté éducative" in answer.text, answer.text


def test_a_count_of_one_member_checked_as_two_is_denied(kb):
    # Article 11: the GTI has one RUPN, representing all the RUPN of the département.
    answer = answer_question(kb, "il y a trois RUPN au groupe de travail informatique ?")
    assert answer.text.startswith("Non"), answer.text


def test_someone_elses_home_is_out_of_scope(kb):
    answer = answer_question(kb, "le Département peut-il réparer le PC d'une collègue à son domicile ?")
    assert answer.kind == "out_of_scope", answer.text


def test_a_place_of_another_partys_term_confirms_nothing(kb):
    # Preamble: all correspondence goes to the Atelier Canopé 79, in Niort; the Département's seat is in Niort too.
    answer = answer_question(kb, "le courrier pour la convention, on l'adresse à la Maison du Département à Niort ?")
    assert not answer.text.startswith("Oui"), answer.text
    assert "Atelier Canopé 79" in answer.text


def test_quand_meme_asks_no_moment(kb):
    # Article 5, scenario 3: outside the référentiel the collège installs and maintains.
    answer = answer_question(kb, "on a acheté des casques VR hors référentiel, c'est quand même le département qui les installe ?")
    assert answer.text.startswith("Non") and "Scénario 3" in answer.text, answer.text


def test_once_or_twice_a_year_is_no_place_asked(kb):
    answer = answer_question(kb, "le groupe de travail informatique se réunit une ou deux fois par an ?")
    assert "où se réunissent" not in answer.text, answer.text


def test_a_party_reached_directly_is_not_confirmed_by_another_route(kb):
    # Article 9: the collège proposes new software to the referents of the DANE and Réseau Canopé.
    answer = answer_question(kb, "un prof peut-il proposer un logiciel directement au département pour le référencer ?")
    assert not answer.text.startswith("Oui"), answer.text


def test_an_antivirus_out_of_date_beside_a_filter_is_two_faults(kb):
    answer = answer_question(kb, "youtube est bloqué par le filtrage et l'antivirus n'est plus à jour en salle 6", now=NOW)
    assert {"article-3", "article-8"} <= set(answer.articles), answer.articles


@pytest.mark.parametrize("text, article, lead", [
    # Article 12: the term ends after 2 years, then tacit renewal; « s'arrête » said of the agreement is its term.
    ("la convention s'arrête automatiquement fin 2018 ?", "article-12", "Non"),
    # Article 13: stopping it is a termination.
    ("si on veut que la convention s'arrête, quelle est la démarche ?", "article-13", ""),
])
def test_the_agreement_ending_is_its_term_stopping_it_a_termination(kb, text, article, lead):
    answer = answer_question(kb, text)
    assert article in answer.articles and answer.text.startswith(lead), answer.text


def test_straight_away_withholds_the_yes_of_a_record_with_a_prior_step(kb):
    # Article 5: the collège installs video projectors physically, after the Département's technical validation.
    answer = answer_question(kb, "le nouveau vidéoprojecteur du labo, on peut l'accrocher tout de suite nous-mêmes ?")
    assert not answer.text.startswith("Oui"), answer.text
    assert "validation technique" in answer.text


@pytest.mark.parametrize("text, more", [
    ("on peut plus imprimer", True),  # a fault with no thing named: the courtesy action answers it, no greeting
    ("bonsoir", False),
])
def test_a_fault_with_no_thing_named_is_more_than_courtesy(kb, text, more):
    assert more_than_courtesy(kb, text) is more


@pytest.mark.parametrize("text, taken_up", [
    # A new fault naming no thing, after a question on the video projectors: asked back, not the projectors again.
    ("on peut plus imprimer du tout", False),
    # A fault told again of the same thing takes it up.
    ("il est encore en panne", True),
])
def test_a_new_fault_naming_no_thing_does_not_take_up_the_previous_subject(kb, text, taken_up):
    answer = answer_question(kb, text, context=Context(subject="videoprojecteur"), now=NOW)
    assert ("vidéoprojecteurs" in answer.text or "matériels informatiques" in answer.text) is taken_up, answer.text

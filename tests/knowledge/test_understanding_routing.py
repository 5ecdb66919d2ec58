"""Routing classes of issue 11 (2–7, 9, 10): the frame and the policy's decision, one group per class.

Each example is written for these tests from the agreement (knowledge/data/convention-cadre-deux-sevres-2017.txt);
none is copied from an evaluation file. Every test failed before the change it guards.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.frame import understand
from knowledge.understanding.policy import decide


def ask(kb, text, now):
    return answer_question(kb, text, now=now)


def first_word(text: str) -> str:
    return text.split()[0].strip(".,:").lower()


# ---------------------------------------------------------------- class 2: a yes/no is computed
def test_a_no_from_the_best_record_yields_to_a_record_giving_the_party_asked_the_action(kb, monday_10am):
    # "propose" matches the collège's duty to propose software; the animations are Canopé's (article 9).
    answer = ask(kb, "est-ce que l'Académie propose des formations pour apprendre à utiliser les logiciels "
                     "pédagogiques ?", monday_10am)
    assert first_word(answer.text) == "oui"
    assert answer.obligations[0] == "a9-academie-canope-formations" and "academie" in answer.parties


def test_a_subordinate_when_does_not_turn_a_yes_no_question_into_an_open_one(kb, monday_10am):
    answer = ask(kb, "est-ce que l'Académie doit se concerter avec le Département quand un besoin impacte "
                     "l'infrastructure ?", monday_10am)
    assert first_word(answer.text) == "oui"
    assert answer.articles == ["article-2"]


def test_a_relative_who_does_not_turn_a_yes_no_question_into_an_open_one(kb, monday_10am):
    # (« … un agent qui a une qualification ? » names article 2's own exception: no « Non » there, see
    # test_understanding_typed_faults.)
    answer = ask(kb, "a-t-on le droit de modifier le réseau si on a un prof qui s'y connaît ?", monday_10am)
    assert first_word(answer.text) == "non"
    assert "article-2" in answer.articles


def test_a_party_after_au_is_a_complement_not_the_party_asked(kb, monday_10am):
    frame = understand(kb, "faut-il déclarer au Département le matériel acheté sur les fonds du collège ?")
    assert frame.asked_party.value == "college"
    answer = ask(kb, "faut-il déclarer au Département le matériel acheté sur les fonds du collège ?", monday_10am)
    assert first_word(answer.text) == "oui"
    # The collège declares (its record answers), to the Département, named beside it.
    assert answer.articles == ["article-6"] and answer.parties == ["college", "departement"]


def test_existence_of_a_line_is_answered_yes_with_the_line(kb, monday_10am):
    answer = ask(kb, "existe-t-il une hotline pour les services administratifs ?", monday_10am)
    assert first_word(answer.text) == "oui"
    assert answer.line == "academie" and "article-4" in answer.articles


def test_a_line_denied_in_the_question_gets_si(kb, monday_10am):
    answer = ask(kb, "il n'y a pas de hotline pour les services administratifs ?", monday_10am)
    assert answer.text.startswith("Si. ") and answer.line == "academie", answer.text
    # A record asked in the negative gets no « Oui », which would read as « there are none ».
    answer = ask(kb, "il n'y a pas d'animations autour des logiciels pédagogiques ?", monday_10am)
    assert not answer.text.startswith(("Oui", "Non")) and "article-9" in answer.articles, answer.text


def test_our_staff_speaks_for_the_college(kb):
    frame = understand(kb, "nos agents peuvent-ils installer eux-mêmes le vidéoprojecteur ?")
    assert frame.asked_party.value == "college"


# ---------------------------------------------------------------- class 3: words with two meanings
def test_ending_a_subscription_in_other_words_is_read_as_the_contracts_manager(kb, monday_10am):
    answer = ask(kb, "on voudrait arrêter l'abonnement internet du gymnase", monday_10am)
    assert answer.parties == ["departement"] and answer.articles == ["article-1"]


# ---------------------------------------------------------------- class 4: the equipment, not the side word
def test_a_subject_qualifying_another_ranks_after_it(kb, monday_10am):
    decision = decide(kb, "je voudrais m'inscrire à une formation sur le vidéoprojecteur interactif", now=monday_10am)
    assert decision.frame.subject == "formation"
    assert set(decision.answer.parties) >= {"academie", "canope"}


def test_people_put_in_the_ent_are_its_members_the_college_manages(kb, monday_10am):
    # Article 3: the collège manages « les membres de la communauté éducative »; the ENT's own article 7 is about
    # its eligibility only.
    answer = ask(kb, "qui ajoute les nouveaux profs dans l'ENT ?", monday_10am)
    assert answer.parties[:1] == ["college"] and answer.articles[:1] == ["article-3"], answer.text


@pytest.mark.parametrize("text", [
    "le site de l'ENT est bloqué par le proxy, qui appeler ?",
    "la messagerie de l'ENT est bloquée par le filtrage depuis ce matin",
])
def test_what_blocks_a_thing_is_what_the_fault_is_about(kb, monday_10am, text):
    # The ENT is what is blocked; the filtering, the agent of « bloqué par », is the Académie's (article 3).
    answer = ask(kb, text, monday_10am)
    assert answer.parties[:1] == ["academie"] and answer.articles[:1] == ["article-3"], answer.text


@pytest.mark.parametrize("text, party, article", [
    # no access to the network is its fault (article 2)…
    ("depuis hier on n'a pas accès au wifi en salle 12", "departement", "article-2"),
    # …no access to a site is what the filter blocks (article 3)
    ("on n'a pas accès à ce site depuis les postes du CDI", "academie", "article-3"),
])
def test_no_access_is_the_fault_of_what_it_is_to(kb, monday_10am, text, party, article):
    answer = ask(kb, text, monday_10am)
    assert answer.parties[:1] == [party] and article in answer.articles, answer.text


# ---------------------------------------------------------------- class 5: requests get the procedure
def test_asking_for_one_more_network_socket_is_a_network_change(kb, monday_10am):
    answer = ask(kb, "il faudrait une prise réseau supplémentaire au foyer des élèves", monday_10am)
    assert answer.kind == "procedure" and answer.choices == []
    assert "article-2" in answer.articles and "departement" in answer.parties


def test_a_broken_mobile_phone_is_the_colleges_to_renew(kb, monday_10am):
    answer = ask(kb, "le téléphone mobile de l'agent d'accueil est cassé", monday_10am)
    assert "college" in answer.parties and "article-1" in answer.articles
    assert "departement" not in answer.parties


# ---------------------------------------------------------------- class 6: checks of a fact
def test_a_number_and_a_day_check_that_numbers_line(kb, monday_10am):
    answer = ask(kb, "le 05.16.52.66.86 décroche le samedi matin ?", monday_10am)
    assert first_word(answer.text) == "non"
    assert answer.parties == ["academie"] and answer.articles == ["article-4"]


def test_calling_at_an_hour_is_an_hours_check(kb, monday_10am):
    frame = understand(kb, "je peux contacter le Département à 13h ?")
    assert frame.question_type.value == "when_open_now"
    answer = ask(kb, "je peux contacter le Département à 13h ?", monday_10am)
    assert first_word(answer.text) == "non" and answer.parties == ["departement"]


@pytest.mark.parametrize("text, lead, party, says", [
    # article 4: the Département answers 8 h 30–12 h 30 and 13 h 30–17 h, the Académie 8 h–17 h 30
    ("le standard tel du Département arrête de répondre à 17h30 ?", None, "departement", None),
    ("l'assistance tél du Département termine bien à 17h30 ?", "non", "departement", "ferme à 12 h 30 et à 17 h"),
    ("la plateforme tél de l'académie termine à 17h30 ?", "oui", "academie", "ferme à 17 h 30"),
    ("le rectorat ouvre dès 8h ?", "oui", "academie", "ouvre à 8 h"),
    ("le Département ouvre à 8h ?", "non", "departement", "ouvre à 8 h 30 et à 13 h 30"),
])
def test_the_time_a_line_closes_or_opens_is_compared_with_its_bounds(kb, monday_10am, text, lead, party, says):
    """« ferme à 17 h 30 ? » asks the closing time, not whether the line is closed at 17 h 30."""
    answer = ask(kb, text, monday_10am)
    if lead is not None:
        assert first_word(answer.text) == lead and answer.parties == [party], answer.text
        assert says in answer.text
    else:
        assert first_word(answer.text) != "oui", answer.text


def test_answering_at_a_time_is_a_state_not_an_opening_time(kb, monday_10am):
    answer = ask(kb, "le Département décroche à 11h ?", monday_10am)
    assert first_word(answer.text) == "oui" and "ouverte à 11 h" in answer.text, answer.text


def test_a_state_at_a_time_is_still_the_state(kb, monday_10am):
    answer = ask(kb, "la hotline du Département est fermée à 17h30 ?", monday_10am)
    assert first_word(answer.text) == "oui" and "fermée à 17 h 30" in answer.text, answer.text


def test_cest_bien_au_party_de_is_a_party_check(kb, monday_10am):
    frame = understand(kb, "les stratégies de sauvegarde, c'est bien au collège de les définir ?")
    assert frame.party_check and frame.asked_party.value == "college"
    answer = ask(kb, "les stratégies de sauvegarde, c'est bien au collège de les définir ?", monday_10am)
    assert first_word(answer.text) == "non" and answer.parties == ["departement"]


# ---------------------------------------------------------------- class 7: several problems
def test_two_problems_of_one_family_but_two_lines_get_one_answer_each(kb, monday_10am):
    decision = decide(kb, "le standard est en panne et en plus le téléphone mobile du CPE est cassé", now=monday_10am)
    assert decision.outcome == "several"
    assert [p.subjects[0] for p in decision.frame.parts] == ["autocommutateur", "telephone_mobile"]
    assert {"departement", "college"} <= set(decision.answer.parties)


def test_a_plus_sign_separates_two_problems(kb, monday_10am):
    decision = decide(kb, "le proxy filtre trop + le switch du CDI redémarre, qui pour chaque ?", now=monday_10am)
    assert decision.outcome == "several"
    assert {"academie", "departement"} <= set(decision.answer.parties)


@pytest.mark.parametrize("text", ["GFC ne s'ouvre plus", "le site de l'ENT est inaccessible"])
def test_more_ways_to_say_it_is_broken(kb, text):
    assert understand(kb, f"{text} et le wifi est coupé").parts


# ---------------------------------------------------------------- class 9: ordinary words, not ticket operations
@pytest.mark.parametrize("text, subject", [
    ("rajouter une prise réseau dans le labo de physique", "modification_reseau"),
    ("ajouter une borne wifi dans le hall", "modification_reseau"),
])
def test_adding_equipment_is_a_request_not_a_ticket_operation(kb, monday_10am, text, subject):
    decision = decide(kb, text, now=monday_10am)
    assert decision.frame.kind.value == "request"
    assert decision.answer is not None and decision.answer.subject == subject
    assert "departement" in decision.answer.parties


@pytest.mark.parametrize("text, party, line_article", [
    ("qui nous dépanne quand le vidéoprojecteur ne s'allume plus ?", "departement", "article-4"),
    ("SIECLE plante dès qu'on lance l'export des moyennes, on se tourne vers qui ?", "academie", "article-4"),
])
def test_a_repair_asked_is_answered_with_the_line_that_handles_it(kb, monday_10am, text, party, line_article):
    """« qui dépanne… ? », « vers qui je me tourne ? »: who handles it and the line (article 4), not « the text
    does not say who repairs »; the story of the fault (« à l'export des notes ») is no point left open."""
    answer = ask(kb, text, monday_10am)
    assert party in answer.parties and line_article in answer.articles, answer.text
    assert answer.kind != "not_specified"


@pytest.mark.parametrize("text, party, line, article", [
    # The network is the Département's (article 2), its line the Département's assistance (article 4).
    ("comment on signale une coupure du réseau dans le bâtiment B ?", "departement", "departement", "article-2"),
    # The filtering is administered by the Académie (article 3), whose line is its platform (article 4).
    ("je fais comment pour déclarer un souci de filtrage internet ?", "academie", "academie", "article-3"),
])
def test_how_to_declare_a_fault_is_answered_with_its_line(kb, monday_10am, text, party, line, article):
    """« comment je déclare un incident sur X ? » asks the way to report a fault on X: who handles it, the line
    (article 4) and the offer to declare, not what X is or who owns it alone."""
    answer = ask(kb, text, monday_10am)
    assert answer.line == line and party in answer.parties, answer.text
    assert article in answer.articles and "article-4" in answer.articles
    assert any(c.label == "Déclarer l'incident" for c in answer.choices)


@pytest.mark.parametrize("text, subject", [
    # Article 1: the Département provides « les autocommutateurs et les téléphones ».
    ("le poste fixe de l'accueil ne sonne plus depuis ce matin", "telephone_fixe"),
    ("le poste du secrétariat n'a plus de tonalité", "telephone_fixe"),
    # Without a telephone word, « poste » is still the workstation (« matériels informatiques »).
    ("le poste fixe de la salle 12 ne démarre plus", "materiel_informatique"),
    ("le poste du secrétariat est en panne", "materiel_informatique"),
])
def test_a_desk_phone_called_poste_fixe_is_read_by_its_telephone_words(kb, monday_10am, text, subject):
    decision = decide(kb, text, now=monday_10am)
    assert decision.frame.subject == subject, decision.trace


@pytest.mark.parametrize("text, lead", [
    # Article 4: the Département's permanence is « du lundi au vendredi de 8h30 à 12h30 et de 13h30 à 17h ».
    ("j'ai appelé le Département à 13 h, personne ne répond : normal qu'ils ne décrochent pas à cette heure ?", "oui"),
    # A negative question: « Non » agrees that it is not reachable (« Oui » would be ambiguous).
    ("l'assistance du Département n'est pas joignable le samedi ?", "non"),
    ("l'assistance du Département décroche à 13 h ?", "non"),
])
def test_a_line_said_not_to_answer_is_asked_about_as_closed(kb, monday_10am, text, lead):
    answer = ask(kb, text, monday_10am)
    assert first_word(answer.text) == lead, answer.text
    assert "fermée" in answer.text and "article-4" in answer.articles


@pytest.mark.parametrize("text, party, article", [
    # Article 10: « l'Éducation nationale et Réseau CANOPÉ accompagnent les collèges… sur les usages pédagogiques ».
    ("Réseau Canopé, concrètement, ça fait quoi pour les profs ?", "canope", "article-10"),
    # Article 3: « l'Académie de Poitiers aura la charge de l'administration du filtrage internet ».
    ("l'Académie, quel est son rôle dans tout ça ?", "academie", "article-3"),
])
def test_what_a_party_does_is_its_own_records_one_per_article(kb, monday_10am, text, party, article):
    answer = ask(kb, text, monday_10am)
    assert answer.parties == [party] and article in answer.articles, answer.text
    assert len(answer.articles) == len(answer.obligations)  # one record per article


@pytest.mark.parametrize("text", [
    "le RUPN, il sert à quoi selon la convention ?",                       # one of the collège's people
    "la commission du Conseil départemental, elle fait quoi ?",            # a body of the Département
    "quel est le rôle du Département pour les tablettes ?",               # a thing asked: its records decide
])
def test_a_role_asked_of_a_person_a_body_or_about_a_thing_is_no_party_role(kb, monday_10am, text):
    decision = decide(kb, text, now=monday_10am)
    assert not any("rôle de la partie" in line for line in decision.trace), decision.trace


def test_two_days_asked_are_each_said_and_a_mixed_answer_gets_no_yes(kb, monday_10am):
    """Article 4: the Département's line is open « du lundi au vendredi »: on Friday and Saturday it is open one day and
    closed the other, which « Oui. … ouverte le vendredi et le samedi » would misstate."""
    answer = ask(kb, "l'assistance du Département répond le vendredi et le samedi ?", monday_10am)
    assert not answer.text.startswith(("Oui", "Non")), answer.text
    assert "ouverte le vendredi, fermée le samedi" in answer.text


def test_a_party_role_reply_opens_with_a_capital(kb, monday_10am):
    answer = ask(kb, "le collège, il fait quoi dans la convention ?", monday_10am)
    assert answer.text.startswith("Le collège : "), answer.text


def test_a_number_asked_for_no_problem_in_particular_lists_the_lines_and_asks_which_problem(kb):
    # Article 4 gives two lines; which one depends on the problem: the buttons ask it, each carrying the repair.
    answer = answer_question(kb, "vous pouvez me redonner le numéro à appeler svp ?")
    assert "05.49.06.63.60" in answer.text and "05.16.52.66.86" in answer.text
    assert [(c.subject, c.action) for c in answer.choices][:2] == [("materiel_informatique", "reparer"),
                                                                 ("reseau", "reparer")]
    chosen = answer_question(kb, "vous pouvez me redonner le numéro à appeler svp ?", subject="services_administratifs",
                             action="reparer")
    assert chosen.line == "academie" and "05.16.52.66.86" in chosen.text and "05.49.06.63.60" not in chosen.text


def test_the_numbers_of_two_parties_asked_together_are_both_given(kb, monday_10am):
    # Article 4: the Département's line (05.49.06.63.60) and the Académie's platform (05.16.52.66.86).
    answer = ask(kb, "vous pouvez me donner le numéro du Département et celui de l'Académie ?", monday_10am)
    assert "05.49.06.63.60" in answer.text and "05.16.52.66.86" in answer.text, answer.text
    assert answer.articles == ["article-4"] and set(answer.parties) == {"departement", "academie"}


def test_tel_fixes_in_sms_spelling_are_the_fixed_telephones(kb, monday_10am):
    # Article 1: the Département « fournit les autocommutateurs et les téléphones et les renouvelle en cas de panne ».
    answer = ask(kb, "les tel fixes du secrétariat tombent en panne, le dpt les remplace ?", monday_10am)
    assert "article-1" in answer.articles and "departement" in answer.parties, answer.text


@pytest.mark.parametrize("text", ["mon pc ne démarre plus, qui s'en occupe ?",
                                  "l'ordinateur du CDI ne s'allume plus, qui gère ça ?"])
def test_whoever_takes_care_of_a_fault_repairs_it(kb, monday_10am, text):
    # « Répartition des compétences »: the Département « assure l'acquisition et la maintenance des matériels
    # informatiques »; its installation (article 5) is no answer to a fault.
    answer = ask(kb, text, monday_10am)
    assert answer.obligations[0] == "rep-departement-acquisition-maintenance", answer.text
    assert answer.line == "departement" and "article-5" not in answer.articles, answer.text


@pytest.mark.parametrize("text", ["plus d'internet dans tout le collège, qui appeler ?",
                                  "internet est coupé depuis ce matin, qui appeler ?"])
def test_internet_cut_off_is_the_network(kb, monday_10am, text):
    # Article 2: the Département « prend en charge l'infrastructure réseau et télécom dans toutes ses composantes ».
    answer = ask(kb, text, monday_10am)
    assert answer.line == "departement" and "article-2" in answer.articles, answer.text


def test_a_request_names_who_decides_beside_who_asks(kb):
    # Article 2: the collège asks for the prior study, the Département validates: asked « à qui », both are named.
    answer = answer_question(kb, "on voudrait étendre le réseau au gymnase, on le demande à qui ?")
    assert set(answer.parties) >= {"college", "departement"} and "article-2" in answer.articles, answer.text


def test_a_declaration_names_whom_it_is_made_to(kb):
    # Article 6: the collège declares to the Département what the inventory needs of a purchase on its own funds.
    answer = answer_question(kb, "on a acheté des tablettes sur nos fonds propres dans le référentiel, on doit le "
                                 "déclarer à quelqu'un ?")
    assert set(answer.parties) >= {"college", "departement"} and "article-6" in answer.articles, answer.text


@pytest.mark.parametrize("text", ["l'antivirus a expiré sur tous les PC du CDI", "la protection antivirus est expirée en salle 7"])
def test_a_protection_that_has_lapsed_is_a_fault_of_the_basic_software(kb, monday_10am, text):
    # « expiré » said nothing: the text's silence came back, though article 8 gives the antivirus to the Département.
    answer = ask(kb, text, monday_10am)
    assert answer.line == "departement" and "article-8" in answer.articles and "departement" in answer.parties, answer.text


@pytest.mark.parametrize("text", ["la page de connexion du wifi ne s'affiche plus sur les tablettes",
                                  "le switch du couloir fait un bruit de moteur depuis ce matin"])
def test_a_page_that_stays_blank_or_a_noise_is_a_fault(kb, monday_10am, text):
    # They were asked back (a fault, a change or who is in charge): the network's line answers (article 2).
    answer = ask(kb, text, monday_10am)
    assert answer.line == "departement" and "article-2" in answer.articles, answer.text


@pytest.mark.parametrize("text", ["le PC portable de la vie scolaire veut plus démarrer",
                                  "le TBI de la salle 9 reste sur « aucun signal »"])
def test_a_device_that_will_not_start_or_shows_no_picture_is_a_fault(kb, monday_10am, text):
    # Both were asked back (buying, installing or a fault): the Département maintains the equipment (its line).
    answer = ask(kb, text, monday_10am)
    assert answer.line == "departement" and answer.kind == "support", answer.text


def test_what_to_do_about_a_fault_is_its_line(kb, monday_10am):
    # « on fait quoi ? » after a fault asks what to do: the line that handles it, with its number (the record alone
    # was stated, no number).
    answer = ask(kb, "le standard téléphonique est mort depuis ce matin, je fais quoi ?", monday_10am)
    assert answer.line == "departement" and "05.49.06.63.60" in answer.text and "article-1" in answer.articles, answer.text

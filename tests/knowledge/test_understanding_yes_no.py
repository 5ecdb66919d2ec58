"""Issue 11, class 2: closed questions get a computed « Oui »/« Non » in more of the ways people ask them
(a rule carrying every action asked, a question mark alone, SMS spellings), and none from a party that is only
the owner of a thing or the approver in a record's condition. Examples written for these tests from the
agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.frame import understand


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


def test_a_rule_carrying_every_action_asked_answers_yes(kb, now):
    answer = answer_question(kb, "pour un aménagement du CDI on va déplacer quatre postes, faut-il faire une demande ?",
                             now=now)
    assert answer.text.startswith("Oui."), answer.text
    assert "article-5" in answer.articles


def test_a_rule_carrying_only_some_actions_asked_settles_nothing(kb, now):
    answer = answer_question(kb, "faut-il faire une demande pour réparer un écran ?", now=now)
    assert not answer.text.startswith("Oui"), answer.text


def test_a_question_mark_alone_makes_a_closed_question(kb, now):
    answer = answer_question(kb, "on a pris 5 tablettes sur nos fonds dans le référentiel, faut le signaler au Département ?",
                             now=now)
    assert answer.text.startswith("Oui."), answer.text
    assert "article-6" in answer.articles


def test_the_sms_spelling_of_cest_bien_checks_the_party(kb, now):
    answer = answer_question(kb, "le filtrage c bien le departement qui s en occupe ?", now=now)
    assert answer.text.startswith("Non"), answer.text
    assert "academie" in answer.parties


def test_the_owner_of_a_thing_is_not_the_party_asked(kb):
    frame = understand(kb, "le téléphone portable du principal est cassé, le département en rachète un ?")
    assert frame.asked_party.value == "departement"


def test_a_party_in_the_records_condition_gets_no_non(kb, now):
    answer = answer_question(kb, "pour poser un vidéoprojecteur, il faut l'accord technique du Département ?", now=now)
    assert not answer.text.startswith("Non"), answer.text
    assert "article-5" in answer.articles


@pytest.mark.parametrize("text", [
    "le département installe-t-il lui-même les vidéoprojecteurs ?",      # the collège installs them
    "c'est le département qui gère le filtrage ?",                        # the Académie does
])
def test_another_partys_duty_still_answers_no(kb, now, text):
    assert answer_question(kb, text, now=now).text.startswith("Non"), text


@pytest.mark.parametrize("text, lead", [
    ("l'assistance de l'académie est ouverte jusqu'à 17h30 ?", "Oui."),     # it closes at 17 h 30
    ("l'assistance du département est ouverte jusqu'à 18h ?", "Non."),
])
def test_open_until_a_time_is_compared_with_the_closing_time(kb, now, text, lead):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(lead) and "jusqu'à" in answer.text, answer.text
    # « fermée jusqu'à 18 h » would say the line opens at 18 h
    assert "fermée jusqu'à" not in answer.text


def test_a_fault_stated_with_a_modal_is_no_yes_no_question(kb, now):
    answer = answer_question(kb, "le pc du CDI plante sans arrêt, les élèves ne peuvent plus travailler", now=now)
    assert answer.kind == "support" and answer.line == "departement", answer.text


def test_taking_care_of_maintenance_is_no_insurance(kb, now):
    answer = answer_question(kb, "on a acheté des ordinateurs hors référentiel sur nos fonds, qui doit en assurer la "
                                 "maintenance ?", now=now)
    assert answer.kind == "responsibility" and "article-5" in answer.articles, answer.text


@pytest.mark.parametrize("text, lead, party", [
    # The party asked is what is checked: its name must not pick the record that names it (article 7 gives
    # the technical eligibility to the Département, the pedagogical one to the Académie).
    ("le département vérifie l'éligibilité pédagogique de l'ENT ?", "Non", "academie"),
    ("l'académie vérifie l'éligibilité technique de l'ENT ?", "Non", "departement"),
    ("le département vérifie l'éligibilité pédagogique ?", "Non", "academie"),
    ("c'est bien le Département qui vérifie l'éligibilité pédagogique à l'ENT ?", "Non", "academie"),
    ("l'académie vérifie l'éligibilité pédagogique de l'ENT ?", "Oui", "academie"),
])
def test_the_party_asked_does_not_choose_the_record(answered_with, text, lead, party):
    answer = answered_with(text, lead)
    assert party in answer.parties and "article-7" in answer.articles


def test_a_name_in_an_aside_of_the_record_is_not_confirmed(kb, now):
    # « … nomme Rose-Marie NIETO … (l'en-tête nomme le Président, M. Gilbert FAVREAU) »: FAVREAU did not sign.
    answer = answer_question(kb, "c'est bien FAVREAU qui a signé pour le département ?", now=now)
    assert not answer.text.startswith("Oui"), answer.text
    answer = answer_question(kb, "la convention a été signée à Niort par Favreau ?", now=now)
    assert not answer.text.startswith("Oui"), answer.text


@pytest.mark.parametrize("text, lead, article", [
    # « consultable » is consulting: the inventory is at the establishment's disposal (article 6).
    ("l'inventaire informatique est consultable par le collège ?", "Oui", "article-6"),
    # « rebrancher » a network cable is an intervention on the network, which the collège may not make.
    ("je peux rebrancher moi-même les câbles de la baie de brassage ?", "Non", "article-2"),
])
def test_everyday_verbs_find_the_record_that_settles_the_check(answered_with, text, lead, article):
    assert article in answered_with(text, lead).articles


@pytest.mark.parametrize("text, lead, article", [
    # The writer asks what the collège may do; « par le Département » is the agent of a participle (article 6).
    ("nous avons le droit de consulter l'inventaire tenu par le Département ?", "Oui", "article-6"),
    # Without a modal the agent is the party asked (article 3: the Département buys the servers).
    ("les serveurs du collège, on les fait acheter par le Département ?", "Oui", "article-3"),
    # « quand même » asks no « when » (article 5, scénario 3).
    ("du matériel acheté sur nos fonds hors référentiel, le Département l'installe quand même ?", "Non", "article-5"),
])
def test_who_the_writer_speaks_for_and_what_asks_when(answered_with, text, lead, article):
    assert article in answered_with(text, lead).articles


def test_a_question_on_the_records_own_exception_gets_no_non(kb, now):
    """Article 5, scénario 3: maintenance is the collège's « sauf dans le cadre d'une expérimentation »."""
    answer = answer_question(kb, "du matériel hors référentiel acheté par le collège, le Département peut l'entretenir "
                             "pour une expérimentation ?", now=now)
    assert not answer.text.startswith("Non"), answer.text


def test_a_subordinate_when_does_not_open_the_question(kb, now):
    """« … il peut intervenir sur les switchs quand ça plante ? » asks whether he may; « quand » says when."""
    answer = answer_question(kb, "notre prof de SVT bidouille bien, il peut intervenir sur le réseau quand ça plante ?",
                             now=now)
    assert answer.yes_no == "non" and "article-2" in answer.articles, answer.text


def test_a_party_is_confirmed_without_a_verb_only_when_whose_job_is_asked(kb, now):
    """« désactiver les comptes des anciens élèves, c'est à nous de le faire ? »: whose job it is (the collège
    manages the members of the community, article 3) → « Oui »."""
    answer = answer_question(kb, "désactiver les comptes des anciens élèves, c'est à nous de le faire ?", now=now)
    assert answer.yes_no == "oui" and "article-3" in answer.articles, answer.text


def test_a_time_said_exactly_is_no_battery(kb, now):
    """« à 9 h pile » is a time, not a battery (the consumables the text leaves open)."""
    answer = answer_question(kb, "la plateforme de l'académie décroche à 9h pile ?", now=now)
    assert answer.kind != "not_specified" and "article-4" in answer.articles, answer.text


@pytest.mark.parametrize("text, said", [
    # Article 5: the collège installs video projectors « avec, au préalable, une validation technique du Département ».
    ("on a le droit d'accrocher nous-mêmes un vidéoprojecteur sans l'avis de personne ?", "non"),
    ("le collège peut installer ses vidéoprojecteurs sans validation du Département ?", "non"),
    ("le collège peut installer ses vidéoprojecteurs lui-même ?", "oui"),
])
def test_a_permission_asked_without_the_record_s_condition_is_not_granted(kb, text, said):
    answer = answer_question(kb, text)
    assert answer.yes_no == said and answer.articles[0] == "article-5", answer.text
    assert "validation technique" in answer.text


@pytest.mark.parametrize("text, article", [
    # Article 3: « Le collège ne doit réaliser aucune intervention ni modification sur les systèmes ».
    ("on peut installer nous-mêmes une appli sur le serveur pédagogique ?", "article-3"),
    # Article 8: the collège does not intervene on the « logiciels socles » (« systèmes d'exploitation »).
    ("je peux installer moi-même le système d'exploitation sur les postes de la salle ?", "article-8"),
])
def test_the_college_asking_to_install_on_a_thing_it_must_not_touch_gets_the_prohibition(kb, text, article):
    answer = answer_question(kb, text)
    assert answer.yes_no == "non" and answer.articles[0] == article and "college" in answer.parties, answer.text


@pytest.mark.parametrize("text", [
    "le Département peut refuser notre demande d'ordinateurs ?",
    "le Département a-t-il le droit de refuser une demande de matériel ?",
])
def test_the_departement_may_refuse_a_request_scenario_by_scenario(kb, text):
    """Article 5: « Scénario 1 : accord du Département », « Scénario 2 : refus du Département »: the Département
    decides on a request. The installation of equipment (also article 5) does not answer it: the « Oui » rests on
    the scenario, not on the Département's duty to install (which an earlier test here forbade)."""
    answer = answer_question(kb, text)
    assert answer.yes_no == "oui" and answer.articles[0] == "article-5" and "Scénario" in answer.text, answer.text


def test_the_party_an_inverted_pronoun_takes_up_is_the_one_asked(kb, now):
    """Article 5: the Département « s'engage à actualiser le référentiel de service » ; the collèges named first
    are no party asked, so no « Non » from them."""
    answer = answer_question(kb, "quand des collèges demandent du matériel nouveau, le Département s'est-il engagé à "
                                 "actualiser son référentiel ?", now=now)
    assert not answer.text.startswith("Non"), answer.text


def test_the_record_the_question_s_words_speak_of_is_the_one_checked(kb, now):
    """Article 7: the Département checks the technical eligibility, the Académie the pedagogical one."""
    answer = answer_question(kb, "l'éligibilité pédagogique de l'ENT, c'est vérifié par le Département, non ?",
                             now=now)
    assert answer.text.startswith("Non") and "academie" in answer.parties, answer.text


def test_a_permission_asked_is_not_denied_by_another_party_s_duty(kb, now):
    """Article 6: the Département keeps the inventory; that is no prohibition for the collège to read it."""
    answer = answer_question(kb, "l'inventaire du Département, le collège a-t-il le droit de le consulter ?", now=now)
    assert not answer.text.startswith("Non"), answer.text


@pytest.mark.parametrize("text, lead, article", [
    # An inverted verb in the clause of the question mark closes it, whatever relative « qui » comes before
    # (article 5, scénario 3: the collège maintains what it buys off the catalogue).
    ("des tableaux interactifs qui ne sont pas au référentiel, achetés sur nos fonds : le Département en "
     "assurera-t-il la maintenance ?", "Non", "article-5"),
    # « est-ce le X qui … ? » checks a party like « c'est X qui … ? » (article 1: mobile phones are the collège's).
    ("le smartphone du CPE est fichu, est-ce le Département qui en rachète un ?", "Non", "article-1"),
    # The agent of a passive is the party asked, with its article between (article 4: training by the Académie
    # and Canopé).
    ("la formation des profs aux usages du numérique, elle est bien faite par l'Éducation nationale ?", "Oui",
     "article-4"),
])
def test_more_ways_of_asking_yes_or_no(answered_with, text, lead, article):
    assert article in answered_with(text, lead).articles


def test_an_open_question_with_an_inverted_verb_stays_open(kb, now):
    answer = answer_question(kb, "pourquoi le collège doit-il payer ses options d'autocommutateur ?", now=now)
    assert answer.yes_no is None, answer.text


def test_a_party_named_as_a_place_is_not_the_party_asked(kb):
    frame = understand(kb, "est-ce que les collèges participent à la gouvernance du numérique dans le département ?")
    assert frame.asked_party.value != "departement"


def test_a_party_is_not_confirmed_by_its_record_on_another_act(kb, now):
    # Article 1 gives the Département the phone contracts, not the repair of a mobile phone: no « Oui ».
    answer = answer_question(kb, "le smartphone du principal est cassé, c'est le Département qui le répare ?", now=now)
    assert not answer.text.startswith("Oui"), answer.text


@pytest.mark.parametrize("party", ["le Département", "le collège"])
def test_a_verb_read_as_no_action_is_not_settled_by_another_act(kb, now, party):
    # « régler les licences » is paying them, or configuring; article 9 has the Département install the software:
    # neither « Oui » nor « Non », whichever party is asked.
    answer = answer_question(kb, f"c'est {party} qui règle les licences des logiciels pédagogiques ?", now=now)
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_another_party_in_charge_of_the_thing_still_denies(kb, now):
    # Article 3: the Académie administers the filtering; unblocking a site is not the Département's.
    answer = answer_question(kb, "un site est bloqué par le filtrage, c'est le Département qui le débloque ?", now=now)
    assert answer.text.startswith("Non, ce n'est pas le Département"), answer.text
    assert answer.articles[:1] == ["article-3"]


def test_a_question_on_a_prohibitions_exception_met_is_allowed(kb):
    # Article 2 forbids the collège any intervention on the network « sauf qualification agréée et reconnue d'un
    # agent »: asked whether it is allowed with that very exception, « Non » would be false: « Oui », with the
    # record, exception included.
    answer = answer_question(kb, "un agent du collège avec une qualification agréée et reconnue peut-il intervenir "
                                 "sur le réseau ?")
    assert answer.text.startswith("Oui, dans l'exception que prévoit la convention : ⚠️") \
        and "sauf qualification agréée" in answer.text, answer.text
    assert "article-2" in answer.articles
    # Article 3 « sauf autorisation expresse du Département », asked with the conditional « pourrait ».
    answer = answer_question(kb, "avec une autorisation expresse du Département, le collège pourrait intervenir sur "
                                 "les sauvegardes du serveur ?")
    assert answer.text.startswith("Oui, dans l'exception") and "sauf autorisation expresse" in answer.text, answer.text
    assert "article-3" in answer.articles
    # The exception named as missing keeps the « Non ».
    answer = answer_question(kb, "le collège peut-il intervenir sur les sauvegardes sans autorisation expresse du "
                                 "Département ?")
    assert answer.text.startswith("Non."), answer.text
    # Without the exception, the prohibition still answers « Non ».
    assert answer_question(kb, "le collège peut-il modifier le réseau lui-même ?").text.startswith("Non.")


def test_in_charge_of_a_thing_is_answered_by_the_things_own_record_not_its_parents(kb):
    # Article 1: the Département manages the autocom fleet, but the options are the collège's to pay. « prend en
    # charge » only asks who is in charge: the options' own record answers, not the fleet's.
    answer = answer_question(kb, "Le Département prend-il en charge les options en plus sur notre autocom, comme le "
                                 "répondeur ?")
    assert answer.text.startswith("Non.") and answer.parties == ["college"] and answer.articles == ["article-1"], \
        answer.text


def test_a_party_check_found_only_in_the_general_context_gets_no_yes(kb):
    # The context says the Département equips the collèges in general: that confirms no particular purchase
    # (« c'est le Département qui les commande ? »), so the record is stated without « Oui, c'est bien … ».
    answer = answer_question(kb, "pour la vie scolaire il faut 2 portables neufs : c'est le Département qui les "
                                 "commande, comme pour les PC ?")
    assert not answer.text.startswith(("Oui", "Si")) and answer.yes_no != "oui", answer.text


@pytest.mark.parametrize("text", [
    # Article 5, scenario 3: equipment bought on the collège's funds outside the référentiel is installed and
    # maintained by the collège: the Département asked about gets « Non », whatever the tense or the word.
    "des écrans achetés sur nos crédits hors référentiel, le Département les entretiendra ?",
    "on a acheté une imprimante 3D hors catalogue sur notre budget. Le Département assurera sa maintenance ?",
])
def test_a_party_asked_about_a_procedure_gets_the_verdict_of_the_record_carrying_the_action(kb, now, text):
    answer = answer_question(kb, text, intent="ask_procedure", now=now)
    assert answer.text.startswith("Non."), answer.text
    assert "article-5" in answer.articles and answer.yes_no == "non"


def test_the_exception_named_gets_no_non(kb, now):
    # Scenario 3's « sauf dans le cadre d'une expérimentation concertée et validée par le Département ».
    answer = answer_question(kb, "du matériel hors référentiel acheté sur nos fonds, le Département peut le maintenir "
                                 "dans le cadre d'une expérimentation ?", intent="ask_procedure", now=now)
    assert not answer.text.startswith("Non"), answer.text


@pytest.mark.parametrize("text, closed", [
    # A relative « qui » on the noun before it opens nothing: the question stays closed.
    ("des tablettes qui ne sont pas au catalogue, le Département les dépannera ?", True),
    ("on a un fournisseur qui n'est pas au référentiel. Le Département fera la maintenance ?", True),
    # After a comma, after « c'est » or first, « qui » asks.
    ("la lampe du VP, qui la change ?", False),
    ("l'assistance du Département, c'est qui ?", False),
    ("dans les Deux-Sèvres qui pilote la gouvernance du numérique ?", False),
    # No verb outside the relative clause: the name is asked.
    ("le nom du directeur territorial qui figure dans la convention ?", False),
    # « ou pas ? » is « or not », not « où ».
    ("le Département dépanne les tablettes hors référentiel ou pas ?", True),
])
def test_a_relative_qui_does_not_open_the_question(text, closed):
    assert closed_question(text, False) is closed


@pytest.mark.parametrize("text", [
    "les animations de Canopé sont-elles faites au collège ou faut-il aller à Niort ?",
    # (a « Non » here contradicted the record it prefixed)
    "le Département installe-t-il les logiciels lui-même ou bien est-ce au collège de le faire ?",
    "les formations aux logiciels sont-elles assurées par Canopé ou est-ce que c'est l'Académie ?",
])
def test_a_question_offering_two_answers_gets_no_yes_or_no(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert not answer.text.startswith(("Oui", "Non")), answer.text
    assert answer.yes_no is None


def test_or_not_still_asks_yes_or_no_on_a_length(kb, now):
    # « ou pas » is « or not », no « où »: the length asked is checked against article 12.
    answer = answer_question(kb, "la convention a été signée pour deux ans ou pas ?", now=now)
    assert answer.text.startswith("Oui"), answer.text
    assert "article-12" in answer.articles


@pytest.mark.parametrize("text", [
    "pour la réunion de l'instance de concertation, est-ce que je dois me déplacer au rectorat ?",
    "les formations Canopé, il faut se déplacer jusqu'à Niort ?",
])
def test_a_person_who_travels_moves_no_equipment(kb, now, text):
    # « se déplacer » is a person's trip: article 5's request for moving equipment does not answer it.
    answer = answer_question(kb, text, now=now)
    assert "déplacement de matériel" not in answer.text, answer.text
    assert not answer.text.startswith("Oui"), answer.text


@pytest.mark.parametrize("text", [
    "on veut un deuxième serveur pour la SEGPA, démarche ?",   # « Non. » was put before article 3's prohibition
    "on veut une baie de brassage en plus, la marche à suivre ?",
])
def test_a_question_ending_on_a_noun_of_procedure_asks_how(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.yes_no is None and not answer.text.startswith(("Oui", "Non")), answer.text


@pytest.mark.parametrize("text, said", [
    ("le département peut changer la convention tout seul ?", None),
    ("l'Académie peut-elle modifier seule la convention ?", None),
    ("la convention peut-elle être modifiée ?", "oui"),
    ("le collège peut-il se retirer de la convention quand il veut ?", "oui"),  # « résiliée à tout moment »
])
def test_a_permission_granted_to_no_party_alone_confirms_none_asked_alone(kb, now, text, said):
    # Article 13: « La présente convention peut être modifiée par voie d'avenants. Elle peut être résiliée à tout
    # moment, moyennant l'envoi d'une lettre recommandée … aux cocontractants »: by no party alone.
    answer = answer_question(kb, text, now=now)
    assert answer.yes_no == said and "article-13" in answer.articles, answer.text


def test_sieger_au_gti_is_membership_not_the_meeting_place(kb, now):
    # Article 11: the GTI is made « de 8 représentants des équipes de direction des établissements ».
    answer = answer_question(kb, "le principal du collège siège au GTI ?", now=now)
    assert answer.text.startswith("Oui") and "équipes de direction" in answer.text, answer.text


def test_meeting_at_the_seat_is_still_the_meeting_place_the_text_leaves_open(kb, now):
    # Article 11 gives the bodies' rhythm, never where they meet.
    answer = answer_question(kb, "le GTI se réunit au siège du Département ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties and not answer.yes_no, answer.text

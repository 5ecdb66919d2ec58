"""Issue 11, checks of a fact: a closed question on a quantity of the agreement gets a computed « Oui » or
« Non » (its term, its notice, how often its bodies meet); a time asked about a thing, not about the
agreement, is a point the text leaves open. Examples written for these tests from the agreement text,
never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.quantities import Quantity, quantities, verdict


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


def test_quantities_read_numbers_in_words_and_figures_with_their_unit():
    assert quantities("conclue pour une période de 2 ans") == [Quantity(frozenset({2}), "an")]
    assert quantities("un préavis de trois mois") == [Quantity(frozenset({3}), "mois")]
    assert quantities("à raison d'une ou 2 fois l'an") == [Quantity(frozenset({1, 2}), "fois/an")]
    assert quantities("au moins une fois par an") == [Quantity(frozenset({1}), "fois/an", bound="least")]


def test_a_bound_or_a_missing_unit_gives_no_verdict():
    assert verdict(quantities("3 fois par an"), quantities("au moins une fois par an")) == (None, None)
    assert verdict(quantities("3 semaines"), quantities("2 mois")) == (None, None)


@pytest.mark.parametrize("text, lead, article", [
    ("la convention est signée pour 4 ans ?", "Non : 2 ans, et non 4 ans.", "article-12"),
    ("elle dure bien deux ans cette convention ?", "Oui.", "article-12"),
    ("pour résilier la convention il faut prévenir 6 mois avant ?", "Non : 2 mois, et non 6 mois.", "article-13"),
    ("on doit prévenir deux mois avant de résilier la convention ?", "Oui.", "article-13"),
])
def test_a_quantity_checked_is_answered_from_the_record(answered_with, text, lead, article):
    answer = answered_with(text, lead)
    assert article in answer.articles
    assert answer.yes_no == lead[:3].strip(" .:").lower()


@pytest.mark.parametrize("text, lead", [
    # Article 12: « renouvelable par tacite reconduction »: going on with no new signature is what it states; a new
    # signature asked for is what it rules out. « Une fois les deux ans passés » only says when: one question.
    ("Une fois les deux ans passés, la convention continue-t-elle sans nouvelle signature ?", "Oui."),
    ("Au bout des deux ans, la convention se renouvelle d'elle-même ?", "Oui."),
    ("Une fois les deux années écoulées, faut-il re-signer la convention ?", "Non."),
])
def test_the_renewal_asserted_or_denied_is_checked_against_the_tacit_renewal(kb, now, text, lead):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(lead) and answer.articles == ["article-12"], answer.text


def test_a_closed_question_without_a_quantity_keeps_the_record_without_a_verdict(kb, now):
    answer = answer_question(kb, "la convention est écrite en français ?", now=now)
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_permission_the_record_grants_is_confirmed(kb, now):
    # « peut être modifiée par voie d'avenants » (article 13) grants what is asked.
    answer = answer_question(kb, "la convention peut être modifiée par avenant ?", now=now)
    assert answer.text.startswith("Oui.") and answer.articles == ["article-13"], answer.text


@pytest.mark.parametrize("text", [
    "combien de temps faut-il au Département pour réparer un ordinateur ?",
    "la pose d'un vidéoprojecteur prend combien de temps ?",
    "l'intervention sur le réseau dure combien de temps en général ?",
])
def test_a_time_asked_about_a_thing_is_not_the_agreements_term(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified", answer.text
    assert answer.text.startswith("La convention ne précise pas de délai"), answer.text
    assert "article-12" not in answer.articles and not answer.parties


@pytest.mark.parametrize("text, article", [
    ("la convention dure combien de temps ?", "article-12"),
    ("combien de temps avant faut-il prévenir pour résilier ?", "article-13"),
])
def test_a_time_asked_about_the_agreement_is_its_term_or_notice(kb, now, text, article):
    answer = answer_question(kb, text, now=now)
    assert answer.articles == [article], answer.text


# ------------------------------------------------------------------ a count or a date the record does not give
def test_a_date_the_record_does_not_give_is_said_missing_naming_no_one(kb, now):
    answer = answer_question(kb, "la prochaine réunion du GTI, c'est quelle date ?", now=now)
    assert answer.text.startswith("La convention ne précise pas ce point. Ce qu'elle dit de plus proche"), answer.text
    assert "article-11" in answer.articles and not answer.parties


def test_a_frequency_answers_when_and_a_blank_date_is_already_said(kb, now):
    assert answer_question(kb, "le groupe de travail informatique se réunit quand ?", now=now).kind == "agreement"
    signed = answer_question(kb, "la convention a été signée à quelle date ?", now=now)
    assert "laissée en blanc" in signed.text and not signed.text.startswith("La convention ne précise pas")


def test_a_date_asked_about_a_duty_that_the_record_does_not_give_is_said_missing(kb, now):
    answer = answer_question(kb, "la prochaine mise à jour de l'antivirus sur les postes, c'est à quelle date ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


@pytest.mark.parametrize("text", [
    "la formation canope de mercredi c'est a quelle heure ?",
    "les animations canope sur les logiciels c'est quand ce trimestre ?",
])
def test_a_moment_asked_about_a_duty_is_said_missing_naming_no_one(kb, now, text):
    # Article 4 and 9 say who trains and leads workshops, never when: naming them would dodge the question.
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


@pytest.mark.parametrize("text, party", [
    ("qui répare le vidéoprojecteur quand il tombe en panne ?", "departement"),  # a circumstance, no moment asked
    ("la hotline du département ouvre quand ?", None),  # the card gives the hours
])
def test_when_that_opens_a_circumstance_or_is_answered_by_hours_asks_nothing_missing(kb, now, text, party):
    answer = answer_question(kb, text, now=now)
    assert answer.kind != "not_specified", answer.text
    assert party is None or party in answer.parties, answer.text


def test_a_verb_that_happens_to_be_date_asks_no_date(kb, now, stated_parties):
    answer = answer_question(kb, "qui remet à niveau le câblage ? le nôtre date des années 90", now=now)
    assert "departement" in stated_parties(answer), answer.text


# ------------------------------------------------------------------ names, places and phone lines checked
def test_the_names_are_read_from_the_agreement_text_not_typed(kb):
    from knowledge.understanding.fact_check import names_of
    names = names_of(kb)
    assert {"niort", "poitiers", "favreau", "rochereau", "merriaux"} <= names
    # Titles and the parties' own names are not names to check: the party verdict compares parties.
    assert not {"monsieur", "president", "canope", "academie", "departement"} & names


@pytest.mark.parametrize("text, lead, article", [
    ("la convention a été signée à Niort ?", "Oui.", "signatures"),
    ("la convention a ete signee a Poitiers ?", "Non : à Niort, et non à Poitiers.", "signatures"),
    ("Le siège du Département c'est bien place Denfert Rochereau à Niort ?", "Oui.", "entete"),
    ("c'est Nieto qui a signé pour le département ?", "Oui.", "signatures"),
    # The Académie named beside the place does not turn « where » into « who signed for the Académie ».
    ("c'est bien à Poitiers, chez la rectrice, que le document a été signé ?", "Non : à Niort, et non à Poitiers.",
     "signatures"),
])
def test_a_name_or_a_place_checked_is_answered_from_the_record(answered_with, text, lead, article):
    assert article in answered_with(text, lead).articles


def test_a_year_on_a_date_the_text_leaves_blank_gets_no_verdict(kb, now):
    answer = answer_question(kb, "la convention a été signée en 2017 ?", now=now)
    assert answer.yes_no is None and "laissée en blanc" in answer.text


@pytest.mark.parametrize("text, lead", [
    ("la plateforme de l'academie ferme bien a 17h30 ?", "Oui."),
    # « plateforme téléphonique » is also a word of the support in general: in the Académie's name, its line.
    ("la plateforme téléphonique de l'académie ferme bien à 17 h pile ?", "Non."),
    ("la hotline departementale est fermée le lundi matin ?", "Non."),
    ("la hotline du dep est fermee entre 12h30 et 13h30 c'est ca ?", "Oui."),
    ("le département ferme à 16h ?", "Non."),
    ("ouvert le samedi ?", "Non."),
])
def test_a_question_on_the_closed_state_reverses_the_open_state(answered_with, text, lead):
    answered_with(text, lead)


def test_open_or_closed_asks_which_and_gets_no_verdict(kb, now):
    answer = answer_question(kb, "la hotline est ouverte ou fermée le samedi ?", now=now)
    assert answer.yes_no is None and "fermée le samedi" in answer.text


@pytest.mark.parametrize("text, lead, party", [
    ("c bien le 05 16 52 66 86 pour l'academie ?", "Oui", "academie"),
    ("le 05 16 52 66 86 c'est pour le departement ?", "Non", "academie"),
])
def test_a_number_is_checked_against_the_one_party_named(answered_with, text, lead, party):
    assert party in answered_with(text, lead).parties


def test_the_writer_speaking_for_the_college_asks_nothing_about_its_number(kb, now):
    # « j'appelle le 05… ? » used to get « Non : … pas celui du collège ».
    answer = answer_question(kb, "j'appelle le 05 49 06 63 60 ?", now=now)
    assert not answer.text.startswith("Non") and "collège" not in answer.text.split("(Article 4)")[0]
    assert answer.parties == ["departement"]


def test_a_party_confirmed_for_an_action_its_record_does_not_carry_is_not_confirmed(kb, now):
    # The ENT's record is about checking eligibility (article 7): it says nothing of who pays.
    answer = answer_question(kb, "l'ENT c'est bien le département qui le paie ?", now=now)
    assert not answer.text.startswith("Oui") and answer.yes_no is None
    assert answer.kind == "not_specified" and not answer.parties


# ------------------------------------------------------------------ the agreement named without a topic
@pytest.mark.parametrize("text, article, lead", [
    ("la convention peut-elle être changée en cours de route ?", "article-13", "Oui."),
    ("comment on arrête la convention ?", "article-13", None),
    ("la convention est bien reconduite automatiquement ?", "article-12", None),
])
def test_a_word_beside_the_agreement_chooses_its_topic(kb, now, text, article, lead):
    answer = answer_question(kb, text, now=now)
    assert answer.articles == [article], answer.text
    assert "preambule" not in answer.articles
    if lead:
        assert answer.text.startswith(lead)


def test_a_condition_asked_with_a_permission_gets_no_yes(kb, now):
    answer = answer_question(kb, "peut-on résilier la convention sans lettre recommandée ?", now=now)
    assert not answer.text.startswith("Oui"), answer.text


# ------------------------------------------------------------------ details of a line the text does not give
@pytest.mark.parametrize("text, word", [
    ("vous avez le lien de l'intranet du département pour déclarer une panne ?", "lien"),
    # Article 4 gives a number and an intranet, no e-mail address: « c'est bien … @… ? » is no « Oui ».
    ("l'adresse mail du support du Département, c'est bien support@cg79.fr ?", "adresse mail"),
    ("on peut contacter le support de l'Académie par mail ?", "mail"),
    ("un appel à la hotline du département c'est gratuit ?", "gratuit"),
    ("la plateforme de l'académie répond pendant les congés de Noël ?", "congés"),
    ("le numéro de Réseau Canopé svp", "numéro"),  # (the Atelier Canopé 79 that follows the agreement: a silence)
    ("vous avez le tél direct de Réseau Canopé ?", "numéro"),
])
def test_a_detail_of_a_line_the_text_does_not_give_is_said_missing_naming_no_one(kb, now, text, word):
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(f"La convention ne précise pas ce point (« {word} »)"), answer.text
    assert answer.parties == [] and answer.articles == ["article-4"]


def test_who_to_call_for_a_training_is_still_who_gives_it(kb, now):
    answer = answer_question(kb, "qui appeler pour une formation sur un logiciel de géométrie ?", now=now)
    assert {"academie", "canope"} <= set(answer.parties), answer.text


def test_a_charge_in_the_first_person_asks_who_pays(kb, now):
    # « à notre charge » is a cost: the options of the autocom are the collège's (article 1), not the
    # Département's management of the autocom park.
    answer = answer_question(kb, "la messagerie vocale en option sur l'autocom, c'est à notre charge ?", now=now)
    assert answer.text.startswith("Oui") and answer.parties == ["college"], answer.text


@pytest.mark.parametrize("text, said", [
    ("peut-on résilier la convention juste par un courriel ?", "non"),  # article 13: by registered letter
    ("la convention, on peut la modifier par SMS ?", "non"),  # by avenants
    ("la convention peut être résiliée par lettre recommandée ?", "oui"),
    ("on peut la modifier par avenant, la convention ?", "oui"),
    ("la convention peut être modifiée par le Département tout seul ?", None),  # who, not how: not checked
    ("la convention peut être modifiée, par exemple en cours de route ?", "oui"),  # « par exemple »: no means
])
def test_a_means_asked_is_compared_with_the_means_the_record_states(kb, now, text, said):
    answer = answer_question(kb, text, now=now)
    assert answer.yes_no == said and "article-13" in answer.articles, answer.text
    if said == "non":
        assert answer.text.startswith("Non : par ") and ", et non par " in answer.text, answer.text


@pytest.mark.parametrize("text, said", [
    # Article 12: « renouvelable par tacite reconduction »; the term (2 ans) agrees, the means may not.
    ("la convention est reconduite par un vote du conseil départemental tous les 2 ans ?", "non"),
    ("elle est prolongée par tacite reconduction au bout des 2 ans ?", "oui"),
    ("la convention se renouvelle par tacite reconduction ?", "oui"),
])
def test_the_means_of_the_renewal_is_checked_beside_its_term(kb, now, text, said):
    answer = answer_question(kb, text, now=now)
    assert answer.yes_no == said and answer.articles == ["article-12"], answer.text
    if said == "non":
        assert answer.text.startswith("Non : par tacite reconduction, et non par un vote"), answer.text


@pytest.mark.parametrize("text", [
    "les tablettes des élèves, c'est quel modèle qui est prévu ?",
    "pour nos mobiles de service, on a droit à quel forfait ?",
])
def test_which_one_of_a_kind_the_record_does_not_name_is_said_to_be_missing(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and answer.parties == [], answer.text
    assert answer.text.startswith("La convention ne précise pas ce point.")


@pytest.mark.parametrize("text", [
    "si on casse la convention, c'est sous quel délai ?",
    "pour résilier l'accord, quel délai faut-il prévoir ?",
])
def test_a_delay_asked_about_ending_the_agreement_is_its_notice_not_a_repair_delay(kb, now, text):
    """Article 13: « dans un délai de 2 mois avant la résiliation effective »; the delay of a repair, which
    article 4 leaves open, is another question."""
    answer = answer_question(kb, text, now=now)
    assert answer.articles == ["article-13"] and "2 mois" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    # Article 13: « moyennant l'envoi d'une lettre recommandée avec accusé réception »: the means asked is the
    # one stated, read to its end.
    "pour résilier la convention, il faut passer par un recommandé avec accusé de réception ?",
    # « oui ou non ? » closes a question like « c'est exact ? ».
    "on résilie la convention par lettre recommandée, oui ou non ?",
])
def test_the_very_means_stated_is_confirmed(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.yes_no == "oui" and "article-13" in answer.articles, answer.text


def test_a_month_the_record_does_not_give_is_denied_even_when_the_year_agrees(kb, now):
    """Article 12: « pour une période de 2 ans à compter du 1er janvier 2017 »."""
    wrong = answer_question(kb, "la convention s'applique depuis octobre 2017, c'est exact ?", now=now)
    assert wrong.text.startswith("Non : en janvier, et non en octobre"), wrong.text
    right = answer_question(kb, "la convention s'applique depuis janvier 2017, c'est exact ?", now=now)
    assert right.text.startswith("Oui"), right.text


def test_a_signing_month_is_not_checked_against_the_term(kb, now):
    """The signing date is left blank (« Fait à Niort, le »): no verdict from the term's 1 January."""
    answer = answer_question(kb, "la convention a été signée en mars 2017 ?", now=now)
    assert answer.yes_no is None and "blanc" in answer.text, answer.text


@pytest.mark.parametrize("text, lead", [
    # The header: Réseau Canopé « représenté par son Directeur général, M. Jean-Marc MERRIAUX, par délégation
    # M. Frank FAUQUEMBERGUE, Directeur territorial ».
    ("le directeur général de Canopé, c'est bien Fauquembergue ?", "Non : Jean-Marc MERRIAUX"),
    ("le directeur territorial de Canopé c'est M. Fauquembergue ?", "Oui."),
    ("le directeur général de Réseau Canopé c'est Merriaux ?", "Oui."),
    # « M. Gilbert FAVREAU, Président du Conseil départemental ».
    ("le président du Conseil départemental, c'est Merriaux ?", "Non : FAVREAU"),
    # « c'est X qui… ? » with a title and a full name before « qui »: the header's « sa Rectrice, Mme Anne
    # BISAGNI-FAURE ».
    ("c'est la rectrice Anne Bisagni-Faure qui représente l'Académie ?", "Oui."),
])
def test_a_name_checked_against_a_title_is_the_name_written_next_to_it(kb, now, text, lead):
    """Every name of the paragraph is in the record, so « Oui » for any of them would be false: the name the
    text writes beside the title asked is the one compared."""
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith(lead), answer.text


@pytest.mark.parametrize("text, party, article", [
    # Article 2: the network is the Département's (« matériel actifs »); « depuis les vacances » says when it began.
    ("les switchs du 1er étage redémarrent en boucle depuis les vacances de Noël, qui doit régler ça ?", "departement",
     "article-2"),
    # Article 5: the Département installs and maintains the equipment; the holidays are the fault's story.
    ("le vidéoprojecteur de la salle 2 ne s'allume plus depuis les vacances, qui le répare ?", "departement",
     "article-4"),
])
def test_a_line_detail_word_in_the_story_is_not_a_line_detail_asked(kb, now, text, party, article):
    answer = answer_question(kb, text, now=now)
    assert "pour les lignes d'assistance" not in answer.text, answer.text
    assert party in answer.parties and article in answer.articles


def test_the_name_in_an_aside_confirms_no_signature(kb, now):
    """The signature block: « Pour le Président du Conseil départemental et par délégation, Rose-Marie NIETO,
    Vice-présidente ». The header's M. Favreau, quoted in an aside, does not make « Favreau signe ? » a « Oui »."""
    answer = answer_question(kb, "c'est le président Gilbert Favreau qui signe pour le Département ?", now=now)
    assert not answer.text.startswith("Oui"), answer.text


def test_a_size_of_storage_the_record_does_not_give_is_said_missing(kb, now):
    # Article 3: the Département takes on the server infrastructure; no quota or size is given.
    answer = answer_question(kb, "quel espace de stockage par élève sur le serveur du collège ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


@pytest.mark.parametrize("text, article", [
    # « par quel moyen ? » asks the means, it claims none: the « Oui » of what the article permits stands.
    ("On a le droit de faire évoluer la convention, et par quel moyen ?", "article-13"),
    ("peut-on sortir de la convention avant la fin, et par quelle voie ?", "article-13"),
])
def test_a_means_asked_is_no_means_claimed(kb, text, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith("Oui") and article in answer.articles and "et non par" not in answer.text, answer.text


def test_a_closed_question_followed_by_a_short_open_one_keeps_its_verdict(kb):
    # « … ? avec quel délai ? » asks the detail of what the first question asks: the « Oui » of article 13 leads.
    answer = answer_question(kb, "peut-on quitter la convention avant les 2 ans ? avec quel délai ?")
    assert answer.text.startswith("Oui") and "article-13" in answer.articles and "2 mois" in answer.text, answer.text


def test_an_email_is_no_misspelt_letter(kb):
    # « courriel » is an e-mail, not a typo of « courrier » (the preamble's correspondence): the termination asked
    # is checked against article 13's registered letter.
    answer = answer_question(kb, "quitter le dispositif en prévenant les cosignataires par un courriel, c'est valable ?")
    assert answer.text.startswith("Non") and "article-13" in answer.articles, answer.text

"""Issue 11: what the agreement does not contain is said as such. A message that names no equipment but
turns on words the text never uses gets « la convention ne mentionne pas … » with the subject buttons; a
question on another school is declined; a general statement of the agreement confirms no particular point.
Examples written for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding import parse as parsing
from knowledge.understanding.coverage import absent_words


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


pytestmark = pytest.mark.usefixtures("spacy_loaded")


def test_right_after_start_up_the_claim_is_the_same_as_once_spacy_is_loaded(kb):
    # A fresh process (the action server before its warm-up has finished) waits for the model instead of
    # answering without the claim: the same message gets the same answer whenever it comes.
    code = ("from knowledge.loader import load; from knowledge.understanding.coverage import absent_words;"
            f" print(absent_words(load(), {_QUESTION!r}))")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert fresh.stdout.strip() == repr(absent_words(kb, _QUESTION)) == "['affectation', 'lycée']"


_QUESTION = "comment se passe l'affectation des élèves en lycée ?"


def test_absent_words_are_content_words_the_text_never_uses(kb):
    assert "dérogation" in absent_words(kb, "comment obtenir une dérogation de carte scolaire ?")
    assert absent_words(kb, "rien ne marche") == []                       # nothing named: nothing to deny
    assert absent_words(kb, "qui installe le vidéoprojcteur ?") == []     # a typo of a known word


def test_a_message_on_words_the_text_never_uses_says_so_and_still_offers_the_subjects(kb, now):
    answer = answer_question(kb, "je dois organiser la kermesse de juin, qui peut m'aider ?", now=now)
    assert answer.text.startswith("La convention ne mentionne pas") and "« kermesse »" in answer.text, answer.text
    assert len(answer.choices) >= 2 and not answer.parties


def test_a_message_naming_nothing_only_asks_back(kb, now):
    answer = answer_question(kb, "et pour ça, on fait comment ?", now=now)
    assert answer.text.startswith("Je n'ai pas trouvé de quel équipement") and len(answer.choices) >= 2


def test_a_fault_naming_nothing_asks_which_equipment_and_each_button_carries_the_repair(kb, now):
    answer = answer_question(kb, "rien ne fonctionne", now=now)
    assert answer.text.startswith("De quel équipement ou service s'agit-il ?")
    assert len(answer.choices) >= 2 and {c.action for c in answer.choices} == {"reparer"}
    chosen = answer_question(kb, answer.choices[1].label, subject=answer.choices[1].subject, action="reparer", now=now)
    assert chosen.kind == "support" and chosen.line and any(c.label == "Déclarer l'incident" for c in chosen.choices)


@pytest.mark.parametrize("text", [
    # another school's equipment
    "l'imprimante de l'école maternelle du quartier est en panne, qui la répare ?",
    "le réseau du lycée d'à côté est coupé, on appelle qui ?",
    # personal phones and accounts
    "mon téléphone personnel ne capte plus dans la cour, qui le répare ?",
    "comment je récupère l'accès à mon compte instagram ?",
])
def test_equipment_outside_the_agreement_is_declined_naming_no_one(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_a_general_statement_confirms_no_particular_point(kb, now):
    answer = answer_question(kb, "le Département offre-t-il une tablette à chaque élève ?", now=now)
    assert not answer.text.startswith("Oui"), answer.text


def test_a_who_question_about_buying_a_thing_the_text_never_names_is_not_answered_with_a_party(kb, now):
    answer = answer_question(kb, "les sacoches des ordinateurs portables, c'est à qui de les acheter ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


def test_an_unknown_verb_with_the_known_thing_in_another_clause_is_a_gap(kb, now):
    answer = answer_question(kb, "qui broie les disques avant de jeter les vieux ordinateurs ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


@pytest.mark.parametrize("text", [
    "chaque prof a-t-il une adresse mail donnée par le Département ?",
    "c'est quoi l'adresse du site web pour les parents ?",
])
def test_an_electronic_address_is_not_a_postal_address_of_the_heading(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert "entete" not in answer.articles and "Niort" not in answer.text, answer.text
    assert not answer.parties


def test_a_postal_address_is_still_the_headings(kb, now):
    answer = answer_question(kb, "quelle est l'adresse de l'Académie ?", now=now)
    assert "entete" in answer.articles and "Poitiers" in answer.text


def test_a_letter_on_the_agreement_goes_to_the_address_for_correspondence(kb, now):
    # Preamble: the agreement is followed by the Atelier Canopé 79, « Toute correspondance devra être envoyée à cette
    # adresse »; the writer (« je ») names no address of the collège's.
    answer = answer_question(kb, "j'ai un courrier à envoyer au sujet de la convention, je l'adresse où ?", now=now)
    assert "Camille Desmoulins" in answer.text and "preambule" in answer.articles, answer.text
    answer = answer_question(kb, "je dois écrire à propos de la convention, quelle adresse postale sur l'enveloppe ?",
                             now=now)
    assert "Camille Desmoulins" in answer.text, answer.text
    # A party's own address asked by name is that party's (heading).
    answer = answer_question(kb, "quelle est l'adresse du Département pour lui envoyer un courrier ?", now=now)
    assert "Denfert Rochereau" in answer.text and "entete" in answer.articles, answer.text


def test_the_writer_names_no_signatory_whose_place_is_asked(kb, now):
    # « je » speaks for the collège but asks where the agreement was signed: « Fait à Niort, le » (signatures).
    answer = answer_question(kb, "le document a été signé où ? je dois le noter pour le CA", now=now)
    assert "Niort" in answer.text and "Fauquembergue" not in answer.text, answer.text


def test_writing_to_the_bot_does_not_keep_a_building_fault_from_being_declined(kb, now):
    answer = answer_question(kb, "Bonjour, je vous écris car la fuite d'eau au plafond du CDI continue, qui doit venir ?",
                             now=now)
    assert answer.kind == "out_of_scope" and "ne traite pas des bâtiments" in answer.text, answer.text


def test_a_body_of_the_agreement_asked_about_as_a_whole_is_answered(kb, now):
    answer = answer_question(kb, "qui anime la gouvernance du numérique ?", now=now)
    assert answer.kind == "agreement" and "article-11" in answer.articles, answer.text


def test_a_legal_reference_asked_in_other_words_is_answered(kb, now):
    # « mentionne » is no word of the text: the reference asked about still is (a « Vu » of the heading).
    answer = answer_question(kb, "la convention mentionne quelle loi de 2013 ?", now=now)
    assert answer.kind == "agreement" and "entete" in answer.articles, answer.text


@pytest.mark.parametrize("text, said", [
    # Points the text leaves open, found by their words (inferences.yml silences): no party is named.
    ("qui préside le GTI ?", "qui préside"),
    ("le groupe de travail informatique se réunit où, dans quels locaux ?", "où se réunissent"),
    ("qui désigne le RUPN qui siège au GTI ?", "comment sont désignés"),
    ("le RUPN a une décharge horaire pour ça ?", "quel temps ni quelle rémunération"),
    ("quelles sanctions si le Département ne respecte pas ses engagements ?", "quelle sanction"),
    ("on peut avoir un technicien sur place au collège ?", "quel personnel informatique"),
    ("comment faire passer notre demande de tablettes en priorité ?", "dans quel ordre"),
    ("on voudrait annuler notre demande de vidéoprojecteurs", "comment annuler"),
    ("le correspondant du Département pour notre collège, c'est qui, son nom ?", "le nom des personnes"),
    ("en attendant la réparation de notre serveur, le Département nous prête une machine ?", "prêté"),
    ("les familles peuvent-elles appeler directement la hotline du Département ?", "en dehors du collège"),
    ("l'instance de concertation, elle est composée de qui ?", "qui compose l'instance de concertation"),
    ("au GTI, qui mène les débats ?", "qui préside"),
    ("qui forme les agents de cuisine à utiliser la tablette de commande ?", "qui forme les personnes"),
    ("les parents d'élèves pourront-ils être formés à l'ENT ?", "qui forme les personnes"),
])
def test_a_point_the_text_leaves_open_names_no_party(kb, text, said):
    answer = answer_question(kb, text, now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert said in answer.text


def test_a_name_the_heading_gives_is_still_answered(kb):
    answer = answer_question(kb, "comment s'appelle le président du conseil départemental ?",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert "FAVREAU" in answer.text and "entete" in answer.articles, answer.text


def test_a_point_left_open_in_one_part_of_several_is_said_in_that_part(kb):
    answer = answer_question(kb, "qui installe les vidéoprojecteurs, et qui préside le GTI ?",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    first, second = answer.text.split("2. ", 1)
    assert "collège" in first and "ne dit pas qui préside" in second, answer.text


def test_a_technician_named_in_a_fault_report_is_still_a_fault(kb):
    answer = answer_question(kb, "le technicien n'est pas venu, le PC de la salle 4 est toujours en panne",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert answer.kind == "support" and "departement" in answer.parties, answer.text


def test_where_the_agreement_was_signed_cites_the_signature_block(kb):
    answer = answer_question(kb, "l'accord a été établi dans quelle ville ?", now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert "Niort" in answer.text and answer.articles == ["signatures"], answer.text


@pytest.mark.parametrize("text", [
    "le car scolaire n'est pas passé ce matin, je m'adresse à qui ?",
    "sous quel délai le Département doit-il réparer un PC ?",
])
def test_a_side_topic_of_the_agreement_does_not_keep_a_point_from_being_declined(kb, text):
    # « je m'adresse » names the parties' addresses; the question is still about the school bus (out of scope)
    # or a delay the text does not give.
    answer = answer_question(kb, text, now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert answer.kind in ("out_of_scope", "not_specified") and not answer.parties, answer.text


@pytest.mark.parametrize("text", [
    "le site web de la mairie ne marche plus",
    "le vidéoprojecteur de la paroisse est en panne",
    "mon compte ameli est bloqué",
    "ma clé usb est cassée",
])
def test_other_institutions_and_personal_accounts_are_out_of_scope(kb, text):
    answer = answer_question(kb, text, now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert answer.kind == "out_of_scope" and not answer.parties, answer.text


def test_the_collège_website_is_a_point_the_text_leaves_open(kb):
    # « internet » names the network; the website of the collège is no service of the agreement.
    answer = answer_question(kb, "qui gère le site web du collège ?", now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert answer.kind == "not_specified" and not answer.parties, answer.text


def test_training_teachers_on_a_device_is_the_training_of_the_personnels(kb, stated_parties):
    """« qui forme les profs aux tablettes ? »: the training of teachers (article 4), not the tablets' records."""
    answer = answer_question(kb, "qui forme les enseignants aux tablettes ?",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert {"academie", "canope"} <= stated_parties(answer) and "article-4" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "la tondeuse du jardin pédagogique a un moteur qui cale, qui appeler ?",
    "le collège doit-il payer les lunettes cassées d'un élève pendant la récréation ?",
])
def test_a_thing_the_text_never_names_gets_no_party_even_through_a_side_word(kb, now, text):
    """No equipment of the agreement is named: a verb (« appeler », « payer ») matches lines or records of a
    party, but nothing asked is in the text. The reply says which words it does not mention, names no one and
    says no « Oui »."""
    answer = answer_question(kb, text, now=now)
    assert answer.parties == [] and not answer.text.startswith(("Oui", "Non")), answer.text
    assert answer.text.startswith("La convention ne mentionne pas"), answer.text


def test_a_verb_the_text_never_uses_is_no_reason_to_decline_a_line_question(kb, now):
    answer = answer_question(kb, "redonnez-moi le numéro de l'assistance du Département svp", now=now)
    assert "ne mentionne pas" not in answer.text and "05.49.06.63.60" in answer.text, answer.text


def test_a_count_a_duty_does_not_give_is_said_to_be_missing(kb, now):
    answer = answer_question(kb, "combien de bornes wifi par étage sont prévues ?", now=now)
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


def test_no_electronic_address_is_given_for_the_agreement(kb, now):
    """The preamble gives a postal address for the correspondence, no e-mail: said as such, naming no party."""
    answer = answer_question(kb, "je dois écrire au sujet de la convention, vous avez un courriel officiel ?", now=now)
    assert answer.kind == "not_specified" and answer.parties == [] and "preambule" in answer.articles, answer.text


def test_a_message_on_a_partner_that_names_no_topic_offers_the_agreement_s_topics(kb, now):
    # Not the equipment buttons: « Canopé, c'est quelle sorte de structure ? » is about the agreement's parties.
    answer = answer_question(kb, "Réseau Canopé, c'est quelle sorte de structure au juste ?", now=now)
    assert [c.subject for c in answer.choices] == ["parties", "signature", "duree", "resiliation"], answer.choices
    assert "de quoi s'agit-il" in answer.text


def test_a_fault_naming_a_partner_still_offers_the_equipment(kb, now):
    answer = answer_question(kb, "ça ne marche plus du tout depuis que Canopé est passé", now=now)
    assert "materiel_informatique" in [c.subject for c in answer.choices], answer.choices


def test_the_partner_canope_is_given_with_the_legal_status_the_heading_writes(kb):
    answer = answer_question(kb, "", subject="parties")
    assert "établissement public national à caractère administratif" in answer.text
    assert "entete" in answer.articles


def test_words_of_the_agreement_itself_cost_no_parse(kb, now, monkeypatch):
    # « élaboré », « contribue », « évoluer » are in no word list, but the text uses them: nothing can be absent
    # from it and no gap can be made of them, so the parse (the costliest step of a turn) is not paid for.
    def fail(text):
        raise AssertionError(f"parse called for {text!r}")

    monkeypatch.setattr(parsing, "parse", fail)
    assert absent_words(kb, "le référentiel commun, il est élaboré par qui ?") == []
    answer = answer_question(kb, "comment un collège contribue-t-il à faire évoluer le référentiel commun ?", now=now)
    assert answer.articles == ["repartition"] and answer.parties == ["college"], answer.text


def test_taking_old_equipment_away_is_the_recycling_the_text_does_not_cover(kb, now):
    # The agreement says nothing of disposing of old equipment (subjects.yml uncovered « recyclage »): no party.
    answer = answer_question(kb, "nos vieux écrans cassés sont dans la réserve, qui doit les évacuer ?", now=now)
    assert answer.text.startswith("La convention ne précise pas qui prend en charge la mise au rebut"), answer.text
    assert not answer.parties


def test_surveillance_cameras_are_not_the_security_equipment_of_article_3(kb, now):
    # Article 3's « équipements de sécurité » belong to the system and network administration; the text never
    # names surveillance, so « Oui, c'est bien le Département » would state what it does not say.
    answer = answer_question(kb, "les caméras de vidéosurveillance du hall, c'est bien le Département qui les paie "
                                 "au titre des équipements de sécurité ?", now=now)
    assert answer.yes_no is None and not answer.parties, answer.text
    assert "vidéosurveillance" in answer.text


@pytest.mark.parametrize("text", ["le comité technique, il est composé de qui ?", "c'est quoi ce comité technique ?"])
def test_the_technical_committee_is_named_once_without_its_members(kb, now, text):
    # Article 9 names « le comité technique » for the software referencing, and says nothing of who sits on it: the
    # closest record (the Département installs the software) was given with a hedge.
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("La convention ne dit pas qui compose le comité technique"), answer.text
    assert answer.articles[0] == "article-9" and not answer.parties


def test_what_happened_is_not_worded_back_as_a_duty(kb, now):
    # « La convention ne précise pas qui doit oublier son mot » was said: a fact told is no act anyone must do.
    answer = answer_question(kb, "une élève a perdu son identifiant ENT", now=now)
    assert "qui doit perdre" not in answer.text and "qui doit oublier" not in answer.text, answer.text

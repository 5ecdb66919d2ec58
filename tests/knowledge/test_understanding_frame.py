"""The understanding step (issue 11): what a Frame says about a message, written from the agreement's text.

Every example is written for these tests from the agreement and the failure classes of issue 11; none comes
from an evaluation file.
"""
from __future__ import annotations

from datetime import datetime

import pytest
import yaml

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding import parse as parsing
from knowledge.understanding.frame import understand
from knowledge.understanding.lexicon import LexiconError, build_lexicon
from knowledge.understanding.message_checks import is_ticket_operation


def subjects(frame) -> list[str]:
    return [s.value for s in frame.subjects]


# ---------------------------------------------------------------------------- class 1: out of scope
@pytest.mark.parametrize("text, topic", [
    ("mon ordi perso à la maison a un virus, le Département peut le réparer ?", "equipement_personnel"),
    ("mon ordi à la maison a un virus, le Département peut le réparer ?", "domicile"),
    ("la box internet chez moi ne marche plus", "equipement_personnel"),
    ("le micro de mon tel perso grésille, le collège me le change ?", "equipement_personnel"),
    ("la tablette de mon fils ne marche plus", "equipement_personnel"),
    ("le radiateur de la salle 3 fuit, qui vient le réparer ?", "batiment"),
    ("mon fils doit s'inscrire en 6e, c'est où ?", "vie_scolaire"),
    ("le car scolaire n'est pas passé ce matin", "vie_scolaire"),
    ("ma fiche de paie est fausse", "ressources_humaines"),
    ("collège de Loudun : notre serveur est planté, qui appeler ?", "autre_departement"),
    ("mon compte snapchat s'est fait pirater", "reseaux_sociaux"),
    # a term typed in the plural (« ordinateur perso »)
    ("nos ordinateurs persos peuvent aller sur le wifi de la salle des profs ?", "equipement_personnel"),
    # the host's network on a trip, not the collège's (article 2)
    ("pendant la classe verte la box du gîte ne donne plus de wifi aux élèves", "lieux_exterieurs"),
    # a network of buses, not article 2's
    ("le réseau de bus passe-t-il encore devant le collège après 18 h ?", "transports_publics"),
    # a leave, not the trainings of articles 4 and 10
    ("je dois poser un congé de formation, je remplis quel dossier ?", "ressources_humaines"),
])
def test_out_of_scope_messages_get_the_out_of_scope_kind(kb, text, topic):
    frame = understand(kb, text)
    assert frame.kind.value == "out_of_scope"
    assert frame.out_of_scope == topic


def test_the_promotion_of_the_digital_resources_is_no_question_of_personnel(kb):
    # Répartition des compétences: the Académie and Canopé promote the digital resources; « promotion » alone was a
    # word of a career (out_of_scope.yml ressources_humaines), and the question was declined.
    answer = answer_question(kb, "c'est qui qui assure la promotion des ressources numériques pédagogiques ?")
    assert {"academie", "canope"} <= set(answer.parties) and "repartition" in answer.articles, answer.text
    assert understand(kb, "ma promotion d'échelon est bloquée").out_of_scope == "ressources_humaines"


def test_a_place_out_of_scope_does_not_hide_the_network(kb):
    """The canteen is out of scope, its wifi is the network (article 2)."""
    frame = understand(kb, "le wifi de la cantine ne marche plus")
    assert frame.out_of_scope is None
    assert frame.kind.value == "problem_report"
    assert subjects(frame) == ["reseau"]


@pytest.mark.parametrize("text, subject", [
    ("les élèves se connectent à l'ENT à la maison, qui vérifie l'éligibilité ?", "ent"),
    ("chez nous le wifi ne marche plus", "reseau"),
    ("mon espace perso sur le serveur est plein", "serveur"),
    # the collège's own equipment taken on a trip stays the collège's: no word of the host's equipment
    ("la tablette du collège emportée en classe de neige ne s'allume plus", "materiel_informatique"),
])
def test_home_or_personal_words_do_not_hide_the_college_equipment(kb, text, subject):
    frame = understand(kb, text)
    assert frame.out_of_scope is None and frame.subject == subject


def test_paying_is_not_pay(kb):
    """« qui paie » is the verb, not a question about salaries."""
    frame = understand(kb, "qui paie les options de l'autocommutateur ?")
    assert frame.out_of_scope is None and frame.subject == "options_autocommutateur"


# ------------------------------------------------------------------------- class 3: ambiguous words
def test_portables_next_to_ordis_are_laptops(kb):
    frame = understand(kb, "acheter des ordis portables")
    assert "telephone_mobile" not in subjects(frame)
    assert frame.subject == "materiel_informatique"
    [ambiguity] = frame.ambiguities
    assert ambiguity.how == "cue" and ambiguity.cue == "ordis"


def test_portables_alone_stay_undecided(kb):
    """« portable » alone is a laptop or a mobile phone: ambiguous_words.yml gives it no default (the knowledge
    base review found « le portable de la salle 12 » read as a phone), so nothing is chosen for the user."""
    frame = understand(kb, "qui paie les portables du collège ?")
    assert frame.subject is None
    assert frame.undecided is not None and frame.undecided.word == "portables"


@pytest.mark.parametrize("text, expected", [
    ("le poste de l'accueil ne sonne plus", "telephone_fixe"),
    ("le poste d'un élève ne démarre plus", "materiel_informatique"),
])
def test_poste_is_read_from_its_context(kb, text, expected):
    assert understand(kb, text).subject == expected


@pytest.mark.parametrize("text, word", [("Je veux résilier", "resilier"), ("les licences c'est qui ?", "licences"),
                                        ("qui paie les options ?", "options"), ("qui achète les postes ?", "postes")])
def test_an_ambiguous_word_nothing_decides_is_left_undecided(kb, text, word):
    frame = understand(kb, text)
    assert frame.undecided is not None and frame.undecided.word == word
    assert frame.subjects == ()


@pytest.mark.parametrize("text, expected", [
    ("le logiciel antivirus ne se met plus à jour", "logiciels_socles"),
    ("le logiciel de géométrie des élèves plante", "logiciel_pedagogique"),
    ("l'appli de gestion des absences ne s'ouvre plus", "services_administratifs"),
])
def test_a_software_is_read_from_its_context(kb, text, expected):
    """Articles 8, 9 and 3 give system software, pedagogical software and administrative applications to
    different parties and lines: the words around « logiciel » decide which."""
    assert understand(kb, text).subject == expected


def test_a_software_nothing_qualifies_is_asked_about_and_its_fault_asks_no_hours(kb):
    frame = understand(kb, "l'application ne s'ouvre plus")
    assert frame.undecided is not None and frame.undecided.word == "application"
    assert frame.question_type.value != "when_open_now"  # « ne s'ouvre plus » is a fault, not opening hours


def test_standards_of_the_referentiel_are_not_the_switchboard(kb):
    assert understand(kb, "les standards de matériel du référentiel, qui les fixe ?").subject == "referentiel"
    assert understand(kb, "le standard ne répond plus").subject == "autocommutateur"


def test_resilier_a_line_is_about_the_telephone_contracts(kb):
    frame = understand(kb, "résilier la ligne téléphonique du collège")
    assert frame.subject == "abonnements_telecom"
    assert frame.reading_action == "gerer"
    # Article 13's own terms (« à tout moment », « 2 mois avant ») say it is the agreement that is ended.
    assert understand(kb, "la resiliation c faisable n importe quand ?").subject == "resiliation"
    assert understand(kb, "pour résilier faut prévenir combien de mois avant ?").subject == "resiliation"


# -------------------------------------------------------------------------- class 4: side words
def test_the_equipment_wins_over_the_room_where_it_fails(kb):
    frame = understand(kb, "l'autocom est en panne, plus d'appel au secrétariat, j'appelle qui ?")
    assert subjects(frame) == ["autocommutateur"]
    assert frame.kind.value == "problem_report"
    assert any("secretariat" in e and "lieu" in e for e in frame.evidence)


def test_secretariat_stays_a_service_when_an_application_is_named(kb):
    frame = understand(kb, "Siècle ne marche plus au secrétariat, qui appeler ?")
    assert frame.subject == "services_administratifs"


def test_the_parse_puts_the_object_of_the_verb_first(kb):
    """« réinstaller windows sur les pc »: windows (logiciels socles) is the object, the PCs a complement."""
    frame = understand(kb, "le prof de techno peut réinstaller windows sur les pc de sa salle ?")
    assert frame.parsed
    assert frame.subject == "logiciels_socles"


def test_reseau_canope_is_a_party_not_the_network(kb):
    frame = understand(kb, "Réseau Canopé organise des formations ?")
    assert "reseau" not in subjects(frame)
    assert frame.asked_party.value == "canope"


# ---------------------------------------------------------------------------- class 5 / 9: kinds
@pytest.mark.parametrize("text, kind", [
    ("rajouter 3 prises réseau", "request"),
    ("ajouter une messagerie vocale sur l'autocom", "request"),
    ("on voudrait étendre le réseau au nouveau bâtiment", "request"),
    ("le wifi de la salle des profs ne marche plus", "problem_report"),
    ("je veux ajouter un commentaire à mon ticket", "ticket_operation"),
    ("merci beaucoup", "small_talk"),
    ("qui installe les vidéoprojecteurs ?", "question"),
])
def test_kind_of_message(kb, text, kind):
    assert understand(kb, text).kind.value == kind


def test_ordinary_words_are_not_a_ticket_operation(kb):
    assert not is_ticket_operation(kb, "rajouter 3 prises réseau")
    assert not is_ticket_operation(kb, "Je veux résilier")
    assert is_ticket_operation(kb, "où en est mon ticket ?")
    # A title (message_kinds.yml titles) is no ticket word: « Ticket : PC salle 14 HS » reports a fault.
    assert not is_ticket_operation(kb, "Ticket : PC salle 14 HS, écran noir")
    assert not is_ticket_operation(kb, "URGENT - switch HS au bâtiment C")
    assert is_ticket_operation(kb, "ajoute au ticket INC-2026-00042 : le switch remarche")
    # A title with a short label (another tool's number, what it is about) still titles the message.
    assert not is_ticket_operation(kb, "Ticket #8812 : le switch du bâtiment C clignote orange")
    assert not is_ticket_operation(kb, "Ticket switch bât C : plus de réseau au 1er étage")
    assert is_ticket_operation(kb, "ticket INC-2026-00042 : le switch remarche")


# ----------------------------------------------------------------- class 6 / 10: question types
@pytest.mark.parametrize("text, qtype", [
    ("le 05.16.52.66.86 c'est bien le Département ?", "check_fact"),
    ("le filtrage c'est pas le Département ?", "check_fact"),
    ("ouvert le samedi ?", "when_open_now"),
    ("joignable à 17 h 15 ?", "when_open_now"),
    ("signée pour combien d'années ?", "duration"),
    ("c quoi la tacite reconduction ?", "definition"),
    ("comment demander du nouveau matériel ?", "how"),
    ("on peut brancher un switch nous-mêmes ?", "may_i"),
    ("qui gère le filtrage internet ?", "who"),
    ("quel numéro pour le réseau ?", "which_number"),
])
def test_question_type(kb, text, qtype):
    assert understand(kb, text).question_type.value == qtype


def test_facts_to_check_are_read_from_the_message(kb):
    assert understand(kb, "le 05.16.52.66.86 c'est bien le Département ?").phones == ("0516526686",)
    frame = understand(kb, "joignable à 17 h 15 ?")
    assert frame.clock == (17, 15)
    assert understand(kb, "ouvert le samedi ?").days == (5,)


# ------------------------------------------------------------------------ class 2: party asked
@pytest.mark.parametrize("text, party", [
    ("la DANE doit-elle se concerter avec le Département ?", "academie"),
    ("les serveurs sont-ils achetés par le Département ?", "departement"),
    ("c'est au collège de payer les options ?", "college"),
    ("on peut installer un logiciel sur les postes ?", "college"),
])
def test_party_asked_about(kb, text, party):
    assert understand(kb, text).asked_party.value == party


@pytest.mark.parametrize("text", [
    "On a acheté trois portables dans le catalogue du Département. Faut-il les signaler quelque part ?",
    "Ces tablettes sont du catalogue du Département : s'agit-il d'un achat à déclarer ?",
])
def test_an_impersonal_il_after_a_party_does_not_make_it_the_party_asked(kb, text):
    # « Faut-il » stands for no one: the Département named just before is no inverted subject.
    assert understand(kb, text).asked_party.value != "departement"


def test_a_request_put_to_the_reader_asks_about_no_party(kb):
    # « nous » is who it is done for: the collège was taken as the party asked, and article 9 answered « Non ».
    assert understand(kb, "pouvez vous nous installer geogebra sur les postes de la salle 12 ?").asked_party.value is None


def test_no_party_is_assumed_when_none_is_named(kb):
    frame = understand(kb, "y a-t-il des animations autour des logiciels pédagogiques ?")
    assert frame.asked_party.value is None
    assert frame.yes_no and frame.existence


def test_cest_qui_asks_who_not_yes_or_no(kb):
    frame = understand(kb, "c'est qui le référent numérique ?")
    assert not frame.yes_no
    assert frame.question_type.value == "who"


# --------------------------------------------------------------------- class 7: several problems
def test_two_problems_make_two_parts(kb):
    frame = understand(kb, "le proxy bloque un site et en plus le switch de la salle 5 redémarre, je contacte qui pour chaque ?")
    assert [p.subjects[0] for p in frame.parts] == ["filtrage_internet", "reseau"]
    assert all(p.problem for p in frame.parts)


def test_parts_stop_at_three(kb):
    text = "le proxy bloque youtube, le serveur plante, le standard ne marche plus et aussi siècle bugue, qui appeler pour chaque ?"
    assert len(understand(kb, text).parts) == 3


def test_one_problem_in_two_clauses_is_one_part(kb):
    assert understand(kb, "l'autocom est en panne, plus d'appel au secrétariat, j'appelle qui ?").parts == ()


# ------------------------------------------------------------------------------- cost and data
def test_a_simple_message_does_not_run_the_parser(kb, monkeypatch):
    """One subject named: words decide, spaCy is not called (the per-turn cost stays near zero)."""
    def fail(text):
        raise AssertionError(f"parse called for {text!r}")

    monkeypatch.setattr(parsing, "parse", fail)
    frame = understand(kb, "qui installe les vidéoprojecteurs ?")
    assert frame.subject == "videoprojecteur" and not frame.parsed


def test_lexicon_rejects_a_reading_of_an_unknown_subject(kb, data_copy, monkeypatch):
    path = data_copy / "ambiguous_words.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["ambiguous_words"][0]["readings"][0]["subject"] = "ordinateur_quantique"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("KNOWLEDGE_DATA_DIR", str(data_copy))
    with pytest.raises(LexiconError, match="ordinateur_quantique"):
        build_lexicon(kb)


def test_lexicon_of_the_shipped_data_is_valid(kb):
    lexicon = build_lexicon(kb)
    assert {w.id for w in lexicon.ambiguous} >= {"portable", "poste", "standard", "comptes", "licences", "option",
                                                 "resilier"}
    assert {t.id for t in lexicon.out_of_scope} >= {"equipement_personnel", "domicile", "batiment", "vie_scolaire",
                                                    "ressources_humaines"}
    assert all(t.reply.startswith("Désolé") for t in lexicon.out_of_scope)


def test_parse_model_is_loaded_once(kb):
    understand(kb, "le proxy bloque un site et le switch redémarre")
    first = parsing.nlp()
    understand(kb, "l'autocom est en panne, plus d'appel au secrétariat")
    assert parsing.nlp() is first is not None
    assert "ner" not in first.pipe_names



def test_a_reading_chosen_by_a_cue_names_its_subject_even_for_a_word_that_is_no_term(kb):
    """« options » alone is no term of the vocabulary: its reading, chosen by « autocom », names the subject."""
    assert understand(kb, "qui paie les options de l'autocom ?").subject == "options_autocommutateur"


def test_a_fault_on_an_ambiguous_word_asks_which_with_buttons_that_carry_the_repair(kb):
    from knowledge.answers import answer_question
    answer = answer_question(kb, "l'application ne s'ouvre plus")
    assert answer.kind == "clarify" and {c.action for c in answer.choices} == {"reparer"}
    assert answer_question(kb, "qui paie les portables ?").choices[0].action is None  # no fault: who pays


@pytest.mark.parametrize("text, expected", [
    ("le siège de Réseau Canopé, c'est où ?", "adresses"),
    ("l'instance de concertation siège combien de fois par an ?", "gouvernance"),
])
def test_siege_is_an_address_or_a_seat_in_a_body(kb, text, expected):
    assert understand(kb, text).subject == expected


@pytest.mark.parametrize("text, article, says", [
    ("on voudrait déménager la salle informatique", "article-5", "déplacement de matériel"),
    ("il nous faudrait 10 tablettes de plus", "article-5", "demande"),
])
def test_a_request_gets_the_procedure_of_its_action(kb, text, article, says):
    answer = answer_question(kb, text, now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert answer.kind == "procedure" and article in answer.articles and says in answer.text, answer.text


# ------------------------------------------------------------------- complements and the party asked
@pytest.mark.parametrize("text", [
    "nous transmettons bien nos idées de logiciels aux référents de la DANE et à Canopé ?",
    "c'est nous qui soumettons les nouveaux logiciels aux conseillers DANE et Canopé ?",
])
def test_parties_named_as_recipients_are_not_the_party_asked(kb, text):
    """« aux référents DANE et Canopé »: the people the collège proposes to, through a noun and a conjunction."""
    assert understand(kb, text).asked_party.value == "college"


def test_the_subject_named_nearest_the_root_leads_when_both_qualify_each_other(kb):
    """« un différend entre les signataires sur l'application du texte »: the dispute, not the signatures."""
    answer = answer_question(kb, "en cas de differend entre signataires sur l'application du texte, on fait quoi ?",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert "article-14" in answer.articles and "signatures" not in answer.articles, answer.text


def test_a_request_naming_a_day_asks_no_opening_hours(kb):
    answer = answer_question(kb, "ajouter une heure de permanence au CDI le jeudi",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert not answer.parties and not answer.text.startswith(("Oui", "Non")), answer.text


def test_a_word_read_by_its_default_meaning_does_not_override_the_composer(kb):
    """« on s'adresse à qui pour une formation ? »: « adresse » read as an address chose no subject."""
    answer = answer_question(kb, "les collègues de SVT veulent apprendre à utiliser les tablettes, on s'adresse à qui "
                             "pour une formation ?", now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert "canope" in answer.parties and "contexte" not in answer.articles, answer.text


def test_a_social_network_to_block_on_the_network_is_the_filtering(kb):
    """Blocking a site is the filtering of article 3 (the Académie's); only one's own account is declined."""
    answer = answer_question(kb, "nos élèves vont sur instagram pendant les cours, qui peut bloquer ça ?",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert "academie" in answer.parties and "article-3" in answer.articles, answer.text


def test_a_yaml_boolean_in_a_word_list_is_refused():
    """A bare « on » in YAML is the boolean True: the first-person marker « on » was silently lost that way."""
    from knowledge.understanding.lexicon import _norm_all

    with pytest.raises(LexiconError):
        _norm_all(["nous", True])


@pytest.mark.parametrize("text, article", [
    ("l'outil de supervision affiche des alertes rouges sur les postes du CDI", "article-8"),
    ("ça sent le brûlé dans l'armoire réseau du 2e étage", "article-2"),
    ("l'antivirus affiche un message d'erreur sur tous les postes de la salle 4", "article-8"),
])
def test_a_fault_said_by_what_it_shows_is_a_report_for_the_line(kb, text, article):
    answer = answer_question(kb, text, now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert answer.kind == "support" and article in answer.articles and "departement" in answer.parties, answer.text


@pytest.mark.parametrize("text, topic", [
    ("qui achète les manuels scolaires de 5e ?", "vie_scolaire"),
    ("le recrutement d'un AED pour la rentrée, c'est qui ?", "ressources_humaines"),
])
def test_school_books_and_recruitment_are_out_of_scope(kb, text, topic):
    assert understand(kb, text).out_of_scope == topic


def test_s_adresser_is_a_verb_not_an_address(kb):
    """« je m'adresse à qui ? » asks whom to turn to: no postal address of the heading."""
    answer = answer_question(kb, "pour la formation au tableau numérique, on s'adresse à qui ?",
                             now=datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    assert "entete" not in answer.articles and "adresses" != answer.subject, answer.text


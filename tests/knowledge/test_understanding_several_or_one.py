"""Issue 11, class 7: whether a message is several problems or one. Two faults told as such (« aussi », « à la
fois ») are two parts even on words of one family; one fault told twice, or two questions on one thing that
together name a point the text leaves open, stay one. Split from test_understanding_several.py. Examples written
for these tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.frame import understand


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, parties", [
    # A fault said with « aussi », though the whole message's words settle on one thing.
    ("mon ordinateur ne démarre plus et aussi un souci sur une application de l'Éducation nationale, quels numéros ?",
     {"departement", "academie"}),
    # « à la fois » asks for each; a login refused is a fault.
    ("je veux à la fois le numéro pour le réseau et celui pour SIECLE : le switch est mort et SIECLE refuse mon mot "
     "de passe", {"departement", "academie"}),
    # « l'application nationale » is an application of the Éducation nationale; « n'accède plus » a fault.
    ("la gestionnaire n'accède plus à l'application nationale des bourses et en plus l'imprimante fait des siennes, "
     "qui appeler pour chaque ?", {"departement", "academie"}),
])
def test_two_faults_told_as_such_get_one_answer_each(kb, now, text, parties):
    frame = understand(kb, text)
    assert len(frame.parts) >= 2, frame.evidence
    answer = answer_question(kb, text, now=now)
    assert set(answer.parties) >= parties, answer.text


def test_one_fault_told_twice_with_aussi_stays_one(kb):
    frame = understand(kb, "le vidéoprojecteur ne s'allume plus et aussi il fait un bruit bizarre, qui appeler ?")
    assert frame.parts == (), frame.evidence


@pytest.mark.parametrize("text", [
    # Two questions on the animations, which together ask when and on what terms they take place (articles 4 and 9
    # say only who gives them): one question, not a part answered by the training record.
    "l'animation canopé de jeudi commence à quelle heure, et on est rémunérés pour y aller ?",
    "la formation académique sur les TNI, elle a lieu où, et qui l'organise ?",
])
def test_questions_on_one_thing_that_name_an_open_point_are_one(kb, now, text):
    frame = understand(kb, text)
    answer = answer_question(kb, text, now=now)
    assert frame.parts == () and answer.kind == "not_specified" and "ne dit pas" in answer.text, answer.text


@pytest.mark.parametrize("text, declares", [
    # An act to do, with no fault: a request, answered (article 9: the Département installs the software).
    ("mettre à jour le logiciel de SVT sur les postes de la salle 10", False),
    ("ajouter deux prises réseau en salle 12", False),
    # A repair asked, or a fault told, is a declaration.
    ("réparer le vidéoprojecteur de la salle 3 svp", True),
    ("le vidéoprojecteur de la salle 3 ne s'allume plus", True),
])
def test_a_message_opening_on_an_act_to_do_is_a_request(kb, text, declares):
    from knowledge.understanding.message_checks import answers_instead_of_declaring
    assert answers_instead_of_declaring(kb, text) is not declares


def test_a_complement_after_a_comma_is_no_problem_of_its_own(kb, now):
    # « …, dans le catalogue du Département » says where the purchase was made: it was a second « point » answered
    # with the référentiel's making. Article 5, scenario 2: the Département installs what the collège buys within it.
    text = ("Bonjour, on a reçu ce matin 12 nouveaux PC achetés sur le budget du collège, dans le catalogue du "
            "Département. Qui doit venir les installer et faut-il les déclarer quelque part ?")
    assert understand(kb, text).parts == ()
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("Scénario 2") and "installation" in answer.text, answer.text


def test_an_administrative_application_is_the_academie_s_not_pedagogical_software(kb, now):
    # Article 3: the Académie, with the Département, meets the administrative needs of the establishment; « nouveau
    # logiciel » alone is article 9's pedagogical software (installed by the Département).
    answer = answer_question(kb, "Le rectorat nous demande de mettre en place un nouveau logiciel administratif. Qui "
                                 "doit le faire ?", now=now)
    assert "article-9" not in answer.articles and "domaine administratif" in answer.text, answer.text


def test_a_yes_no_question_by_inversion_asks_before_the_next_question(kb, now):
    # Article 3: the collège may not intervene on the systems (backups) without the Département's express
    # authorisation; the Académie administers the internet filter. Only the first was answered: the inverted
    # question (« peut-il ») did not count as asking, its question mark ending the message after the second.
    answer = answer_question(kb, "le collège peut-il restaurer lui-même une sauvegarde du serveur, et qui gère le "
                                 "filtrage internet ?", now=now)
    assert answer.text.startswith("Votre message porte sur 2 points"), answer.text
    assert {"college", "academie"} <= set(answer.parties)


def test_an_example_after_a_yes_no_question_is_part_of_it(kb, now):
    # Article 13: « La présente convention peut être modifiée par voie d'avenants ».
    answer = answer_question(kb, "Peut-on changer la convention en cours d'année, par exemple pour y ajouter les "
                                 "vidéoprojecteurs ?", now=now)
    assert "avenant" in answer.text and not answer.text.startswith("Votre message"), answer.text


@pytest.mark.parametrize("text", [
    "le wifi du CDI ne marche plus, le TNI de la salle 3 ne s'allume pas et Pronote rame",
    "l'imprimante de la salle des profs ne marche plus et pronote plante",
])
def test_a_fault_of_a_thing_left_out_is_a_part_that_says_so(kb, now, text):
    # Pronote is outside the agreement: said beside the TNI's fault, it used to vanish into the TNI's part.
    frame = understand(kb, text)
    last = frame.parts[-1]
    assert "ronote" in last.text and not last.subjects, [p.text for p in frame.parts]
    answer = answer_question(kb, text, now=now)
    assert "ne traite pas de Pronote" in answer.text.splitlines()[-1], answer.text


def test_qui_remplace_quoi_is_asked_of_each_thing(kb, now):
    # « qui remplace quoi ? » closes a message on two things: it is asked of each, not a part of its own that names
    # nothing (it was answered « je n'ai pas trouvé de quel équipement … »).
    answer = answer_question(kb, "le portable de service du CPE est tombé et son ordinateur aussi, qui remplace quoi ?",
                             now=now)
    assert {"departement", "college"} <= set(answer.parties), answer.text
    assert "article-1" in answer.articles and "Je n'ai pas trouvé" not in answer.text, answer.text


def test_two_things_told_then_qui_s_en_charge_is_asked_of_each(kb, now):
    # « s'en » takes both up (the tagger reads « en » as a preposition); the software is named by its subject.
    text = ("le TNI neuf attend d'être fixé au mur, et le logiciel de géo reçu lundi doit être paramétré pour mes "
            "classes. Qui s'en charge ?")
    answer = answer_question(kb, text, now=now)
    assert {"article-5", "article-9"} <= set(answer.articles), answer.text


def test_a_part_is_about_the_software_not_the_device_it_runs_on(kb, now):
    # As for a whole message (subjects.yml runs_on): « les PC … ont besoin d'un antivirus » is about the antivirus.
    text = "les PC du CDI ont besoin d'un antivirus à jour, et il faut ouvrir les comptes des nouveaux élèves. Qui fait quoi ?"
    first = answer_question(kb, text, now=now).text.splitlines()[1]
    assert "(Article 8)" in first and "demande d'équipement" not in first, first


@pytest.mark.parametrize("text, articles", [
    # Numbered points are parts of their own, though the second is neither a fault nor a question by its words
    # (the network's sockets, article 2; buying a server, article 3).
    ("bonjour svp 1) une prise réseau du CDI est arrachée 2) notre serveur est trop vieux, il faut le "
     "changer", {"article-2", "article-3"}),
    ("1- le câble réseau de la salle 12 est coupé 2- le serveur a besoin d'être remplacé", {"article-2", "article-3"}),
])
def test_numbered_points_are_each_a_part(kb, now, text, articles):
    frame = understand(kb, text)
    assert len(frame.parts) == 2, [p.text for p in frame.parts]
    answer = answer_question(kb, text, now=now)
    assert articles <= set(answer.articles), answer.text


def test_a_cue_of_another_numbered_point_decides_no_word(kb):
    # « informatique » in point 3 no longer makes point 1's « portables » computers: the word is asked back.
    text = ("Questions de la principale : 1) qui gère les contrats des portables du collège ? 2) qui tient "
            "l'inventaire du matériel informatique ?")
    answer = answer_question(kb, text)
    assert "article-5" not in answer.articles, answer.text


def test_a_part_taking_up_the_thing_before_is_read_with_it(kb, now):
    # « qui la pose au mur ? » takes up the projector (article 5: the collège installs it), not the building's wall.
    text = "On voudrait un vidéoprojecteur dans la salle de musique. Qui donne le feu vert technique ? et qui le pose au mur ?"
    answer = answer_question(kb, text, now=now)
    assert "ne traite pas" not in answer.text, answer.text
    assert {"departement", "college"} <= set(answer.parties) and "article-5" in answer.articles


def test_after_a_question_mark_a_clause_naming_a_thing_opens_the_next_question(kb, now):
    # Article 8 (the operating systems, logiciels socles) and article 3 (the server's administration software): two
    # questions on things of one family, each ended by its mark.
    text = ("le système d'exploitation des serveurs est dépassé, qui le met à jour ? et le logiciel d'administration "
            "du serveur, qui le paie ?")
    assert len(understand(kb, text).parts) == 2
    answer = answer_question(kb, text, now=now)
    assert {"article-8", "article-3"} <= set(answer.articles), answer.text


@pytest.mark.parametrize("text, second_subject", [
    # « ils » takes up the software set out just before, in a phrase with no verb of its own.
    ("qui paie les vidéoprojecteurs ? et les nouveaux logiciels pédagogiques, ils sont validés par qui ?",
     "logiciel_pedagogique"),
    # « ça » takes up all that was just said: the option wanted is what is paid.
    ("1) qui gère l'abonnement internet ? 2) on voudrait une option sur l'autocom, ça se règle comment ?",
     "options_autocommutateur"),
])
def test_a_clause_taking_up_what_was_just_said_completes_its_part(kb, text, second_subject):
    parts = understand(kb, text).parts
    assert len(parts) == 2, parts
    assert parts[1].subjects[:1] == (second_subject,), parts


@pytest.mark.parametrize("text, articles, shared", [
    # A story told first (an offer received), then two questions: each question is answered, the story is their
    # scene (articles 2 and 5: the network study, the request for equipment).
    ("un fournisseur nous présente des tableaux interactifs et il faudrait passer des câbles : qui voir avant, et à "
     "qui envoyer la demande de matériel ?", {"article-2", "article-5"}, False),
    # A closing question naming only the charge (« c'est pris en charge par qui ») is asked of every part: the
    # network cabling (article 2) and moving the computers (article 5), not a third part naming nothing.
    ("on réorganise le CDI cet été : il faut recâbler la salle + déplacer les 10 ordinateurs. c'est pris en charge "
     "par qui ?", {"article-2", "article-5"}, True),
])
def test_two_points_asked_after_a_story_or_under_one_question_are_each_answered(kb, now, text, articles, shared):
    frame = understand(kb, text)
    answer = answer_question(kb, text, now=now)
    assert len(frame.parts) == 2 and bool(frame.parts[0].shared) == shared, frame.evidence
    assert articles <= set(answer.articles), answer.text


def test_a_wish_told_after_a_question_is_no_second_question(kb):
    frame = understand(kb, "Les réunions de l'instance de concertation se tiennent au rectorat ou au Département ? "
                           "Je dois réserver un train.")
    assert len(frame.parts) != 2 or all("train" not in p.text for p in frame.parts), frame.evidence


def test_les_takes_up_the_thing_named_in_the_plural(kb, now):
    # « les » takes up the tablets (article 5: the Département installs), not the pedagogy asked about in between
    # (article 4: the Académie and Réseau Canopé accompany).
    text = "on aimerait des tablettes pour la classe de 5e : qui nous accompagne côté pédagogie, et qui les installe ?"
    lines = answer_question(kb, text, now=now).text.split("\n")
    last = next(line for line in lines if "qui les installe" in line)
    assert "Département" in last and "Article 5" in last, lines
    pedagogy = next(line for line in lines if "pédagogie »" in line)
    assert "Académie de Poitiers et Réseau Canopé" in pedagogy, lines


@pytest.mark.parametrize("text", [
    "Deux questions sur la convention : 1. pour la résilier, il faut prévenir combien de temps avant ? 2. est-ce "
    "qu'elle se renouvelle toute seule ?",
    # The agreement not named: the notice asked is the cue that « résilier » ends it, not a phone line.
    "Deux questions : 1. il faut prévenir combien de temps avant pour résilier ? 2. est-ce qu'elle se renouvelle "
    "toute seule après ?",
])
def test_numbered_questions_on_the_agreement_are_each_answered(kb, now, text):
    # « 2. » alone is no clause: the first question's mark still ends it; each question on the agreement is answered as
    # it would be alone (the notice, article 13; the renewal, article 12), not both from the term « combien de temps ».
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("Votre message porte sur 2 points"), answer.text
    assert {"article-12", "article-13"} <= set(answer.articles), answer.articles
    assert "2 mois" in answer.text and "tacite reconduction" in answer.text


@pytest.mark.parametrize("text, count", [
    ("On voudrait une prise de plus derrière le bureau du prof en salle 14", 1),  # how many, not « moreover »
    ("il nous faudrait 4 prises en plus en salle de musique", 1),
    ("le poste du CDI est de plus en plus lent", 1),
    ("le switch est HS en plus le wifi ne marche plus", 2),
    ("le serveur rame. De plus, le wifi décroche", 2),
])
def test_en_plus_opens_a_clause_only_when_it_is_no_count(text, count):
    from knowledge.understanding.message_parts import clauses
    assert len(clauses(text)) == count, clauses(text)


def test_a_phrase_saying_when_opens_no_part(kb):
    # « après chaque GTI » says when the question applies: one question, on a point article 11 leaves open.
    frame = understand(kb, "après chaque réunion du groupe de travail informatique, qui rédige le compte rendu ?")
    assert not frame.parts
    answer = answer_question(kb, "après chaque réunion du groupe de travail informatique, qui rédige le compte rendu ?")
    assert not answer.parties and "article-11" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "qui paie les abonnements téléphone et internet ?",      # « téléphone et internet »: complements of one thing
    "qui gère les contrats de téléphonie et d'internet ?",
])
def test_things_coordinated_as_complements_of_one_thing_are_that_thing(kb, text):
    # Article 1: the subscriptions (« abonnements Internet », the telephone contracts), one part, not the network.
    assert not understand(kb, text).parts
    assert answer_question(kb, text).articles == ["article-1"]


@pytest.mark.parametrize("text, articles", [
    # Things named with no verb of their own, then a comma and another thing: a list the question is asked of.
    ("Le serveur, les prises réseau et le switch du CDI sont à changer, c'est à la charge de qui ?",
     {"article-2", "article-3"}),
    # Two softwares of two families on the same workstations: the workstations are only where each runs.
    ("sur les PC de la salle 3 l'antivirus est périmé, et Scratch a disparu des postes, qui s'en charge ?",
     {"article-8", "article-9"}),
    # Asked of each: the device a software is missing from is where it runs, not the device named before.
    ("l'écran interactif de la 4 ne s'allume plus et Audacity a disparu de l'ordi, qui pour chacun ?",
     {"article-9", "repartition"}),
    # A fault shown by a light (« clignote orange ») is a fault, as « clignote rouge » is: two faults, two parts.
    ("la borne wifi du foyer clignote orange + le poste téléphonique du CPE n'a plus de tonalité, qui appeler ?",
     {"article-1", "article-2"}),
])
def test_things_listed_or_on_the_same_devices_get_one_answer_each(kb, now, text, articles):
    frame = understand(kb, text)
    answer = answer_question(kb, text, now=now)
    assert len(frame.parts) >= 2 and set(answer.articles) >= articles, (frame.evidence, answer.text)


def test_a_numbered_question_taking_up_a_thing_by_a_pronoun_is_about_it(kb, now):
    # Article 5: « l'installation du matériel au sein des collèges » is the Département's. « 2) qui les installe ? »
    # named no thing and got « je n'ai pas trouvé de quel équipement ».
    answer = answer_question(kb, "1) qui finance les ordinateurs portables des élèves ? 2) qui les installe ?", now=now)
    assert answer.text.startswith("Votre message porte sur 2 points") and "Je n'ai pas trouvé" not in answer.text
    assert "article-5" in answer.articles, answer.text


def test_a_topic_taken_up_by_a_pronoun_stays_one_question(kb):
    frame = understand(kb, "Le téléphone portable de la principale, il a droit à quel forfait ?")
    assert frame.parts == (), frame.evidence


def test_a_step_asked_of_no_thing_is_asked_of_the_thing_before(kb, now):
    # « comment on demande ? » names no thing: it asks how to request what the message is about (article 5), not
    # what the message speaks of.
    answer = answer_question(kb, "On doit bouger 10 ordinateurs de la salle 3 vers le CDI. Qui valide et comment on "
                                 "demande ?", now=now)
    assert "Je n'ai pas trouvé" not in answer.text and "article-5" in answer.articles, answer.text


@pytest.mark.parametrize("text, articles, parties", [
    # Two questions naming no equipment, the second on how to reach a support line: one answer each.
    ("qui me forme aux usages pédagogiques du numérique, et qui m'aide quand l'intranet du Département plante ?",
     {"article-4"}, {"academie", "canope", "departement"}),
    # A national application for families (« l'appli des bourses ») is an application of the Éducation nationale.
    ("2 soucis : le switch du CDI clignote, et la gestionnaire se demande qui appeler pour un bug de l'appli des "
     "bourses", {"article-2", "article-4"}, {"departement", "academie"}),
])
def test_questions_on_support_lines_get_one_answer_each(kb, now, text, articles, parties):
    frame = understand(kb, text)
    answer = answer_question(kb, text, now=now)
    assert len(frame.parts) >= 2 and set(answer.articles) >= articles and set(answer.parties) >= parties, \
        (frame.evidence, answer.text)


def test_a_support_question_taking_up_the_thing_stays_with_it(kb, now):
    # « quand il plante » takes up the ENT: the support asked is the ENT's, which the text leaves open.
    answer = answer_question(kb, "Pour le cahier de textes en ligne de l'ENT : qui paie la licence et qui fait le "
                                 "support quand il plante ?", now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text


def test_a_closing_party_check_after_one_told_fault_is_answered(kb, now):
    # Two faults of the network told in one part, then « C'est … qui intervient ? »: the check is asked of the fault
    # told (article 2), not a part of its own that names no equipment.
    answer = answer_question(kb, "Le câble du labo est coupé et en plus la borne wifi du hall clignote. "
                                 "C'est bien le Département qui intervient ?", now=now)
    assert answer.text.startswith("Oui") and "article-2" in answer.articles, answer.text


def test_a_question_taking_up_the_thing_before_with_en_is_a_part_of_its_own(kb):
    # Article 3: the Département defines the backup strategies; the collège makes no intervention on the systems
    # (« ex : sauvegarde ») without its express leave. « en faire une » takes up the backups: the second question was
    # folded into the first answer and never answered.
    answer = answer_question(kb, "c'est qui qui décide de la stratégie de sauvegarde ? et le RUPN peut-il en lancer une lui-même ?")
    assert answer.text.startswith("Votre message porte sur 2 points"), answer.text
    assert "autorisation expresse" in answer.text and "article-3" in answer.articles, answer.text

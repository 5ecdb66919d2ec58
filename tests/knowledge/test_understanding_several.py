"""Issue 11, class 7: a message that asks several things gets an answer to each, and each answer is checked
like a question of its own. Examples written for these tests from the agreement text, never copied from an
eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answer_types import Answer
from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.compose import several
from knowledge.understanding.frame import understand
from knowledge.understanding.message_parts import asks_in


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


def test_two_questions_on_one_thing_are_two_parts(kb):
    frame = understand(kb, "les vidéoprojecteurs, qui les achète et qui les installe ?")
    assert len(frame.parts) == 2
    assert frame.parts[1].subjects == frame.parts[0].subjects  # « les » stands for the projectors


def test_questions_listed_after_a_colon_are_each_a_part(kb):
    frame = understand(kb, "3 questions : qui gère l'antivirus, qui achète les vidéoprojecteurs, et qui forme les profs ?")
    assert [p.subjects[:1] for p in frame.parts] == [("logiciels_socles",), ("videoprojecteur",), ()]


@pytest.mark.parametrize("text", [
    "les vieux écrans qui traînent au CDI, qui s'en occupe ?",     # a relative « qui » asks nothing
    "l'autocom est en panne. qui appeler ?",                      # « qui appeler » asks about the fault
    # « s'en charger » names no action of its own: it takes up the fault told before (Windows asks for a key: the
    # « logiciels socles » of article 8).
    "l'ecran de mon pc affiche que windows n'est pas active et demande une cle, qui doit s'en charger ?",
])
def test_one_question_in_two_clauses_is_one_part(kb, text):
    assert understand(kb, text).parts == ()


def test_each_part_names_its_own_party_and_article(kb, now):
    answer = answer_question(kb, "qui achète les vidéoprojecteurs et qui les installe ?", now=now)
    lines = answer.text.splitlines()
    assert lines[0].startswith("Votre message porte sur 2 points")
    assert "installation physique" in lines[2] and "(Article 5)" in lines[2]


def test_a_part_on_a_verb_the_agreement_lacks_says_so_instead_of_a_party(kb, now):
    answer = answer_question(kb, "qui paie les tablettes et qui les désinfecte ?", now=now)
    second = answer.text.splitlines()[2]
    assert "La convention ne précise pas qui doit désinfecter" in second, second
    assert "article-11" in answer.articles


def test_a_fault_beside_another_goes_to_its_line_without_asking_what_kind(kb, now):
    answer = answer_question(kb, "le wifi est coupé en salle 3, et aussi siècle plante, qui appeler pour les deux ?",
                             now=now)
    assert {"departement", "academie"} <= set(answer.parties)
    assert "vous parlez de quoi" not in answer.text
    assert not any("?" in line for line in answer.text.splitlines()[1:2])


def test_two_questions_on_one_family_with_their_own_actions_are_two_parts(kb, now):
    answer = answer_question(kb, "Deux questions : qui paie les options du standard, et qui remplace les téléphones fixes en panne ?",
                             now=now)
    lines = answer.text.splitlines()
    assert len(lines) == 3 and "à la charge du collège" in lines[1], answer.text
    assert "Département" in lines[2] and {"college", "departement"} <= set(answer.parties)


def test_the_context_before_the_questions_is_no_part(kb):
    frame = understand(kb, "Deux questions pour la prochaine commission permanente : qui suit l'inventaire, et qui installe "
                           "les vidéoprojecteurs ?")
    assert [p.subjects[0] for p in frame.parts] == ["inventaire", "videoprojecteur"]


def test_a_clause_asking_whom_to_call_for_each_is_no_part_of_its_own(kb):
    frame = understand(kb, "le proxy bloque un site et la borne wifi du hall est morte. qui pour chaque ?")
    assert len(frame.parts) == 2 and all(p.problem for p in frame.parts)


def test_a_part_on_a_point_the_text_leaves_open_is_said_so_in_that_part(kb, now):
    answer = answer_question(kb, "deux questions : qui installe les vidéoprojecteurs, et qui assure les tablettes contre le vol ?",
                             now=now)
    # Either each part answered (the theft one said open) or the open point said for the whole message: never
    # a party named for the theft.
    theft = answer.text.splitlines()[-1]
    assert "ne précise pas" in theft and "le vol" in theft, answer.text


def test_a_near_spelling_of_repair_reports_no_fault(kb):
    assert not understand(kb, "je dois préparer le conseil d'administration").parts
    from knowledge.understanding.clause_reading import repair_named
    assert not repair_named(kb, "je dois préparer la réunion") and repair_named(kb, "qui doit réparer l'écran ?")


def test_an_aside_in_brackets_is_no_part_of_its_own(kb, now):
    """« (fréquence, durée de conservation) » details the backups asked about: one question, the backup strategy
    (article 3), and no answer on the agreement's own term."""
    text = "qui fixe les règles de sauvegarde des serveurs (fréquence, support, durée de conservation) ?"
    assert understand(kb, text).parts == ()
    answer = answer_question(kb, text, now=now)
    assert "article-3" in answer.articles and "article-12" not in answer.articles, answer.text


@pytest.mark.parametrize("text, silent", [
    ("sur quel budget on achète les bornes wifi ?", False),  # whose budget: the records say who pays
    ("quel budget annuel la convention prévoit-elle pour les collèges ?", True),  # the amount: not given
])
def test_which_budget_pays_is_not_how_much(kb, now, text, silent, stated_parties):
    answer = answer_question(kb, text, now=now)
    assert (answer.kind == "not_specified") == silent, answer.text
    if not silent:
        assert "departement" in stated_parties(answer)


@pytest.mark.parametrize("text", [
    # A phrase with no verb that opens on « pour » says what the question is about.
    "Pour le câblage du nouveau bâtiment, l'étude préalable dure combien de temps ?",
    # A verbless follow-up (« et à quelle adresse ? ») and a clause pointing back with « ce » complete the
    # question before them.
    "On peut écrire par mail à l'assistance du Département ? et à quelle adresse ?",
    "il me faut la liste de tous les équipements du collège : qui tient ce recensement ?",
])
def test_what_only_frames_or_completes_a_question_is_no_part_of_its_own(kb, text):
    assert understand(kb, text).parts == ()


def test_a_meeting_room_is_a_place_not_the_governance(kb, now):
    """« réunion » is the governance of article 11 unless it names a room: 4 more sockets in the meeting room
    is a change to the network (article 2), asked once."""
    answer = answer_question(kb, "il faudrait 4 prises réseau en plus dans la salle de réunion, on fait comment ?",
                             now=now)
    assert "article-2" in answer.articles and "article-11" not in answer.articles, answer.text
    assert not answer.text.startswith("Votre message porte sur")


def test_a_question_with_a_verb_of_its_own_stays_a_part_even_without_a_known_action(kb):
    # « désinfecter » is no action of the knowledge base, but it is one of the question's own.
    frame = understand(kb, "qui achète les claviers du CDI et qui les désinfecte ?")
    assert len(frame.parts) == 2


def test_a_word_its_clause_leaves_open_keeps_the_reading_the_message_gave_it(kb, now):
    # « compte » alone is the user accounts or the school's accounting; « bloque », in the clause before, decides.
    text = "le filtrage bloque youtube en cours, et deux stagiaires n'ont pas encore de compte. qui règle chaque point ?"
    frame = understand(kb, text)
    assert [p.subjects[:1] for p in frame.parts] == [("filtrage_internet",), ("comptes_utilisateurs",)]
    answer = answer_question(kb, text, now=now)
    assert {"academie", "college"} <= set(answer.parties) and "article-3" in answer.articles


def test_a_clause_on_a_new_thing_is_a_part_even_beside_a_side_word_of_the_family_before(kb, now):
    # Side words of the server's family (« refuse » reads as a refused equipment request, « le poste de la
    # secrétaire » is where it fails) do not make the administrative application part of the server's fault.
    text = ("le serveur ne répond plus, et en plus le logiciel siecle refuse mon mot de passe sur le poste de la "
            "secrétaire. j'appelle qui pour l'un et pour l'autre ?")
    frame = understand(kb, text)
    assert [p.subjects[0] for p in frame.parts] == ["serveur", "services_administratifs"]
    assert {"departement", "academie"} <= set(answer_question(kb, text, now=now).parties)


def test_a_guess_that_names_the_asked_thing_again_goes_on_with_its_question(kb):
    frame = understand(kb, "en cas de désaccord sur la convention, c'est quel tribunal ? le tribunal administratif ?")
    assert frame.parts == ()


@pytest.mark.parametrize("text, first", [
    ("l'imprimante de la salle 2 est en panne et je n'arrive plus à me connecter à siecle, qui appeler pour chacun ?",
     "l'imprimante de la salle 2 est en panne"),
    ("donnez-moi le numéro pour un ordinateur en panne et celui pour un souci sur siecle",
     "donnez-moi le numéro pour un ordinateur en panne"),
])
def test_and_before_a_new_subject_pronoun_starts_a_clause(kb, text, first):
    frame = understand(kb, text)
    assert frame.parts and frame.parts[0].text == first
    assert len(frame.parts) == 2


def test_a_closing_question_is_asked_of_every_thing_listed_before_it(kb, now):
    # Article 5: the collège installs the projectors; article 9: the Département installs the pedagogical software.
    text = "on vient de recevoir trois vidéoprojecteurs et un logiciel de géométrie pour la salle 6 : qui installe quoi ?"
    frame = understand(kb, text)
    assert [p.subjects[0] for p in frame.parts] == ["videoprojecteur", "logiciel_pedagogique"]
    assert all("installer" in p.actions and p.shared == "qui installe quoi" for p in frame.parts)
    lines = answer_question(kb, text, now=now).text.splitlines()
    assert "le collège a la charge de l'installation physique (Article 5)" in lines[1]
    assert "l'installation des logiciels pédagogiques" in lines[2] and "(Article 9)" in lines[2]
    assert "qui installe quoi" not in lines[1]  # the reply quotes each thing, not the question again


def test_a_generic_word_made_a_thing_by_its_own_complement_is_a_part(kb, now):
    # « le logiciel de gestion des absences » is an administrative application (article 3, the Académie's line),
    # not the Département's hardware named next to it.
    text = "le logiciel de gestion des absences plante et le pc du bureau ne démarre plus, on appelle qui pour chacun ?"
    assert [p.subjects[0] for p in understand(kb, text).parts] == ["services_administratifs", "materiel_informatique"]
    assert {"departement", "academie"} <= set(answer_question(kb, text, now=now).parties)


def test_a_generic_word_whose_cue_is_the_verb_stays_a_side_word(kb):
    # « installer un logiciel sur le serveur »: the verb reads « logiciel » as pedagogical software, but the server is
    # still what the question is about.
    assert understand(kb, "je peux installer un logiciel directement sur le serveur ?").subject == "serveur"


@pytest.mark.parametrize("text", [
    "combien de temps dure la convention et comment on la résilie ?",
    # « combien » mid-clause asks; « en sortir » is the termination in a message on the agreement.
    "la convention est valable combien de temps, et si un jour on veut en sortir on fait comment ?",
])
def test_two_topics_of_the_agreement_get_an_answer_each(kb, now, text):
    # Article 12: two years, tacit renewal; article 13: termination at any time, two months' notice.
    answer = answer_question(kb, text, now=now)
    assert {"article-12", "article-13"} <= set(answer.articles), answer.text
    assert "2 ans" in answer.text and "2 mois" in answer.text


def test_a_question_word_mid_clause_makes_the_clause_ask():
    assert asks_in("la convention dure combien de temps", "la convention dure combien de temps, et après")
    assert not asks_in("les PC qui s'entassent", "les PC qui s'entassent au CDI")


def test_a_message_asking_for_each_is_split_though_the_whole_message_names_one_thing(kb, now):
    # « les deux numéros »: article 4's two lines. Read whole, the message names the computer only (« appli » is a
    # side word beside it); its own clause reads « une appli de l'éducation nationale » as an administrative one.
    text = ("donnez-moi les deux numéros : celui pour un pc en panne et celui pour un souci sur une appli de "
            "l'éducation nationale")
    frame = understand(kb, text)
    assert [p.subjects[0] for p in frame.parts] == ["materiel_informatique", "services_administratifs"]
    answer = answer_question(kb, text, now=now)
    assert {"departement", "academie"} <= set(answer.parties)


def test_and_before_a_bare_name_starts_a_clause_when_each_side_has_its_own_thing(kb, now):
    # The server is the Département's (article 3); SIECLE, an application of the Éducation nationale, the Académie's.
    text = "le serveur ne répond plus et siecle refuse mon mot de passe, j'appelle qui pour l'un et l'autre ?"
    assert [p.subjects[0] for p in understand(kb, text).parts] == ["serveur", "services_administratifs"]
    assert {"departement", "academie"} <= set(answer_question(kb, text, now=now).parties)
    # Two words of one topic are no second clause.
    assert understand(kb, "la prise et le câble réseau de la salle 3 sont arrachés, qui répare ?").parts == ()


def test_parties_listed_after_a_question_are_candidates_not_a_question(kb):
    # « … présidée par qui ? » then names the writer thinks of: one question, a point article 11 leaves open.
    answer = answer_question(kb, "L'instance de concertation, elle est présidée par qui ? Le président du Département, "
                                 "la rectrice ?")
    assert answer.kind == "not_specified" and answer.parties == []
    assert not answer.text.startswith("Votre message porte sur")


def test_a_question_after_and_also_is_a_part_of_its_own(kb, now):
    # « et aussi de savoir qui … »: the linking words and the indirect « de savoir » open a second question on the
    # same thing (the ENT): the training (article 4) and the technical eligibility (article 7) each get an answer.
    text = "il nous faudrait une formation sur l'ENT, et aussi de savoir qui vérifie l'éligibilité technique"
    frame = understand(kb, text)
    assert len(frame.parts) == 2
    answer = answer_question(kb, text, now=now)
    assert {"article-4", "article-7"} <= set(answer.articles), answer.text
    assert {"academie", "canope", "departement"} <= set(answer.parties), answer.text


def test_a_sentence_told_then_one_question_taking_it_up_is_one_question(kb, now):
    # The first sentence tells a plan (no question, no fault); the question after it takes it up (« elle »): one
    # question, answered once, not « Votre message porte sur 2 points ».
    text = ("L'Académie veut déployer une nouvelle application de gestion qui demande un serveur au collège. "
            "Avec qui doit-elle se concerter d'abord ?")
    assert understand(kb, text).parts == ()
    assert not answer_question(kb, text, now=now).text.startswith("Votre message porte sur")


def test_a_fault_told_then_one_question_taking_it_up_is_one_question(kb, now):
    # A fault told before a colon, then the question on it through a pronoun (« le »): one question. Article 1: the
    # Département renews the fixed telephones when they fail, so the collège's budget is not it.
    text = "le poste téléphonique de la vie scolaire est mort : on le rachète sur nos fonds propres ?"
    assert understand(kb, text).parts == ()
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("Non") and "article-1" in answer.articles, answer.text


def test_a_comparison_is_part_of_the_question_it_follows(kb, now):
    # Article 1: the collège buys and renews the mobile phones; « comme pour les téléphones fixes » only compares.
    text = "nos smartphones de service sont HS, c'est le Département qui les remplace, comme pour les téléphones fixes ?"
    assert understand(kb, text).parts == ()
    answer = answer_question(kb, text, now=now)
    assert answer.text.startswith("Non") and "article-1" in answer.articles, answer.text


def test_answering_someone_is_not_the_act_asked(kb, now):
    # « Que dois-je lui répondre ? » only asks what to say: the point reported is who defines the backups (article 3).
    answer = answer_question(kb, "Le conseil d'administration me demande qui définit les sauvegardes de nos serveurs. "
                                 "Que dois-je lui répondre ?", now=now)
    assert answer.parties == ["departement"] and answer.articles == ["article-3"], answer.text


def test_parts_asking_the_same_point_get_one_answer(kb, now):
    # Article 4 gives the lines and their hours, no delay for coming on site (inferences.yml sil-delai-intervention):
    # the two questions ask that one point, answered once.
    answer = answer_question(kb, "après une panne, le technicien du Département a combien de temps pour venir au "
                                 "collège ? il y a un délai garanti ?", now=now)
    assert answer.text.startswith("La convention ne dit pas dans quel délai"), answer.text
    assert answer.text.count("La convention ne dit pas dans quel délai") == 1
    assert not answer.parties


def test_parts_with_the_same_answer_share_one_number(kb):
    same = Answer(kind="support", text="A (Article 1).", articles=["article-1"])
    other = Answer(kind="support", text="B (Article 2).", articles=["article-2"])
    answer = several(kb, [("un", same), ("deux", other), ("trois", same)], problems=False)
    assert answer.text.splitlines() == ["Votre message porte sur 2 points ; voici la réponse pour chacun :",
                                        "1. « un » et « trois » — A (Article 1).", "2. « deux » — B (Article 2)."]


def test_a_numbered_list_in_one_line_is_one_part_per_item(kb, now):
    # Article 2 (the network: the Département), article 3 (filtering: the Académie), and the ENT, whose support
    # article 7 does not settle: one answer each.
    answer = answer_question(kb, "1) la baie de brassage ne répond plus 2) le filtrage bloque le site de SVT "
                                 "3) le compte ENT d'une élève est bloqué. qui gère quoi ?", now=now)
    assert answer.text.startswith("Votre message parle de 3 problèmes"), answer.text
    assert {"departement", "academie"} <= set(answer.parties)
    assert "« le compte ENT d'une élève est bloqué » — La convention ne dit pas" in answer.text


def test_a_second_question_on_the_agreement_takes_its_topic_from_its_own_verb(kb, now):
    # « il » takes up the text; « le résilier » asks article 13's termination, not article 12's term again.
    answer = answer_question(kb, "deux questions sur le texte : il court sur combien de temps, et comment on fait pour "
                                 "le résilier ?", now=now)
    assert answer.text.startswith("Votre message porte sur 2 points"), answer.text
    assert {"article-12", "article-13"} <= set(answer.articles)


def test_until_when_after_a_thing_goes_on_with_it_not_with_the_agreement_term(kb, now):
    # « jusqu'à quand » reads as the agreement's term (article 12) only where the agreement is named.
    frame = understand(kb, "j'ai demandé une formation Canopé sur les tablettes mais je ne suis plus dispo, on peut "
                           "annuler jusqu'à quand ?")
    assert not frame.parts
    answer = answer_question(kb, "j'ai demandé une formation Canopé sur les tablettes mais je ne suis plus dispo, on "
                                 "peut annuler jusqu'à quand ?", now=now)
    assert "article-12" not in answer.articles and not answer.parties, answer.text


@pytest.mark.parametrize("text", [
    "Deux choses à régler : on a reçu 4 vidéoprojecteurs à fixer au mur et 8 ordinateurs neufs à mettre en service. Qui fait quoi ?",
    "3 vidéoprojecteurs à poser et 12 tablettes neuves à installer : qui s'occupe de chacun ?",
    "On a 4 vidéoprojecteurs à poser et 10 PC en plus pour le CDI : qui fait quoi ?",  # the second part has no verb
])
def test_two_things_of_one_family_asked_each_are_two_parts(kb, now, text):
    # Article 5: the collège installs the projectors physically (after the Département's validation), the
    # Département installs the equipment. « qui fait quoi », « chacun » ask one answer per thing.
    frame = understand(kb, text)
    assert [p.subjects[:1] for p in frame.parts] == [("videoprojecteur",), ("materiel_informatique",)]
    answer = answer_question(kb, text, now=now)
    assert {"college", "departement"} <= set(answer.parties) and "article-5" in answer.articles, answer.text


def test_a_power_cut_told_as_when_is_no_point_of_its_part(kb, now):
    # « après une coupure de courant » says when the server lost the work: its part is the server's (the Département,
    # « Répartition des compétences » and article 3), not the electricity the text never assigns.
    answer = answer_question(kb, "Après une coupure de courant on a perdu le travail de la journée sur le serveur. "
                                 "Qui décide à quel rythme on sauvegarde ?", now=now)
    first = answer.text.split("2. ")[0]
    assert "électricité" not in first and "Département" in first, answer.text
    assert "departement" in answer.parties and "article-3" in answer.articles, answer.text


def test_a_new_thing_to_put_in_place_is_a_request_not_a_fault(kb, now):
    # Article 9: the Département installs the pedagogical software; a ticket line asking to install one is a request.
    from knowledge.understanding.message_checks import answers_instead_of_declaring
    text = "Demande 12 : logiciel de géométrie à installer sur les postes de la salle 8"
    assert answers_instead_of_declaring(kb, text)
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "procedure" and "article-9" in answer.articles and "departement" in answer.parties, answer.text


def test_each_side_of_and_may_name_its_thing_through_a_word_of_two_meanings(kb):
    # « installer un logiciel » is a pedagogical software by its own words (article 9: the Département « en assure
    # l'installation sur les postes de travail »); moving computers is article 5's « déplacement de matériel ».
    answer = answer_question(kb, "deux demandes : installer un logiciel de SVT en salle 12 et déplacer deux PC vers "
                                 "le CDI. Qui s'en occupe ?")
    assert {"article-9", "article-5"} <= set(answer.articles), answer.text


def test_a_closing_question_pointing_back_is_asked_of_every_part(kb):
    answer = answer_question(kb, "Deux soucis : le switch de la salle 3 est HS et le vidéoprojecteur du CDI ne "
                                 "s'allume plus. Qui s'en occupe ?")
    assert answer.text.startswith("Votre message parle de 2 problèmes") and "\n3. " not in answer.text, answer.text


def test_a_part_named_by_a_word_it_leaves_open_asks_which_with_its_buttons(kb, now):
    # « un portable » is a laptop or a mobile phone: the part asks which, with its buttons, instead of vanishing
    # into the part about the switchboard.
    answer = answer_question(kb, "le standard ne sonne plus du tout et il faudrait aussi un portable pour la "
                                 "gestionnaire. qui prend quoi en charge ?", now=now)
    assert answer.text.count("\n") >= 2, answer.text
    assert "portable" in answer.text.split("\n")[2]
    assert {c.subject for c in answer.choices} >= {"telephone_mobile", "materiel_informatique"}, answer.choices



def test_a_fault_then_a_question_on_a_thing_of_its_family_are_two_parts(kb, now):
    # The printer (a computer device, the Département's) and the projector (article 5: « pour les vidéoprojecteurs, le
    # collège a la charge de l'installation physique »): two things, though the projector is a kind of equipment.
    answer = answer_question(kb, "l'imprimante du bureau 12 ne s'allume plus. Et les nouveaux vidéoprojecteurs, qui les "
                                 "installe ?", now=now)
    assert {"college", "departement"} <= set(answer.parties) and "article-5" in answer.articles, answer.text


def test_a_request_beside_a_fault_gets_its_own_procedure_not_a_fault_line(kb, now):
    # Article 5: the projector's physical installation is the collège's; the request is no fault to declare.
    text = "le wifi coupe sans arrêt au CDI et on voudrait fixer un nouveau vidéoprojecteur au mur, qui fait quoi ?"
    assert len(understand(kb, text).parts) == 2
    answer = answer_question(kb, text, now=now)
    second = answer.text.split("\n2. ")[1]
    assert "collège" in second and "Article 5" in second and "☎️" not in second, answer.text



@pytest.mark.parametrize("text", [
    # Article 9: « l'Académie de Poitiers et Réseau CANOPÉ accompagnent les collèges au travers de formations »
    "Canopé peut venir former l'équipe d'anglais sur les tablettes ? et c'est payant ?",
    # Article 4: the Académie's line for « les applications métiers de l'éducation nationale »
    "l'appli des bourses refuse nos identifiants, c'est une appli métier ? qui peut nous aider ?",
])
def test_a_clause_that_names_nothing_and_finds_nothing_goes_with_its_neighbour(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert "Je n'ai pas trouvé de quel équipement" not in answer.text, answer.text
    assert answer.parties, answer.text


"""Points the agreement leaves open are found by their words, as people order them (issue 11).
Examples written for these tests from the agreement text, never copied from an eval file."""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.normalise import normalise
from knowledge.silence_answers import silence_named


@pytest.mark.parametrize("text, silence", [
    ("les représentants du GTI, ils sont nommés comment ?", "sil-designation-membres"),
    ("les membres du groupe de travail sont désignés comment ?", "sil-designation-membres"),
    ("au GTI, le président de séance c'est qui ?", "sil-presidence-gouvernance"),
    ("l'instance de concertation est présidée par qui ?", "sil-presidence-gouvernance"),
    ("qui assure la présidence des réunions du groupe de travail informatique ?", "sil-presidence-gouvernance"),
    ("les réunions de l'instance de concertation ont lieu à Niort ?", "sil-lieu-reunions"),
    # Articles 4 and 9 say who trains, never where, when or on what terms.
    ("les animations Canopé sur les logiciels, c'est quel jour ?", "sil-modalites-formations"),
    ("pour les formations de l'Académie, on est payés ?", "sil-modalites-formations"),
    ("pour un stage de trois jours, le Département nous fait un prêt de tablettes ?", "sil-pret-materiel"),
    # Article 4 gives the lines and their hours, not when a technician comes.
    ("le technicien du Département vient quel jour dans les collèges ?", "sil-passage-techniciens"),
    # Article 5 requires the Département's technical validation, with no delay for giving it.
    ("la validation technique du Département pour nos vidéoprojecteurs, il y a un délai prévu ?",
     "sil-delai-intervention"),
    # Article 1 sets up the framework agreement; whether a collège must use it, the text does not say.
    ("pour nos forfaits mobiles, passer par le marché du Département c'est obligatoire ?", "sil-obligation-accord-cadre"),
    ("a-t-on le droit de choisir un autre fournisseur internet que celui du Département ?", "sil-obligation-accord-cadre"),
    # Article 4 says who trains, not how to withdraw from a session.
    ("comment je me désinscris de l'animation Canopé de mardi ?", "sil-inscription-formation"),
    # Article 5: a joint request, then the Département's answer; no follow-up, no calendar.
    ("notre demande de visualiseurs est sans réponse depuis deux mois, on relance qui ?", "sil-relance-demande"),
    ("la date limite pour les demandes de dotation, c'est quand ?", "sil-date-limite-demandes"),
    # Article 2: « dans un protocole à définir ».
    ("ce protocole pour qu'un agent touche au réseau, on le trouve où ?", "sil-protocole-habilitation"),
    ("le protocole pour habiliter un agent à toucher au réseau, il contient quoi ?", "sil-protocole-habilitation"),
    # Article 9 names a « socle évolutif de logiciels communs », not its content.
    ("quels sont les logiciels du socle évolutif ?", "sil-contenu-socle-evolutif"),
    ("le référentiel de services est-il en annexe de la convention ?", "sil-contenu-referentiel"),
    ("la liste du catalogue, est-elle annexée à la convention ?", "sil-contenu-referentiel"),
    ("nos achats sur fonds propres, le Département peut les rembourser ?", "sil-plafond-remboursement"),
    # The preamble gives the Atelier Canopé 79's postal address only.
    ("l'Atelier Canopé 79 a un numéro de téléphone ?", "sil-telephone-suivi-convention"),
    # Article 1: telephone and Internet subscriptions; an online tool or digital textbooks are neither.
    ("qui paie l'abonnement à Zoom pour les réunions parents-profs ?", "sil-abonnements-logiciels"),
    ("les manuels numériques de 6e, c'est payé sur quel budget ?", "sil-abonnements-logiciels"),
    ("comment devenir le RUPN qui représente les autres au GTI ?", "sil-designation-membres"),
    ("nos élèves sont formés à Pronote par qui ?", "sil-formation-autres-publics"),
    # Article 4 gives the lines, no delay for calling back.
    ("au bout de combien de jours on peut relancer l'assistance si personne ne rappelle ?", "sil-delai-intervention"),
    # Article 14: « soumise au tribunal compétent », never named.
    ("pour un contentieux sur la convention, ce serait le tribunal administratif ?", "sil-tribunal-designe"),
    # Article 12: renewable by tacit renewal after the first 2 years, with no count and no later period.
    ("la tacite reconduction est-elle limitée à un nombre de fois ?", "sil-reconductions"),
    # Article 13: the means of termination only.
    ("en cas de résiliation, le Département peut-il reprendre le matériel ?", "sil-apres-resiliation"),
    # Article 3 puts the server infrastructure on the Département and never names a UPS: readers split on it.
    ("l'onduleur de la baie bipe, c'est à qui de changer ses batteries ?", "sil-onduleur"),
    # Article 11 names the 6th commission only through its President, a member of the working group.
    ("la sixième commission du Département se réunit tous les mois ?", "sil-commission-departementale"),
    # « a lieu où » in the singular, like « ont lieu où ».
    ("l'instance de concertation a lieu où cette année ?", "sil-lieu-reunions"),
    ("la prochaine animation Canopé a lieu où ?", "sil-modalites-formations"),
    # Article 4 gives the lines, not who in the collège calls them.
    ("les collègues peuvent appeler directement la plateforme ou ils passent par le référent ?", "sil-appelants-college"),
    # Article 13 says the agreement may be amended, not whether it has been since it was signed.
    ("est-ce qu'il y a eu des modifications par avenant depuis 2017 ?", "sil-avenants-conclus"),
    ("des avenants ont-ils déjà été ajoutés au texte ?", "sil-avenants-conclus"),
    # The signatories and the term are given; what a change of the person who signed does to it is not.
    ("notre principale part à la retraite en juin, la convention doit-elle être signée à nouveau ?",
     "sil-changement-signataire"),
    ("avec un nouveau président au Département, notre convention reste valable ?", "sil-changement-signataire"),
])
def test_a_point_left_open_is_found_whatever_the_order_of_its_words(kb, text, silence):
    found = silence_named(kb, normalise(text))
    assert found is not None and found.id == silence


@pytest.mark.parametrize("text", [
    # Article 11 gives the composition: the words of a designation, far apart, ask no designation.
    "comment le GTI travaille avec les collèges, et qui y sont les représentants désignés par l'Académie ?",
    "qui anime la gouvernance du numérique ?",
    "un RUPN siège-t-il au groupe de travail informatique ?",  # article 11 gives the composition
    "la présidente de la 6e commission siège-t-elle au GTI ?",  # a member article 11 names, not who chairs
    "le groupe de travail a lieu une fois par an si j'ai bien suivi ?",  # its frequency (article 11), not its place
    "je voudrais m'inscrire à une formation sur le TNI",  # a request for training: article 4 answers it
    "GeoGebra est dans la liste des logiciels communs mais pas sur nos postes",  # no content asked
])
def test_words_far_apart_or_absent_find_no_open_point(kb, text):
    found = silence_named(kb, normalise(text))
    assert found is None or found.id not in ("sil-designation-membres", "sil-lieu-reunions")


@pytest.mark.parametrize("text", [
    "le Département doit-il venir sous 72 h quand un switch tombe en panne ?",
    "l'Académie débloque un site filtré dans les 24h ?",
    "le Département répare un vidéoprojecteur en moins de 3 jours ?",
])
def test_a_delay_checked_with_a_figure_is_the_delay_the_text_leaves_open(kb, text):
    """Article 4 gives the lines and their hours, never a delay: « sous 72 h ? » gets no « Oui » and no party
    named as the one who must meet it, whatever the figure typed."""
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified", answer.text
    assert not answer.text.startswith(("Oui", "Non")) and "délai" in answer.text


@pytest.mark.parametrize("text", [
    "qui s'occupe de l'antispam sur la messagerie académique des profs ?",
    "trop de spams dans les boîtes du collège, c'est l'Académie qui règle ça ?",
])
def test_spam_filtering_is_not_the_internet_filtering_of_article_3(kb, text):
    """Article 3 gives the Académie « l'administration du filtrage internet », not the filtering of e-mail: no
    « Oui », no party designated, the Internet filtering quoted as what the text says closest."""
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [], answer.text
    assert not answer.text.startswith("Oui") and "article-3" in answer.articles


def test_how_to_change_operator_is_the_management_of_the_contracts(kb):
    # Article 1: the Département manages the telephone and Internet contracts; asking how is no open point.
    found = silence_named(kb, normalise("on veut résilier l'abonnement internet pour passer chez un autre opérateur, "
                                        "comment on fait ?"))
    assert found is None or found.id != "sil-obligation-accord-cadre"


@pytest.mark.parametrize("text", [
    "les coques de protection des tablettes sont fendues, qui nous en rachète ?",
    "il faudrait des sacoches pour les ordinateurs portables des profs, c'est le Département qui les fournit ?",
    "l'antivol du chariot de la classe mobile est cassé, qui le change ?",
])
def test_an_accessory_of_the_equipment_is_a_point_the_text_leaves_open(kb, text):
    # The text names the equipment, never what protects or carries it: no party is put in charge.
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified", answer.text
    assert answer.parties == [] and "accessoires" in answer.text
    assert not answer.text.startswith(("Oui", "Non"))


def test_a_ups_is_said_unnamed_with_what_article_3_says(kb):
    answer = answer_question(kb, "qui remplace l'onduleur du local serveur ?")
    assert answer.kind == "not_specified" and answer.parties == [], answer.text
    assert "ne dit pas" in answer.text and "article-3" in answer.articles and "électricité" not in answer.text


@pytest.mark.parametrize("text", [
    "le chariot de rangement des portables a une roue cassée, qui le remplace ?",
    "les chariots pour les tablettes, qui doit les acheter ?",
    # the tablets are in a relative clause that only describes the cart (the tagger makes them a second subject)
    "Le chariot où on range et recharge les tablettes a une roulette cassée, il ne roule plus droit. Qui le répare ?",
])
def test_a_trolley_is_not_the_equipment_it_carries(kb, text):
    # The text never names a trolley; the equipment in it only says which trolley: no party is put in charge.
    answer = answer_question(kb, text)
    assert answer.parties == [] and answer.kind in ("not_specified", "unknown"), answer.text


@pytest.mark.parametrize("text", [
    "nous voulons créer un site internet pour le collège, qui va l'héberger ?",
    "qui fait vivre le site web du collège, nous ou le Département ?",
])
def test_the_college_website_is_a_point_the_text_leaves_open(kb, text):
    # No article names a website: its hosting is no « service délivré » by the Département (article 4).
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


@pytest.mark.parametrize("text, point", [
    # articles 4 and 10 say who trains the teachers and the personnels of the Éducation nationale, not who pays
    ("qui finance la formation des RUPN ?", "qui finance les formations"),
    ("les formations canopé sont gratuites ?", "qui finance les formations"),
    # the Département's own technicians are no personnels of the Éducation nationale
    ("qui forme les techniciens du Département ?", "qui ne sont pas des personnels"),
    # a loan for an evening: maintenance is assigned, a loan is not
    ("on peut demander au département de nous prêter un vidéoprojecteur pour une soirée ?", "prêté"),
    # the text equips the collèges, not pupils at home
    ("le Département fournit-il des ordinateurs aux élèves pour la maison ?", "élèves"),
    # nor the staff at home; « de chez eux » only says where an account is used (tested in the frame's tests)
    ("le Département fournit-il des ordinateurs aux enseignants pour chez eux ?", "personnels pour leur domicile"),
    # the building's power network, not the computer network of article 2
    ("le réseau électrique a sauté dans tout le collège", "électricité"),
    ("peut-on avoir un agent du département sur place une journée par semaine ?", "personnel informatique"),
    # article 5 has the collège equipped by the Département or buying on its own funds: a gift is neither case
    ("on a reçu un don de 15 ordinateurs d'une entreprise, on peut les installer ?", "reçu en don"),
    # what becomes of old equipment given away is no more said than its disposal
    ("on voudrait donner les vieux PC à une association", "mise au rebut"),
])
def test_points_the_text_leaves_open_name_no_party(kb, text, point):
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [] and point in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "qui assure le matériel s'il est abîmé chez les familles ?",
    "le collège doit-il assurer ses ordinateurs ?",
])
def test_insuring_the_equipment_is_a_point_the_text_leaves_open(kb, text):
    # « assurer » with the equipment as its object insures it: no party of the agreement is named for that.
    answer = answer_question(kb, text)
    assert answer.parties == [] and not answer.text.startswith(("Oui", "Non")), answer.text


@pytest.mark.parametrize("text", [
    # Article 8 gives the « correctifs de sécurité » to the Département, not when they are applied.
    "Quand sont installées les mises à jour de sécurité des postes, la nuit ou en journée ?",
    # Article 1: « une gestion centralisée des télécommunications avec facturation aux collèges »; how often, never.
    "les factures de téléphone arrivent tous les mois ou une fois par an ?",
    "la facturation des télécoms se fait à quelle fréquence ?",
])
def test_when_or_how_often_a_duty_is_done_is_a_value_the_text_does_not_give(kb, text):
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


@pytest.mark.parametrize("text", [
    # « quand » followed by its subject opens a circumstance: the question is who (article 5, scenario 2).
    "Quand le Département refuse et qu'on achète dans le référentiel sur nos fonds, qui installe ?",
    # Who decides how often is asked, not the frequency (article 3: the Département « définit les stratégies de
    # sauvegarde »).
    "qui décide comment nos serveurs sont sauvegardés et à quelle fréquence ?",
])
def test_a_moment_that_only_frames_the_question_keeps_the_party(kb, text):
    answer = answer_question(kb, text)
    assert answer.parties == ["departement"] or "departement" in answer.parties, answer.text
    assert answer.kind != "not_specified", answer.text


@pytest.mark.parametrize("text", [
    "Pour sortir de la convention, il faut prévenir combien de temps avant ?",
    "une sortie de la convention, quel délai de prévenance ?",
])
def test_leaving_the_agreement_is_its_termination_and_its_notice(kb, text):
    # Article 13: « dans un délai de 2 mois avant la résiliation effective ».
    answer = answer_question(kb, text)
    assert "article-13" in answer.articles and "2 mois" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    # Article 11 gives the bodies' members and how often they meet, not how they work.
    "qui rédige le compte rendu des réunions du GTI ?",
    "le groupe de travail informatique vote à la majorité ?",
    # The text ends on « Fait à Niort, le » and the signatures: who keeps the original is not written.
    "qui garde l'original signé de la convention ?",
])
def test_how_the_bodies_work_and_who_keeps_the_original_are_left_open(kb, text):
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [], answer.text
    assert not answer.text.startswith(("Oui", "Non")), answer.text


def test_keeping_is_no_typo_of_consulting_and_a_purchase_invoice_is_no_telecom_bill(kb):
    from knowledge.understanding.frame import understand
    from knowledge.vocabulary import vocabulary_for

    assert "concerter" not in vocabulary_for(kb).detect("qui conserve les vieux PC ?").actions
    frame = understand(kb, "on garde les factures des achats sur fonds propres ?")
    assert "facturation_telecom" not in {s.value for s in frame.subjects}


def test_the_ent_blocked_by_the_filtering_is_the_filtering_s_fault(kb):
    # Article 3: the Académie administers the internet filtering; the ENT's own silence (no line names its support)
    # does not take over a fault the filtering causes.
    answer = answer_question(kb, "le filtrage bloque l'ENT, c'est qui ?")
    assert "academie" in answer.parties and "article-3" in answer.articles, answer.text


def test_a_training_on_the_ent_is_the_training_not_the_ent_s_support(kb):
    # Article 4: the Académie and Canopé train the teachers. The closing « qui s'occupe de quoi ? » asks who takes
    # charge of each part; for the training, that is not the ENT's administration the text leaves open.
    answer = answer_question(kb, "Deux choses : la borne wifi du CDI est morte, et les profs voudraient une "
                                 "formation sur l'ENT. Qui s'occupe de quoi ?")
    second = answer.text.split("\n2. ")[1]
    assert "formation" in second and "Canopé" in second and "ne dit pas" not in second, answer.text


@pytest.mark.parametrize("text", [
    "qui nous fournit les câbles HDMI pour les TNI ?",
    "il faudrait des adaptateurs VGA pour les vieux vidéoprojecteurs, c'est le Département ?",
])
def test_video_leads_are_a_point_the_text_leaves_open_not_the_network_cabling(kb, text):
    # The « câbles » of article 2 are the network's; a video lead is nowhere in the text.
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [] and "article-2" not in answer.articles, answer.text


@pytest.mark.parametrize("text", ["si le collège résilie, le matériel installé reste chez nous ?",
                                  "à la fin de la convention, que deviennent les abonnements ?"])
def test_what_follows_a_termination_is_a_point_the_text_leaves_open(kb, text):
    # Article 13 says how the agreement ends, never what becomes of the equipment or the contracts: no party, no
    # record of installing (it answered with article 5's installation).
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [] and "article-13" in answer.articles, answer.text


def test_taking_back_old_computers_for_a_charity_is_what_becomes_of_them(kb):
    answer = answer_question(kb, "on voudrait récupérer nos vieux ordinateurs pour les donner à une école au Sénégal")
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


def test_which_qualification_lets_an_agent_act_on_the_network_is_open(names_no_party):
    # Article 2: « sauf si qualification agréée et reconnue d'un agent dans un protocole à définir »: which one is not said.
    answer = names_no_party("quelle certification faut-il à notre agent pour toucher à la baie de brassage ?", "not_specified")
    assert "protocole" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "si le Département refuse notre demande de visualiseurs, il est tenu de nous dire pourquoi ?",
    "notre logiciel proposé a été refusé par la DANE, on aura une explication ?",
])
def test_whether_a_refusal_is_explained_is_open(names_no_party, text):
    # Articles 5 and 9 name a refusal (scenario 2, software not validated), never its reasons.
    names_no_party(text, "not_specified")

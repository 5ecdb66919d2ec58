"""Words with two meanings read by their context (issue 11, class 3): the frame's subject and question type.

Examples written for these tests from the agreement text (knowledge/data/convention-cadre-deux-sevres-2017.txt),
never copied from an evaluation file.
"""
from __future__ import annotations

import pytest

from knowledge.answers import answer_question
from knowledge.understanding.frame import understand


@pytest.mark.parametrize("text, qtype", [
    ("qui paie le téléphone de la loge ?", "who"),            # the phone is the thing paid for
    ("le tel de la plateforme, vous l'avez ?", "which_number"),  # the phone is the number asked
])
def test_a_telephone_named_as_a_thing_beside_qui_is_a_who_question(kb, text, qtype):
    assert understand(kb, text).question_type.value == qtype


@pytest.mark.parametrize("text, subject", [
    # Article 8: « logiciels " socles " » (systems, antivirus); article 9: « un socle évolutif de logiciels communs ».
    ("le socle, c'est géré par qui dans la convention ?", None),
    ("le socle évolutif, il sert à quoi ?", "logiciel_pedagogique"),
    ("le socle antivirus des postes est en panne", "logiciels_socles"),
])
def test_socle_alone_has_two_meanings_in_the_agreement(kb, text, subject):
    frame = understand(kb, text)
    if subject is None:
        assert frame.undecided is not None and frame.undecided.word == "socle"
    else:
        assert frame.subject == subject


def test_a_sports_licence_is_school_life_not_software(kb):
    # Article 9's software licences are not a pupil's licence of the school sports association.
    frame = understand(kb, "la licence UNSS des élèves de 4e, c'est le collège qui la paie ?")
    assert frame.out_of_scope == "vie_scolaire" and frame.subject != "logiciel_pedagogique"


@pytest.mark.parametrize("text", [
    "un agent habilité à intervenir sur le réseau, ça existe ?",   # article 2: a qualification, « agréée et reconnue »
    "mon habilitation électrique suffit pour toucher à la baie ?",
])
def test_an_agent_s_qualification_is_not_the_signatories_empowerment(kb, text):
    assert "habilitation" not in [s.value for s in understand(kb, text).subjects]


def test_the_empowerment_to_sign_is_still_understood(kb):
    assert understand(kb, "qui a habilité la principale à signer ?").subject == "habilitation"


@pytest.mark.parametrize("text", ["la borne du préau est éteinte depuis hier", "une borne en plus au foyer, on fait comment ?"])
def test_a_borne_alone_is_asked_back_before_any_line_is_named(kb, text):
    # Article 2's « matériels actifs » take in a Wi-Fi access point; a kiosk or a charging point is no word of the text.
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and not answer.parties, answer.text
    assert {c.label for c in answer.choices} == {"Une borne Wi-Fi (réseau)", "Une autre borne (interactive, de recharge…)"}


def test_a_borne_with_a_wifi_word_is_the_network_and_the_other_button_names_no_one(kb):
    from knowledge.answers import answer_question
    wifi = answer_question(kb, "la borne ne capte plus, les tablettes n'ont plus de réseau")
    assert "departement" in wifi.parties and "article-2" in wifi.articles, wifi.text
    other = answer_question(kb, "Une autre borne (interactive, de recharge…)")
    assert other.kind == "not_specified" and not other.parties, other.text


def test_a_tableau_alone_is_asked_back_and_the_furniture_button_is_declined(kb):
    # An interactive whiteboard is the collège's computer equipment; a whiteboard or a blackboard is furniture, which
    # the agreement does not deal with. « le tableau » alone was « la convention ne mentionne pas « tableau » ».
    from knowledge.answers import answer_question
    asked = answer_question(kb, "le tableau de la salle 9 est HS depuis lundi")
    assert asked.kind == "clarify" and not asked.parties, asked.text
    assert {c.label for c in asked.choices} == {"Un tableau numérique interactif (TNI, TBI)",
                                                "Un tableau blanc ou à craie (mobilier)"}, asked.choices
    furniture = answer_question(kb, "Un tableau blanc ou à craie (mobilier)")
    assert furniture.kind == "out_of_scope" and not furniture.parties, furniture.text
    # A cue settles it; a place in front of the board is no board.
    assert "departement" in answer_question(kb, "en salle 9 le tableau n'affiche plus rien quand je branche le PC").parties
    assert answer_question(kb, "le tableau à craie de la salle 9 est fendu").kind == "out_of_scope"
    assert answer_question(kb, "le rideau devant le tableau est déchiré, qui le remplace ?").kind != "clarify"


def test_a_subscription_alone_is_asked_back_and_the_service_button_names_no_one(kb):
    # Article 1 bills telecom subscriptions (« abonnements Internet ») to the collèges; a subscription to an online
    # service (ENT, textbooks) is assigned by no article.
    from knowledge.answers import answer_question
    asked = answer_question(kb, "l'abonnement, c'est nous qui le réglons ?")
    assert asked.kind == "clarify" and not asked.parties, asked.text
    service = next(c for c in asked.choices if "service en ligne" in c.label)
    clicked = answer_question(kb, service.label)
    assert clicked.kind == "not_specified" and not clicked.parties, clicked.text
    telecom = answer_question(kb, "l'abonnement internet, c'est nous qui le réglons ?")
    assert "article-1" in telecom.articles, telecom.text


def test_every_button_sent_as_its_label_is_read_as_its_own_reading(kb):
    # A reading with no subject is offered as a button whose label is sent back as a message (compose.clarify): that
    # message must not fall back on another reading and name its party (« la facture d'un autre achat » answered
    # with article 1's telecom billing, « un abonnement à un service en ligne » with the telecom contracts).
    from knowledge.answers import answer_question
    from knowledge.understanding.lexicon import lexicon_for
    # (A word with a default reading is never left undecided, so its readings are never offered as buttons: « mise à
    # jour » of something else names no subject, the other words of the message do.)
    for entry in lexicon_for(kb).ambiguous:
        for reading in entry.readings:
            if reading.subject or reading.place or entry.default or not reading.button:
                continue
            answer = answer_question(kb, reading.label)
            assert not answer.parties and answer.kind in ("not_specified", "out_of_scope", "unknown"), \
                (entry.id, reading.id, answer.kind, answer.text)


@pytest.mark.parametrize("text", ["Qui paie les abonnements téléphoniques ?", "les abonnements telecom, c'est qui ?"])
def test_a_plural_or_short_telecom_word_settles_the_subscription(kb, text):
    # With no default reading, the cues must hold the forms people type (found by the web channel's contract test).
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert answer.kind != "clarify" and "article-1" in answer.articles, answer.text


@pytest.mark.parametrize("text", ["qui s'occupe du standard ?", "le standard, c'est l'affaire de qui ?"])
def test_the_standard_alone_is_asked_back(kb, text):
    # « standard » is the switchboard (article 1) or « standard » equipment of the référentiel (article 5): alone,
    # neither is stated as the answer.
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and not answer.parties, answer.text
    assert {c.subject for c in answer.choices} == {"autocommutateur", "referentiel"}


@pytest.mark.parametrize("text, article", [
    ("le standard est muet depuis ce matin, qui s'en occupe ?", "article-1"),
    ("le contrat de maintenance du standard arrive à échéance, c'est à nous de le renouveler ?", "article-1"),
    ("une musique d'attente sur le standard, qui la paie ?", "article-1"),
])
def test_a_word_of_the_switchboard_settles_the_standard(kb, text, article):
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert answer.kind != "clarify" and article in answer.articles, answer.text


def test_the_t_of_an_inversion_is_no_pronoun_of_s_adresser(kb):
    # The heading gives each party's address; « donne-t-elle » is no « t'adresser ».
    from knowledge.answers import answer_question
    answer = answer_question(kb, "Quelle adresse la convention donne-t-elle pour l'Académie de Poitiers ?")
    assert answer.kind == "agreement" and "entete" in answer.articles and "Poitiers" in answer.text, answer.text


@pytest.mark.parametrize("text, declined", [
    # « poste » as a job: staff questions, which the agreement does not treat.
    ("le poste d'AESH n'est toujours pas pourvu, qui doit en nommer un ?", True),
    ("j'aimerais passer à temps partiel sur mon poste l'an prochain, je fais comment ?", True),
    # « le poste de la gestionnaire » is her workstation.
    ("le poste de la gestionnaire ne démarre plus", False),
])
def test_a_post_as_a_job_is_declined_as_staff_matters(kb, text, declined):
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert (answer.kind == "out_of_scope") is declined, answer.text
    assert declined or "departement" in answer.parties


@pytest.mark.parametrize("text", [
    "un parent n'arrive pas à avoir son compte, qui s'en occupe ?",
    # Accounts « bloqués » are users' accounts, not the filter's blocking (« bloqué » is a word of filtering too).
    "plusieurs comptes sont bloqués ce matin, qui les débloque ?",
])
def test_a_parent_or_one_s_own_account_is_a_user_account(kb, text):
    # Article 3: « les collèges ont la charge de la gestion des membres de la communauté éducative (personnels,
    # élèves, parents d'élèves) »; « un parent » (singular) was no cue and the word was asked back.
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert "article-3" in answer.articles and "college" in answer.parties, answer.text


@pytest.mark.parametrize("text", [
    "mon compte ne marche plus depuis ce matin",
    "j'ai un souci de compte, je dois appeler qui ?",
])
def test_one_s_own_account_unnamed_is_asked_back(kb, text):
    # One's own account may be the collège's (article 3: « la gestion des membres de la communauté éducative ») or
    # an Éducation nationale application's, whose support is the Académie's line (article 4): nothing says which.
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and not answer.parties, answer.text
    assert {"comptes_utilisateurs", "services_administratifs"} <= {c.subject for c in answer.choices}, answer.choices


def test_an_education_nationale_application_account_goes_to_the_academie_line(kb):
    answer = answer_question(kb, "mon compte de messagerie académique est bloqué, qui appeler ?")
    assert "academie" in answer.parties and "article-4" in answer.articles, answer.text


@pytest.mark.parametrize("text", ["qui forme les RUPN à l'administration du serveur ?",
                                  "on voudrait une formation sur l'administration des serveurs"])
def test_administration_of_a_thing_is_the_act_not_a_place(kb, text):
    """« l'administration du serveur » is administering it: no office of the collège (a place) is read there."""
    frame = understand(kb, text)
    [ambiguity] = [a for a in frame.ambiguities if a.word == "administration"]
    assert ambiguity.reading is None and ambiguity.how == "act"
    assert "serveur" in {s.value for s in frame.subjects}


@pytest.mark.parametrize("text, article, parties", [
    # « mise à jour » of the system (article 8), by a cue or by default.
    ("qui doit faire les mises à jour de sécurité de windows ?", "article-8", ["departement"]),
    ("qui fait les mises à jour sur les portables de la classe mobile ?", "article-8", ["departement"]),
])
def test_an_update_is_the_systems_unless_another_thing_is_updated(kb, text, article, parties):
    answer = answer_question(kb, text)
    assert answer.articles[:1] == [article] and answer.parties[:1] == parties, answer.text


@pytest.mark.parametrize("text", [
    # Article 7 only checks the ENT's eligibility: who updates what is in it is not settled (no party), and the
    # update is no system update of article 8.
    "Sujet : cahier de textes de l'ENT pas a jour. Qui doit le mettre a jour ?",
    "les menus de la semaine ne sont pas à jour dans l'ENT, qui doit les mettre à jour ?",
])
def test_updating_a_content_of_the_ent_is_its_administration_the_text_leaves_open(kb, text):
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and answer.parties == [] and "ENT" in answer.text, answer.text


def test_reaching_a_line_by_phone_is_the_line_not_the_telephone_equipment(kb):
    """« répondre au téléphone », « par téléphone » say how a line is reached (article 4's « numéro d'appel »):
    the reply was « Pour le téléphone, vous parlez de quoi : fixes ou portables ? »."""
    hours = answer_question(kb, "le rectorat est joignable au telephone jusqu'a 17h30, c'est ca ?")
    assert not hours.choices and hours.text.startswith("Oui") and "17 h 30" in hours.text, hours.text
    assert "article-4" in hours.articles and "academie" in hours.parties, hours.articles
    other_way = answer_question(kb, "je peux signaler un souci au Département autrement que par telephone ?")
    assert "intranet" in other_way.text and "departement" in other_way.parties, other_way.text
    assert not any("portable" in c.label for c in other_way.choices), [c.label for c in other_way.choices]
    # The equipment itself is still the equipment.
    fault = answer_question(kb, "le téléphone fixe de l'accueil ne marche plus, qui s'en occupe ?")
    assert "article-1" in fault.articles and fault.parties[:1] == ["departement"], fault.text


@pytest.mark.parametrize("text", [
    "les licences arrivent à échéance en septembre, on les renouvelle avec qui ?",
    "notre option prend fin, on la renouvelle auprès de qui ?",
])
def test_a_verb_of_the_agreement_s_term_does_not_settle_a_word_with_two_readings(kb, text):
    # « renouveler » is also the agreement's renewal (article 12), but the message does not name the agreement: the
    # thing renewed is the word with two readings, asked back.
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and len(answer.choices) >= 2 and "article-12" not in answer.articles, answer.text


def test_a_word_read_by_the_cue_of_an_undecided_word_decides_nothing(kb):
    # « postes » is read as computers by the cue « logiciel », the very word nothing decides: the equipment
    # request (article 5) would answer a question on a software, which may be pedagogical (article 9).
    answer = answer_question(kb, "un logiciel de cartes pour nos postes, comment on fait la demande ?")
    assert answer.kind == "clarify" and not answer.parties, answer.text
    assert {c.subject for c in answer.choices} >= {"logiciel_pedagogique"}, answer.choices


@pytest.mark.parametrize("text, subject", [
    # « atelier »: a training session of Réseau Canopé (articles 4 and 9), or a room of the collège (the
    # workshops of technology or of the SEGPA), whose cabling is the network's (article 2).
    ("on aimerait faire câbler la salle des ateliers de techno, on s'y prend comment ?", "modification_reseau"),
    ("je voudrais m'inscrire à un atelier sur la prise en main des tablettes", "formation"),
])
def test_atelier_is_a_training_or_a_room(kb, text, subject):
    answer = answer_question(kb, text)
    assert answer.subject == subject, (answer.subject, answer.text)


def test_a_word_of_a_partys_name_has_one_meaning(kb):
    # « l'Atelier Canopé 79 – Niort » follows the agreement (préambule): no workshop, no training asked.
    frame = understand(kb, "c'est bien l'atelier canopé 79 qui suit la convention ?")
    assert not any(a.entry.id == "atelier" for a in frame.ambiguities), frame.ambiguities


@pytest.mark.parametrize("text", [
    "il me faudrait un logiciel de carto pour mes 5e, je m'adresse à qui ?",
    "un logiciel de calcul mental pour les sixièmes, comment on le fait ajouter ?",
])
def test_a_class_level_or_a_school_subject_makes_a_software_pedagogical(kb, text):
    # Article 9: a new pedagogical software is proposed to the DANE's and Canopé's pedagogical referents.
    readings = {a.word: a.reading.subject for a in understand(kb, text).ambiguities if a.reading is not None}
    assert readings.get("logiciel") == "logiciel_pedagogique", readings
    assert "article-9" in answer_question(kb, text).articles


def test_the_application_of_the_agreement_is_no_software(kb):
    # Article 14: « En cas de difficulté d'application de la présente convention … tribunal compétent ». « son
    # application » after the agreement is how it is applied: asked back as a software, the question went unanswered.
    answer = answer_question(kb, "Deux points : comment on sort du partenariat, et qui arbitre si on se fâche avec le "
                                 "CD sur son application ?")
    assert {"article-13", "article-14"} <= set(answer.articles) and not answer.parties, answer.text


def test_the_help_for_an_application_of_the_bourses_is_no_school_life(kb):
    # Article 4: the Académie's support covers « les applications métiers de l'Éducation nationale ». « les applis
    # de gestion » read by their cue name that application, even behind « l'assistance »: the bourses are its own.
    answer = answer_question(kb, "l'assistance pour les applis de gestion comme celle des bourses, on la demande à qui ?")
    assert answer.kind != "out_of_scope" and "academie" in answer.parties and "article-4" in answer.articles, answer.text


def test_an_account_added_for_a_new_staff_member_is_a_user_account(kb):
    # « sur le réseau » only says where the account opens: the collège manages the members (article 3), not the
    # network's modification procedure (article 2).
    answer = answer_question(kb, "ajouter un compte pour le nouveau surveillant sur le réseau pédagogique")
    assert answer.articles == ["article-3"] and answer.parties == ["college"], answer.text


def test_the_cdi_s_documentation_software_is_a_point_the_text_leaves_open(kb):
    # « gestion » made it the Académie's administrative domain: the text names no software of the CDI.
    answer = answer_question(kb, "le logiciel de gestion du CDI doit être mis sur le poste de la documentaliste, c'est qui ?")
    assert answer.kind == "not_specified" and answer.parties == [] and "article-3" not in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "le portable de l'adjoint a la batterie morte, qui le remplace ?",
    # « écran » is also a term of the computers (a monitor): as the portable's own part it settles nothing
    "mon portable a l'écran tout rayé, qui doit le changer ?",
    "l'écran du portable de la CPE est fendu, on fait comment ?",
])
def test_a_part_is_a_phone_s_as_much_as_a_laptop_s(kb, text):
    # « les ordinateurs portables » (the Département's equipment) or « les téléphones mobiles » (article 1: the
    # collège's): a battery or a screen says neither.
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and not answer.parties, answer.text
    assert {"materiel_informatique", "telephone_mobile"} <= {c.subject for c in answer.choices}, answer.choices


def test_a_part_beside_a_word_that_settles_the_reading_keeps_that_reading(kb):
    # « de service »: a work phone (article 1: its renewal is the collège's); the screen is that phone's.
    answer = answer_question(kb, "le portable de service du principal a l'écran cassé, qui le remplace ?")
    assert "college" in answer.parties and "article-1" in answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "le réseau pourrait venir animer une séance sur les tablettes avec ma classe ?",
    "je dois joindre le réseau pour un projet de webradio, c'est qui ?",
])
def test_the_network_said_of_someone_is_asked_back(kb, text):
    # « Réseau » is also how people call Réseau Canopé (articles 9 and 10: training and accompaniment); said of
    # someone who acts or whom the writer contacts, the word is asked, never read as the cabling (article 2).
    answer = answer_question(kb, text)
    assert answer.kind == "clarify" and not answer.parties, answer.text
    assert {"formation", "reseau"} <= {c.subject for c in answer.choices}, answer.choices


@pytest.mark.parametrize("text", ["le réseau ne passe plus au CDI depuis lundi", "Réseau Canopé peut former nos profs ?",
                                  "qui répare le réseau quand il tombe ?"])
def test_the_network_as_a_thing_or_canope_named_is_not_asked_back(kb, text):
    assert answer_question(kb, text).kind != "clarify"


def test_pedago_typed_short_says_the_teaching_software(kb):
    # Article 9: the Département installs the pedagogical software on the workstations.
    answer = answer_question(kb, "les logiciel pedago ki s'en occupe ?")
    assert answer.kind != "clarify" and "article-9" in answer.articles, answer.text

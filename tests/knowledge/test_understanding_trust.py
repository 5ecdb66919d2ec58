"""Issue 11, honesty: what the agreement is silent on is said as such, what it does not cover is declined,
and neither ever names a party, offers a support line or starts a declaration.

The run_eval verdict is reproduced here without a bot: a decline/silent reply must be recognised by one of
run_eval's DECLINE_MARKERS and carry no party in its citation. Examples are written for these tests from
the agreement text, never copied from an eval file.
"""
from __future__ import annotations

import pytest

from knowledge import storage
from knowledge.answers import answer_question
from knowledge.silence_answers import silence_named
from knowledge.understanding.message_checks import declines
from knowledge.understanding.policy import decide
from tests.eval.model import Reply
from tests.eval.scoring import is_declined

GOVERNANCE = "article-11"


def ask(kb, text, now):
    return answer_question(kb, text, now=now)


def reads_as_declined(answer) -> bool:
    """run_eval's view of the reply: declined (marker or kind) and no party in the citation."""
    kinds = [answer.kind] if (answer.articles or answer.parties) else []
    return is_declined(Reply(text=answer.text, parties=list(answer.parties), kinds=kinds)) and not answer.parties


# ------------------------------------------------------------------ out of scope: the decline reads as one
@pytest.mark.parametrize("text", [
    "le plafond du réfectoire goutte depuis l'orage",
    "les radiateurs de l'aile sud restent froids",
    "mon smartphone perso a l'écran fissuré",
    "le car scolaire de la ligne 3 n'est pas venu",
    "les heures sup de septembre manquent sur ma fiche",
    "le micro-ondes de la salle des profs ne chauffe plus",
    "deux chaises de la salle 14 sont cassées",
])
def test_out_of_scope_replies_say_the_agreement_does_not_deal_with_it(kb, monday_10am, text):
    answer = ask(kb, text, monday_10am)
    assert answer.kind == "out_of_scope", answer.text
    # Before issue 11 the replies said « ne relèvent pas … qui ne traite que de … »: no marker, read as missed.
    assert "ne traite pas" in answer.text
    assert reads_as_declined(answer) and answer.choices == []


@pytest.mark.parametrize("text", [
    "incident : le lavabo des toilettes du 1er déborde",
    "la climatisation de la salle de réunion est en panne",
])
def test_a_word_that_names_no_equipment_does_not_keep_a_building_fault_in_scope(kb, monday_10am, text):
    # « incident » reads as the assistance, « réunion » as the governance: neither is equipment.
    decision = decide(kb, text, now=monday_10am)
    assert decision.outcome == "decline", decision.trace
    assert decision.answer.parties == [] and not decision.answer.line


@pytest.mark.parametrize("text", ["le tableau blanc interactif ne s'allume plus", "la table tactile du CDI est en panne",
                                  "chez nous le wifi ne marche plus"])
def test_it_equipment_near_furniture_or_home_words_is_not_declined(kb, monday_10am, text):
    assert decide(kb, text, now=monday_10am).outcome != "decline"


def test_an_equipment_fault_in_a_meeting_room_is_still_answered(kb, monday_10am):
    decision = decide(kb, "le vidéoprojecteur de la salle de réunion est en panne", now=monday_10am)
    assert decision.outcome == "report" and decision.answer.parties


# --------------------------------------------------- silences: the points the text talks around, never settles
@pytest.mark.parametrize("text, silence", [
    ("sous combien de temps un technicien du Département doit-il passer après une panne ?", "sil-delai-intervention"),
    ("les tablettes sont remplacées tous les combien ?", "sil-rythme-renouvellement"),
    ("quel budget annuel pour le numérique des collèges ?", "sil-budget"),
    ("on a droit à combien de postes par classe ?", "sil-quantite-dotation"),
    ("le calendrier des formations au numérique est publié où ?", "sil-calendrier-formations"),
    ("les élèves peuvent-ils brancher leur téléphone sur le réseau du collège ?", "sil-materiel-des-eleves"),
    ("libreoffice est-il installé sur les postes ?", "sil-marques-logiciels"),
    ("quel est le rôle du RUPN dans la convention ?", "sil-missions-rupn"),
    ("qui préside l'instance de concertation ?", "sil-presidence-gouvernance"),
])
def test_a_point_the_text_leaves_open_is_said_so_with_the_governance_pointer(kb, monday_10am, text, silence):
    decision = decide(kb, text, now=monday_10am)
    assert decision.outcome == "silent", decision.trace
    assert silence in " ".join(decision.trace)
    answer = decision.answer
    assert answer.text.startswith("La convention ne dit pas")
    assert answer.parties == [] and answer.yes_no is None and answer.choices == []
    assert GOVERNANCE in answer.articles  # where questions it does not settle go (labelled inference)
    assert "La convention ne le dit pas expressément" in answer.text
    assert reads_as_declined(answer)


def test_the_words_of_a_silence_need_their_companion_word(kb):
    # « tous les combien » alone is no question on renewal: the GTI's frequency is in article 11.
    assert silence_named(kb, "le groupe de travail informatique se reunit tous les combien") is None
    assert silence_named(kb, "les pc sont renouveles tous les combien") is not None


def test_a_question_on_the_2010_agreement_quotes_the_heading_without_the_governance_pointer(kb, monday_10am):
    answer = ask(kb, "la convention de 2017 abroge-t-elle celle de 2010 ?", monday_10am)
    assert answer.kind == "not_specified" and answer.parties == []
    assert answer.articles == ["entete", "preambule"] and "17 mai 2010" in answer.text


@pytest.mark.parametrize("text", [
    "l'électricité du local serveur, c'est bien le Département qui la paie ?",  # a party check
    "le toner du copieur de la vie scolaire est vide, quel numéro appeler ?",  # a support question
    "on nous a volé deux ordinateurs portables, qui les remplace ?",  # « portables » would be asked back
    "un élève a cassé exprès une souris, qui paie ?",
    # a device gone is a loss or a theft, not a maintenance
    "le pc portable de la salle des profs a disparu apres la kermesse, qui doit le racheter ?",
    "La tablette d'un élève est introuvable depuis la sortie, qui paie ?",
])
def test_a_topic_left_open_wins_over_the_equipment_named_beside_it(kb, monday_10am, text):
    decision = decide(kb, text, now=monday_10am)
    assert decision.outcome == "silent", decision.trace
    answer = decision.answer
    assert answer.kind == "not_specified" and answer.parties == [] and answer.line is None
    assert not answer.text.startswith(("Oui", "Non"))
    assert reads_as_declined(answer)


def test_a_question_on_the_equipment_itself_is_still_answered(kb, monday_10am):
    answer = ask(kb, "qui paie les serveurs du collège ?", monday_10am)
    assert answer.kind == "responsibility" and answer.parties == ["departement"]


# ----------------------------------------------------------------------------- class 8: the text itself
def test_the_date_of_signature_names_no_signatory(kb, monday_10am):
    answer = ask(kb, "à quelle date la convention a-t-elle été signée ?", monday_10am)
    assert "laissée en blanc" in answer.text and "Niort" in answer.text
    assert answer.parties == []  # before: the whole signature block, four parties in the citation


def test_who_signed_still_names_the_signatories(kb, monday_10am):
    answer = ask(kb, "qui a signé la convention pour l'Académie ?", monday_10am)
    assert "BISAGNI-FAURE" in answer.text and answer.parties == ["academie"]


def test_the_reference_using_the_questions_own_words_beats_the_party_named(kb, monday_10am):
    # « Conseil départemental » names the Département, whose habilitation term (23 janvier 2017) used to win.
    answer = ask(kb, "à quelle date le Conseil départemental a-t-il délégué ses attributions à la Commission "
                     "permanente ?", monday_10am)
    assert "2 avril 2015" in answer.text and answer.articles == ["entete", "preambule"]


# ------------------------------------------------------------------ the action layer's check before a form
@pytest.mark.parametrize("text, expected", [
    ("fuite d'eau sous l'évier de la salle des profs", True),
    ("l'ordinateur de mon fils à la maison ne démarre plus", True),
    ("coupure de courant électrique dans tout le bâtiment C", True),
    ("le vidéoprojecteur de la salle 4 ne s'allume plus", False),
    ("le wifi ne marche plus au CDI", False),
])
def test_declines_tells_the_action_layer_not_to_open_a_declaration(kb, text, expected):
    assert declines(kb, text) is expected


# ---------------------------------------------------------------------------------------------- trace
@pytest.mark.parametrize("kwargs", [{"text": "qui installe le vidéoprojecteur ?"},
                                    {"text": "", "subject": "videoprojecteur", "action": "installer"},
                                    {"text": "qui installe le vidéoprojecteur ?", "understand": False}])
def test_every_answer_carries_a_trace(kb, monday_10am, kwargs):
    answer = answer_question(kb, now=monday_10am, **kwargs)
    assert answer.trace and all(isinstance(step, str) and step for step in answer.trace)


# ------------------------------------------------------------------------------------------- storage
def test_silences_found_by_their_words_survive_the_database(kb, tmp_path):
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    try:
        storage.write(kb, engine)
        stored = storage.read(engine)
    finally:
        engine.dispose()
    assert stored.silences == kb.silences
    assert silence_named(stored, "dans quel delai le departement doit il intervenir delai d intervention")


def test_a_word_inside_an_idiom_does_not_put_the_message_out_of_scope(kb, monday_10am):
    # « portes ouvertes » is an open day, not a door: article 4's Département line is closed on Saturdays.
    answer = answer_question(kb, "le jour des portes ouvertes tombe un samedi : si j'ai un souci, le support du "
                                 "Département répond ?", now=monday_10am)
    assert answer.text.startswith("Non.") and "article-4" in answer.articles, answer.text
    # « avant les vacances » is a moment, not school life: a repair with no equipment named is asked back.
    answer = answer_question(kb, "Objet : réparation urgente à faire avant les vacances svp", now=monday_10am)
    assert answer.kind != "out_of_scope" and len(answer.choices) >= 2, answer.text


def test_a_door_alone_is_still_a_building(kb, monday_10am):
    assert decide(kb, "la porte de la salle informatique ne ferme plus à clé", now=monday_10am).outcome == "decline"


def test_a_word_inside_an_idiom_names_no_topic_of_the_agreement(kb):
    # « avoir lieu » says that something happens: the question is not where the agreement was signed (« Fait à
    # Niort », signature block), whose topic « lieu » names in message_kinds.yml.
    answer = answer_question(kb, "La commission dont parle la convention, elle a lieu quand ?")
    assert "signatures" not in answer.articles and "Niort" not in answer.text, answer.text
    # The place of signature is still found when it is asked.
    answer = answer_question(kb, "la signature de la convention a eu lieu où ?")
    assert "signatures" in answer.articles and "Niort" in answer.text, answer.text


@pytest.mark.parametrize("text", [
    "c'est dans quelle ville que les partenaires ont paraphé ce texte ?",
    "les signataires ont signé à quel endroit ?",
])
def test_where_the_agreement_was_signed_is_the_signature_block(kb, text):
    # « Fait à Niort, le » (signature block): the place asked beside a word of signing, whoever else is named.
    answer = answer_question(kb, text)
    assert "signatures" in answer.articles and "Niort" in answer.text, answer.text


def test_a_town_asked_without_signing_is_not_the_place_of_signature(kb):
    answer = answer_question(kb, "le collège Jean Donnet, il est dans quelle ville ?")
    assert "Niort" not in answer.text, answer.text


def test_the_mount_of_a_projector_is_the_projector_not_the_support_line(kb):
    # « support » is article 4's assistance, but « le support mural » of a projector is the projector's mount, whose
    # physical installation article 5 gives to the collège (with the Département's technical validation first).
    answer = answer_question(kb, "le support mural du vidéoprojecteur de la salle 3 s'est décroché, c'est à nous "
                                 "de le refixer ?")
    assert "article-5" in answer.articles and "college" in answer.parties, answer.text
    assert not answer.text.startswith("Non"), answer.text


def test_the_setting_up_of_a_software_is_not_the_network_it_runs_on(kb):
    # Article 9: the Académie, through Réseau Canopé, « a la charge de la formation et du paramétrage spécifiques »
    # of pedagogical software; the network named as where it runs is a side word (« paramétrage » and « MAO » are
    # cues of the pedagogical reading of « logiciel », ambiguous_words.yml).
    answer = answer_question(kb, "le logiciel de MAO demande un paramétrage pour tourner sur le réseau, c'est qui ?")
    assert "article-9" in answer.articles and "canope" in answer.parties, answer.text


def test_a_security_audit_is_a_point_the_text_leaves_open(kb):
    # No article speaks of an audit: article 3 only says who pays for the security equipment, and article 2's
    # prohibition on the collège working on the network says nothing of who audits it.
    answer = answer_question(kb, "on voudrait un audit de sécurité du réseau du collège, qui le réalise ?")
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert "article-3" in answer.articles, answer.articles


def test_a_synonym_of_accompanying_is_the_accompaniment_the_text_gives(kb):
    # Article 10: « l'Éducation nationale et Réseau CANOPÉ accompagnent les collèges … sur les aspects juridiques »;
    # « épauler » says the same, and is no act the text leaves unsettled.
    answer = answer_question(kb, "l'Éducation nationale peut-elle nous épauler sur les aspects juridiques du numérique ?")
    assert "article-10" in answer.articles and "academie" in answer.parties, answer.text
    assert "ne précise pas" not in answer.text, answer.text


def test_software_deployed_on_the_computers_is_software_installed_there(kb):
    # Article 9: the Département « en assure l'installation sur les postes de travail »; deploying software on the
    # computers is that installation (message_kinds.yml coverage.implied_by), not a point the text leaves open.
    answer = answer_question(kb, "les logiciels pédagogiques validés, c'est le Département qui les déploie sur nos postes ?")
    assert answer.text.startswith("Oui") and "article-9" in answer.articles, answer.text


def test_the_platform_is_an_assistance_channel_not_a_training(kb):
    # Article 4: « Plate-forme téléphonique … 05.16.52.66.86 » for the administrative services; the « forme » of
    # « plate-forme » is no « former » (training), which led to the accompaniment line, which has no number.
    answer = answer_question(kb, "redonnez-moi le numéro de la plate-forme de l'académie pour les applications "
                                 "administratives")
    assert "05.16.52.66.86" in answer.text and "ne précise pas" not in answer.text, answer.text


def test_the_teachers_called_profs_are_the_teachers_the_text_names(kb):
    # Article 4: Canopé and the Académie assure « la formation des enseignants »; « les profs » are those teachers
    # (vocabulary.yml synonyms), so the closed question gets the « Oui » the wording « les enseignants » gets.
    answer = answer_question(kb, "Canopé forme-t-il les profs ?")
    assert answer.text.startswith("Oui") and "article-4" in answer.articles, answer.text


def test_a_number_asked_of_a_service_inside_a_party_is_not_given(kb):
    # Article 4 gives a line to the Académie (« plate-forme téléphonique … 05.16.52.66.86 ») for its administrative
    # services, none to the DANE: its number is not in the text, and no line is presented as the DANE's own.
    answer = answer_question(kb, "la DANE, il y a un numéro pour les joindre directement ?")
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert answer.text.startswith("La convention ne précise ni numéro ni horaires propres à « Délégation"), answer.text
    assert "05.16.52.66.86" in answer.text and "article-4" in answer.articles, answer.text


def test_how_to_reach_a_line_without_a_number_is_what_the_text_does_not_give(kb):
    # Article 4 gives the pedagogical accompaniment to the Académie and Canopé (« accompagnement des établissements et
    # formation des enseignants ») but no number nor hours: asked how to reach it, that is the answer, and no party
    # is designated as the one to call. « je contacte qui ? » still asks who: the parties are then the answer.
    reach = answer_question(kb, "Comment joindre directement les référents numériques de la DANE ?")
    assert reach.kind == "not_specified" and not reach.parties, reach.text
    assert "ne donne ni numéro ni horaires" in reach.text and "article-4" in reach.articles, reach.text
    who = answer_question(kb, "j'ai besoin d'aide pour utiliser les tablettes en classe, je contacte qui ?")
    assert {"academie", "canope"} <= set(who.parties) and "article-4" in who.articles, who.text


@pytest.mark.parametrize("text, named", [
    # The signature block (after article 14): « Pour le Président du Conseil départemental et par délégation, la
    # Vice-présidente, Rose-Marie NIETO »; Canopé's line names M. Jean-Marc MERRIAUX.
    ("En bas de la dernière page, quelle personne signe au nom du Département ?", "NIETO"),
    ("le nom de la personne qui signe pour Canopé ?", "MERRIAUX"),
    # A person party to the agreement for a signatory is who signed for it.
    ("côté Canopé, quelle personne est partie à l'accord ?", "MERRIAUX"),
])
def test_a_person_asked_with_a_verb_of_signing_is_the_signature_block(kb, text, named):
    answer = answer_question(kb, text)
    assert named in answer.text and "signatures" in answer.articles and answer.kind == "agreement", answer.text


def test_the_representative_asked_beside_signing_is_not_the_signature_block(kb):
    # « Qui représente … » asks the preamble's representative, not who signs at the end.
    answer = answer_question(kb, "Qui représente le collège signataire dans la convention ?")
    assert "Fauquembergue" not in answer.text, answer.text


def test_the_earlier_agreement_asked_as_what_it_replaces(kb):
    # The heading's « Vu » cites the deliberation of 17 May 2010 on the earlier partnership agreement.
    answer = answer_question(kb, "la convention remplace laquelle ?")
    assert "2010" in answer.text and "entete" in answer.articles, answer.text


def test_which_colleges_the_agreement_binds_is_not_its_duration(kb):
    # « s'applique à quels collèges » asks who is bound (the heading's collège), not since when (article 12).
    answer = answer_question(kb, "la convention s'applique à quels collèges ?")
    assert "article-12" not in answer.articles and "Lezay" in answer.text, answer.text


@pytest.mark.parametrize("text, lead, article", [
    # « le CD » is how people write the Conseil départemental, the Département (parties.yml aliases). Article 1:
    # the Département « fournit les autocommutateurs et les téléphones et les renouvelle en cas de panne »;
    # article 4: the Académie and Canopé train the teachers.
    ("c'est le CD qui renouvelle les téléphones fixes en panne ?", "Oui", "article-1"),
    ("le CD forme les profs au numérique ?", "Non", "article-4"),
])
def test_the_cd_is_the_departement(kb, text, lead, article):
    answer = answer_question(kb, text)
    assert answer.text.startswith(lead) and article in answer.articles, answer.text


def test_to_define_a_policy_is_no_definition_asked(kb):
    # « définir » is article 3's act (« le Département des Deux-Sèvres définit les stratégies de sauvegarde »), not a
    # request for the meaning of a word the message names (« RUPN »).
    answer = answer_question(kb, "je suis le nouveau RUPN : la stratégie de sauvegarde, c'est au collège de la définir ?")
    assert answer.text.startswith("Non") and "article-3" in answer.articles, answer.text

"""Issue 11, the structural check: an answer names a party only when its record covers what is asked.

A question that turns on a verb or a thing the knowledge base has no word for, beside a subject it knows,
gets « la convention ne précise pas », the nearest record quoted as context (its article, no party), and the
governance pointer; a question every word of which is known keeps its answer. Examples written for these
tests from the agreement text, never copied from an eval file.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.asked_acts import asked_action
from knowledge.understanding.coverage import gap

GOVERNANCE = "article-11"


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # a Wednesday morning: every line open


@pytest.mark.parametrize("text, word, role", [
    ("qui dépoussière les claviers de la salle techno ?", "dépoussière", "action"),
    ("c'est à qui de désinfecter les claviers du CDI ?", "désinfecter", "action"),
    ("qui change l'ampoule du vidéoprojecteur de la salle 3 ?", "ampoule", "thing"),
    ("le papier de l'imprimante du CDI, qui le paie ?", "papier", "thing"),
    # « recharge » is a word of the fault phrase « ne se recharge plus » only: no typo of « recharger ».
    ("qui doit recharger les ordinateurs portables chaque soir ?", "recharger", "action"),
    # A pronoun object takes up the thing named before: « … la sacoche … Qui doit la remplacer ? ».
    ("La sacoche du portable de la principale est déchirée. Qui doit la remplacer ?", "sacoche", "thing"),
    # The « qui » of a relative clause on a noun is not the question when another « qui » asks.
    ("Les housses qui protègent les tablettes, c'est qui qui doit les acheter ?", "housses", "thing"),
    ("Au CDI, qui est censé dépoussiérer les claviers ?", "dépoussiérer", "action"),
    # « qui la change ? »: the tagger reads « la change » as a noun; « la » still takes up the subject before.
    ("la serrure de l'armoire des tablettes est forcée, qui la change ?", "serrure", "thing"),
    # « venir » carries the act (« qui vient le réparer ? »), and the thing it takes up is told in the story, beside
    # the known thing.
    ("Le rideau de la salle informatique est coincé, on ne voit plus l'écran. Qui vient le réparer ?", "rideau", "thing"),
    # The pronoun takes up what was named before, not the verb's own subject (« le Département »).
    ("La housse de la tablette de la principale est déchirée. Le Département la remplace-t-il ?", "housse", "thing"),
    # « c'est à nous de … ? »: the infinitive after « de » is the act asked, not « être »; « le numéro d'inventaire »
    # asks no phone number.
    ("Les étiquettes du numéro d'inventaire sur les PC neufs, c'est à nous de les coller ?", "coller", "action"),
    # « qui » is the subject of the verb asked, though the parser hangs its clause on the purpose before it.
    ("Pour faire entrer un nouveau logiciel au referentiel, qui redige la fiche de demande ?", "redige", "action"),
])
def test_a_word_the_base_does_not_know_beside_a_known_subject_is_a_gap(kb, text, word, role):
    found = gap(kb, text)
    assert found is not None, text
    assert (found.word, found.role) == (word, role)


@pytest.mark.parametrize("text", [
    "qui installe le vidéoprojecteur de la salle 3 ?",
    "qui assure la maintenance des tableaux numériques ?",   # « assurer » carries the noun « maintenance »
    "qui organise les formations sur les logiciels pédagogiques ?",  # « formations » names the action
    "qui s'occupe du filtrage internet ?",
    "le collège peut-il acheter des tablettes sur ses fonds propres ?",
    "qui gère les comptes des élèves ?",
    "qui pese les cartons ?",  # nothing known beside the unknown words: left to the composer
    # A word between brackets is no antecedent; « le » of « je le signale » is the whole fact.
    "Dans la salle 2 la prise réseau est arrachée (le cache a sauté). C'est à qui de la changer ?",
    "la baie de brassage est dans le local ménage et l'humidité l'abîme, à qui je le signale ?",
    "qui installe en cours d'annee les logiciels pedagogiques ?",  # « en cours d'année » says when, no thing
])
def test_known_words_or_nothing_known_make_no_gap(kb, text):
    assert gap(kb, text) is None


def test_a_thing_taken_up_by_a_pronoun_is_quoted_inside_the_reply(kb, now):
    # (A sacoche was the example until accessories became a topic of their own, subjects.yml `accessoires`.)
    answer = answer_question(kb, "Le pied de l'écran interactif de la salle 3 est fendu. Qui doit le remplacer ?", now=now)
    assert answer.kind == "not_specified"
    assert answer.parties == []
    assert answer.text.startswith("La convention ne précise pas qui prend en charge le pied de l'écran interactif")


@pytest.mark.parametrize("text, article", [
    ("qui doit désinfecter les claviers de la salle techno ?", None),
    ("Les étiquettes du numéro d'inventaire sur les PC neufs, c'est à nous de les coller ?", "article-6"),
    ("qui change l'ampoule du vidéoprojecteur de la salle 3 ?", "article-5"),
])
def test_an_uncovered_question_names_no_party_and_says_the_text_does_not_settle_it(kb, now, text, article):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified"
    assert answer.parties == []
    assert answer.text.startswith("La convention ne précise pas qui ")
    assert "Ce qu'elle dit de plus proche" in answer.text
    assert GOVERNANCE in answer.articles
    if article:
        assert article in answer.articles
    assert any(line.startswith("couverture : ") for line in answer.trace)


def test_the_nearest_record_is_quoted_verbatim_with_its_article(kb, now):
    answer = answer_question(kb, "qui change l'ampoule du vidéoprojecteur de la salle 3 ?", now=now)
    record = next(o for o in kb.obligations if o.id == answer.obligations[0])
    assert answer.quote == record.source
    assert record.section in answer.articles
    # The record is context, not the answer: its party is in the sentence, never in the citation.
    assert "vidéoprojecteur" in answer.text


@pytest.mark.parametrize("text, party, article", [
    ("qui installe le vidéoprojecteur de la salle 3 ?", "college", "article-5"),
    ("qui administre le filtrage internet ?", "academie", "article-3"),
    ("qui fournit les autocommutateurs ?", "departement", "article-1"),
])
def test_a_covered_question_keeps_its_party_and_article(kb, now, text, party, article):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "responsibility"
    assert party in answer.parties and article in answer.articles
    assert not any(line.startswith("couverture : ") for line in answer.trace)


def test_a_problem_report_is_not_narrowed(kb, now):
    # A fault is routed to a line, whatever its words: the coverage check is for questions only.
    answer = answer_question(kb, "l'ampoule du vidéoprojecteur de la salle 3 a grillé", now=now)
    assert answer.kind != "not_specified" or "ne précise pas qui prend en charge l'ampoule" not in answer.text


def test_training_personnels_is_not_the_departements(kb, now):
    # Article 10: the Éducation nationale and Canopé train its personnels; the Département is not named for it.
    answer = answer_question(kb, "le Département doit-il former les secrétaires aux ordinateurs ?", now=now)
    assert answer.yes_no != "oui" and "departement" not in answer.parties, answer.text


@pytest.mark.parametrize("text, asked", [
    ("les vidéoprojecteurs ont 10 ans, qui les remplace ?", "renouveler"),
])
def test_a_verb_the_record_does_not_carry_gets_not_specified(kb, now, text, asked):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and answer.parties == []
    assert answer.text.startswith("Je ne trouve pas dans la convention qui doit ")
    assert any(f"« {asked} »" in line for line in answer.trace)


@pytest.mark.parametrize("text", [
    # The predicate asks who is in charge; « administratif » is no verb of the question.
    "les besoins informatiques du domaine administratif, qui les assure ?",
    # The record carries the action asked.
    "qui maintient les logiciels socles ?",
])
def test_a_question_whose_verb_the_record_carries_keeps_its_answer(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "responsibility" and answer.parties


def test_a_number_checked_for_a_subject_is_compared_with_that_subject_s_line(kb, now):
    answer = answer_question(kb, "pour une panne du réseau j'appelle bien le 05.16.52.66.86 ?", now=now)
    assert answer.text.startswith("Non")
    assert "departement" in answer.parties and "05.49.06.63.60" in answer.text


def test_how_long_before_terminating_is_the_notice_not_the_term(kb, now):
    answer = answer_question(kb, "il faut prévenir combien de temps avant pour résilier ?", now=now)
    assert answer.articles == ["article-13"] and "2 mois" in answer.text


def test_a_who_question_beside_a_fault_is_checked_too(kb, now):
    # The fault alone goes to its line (test_a_problem_report_is_not_narrowed); the question asked beside it
    # turns on « l'ampoule », which the agreement does not speak of.
    answer = answer_question(kb, "le vidéoprojecteur de la salle 4 a grillé, qui paie l'ampoule du vidéoprojecteur ?",
                             now=now)
    assert answer.kind == "not_specified" and answer.parties == []
    assert "ne précise pas qui prend en charge l'ampoule du vidéoprojecteur" in answer.text


@pytest.mark.parametrize("text", ["rien ne fonctionne !!!", "c'est en panne depuis hier", "et ça, qui le paye ?"])
def test_a_message_naming_nothing_asks_back_with_the_main_subjects(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "unknown"  # still logged among the unanswered questions
    assert answer.parties == [] and answer.articles == []
    assert 2 <= len(answer.choices) <= 4
    assert all(choice.subject in kb.subjects for choice in answer.choices)
    # A fault asks which equipment (then who handles it); anything else asks what it is about.
    assert "s'agit-il ?" in answer.text


def test_a_count_the_agreement_does_not_give_is_not_answered_by_its_overview(kb, now):
    answer = answer_question(kb, "la convention dit combien d'informaticiens travaillent pour les collèges ?", now=now)
    assert answer.kind == "not_specified" and answer.parties == []
    assert answer.text.startswith("La convention ne précise pas ce point.")
    # What the agreement is, asked in general, still gets its overview.
    overview = answer_question(kb, "c'est quoi cette convention ?", now=now)
    assert overview.kind == "agreement" and "article-12" in overview.articles


def test_another_party_s_duty_is_no_non_to_a_permission(kb, now):
    # The Département's duty to equip the collèges forbids the collège nothing: no « Non » from that record.
    answer = answer_question(kb, "il nous reste du budget, on a le droit de nous offrir quinze tablettes ?", now=now)
    assert answer.yes_no != "non" and not answer.text.startswith("Non")


def test_an_unknown_person_asked_about_keeps_the_verb_in_the_reply(kb, now):
    # « familles » is no word of the agreement; what is asked is who trains them, not who « takes charge » of them.
    answer = answer_question(kb, "qui forme les familles à se servir de l'ENT ?", now=now)
    assert answer.text.startswith("La convention ne dit pas qui forme les personnes qui ne sont pas des personnels")
    assert not answer.parties


@pytest.mark.parametrize("text, point", [
    ("qui paie les frais de livraison quand on commande un écran ?", "les frais de livraison"),  # a cost of a thing
])
def test_a_cost_is_checked_on_what_it_is_of(kb, now, text, point):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert f"qui prend en charge {point}." in answer.text, answer.text


@pytest.mark.parametrize("text, party", [
    # Colloquial wording is no point the text leaves open: « censé » carries no action of its own, « est
    # tombé », « fait des siennes », « ne boote plus » report a fault.
    ("c'est qui qui est censé former les profs au numérique ?", "academie"),
    ("le réseau du bâtiment B est tombé, plus rien ne passe", "departement"),
    ("le PC de la vie scolaire ne boote plus", "departement"),
])
def test_colloquial_words_are_no_gap(kb, now, text, party):
    answer = answer_question(kb, text, now=now)
    assert answer.kind != "not_specified" and party in answer.parties, answer.text


def test_past_censé_the_infinitive_is_what_is_asked(kb):
    """« qui est censé dépoussiérer les écrans ? »: the verb asked is « dépoussiérer », which the agreement never
    uses, not « censé »."""
    answer = answer_question(kb, "qui est censé dépoussiérer les écrans des ordinateurs ?")
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


def test_a_who_question_read_as_a_request_is_checked_too(kb):
    """NLU may take « il faut dépoussiérer les écrans, c'est qui ? » for a request: the procedure for
    equipment does not answer a verb the agreement never uses."""
    answer = answer_question(kb, "il faut dépoussiérer les écrans de la salle info, c'est qui ?", intent="ask_procedure")
    assert answer.kind == "not_specified" and answer.parties == [], answer.text


# ------------------------------------------------------------------ the nearest readings offered as buttons

@pytest.mark.parametrize("text, first, reached", [
    # Article 5: « Pour les vidéoprojecteurs, le collège assure l'installation physique ».
    ("qui doit dépoussiérer les vidéoprojecteurs ?", ("videoprojecteur", "installer"), ("college", "article-5")),
    # Article 2: the Département « prend en charge l'infrastructure réseau et télécom dans toutes ses composantes ».
    ("qui doit repeindre la baie de brassage ?", ("reseau", "gerer"), ("departement", "article-2")),
])
def test_a_question_no_record_covers_offers_the_nearest_readings(kb, now, text, first, reached):
    """The silence may be the bot's misreading of a paraphrase: the reply asks back with the nearest record's
    reading first, and that button reaches the record, its party and its article."""
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "not_specified" and answer.parties == []
    assert 2 <= len(answer.choices) <= 3
    assert (answer.choices[0].subject, answer.choices[0].action) == first
    assert len({(c.subject, c.action) for c in answer.choices}) == len(answer.choices)
    assert answer.text.endswith("choisissez-le :")
    chosen = answer_question(kb, text, subject=first[0], action=first[1], intent="ask_responsibility", now=now)
    assert (chosen.parties, chosen.articles) == ([reached[0]], [reached[1]])


def test_every_action_has_a_button_label(kb):
    from knowledge.understanding.lexicon import lexicon_for
    labels = lexicon_for(kb).reading_labels
    assert set(labels) == set(kb.actions) and all(label[:1].isupper() for label in labels.values())


def test_the_general_context_settles_no_particular_point(kb, now):
    # The context (« Le Département a la charge des collèges, il en assure l'équipement… ») is a duty in general:
    # a wheel of the mobile class is no point it settles, so no party is named.
    answer = answer_question(kb, "La classe mobile a une roue voilée. Qui doit en racheter une ?", now=now)
    assert answer.kind == "not_specified" and answer.parties == []
    assert "contexte" in answer.articles and "Ce qu'elle dit de plus proche" in answer.text


@pytest.mark.parametrize("text", [
    "qui assure la maintenance des matériels informatiques des collèges ?",  # the context's own words
    "de façon générale, qui a la charge des équipements des collèges ?",    # asked in general
    "qui fournit les ordinateurs des salles de classe ?",                  # plainly asked, one of its acts
])
def test_the_general_context_still_answers_a_general_question(kb, now, text):
    answer = answer_question(kb, text, now=now)
    assert answer.articles[:1] == ["contexte"] and answer.parties == ["departement"]


def test_the_verb_that_asks_decides_not_one_told_before_it(kb):
    # Article 4 gives the Département's « intranet de déclaration d'incident avec suivi en ligne », nothing on editing
    # a declaration: « déclaré » only tells when; the question is whether one may change it.
    answer = answer_question(kb, "une fois la panne déclarée sur l'intranet du Département, on peut la modifier ensuite ?")
    assert answer.kind == "not_specified" and not answer.parties, answer.text
    assert "article-4" in answer.articles, answer.text


def test_ca_takes_up_the_action_told_before(kb):
    # Article 4: the Académie and Canopé train teachers in pedagogical uses; « ça » is that training.
    answer = answer_question(kb, "je voudrais être formé à l'usage pédagogique des tablettes, qui propose ça ?")
    assert {"academie", "canope"} <= set(answer.parties), answer.text


@pytest.mark.parametrize("text, party, article", [
    # Article 7: « le Département … vérifie l'éligibilité technique »; « le côté technique » is that eligibility.
    ("pour notre futur ENT, le côté technique de l'éligibilité, c'est vérifié par qui ?", "departement", "article-7"),
    # Article 10: the Éducation nationale and Canopé « accompagnent … sur les aspects juridiques des TICE ».
    ("Canopé nous aide aussi sur le côté juridique des usages numériques ?", "canope", "article-10"),
])
def test_cote_names_no_thing_of_its_own(kb, now, text, party, article):
    answer = answer_question(kb, text, now=now)
    assert answer.kind == "responsibility" and party in answer.parties and article in answer.articles, answer.text


def test_the_general_context_settles_no_particular_point_whichever_step_found_it(kb, now):
    # The understanding step itself (not only the older composer) found the context for a bill after the
    # Département's approval: a duty in general, no party named as the one who pays this bill.
    answer = answer_question(kb, "Le Département a donné son feu vert pour nos 10 tablettes supplémentaires : qui règle "
                                 "la facture ?", now=now)
    assert answer.kind == "not_specified" and answer.parties == [] and "contexte" in answer.articles, answer.text


def test_the_context_plainly_checked_for_its_own_party_is_stated(kb):
    # Contexte: « l'acquisition et la maintenance … des matériels informatiques … sont à la charge du Département ».
    # The question checks that party, act and thing: « Je ne trouve pas ce point » was said.
    answer = answer_question(kb, "le Département fait-il la maintenance des PC du collège ?")
    assert answer.kind == "responsibility" and answer.parties == ["departement"], answer.text
    assert "maintenance" in answer.text and "Je ne trouve pas" not in answer.text


def test_a_purchase_on_our_budget_to_report_is_article_6(kb):
    # Article 6: after a purchase on own funds within the référentiel, the collège declares it for the inventory.
    answer = answer_question(kb, "on a acheté 3 vidéoprojecteurs avec notre budget dans le référentiel, faut-il le "
                                 "signaler ?")
    assert answer.articles[0] == "article-6" and "inventaire" in answer.text, answer.text


def test_a_filler_word_is_no_thing_of_the_act_asked(kb):
    # « au final » says « in the end »: the point asked is « qui doit décider », not « décider final ».
    action, point = asked_action(kb, "les logiciels du socle, c'est decide par qui au final ?")
    assert action == "decider" and point.point == "doit décider"


@pytest.mark.parametrize("text", [
    # « qui a le droit de les consulter ? »: the act asked is « consulter », on the thing taken up; the logs of a
    # firewall or of the wifi are no word of the agreement, whose records on security equipment or on the network
    # (articles 2 and 3) would otherwise be stated as the answer.
    "les journaux du pare-feu, qui a le droit de les consulter ?",
    "les relevés de connexion du wifi, qui a le droit de les consulter ?",
])
def test_who_may_act_on_a_thing_the_text_does_not_name_is_not_answered_by_a_nearby_record(kb, text):
    answer = answer_question(kb, text)
    assert answer.kind == "not_specified" and not answer.parties, answer.text

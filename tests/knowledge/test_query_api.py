"""Questions people ask, answered through ``knowledge.query`` and ``knowledge.answers``: right party, right article."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pytest

from knowledge import query
from knowledge.answers import Answer, Context, answer_question
from knowledge.normalise import normalise

DATA_BUG = "data bug, see the report of tests/knowledge: "


def ask(kb, text: str, now, **kwargs) -> Answer:
    return answer_question(kb, text, now=now, **kwargs)


@dataclass(frozen=True)
class Case:
    question: str
    parties: tuple[str, ...]            # the answer's parties must include these…
    article: Optional[str]              # …and its articles this section (None: no article at all)
    says: tuple[str, ...] = ()          # phrases the French text must contain (accent-insensitive)
    kind: str = "responsibility"
    first_party: Optional[str] = None   # the main record's first party, when the order matters
    exactly: bool = False               # parties must be exactly ``parties``


CASES = [
    # Article 5: video projectors, installed by the collège after the Département's technical validation.
    Case("Qui installe le vidéoprojecteur ?", ("college",), "article-5", ("installation physique",
         "validation technique", "Département"), first_party="college"),
    Case("qui vient poser le vidéoprojecteur au plafond de la salle 12 ?", ("college",), "article-5",
         first_party="college"),
    Case("Qui installe les VP ?", ("college",), "article-5", first_party="college"),
    Case("ki installe le projo", ("college",), "article-5", first_party="college"),
    # « pas fixé »: the installation is not done, no fault of the projector.
    Case("2 soucis : le vidéoprojecteur de la salle 6 est arrivé mais pas encore fixé, et en plus le switch du CDI ne "
         "marche plus. Qui fait quoi ?", ("college", "departement"), None, ("installation physique",), kind="support"),
    Case("qui installe le videoprojecteur", ("college",), "article-5", first_party="college"),
    # Article 1: telephony.
    Case("Qui paie les téléphones portables ?", ("college",), "article-1", ("collège",), first_party="college",
         exactly=True),
    Case("ki paye les smartphone", ("college",), "article-1", first_party="college"),
    Case("qui achète les smartphones du collège ?", ("college",), "article-1", first_party="college"),
    Case("qui paie les téléphones fixes ?", ("departement",), "article-1", first_party="departement"),
    Case("qui fournit le standard téléphonique ?", ("departement",), "article-1", ("autocommutateurs",),
         first_party="departement"),
    Case("qui paye les options du PABX ?", ("college",), "article-1", ("options",), first_party="college"),
    # Articles 2 and 3: network, servers, backups, security, filtering.
    Case("qui s'occupe de la baie de brassage ?", ("departement",), None, first_party="departement"),
    Case("qui achète les serveurs ?", ("departement",), "article-3", first_party="departement"),
    Case("Qui définit les sauvegardes ?", ("departement",), "article-3", ("stratégies de sauvegarde",),
         first_party="departement"),
    Case("qui décide de la stratégie de backup ?", ("departement",), "article-3", first_party="departement"),
    Case("qui finance le pare-feu ?", ("departement",), "article-3", first_party="departement"),
    Case("Qui s'occupe du filtrage internet ?", ("academie",), "article-3", ("filtrage",),
         first_party="academie", exactly=True),
    Case("qui gere le filtrge internet", ("academie",), "article-3", first_party="academie"),
    Case("qui crée les comptes des élèves ?", ("college",), "article-3", first_party="college"),
    # Article 5: own-funds purchase outside the référentiel (scenario 3).
    Case("On a acheté un robot sur fonds propres hors référentiel, qui s'occupe de l'installation et de la "
         "maintenance ?", ("college",), "article-5", ("Scénario 3", "hors référentiel"), first_party="college"),
    Case("qui installe le matériel acheté sur fonds propres dans le référentiel ?", ("departement",),
         "article-5", ("Scénario 2",), first_party="departement"),
    # Articles 8 and 9: software.
    Case("qui installe l'antivirus sur les postes ?", ("departement",), "article-8", ("logiciels socles",),
         first_party="departement"),
    Case("qui installe les logiciels pédagogiques ?", ("departement",), "article-9", ("postes de travail",),
         first_party="departement"),
    Case("qui paramètre les logiciels pédagogiques ?", ("academie", "canope"), "article-9",
         ("paramétrage",)),
    # Training (Académie + Réseau Canopé).
    Case("qui forme les enseignants au numérique ?", ("academie", "canope"), None, exactly=True),
    Case("qui aide sur le droit d'auteur et le RGPD ?", ("academie", "canope"), "article-10",
         ("aspects juridiques",)),
    # Article 6: inventory.
    Case("on a acheté sur fonds propres dans le référentiel, on doit le déclarer ?", ("college",), "article-6",
         ("inventaire",), first_party="college"),
    Case("qui suit l'inventaire du parc informatique ?", ("departement",), "article-6",
         first_party="departement"),
    # Article 5: equipment requests.
    # The text names the two directions but neither who asks nor (there) whose directions they are: asked where the
    # request goes, the record answers, naming no party.
    Case("à qui faire une demande de nouveaux ordinateurs ?", (), "article-5",
         ("direction de l'éducation", "direction des systèmes d'information"), kind="responsibility", exactly=True),
]


@pytest.mark.parametrize("case", CASES, ids=[c.question for c in CASES])
def test_question_gets_the_right_party_and_article(kb, monday_10am, case):
    answer = ask(kb, case.question, monday_10am)
    assert answer.kind == case.kind, answer.text
    if case.exactly:
        assert answer.parties == list(case.parties), answer.text
    else:
        assert set(case.parties) <= set(answer.parties), (answer.parties, answer.text)
    if case.article is None:
        assert answer.articles, answer.text
    else:
        assert answer.articles[0] == case.article, (answer.articles, answer.text)
    if case.first_party:
        main = next(o for o in kb.obligations if o.id == answer.obligations[0])
        assert main.parties[0] == case.first_party, main.id
        assert main.section == answer.articles[0]
    for phrase in case.says:
        assert normalise(phrase) in normalise(answer.text), (phrase, answer.text)
    # Every cited record is a real record of the cited articles: nothing is invented.
    cited = [o for o in kb.obligations if o.id in answer.obligations]
    assert len(cited) == len(answer.obligations)
    assert {o.section for o in cited} <= set(answer.articles)
    assert answer.quote and answer.quote in kb.agreement_text.replace("\n", " ") or \
        " ".join(answer.quote.split()) in " ".join(kb.agreement_text.split())


def test_network_change_by_the_college_is_refused(kb, monday_10am):
    for question in ("Le collège peut-il modifier le réseau ?",
                     "on a le droit de rajouter une prise réseau nous-mêmes ?"):
        answer = ask(kb, question, monday_10am)
        assert answer.text.startswith("Non"), answer.text
        assert answer.yes_no == "non"
        assert answer.articles[0] == "article-2"
        assert "qualification agréée" in answer.text
        assert "college" in answer.parties and "departement" in answer.parties


def test_college_may_not_touch_socle_software(kb, monday_10am):
    answer = ask(kb, "le collège peut-il installer lui-même un antivirus ?", monday_10am)
    assert answer.text.startswith("Non")
    assert answer.articles == ["article-8"]
    assert answer.obligations[0] == "a8-college-interdiction-socles"


def test_college_may_not_touch_backups_without_authorisation(kb, monday_10am):
    answer = ask(kb, "le collège peut-il toucher aux sauvegardes ?", monday_10am)
    assert answer.text.startswith("Non")
    assert answer.articles[0] == "article-3"
    assert "autorisation expresse" in answer.text


def test_scenario_3_answer_rests_on_a_scenario_3_record(kb, monday_10am):
    answer = ask(kb, "matériel acheté hors catalogue sur notre budget : qui assure la maintenance ?", monday_10am)
    main = next(o for o in kb.obligations if o.id == answer.obligations[0])
    assert main.scenario == 3 and main.parties == ("college",)
    assert "expérimentation concertée" in answer.text


def test_ent_eligibility_names_both_parties(kb, monday_10am):
    answer = ask(kb, "qui vérifie l'éligibilité à l'ENT ?", monday_10am)
    assert answer.articles == ["article-7"]
    assert set(answer.parties) == {"departement", "academie"}, answer.text
    assert "technique" in answer.text and "pédagogique" in answer.text


def test_telecom_invoices_are_paid_by_the_college(kb, monday_10am):
    answer = ask(kb, "qui paie les factures de téléphone ?", monday_10am)
    assert answer.articles[0] == "article-1"
    assert answer.parties[0] == "college", answer.text


def test_buying_fixed_phones_quotes_the_supply_clause(kb, monday_10am):
    answer = ask(kb, "qui achète les téléphones fixes ?", monday_10am)
    assert answer.parties[0] == "departement"
    assert "fournir les autocommutateurs et les téléphones" in answer.quote


@pytest.mark.parametrize("question", ["quel numéro pour le filtrage ?", "qui appeler pour un problème sur Siècle ?"])
def test_support_number_follows_the_subject_named(kb, monday_10am, question):
    answer = ask(kb, question, monday_10am)
    assert answer.line == "academie"
    assert "05.16.52.66.86" in answer.text


def test_support_question_gives_the_line_and_its_status(kb, monday_10am):
    answer = ask(kb, "le wifi ne marche plus, qui appeler ?", monday_10am)
    assert answer.kind == "support" and answer.line == "departement"
    assert "05.49.06.63.60" in answer.text and "ouvert" in answer.text


# --------------------------------------------------------------------------- the agreement itself

def test_duration(kb, monday_10am):
    answer = ask(kb, "combien de temps dure la convention ?", monday_10am)
    assert answer.kind == "agreement" and answer.articles == ["article-12"]
    assert "2 ans" in answer.text and "tacite reconduction" in answer.text and "2017" in answer.text


def test_termination(kb, monday_10am):
    answer = ask(kb, "comment résilier la convention ?", monday_10am)
    assert answer.articles == ["article-13"]
    assert "lettre recommandée" in answer.text and "2 mois" in answer.text


def test_amendment(kb, monday_10am):
    answer = ask(kb, "peut-on modifier la convention ?", monday_10am)
    assert answer.articles == ["article-13"] and "avenant" in answer.text


def test_disputes(kb, monday_10am):
    answer = ask(kb, "en cas de litige entre les parties, que se passe-t-il ?", monday_10am)
    assert answer.articles == ["article-14"]
    assert "tribunal compétent" in answer.text


def test_governance_members(kb, monday_10am):
    answer = ask(kb, "qui siège au groupe de travail informatique ?", monday_10am)
    assert answer.articles == ["article-11"]
    assert "8 représentants" in answer.text and "RUPN" in answer.text
    assert set(answer.parties) == {"departement", "academie", "canope", "college"}


def test_correspondence_address(kb, monday_10am):
    answer = ask(kb, "à quelle adresse envoyer un courrier au sujet de la convention ?", monday_10am)
    assert answer.articles == ["preambule"]
    assert "Camille Desmoulins" in answer.text and "Niort" in answer.text


def test_signatories(kb, monday_10am):
    answer = ask(kb, "qui a signé la convention ?", monday_10am)
    assert set(answer.parties) == {"departement", "academie", "canope", "college"}
    assert "FAVREAU" in answer.text and "BISAGNI-FAURE" in answer.text


# --------------------------------------------------------------------------- what the agreement does not say

@pytest.mark.parametrize("question", ["qui paie les cartouches d'encre ?", "qui paye le toner de l'imprimante ?"])
def test_consumables_are_not_specified(kb, monday_10am, question):
    answer = ask(kb, question, monday_10am)
    assert answer.kind == "not_specified"
    assert answer.articles == ["article-11"] and answer.parties == []
    assert answer.text.startswith("La convention ne précise pas")


@pytest.mark.parametrize("question", ["quelle est la météo demain ?", "c'est quoi le menu de la cantine ?"])
def test_out_of_scope_has_no_article(kb, monday_10am, question):
    answer = ask(kb, question, monday_10am)
    assert answer.kind == "out_of_scope"
    assert answer.articles == [] and answer.parties == [] and answer.obligations == []
    assert answer.text.startswith("Désolé")


@pytest.mark.parametrize("question", ["", "   ", "?!?", "azertyuiop qsdfghjkl", "x" * 5000])
def test_junk_gets_a_polite_unknown(kb, monday_10am, question):
    answer = ask(kb, question, monday_10am)
    assert answer.kind in {"unknown", "out_of_scope"}
    assert answer.articles == [] and answer.parties == []
    assert not answer.answered or answer.kind == "out_of_scope"


def test_ambiguous_video_projector_asks_which(kb, monday_10am):
    answer = ask(kb, "vidéoprojecteur ?", monday_10am)
    assert answer.kind == "clarify"
    assert len(answer.choices) == 3
    assert {c.action for c in answer.choices} == {"acheter", "installer", "reparer"}
    assert all(c.subject == "videoprojecteur" for c in answer.choices)
    assert answer.text.endswith("?") and answer.parties == []
    # Choosing a button answers with its subject/action ids.
    chosen = next(c for c in answer.choices if c.action == "installer")
    follow = ask(kb, chosen.label, monday_10am, subject=chosen.subject, action=chosen.action)
    assert follow.parties[0] == "college" and follow.articles[0] == "article-5"


# --------------------------------------------------------------------------- follow-ups

def test_followup_keeps_the_action(kb, monday_10am):
    first = ask(kb, "qui paie les téléphones portables ?", monday_10am)
    assert first.parties == ["college"]
    context = Context(subject=first.subject, actions=tuple(first.actions), kind=first.kind)
    second = ask(kb, "et les téléphones fixes ?", monday_10am, context=context)
    assert second.subject == "telephone_fixe"
    assert second.parties[0] == "departement" and second.articles[0] == "article-1"


def test_followup_keeps_the_subject_when_only_the_action_changes(kb, monday_10am):
    first = ask(kb, "qui installe le vidéoprojecteur ?", monday_10am)
    context = Context(subject=first.subject, actions=tuple(first.actions), kind=first.kind)
    second = ask(kb, "et qui le répare ?", monday_10am, context=context)
    assert second.subject == "videoprojecteur"
    assert second.parties[0] == "departement"


def test_a_followup_naming_only_the_verb_of_training_keeps_the_thing(kb, monday_10am):
    """« former » names the training only weakly: after the pedagogical software, « et qui forme les profs
    dessus ? » is about the training on that software (article 9), not teachers' training in general."""
    first = ask(kb, "qui installe les logiciels pédagogiques ?", monday_10am)
    context = Context(subject=first.subject, actions=tuple(first.actions), kind=first.kind)
    second = ask(kb, "et qui forme les profs dessus ?", monday_10am, context=context, intent="ask_followup")
    assert "article-9" in second.articles, second.text


def test_a_new_full_question_ignores_the_context(kb, monday_10am):
    context = Context(subject="telephone_mobile", actions=("payer",), kind="responsibility")
    answer = ask(kb, "qui s'occupe du filtrage internet ?", monday_10am, context=context)
    assert answer.parties == ["academie"]


# --------------------------------------------------------------------------- knowledge.query directly

def test_responsible_for(kb):
    assert query.responsible_for(kb, "videoprojecteur", "installer")[0].parties == ("college",)
    assert query.responsible_for(kb, "telephone_mobile", "payer")[0].parties == ("college",)
    assert query.responsible_for(kb, "telephone_fixe", "payer")[0].parties == ("departement",)
    assert query.responsible_for(kb, "filtrage_internet")[0].parties == ("academie",)
    top = query.responsible_for(kb, "sauvegarde", "definir")[0]
    assert top.parties == ("departement",) and top.section == "article-3"
    # A subject without its own rule falls back on its parent (vidéoprojecteur -> matériel informatique).
    repair = query.responsible_for(kb, "videoprojecteur", "reparer")[0]
    assert repair.parties == ("departement",) and "materiel_informatique" in repair.subjects


def test_rank_prefers_prohibitions_when_asked(kb):
    ranked = query.rank_obligations(kb, "reseau", ("modifier",), ("college",), focus_actions=("modifier",),
                                    prefer_prohibitions=True)
    assert ranked[0].obligation.role == "must_not" and ranked[0].obligation.section == "article-2"


def test_obligations_of_and_in(kb):
    prohibitions = query.obligations_of(kb, "college", "must_not")
    assert [o.section for o in prohibitions] == ["article-2", "article-3", "article-8"]
    assert {o.id for o in query.obligations_in(kb, "article-7")} == {
        o.id for o in kb.obligations if o.section == "article-7"}
    assert {p for o in query.obligations_in(kb, "article-7") for p in o.parties} == {"departement", "academie"}
    academie = query.obligations_of(kb, "academie")
    assert any(o.subjects[0] == "filtrage_internet" for o in academie)
    assert not any(o.role == "must_not" for o in academie)


def test_about_subject_and_article_text(kb):
    obligations, terms = query.about_subject(kb, "ent")
    assert {p for o in obligations for p in o.parties} == {"departement", "academie"}
    assert terms == []
    _, terms = query.about_subject(kb, "duree")
    assert terms and terms[0].section == "article-12"
    assert "tacite reconduction" in query.article_text(kb, "article-12")
    assert query.section_for_number(kb, 5) == "article-5" and query.section_for_number(kb, 15) is None


def test_support_line_for(kb):
    assert query.support_line_for(kb, "videoprojecteur", ["installer"]).id == "college"
    assert query.support_line_for(kb, "videoprojecteur", ["reparer"]).id == "departement"
    assert query.support_line_for(kb, "filtrage_internet").id == "academie"
    assert query.support_line_for(kb, "logiciel_pedagogique", ["former"]).id == "canope"
    assert query.support_line_for(kb, "telephone_mobile").id == "college"
    assert query.support_line_for(kb, None) is None


def test_incident_categories_have_a_line(kb):
    categories = dict(query.incident_categories(kb))
    assert {"videoprojecteur", "reseau", "filtrage_internet", "telephone_fixe"} <= set(categories)
    assert all(kb.subjects[s].line for s in categories)
    assert "duree" not in categories

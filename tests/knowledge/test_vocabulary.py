"""Words people type map to the shared ids; and ``knowledge`` stays free of Rasa and of the other layers."""
from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

from knowledge.vocabulary import nlu_lookup_tables, vocabulary_for

from .support import ROOT

FORBIDDEN = ("rasa", "rasa_sdk", "actions", "bot")


@pytest.fixture(scope="module")
def vocab(kb):
    return vocabulary_for(kb)


@pytest.mark.parametrize(("words", "subject"), [
    # Video projectors.
    ("VP", "videoprojecteur"), ("projo", "videoprojecteur"), ("vidéo-projecteur", "videoprojecteur"),
    ("vidéoprojecteur", "videoprojecteur"), ("les vidéoprojecteurs", "videoprojecteur"),
    ("le VPI de la salle 3", "videoprojecteur"),
    # Telephony.
    ("portable", "portable"), ("mobile", "telephone_mobile"), ("smartphone", "telephone_mobile"),
    ("téléphone portable", "telephone_mobile"), ("les téléphones fixes", "telephone_fixe"),
    ("standard", "autocommutateur"), ("PABX", "autocommutateur"), ("l'autocom", "autocommutateur"),
    ("options du standard", "options_autocommutateur"),
    # Network and systems.
    ("baie de brassage", "reseau"), ("switch", "reseau"), ("borne wifi", "reseau"), ("câblage", "reseau"),
    ("ajouter une prise", "modification_reseau"),
    ("backup", "sauvegarde"), ("sauvegardes", "sauvegarde"),
    ("pare-feu", "equipement_securite"), ("serveur", "serveur"),
    ("antivirus", "logiciels_socles"), ("mises à jour Windows", "logiciels_socles"),
    ("filtrage", "filtrage_internet"), ("site bloqué", "filtrage_internet"),
    # Software, ENT, services.
    ("logiciel pédagogique", "logiciel_pedagogique"), ("logiciels pédagogiques", "logiciel_pedagogique"),
    ("GeoGebra", "logiciel_pedagogique"),
    ("ENT", "ent"), ("l'ENT", "ent"), ("espace numérique de travail", "ent"),
    ("Siècle", "services_administratifs"), ("comptes élèves", "comptes_utilisateurs"),
    ("inventaire", "inventaire"), ("hors référentiel", "achat_hors_referentiel"),
    ("fonds propres", "achat_fonds_propres"),
    # The agreement itself.
    ("résiliation", "resiliation"), ("tacite reconduction", "duree"), ("avenant", "avenant"),
    ("litige", "litige"),
])
def test_words_map_to_subjects(vocab, words, subject):
    assert vocab.subject_id_for(words) == subject


@pytest.mark.parametrize(("text", "not_named"), [
    # Idioms of vocabulary.yml: their words name no thing.
    ("qui assure la prise en charge des tablettes ?", "reseau"),
    ("sur le papier, Réseau Canopé est un établissement public ?", "consommables"),
    ("je suis au courant, mais qui répare le vidéoprojecteur ?", "electricite"),
    ("le menu démarrer ne s'ouvre plus sur le poste", "vie_scolaire"),
    # Words of a term only in a longer phrase (subjects.yml).
    ("le vidéoprojecteur n'est toujours pas fixé au mur", "telephone_fixe"),
    ("le nouveau vidéoprojecteur, qui le fixe au plafond ?", "telephone_fixe"),  # the verb with its pronoun
    ("siècle refuse mes identifiants", "demande_equipement"),
    ("le conseil d'administration a voté l'achat de tablettes", "habilitation"),
])
def test_words_that_name_no_thing_there(vocab, text, not_named):
    found = vocab.matches(text, ("subject", "weak_subject", "not_specified", "out_of_scope"))
    assert not_named not in {m.id for m in found}


@pytest.mark.parametrize(("text", "named"), [
    ("qui paie le papier de l'imprimante ?", "consommables"),
    ("le fixe de l'accueil ne sonne plus", "telephone_fixe"),
    ("le Département a refusé notre demande de tablettes", "demande_equipement"),
    ("par quelle délibération du conseil d'administration la principale est-elle habilitée ?", "habilitation"),
])
def test_the_same_words_still_name_their_thing_elsewhere(vocab, text, named):
    assert named in {m.id for m in vocab.matches(text, ("subject", "weak_subject", "not_specified", "out_of_scope"))}


@pytest.mark.parametrize(("text", "action"), [
    ("la prise en charge des sauvegardes", "gerer"),
    ("le nouveau vidéoprojecteur, qui le fixe au plafond ?", "installer"),
])
def test_an_idiom_may_still_say_an_action(vocab, text, action):
    assert action in {m.id for m in vocab.matches(text, ("action",))}


@pytest.mark.parametrize(("typo", "subject"), [
    ("videoprojecteur", "videoprojecteur"),      # no accent
    ("VIDEOPROJECTEUR", "videoprojecteur"),      # shouting
    ("vidéoprojecteru", "videoprojecteur"),      # swapped letters
    ("filtrge internet", "filtrage_internet"),
    ("sauvgarde", "sauvegarde"),
    ("autocomutateur", "autocommutateur"),
    ("antivirsu", "logiciels_socles"),
    ("inventiare", "inventaire"),
])
def test_typos_and_missing_accents(vocab, typo, subject):
    assert vocab.subject_id_for(typo) == subject


def test_short_words_are_not_corrected(vocab):
    # "os" is a term (operating systems); "on" must not become it.
    assert vocab.detect("on fait comment").subjects == []
    assert vocab.detect("os").subjects == ["logiciels_socles"]


def test_longest_match_wins(vocab):
    assert vocab.detect("le téléphone portable du principal").subjects == ["telephone_mobile"]
    assert vocab.detect("un téléphone").subjects == ["telephone"]
    assert vocab.detect("les options de l'autocommutateur").subjects[0] == "options_autocommutateur"
    assert vocab.detect("un logiciel pédagogique").subjects == ["logiciel_pedagogique"]
    assert vocab.detect("une extension du réseau").subjects == ["modification_reseau"]


def test_weak_words_yield_to_specific_ones(vocab):
    # "matériel", "équipement", "logiciel" only count when nothing more specific is named.
    assert vocab.detect("du matériel").subjects == ["materiel_informatique"]
    assert vocab.detect("le matériel vidéoprojecteur").subjects == ["videoprojecteur"]
    assert vocab.detect("un équipement acheté hors référentiel").subjects == ["achat_hors_referentiel"]
    assert vocab.detect("un logiciel antivirus").subjects == ["logiciels_socles"]
    assert vocab.detect("un logiciel").subjects == ["logiciel_pedagogique"]


def test_parent_dropped_when_a_child_is_named(vocab):
    # "fonds propres" (parent) and "hors référentiel" (child) together: the child is the subject.
    assert vocab.detect("acheté sur fonds propres hors référentiel").subjects == ["achat_hors_referentiel"]
    assert vocab.ancestors("achat_hors_referentiel") == ["achat_fonds_propres", "materiel_informatique"]


def test_actions_and_parties(vocab):
    assert vocab.action_id_for("installe") == "installer"
    assert vocab.action_id_for("paye") == "payer"
    # Too short for the typo match: « sont payés par qui ? » is paying, whatever the participle agrees with.
    assert [vocab.action_id_for(w) for w in ("payés", "payée", "payées")] == ["payer"] * 3
    assert vocab.action_id_for("en panne") == "reparer"
    assert vocab.action_id_for("bidule") is None
    assert vocab.party_id_for("rectorat") == "academie"
    assert vocab.party_id_for("DANE") == "academie"
    assert vocab.party_id_for("conseil départemental") == "departement"
    assert vocab.party_id_for("Atelier Canopé") == "canope"
    assert vocab.party_id_for("RUPN") == "college"
    detection = vocab.detect("Qui installe le vidéoprojecteur ?")
    assert detection.subjects == ["videoprojecteur"] and detection.actions == ["installer"]


def test_yes_no_questions(vocab):
    assert vocab.detect("le collège peut-il modifier le réseau ?").yes_no
    assert vocab.detect("est-ce que on a le droit de toucher au switch ?").yes_no
    assert not vocab.detect("qui peut modifier le réseau ?").yes_no
    assert not vocab.detect("qui installe le vidéoprojecteur ?").yes_no


def test_uncovered_topics(vocab):
    assert vocab.detect("des cartouches d'encre").not_specified == ["consommables"]
    assert vocab.detect("le menu de la cantine").out_of_scope == ["vie_scolaire"]
    assert vocab.detect("la météo").out_of_scope == ["hors_sujet"]


def test_hostile_or_huge_input_is_harmless(vocab):
    for text in ("", "   ", "'; DROP TABLE kb_obligations; --", "<script>alert(1)</script>", "é" * 20000,
                 "\x00\x01 vidéoprojecteur"):
        detection = vocab.detect(text)
        assert isinstance(detection.subjects, list)
    assert vocab.detect("\x00\x01 vidéoprojecteur").subjects == ["videoprojecteur"]


def test_nlu_lookup_tables_come_from_the_data(kb):
    tables = nlu_lookup_tables(kb)
    assert set(tables) == {"subject", "action", "party"}
    assert "videoprojecteur" in tables["subject"] and "baie de brassage" in tables["subject"]
    assert "rectorat" in tables["party"]
    assert all(len(t) > 2 for t in tables["subject"])


def test_every_id_used_by_the_data_is_declared(kb):
    """Subjects, actions and lines named by records exist (the loader checks; this guards the loader)."""
    for obligation in kb.obligations:
        assert set(obligation.subjects) <= set(kb.subjects), obligation.id
        assert set(obligation.actions) <= set(kb.actions), obligation.id
        assert set(obligation.parties) <= set(kb.parties), obligation.id
    assert set(kb.parties) == {"departement", "academie", "canope", "college"}
    assert set(kb.support_lines) == {"departement", "academie", "canope", "college"}


# --------------------------------------------------------------------------- layering

def _knowledge_modules() -> list[str]:
    package = ROOT / "knowledge"
    names = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if "migrations" in parts or "versions" in parts:
            continue  # Alembic scripts run inside Alembic, not as importable modules
        names.append(".".join(parts))
    return names


def test_importing_knowledge_pulls_in_no_other_layer():
    modules = _knowledge_modules()
    assert "knowledge.vocabulary" in modules and "knowledge.answers" in modules
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    import json

    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    offenders = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_no_import_statement_names_another_layer():
    offenders = []
    for path in sorted((ROOT / "knowledge").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


@pytest.mark.parametrize("text, action, subject", [
    ("il faut préparer la salle pour l'examen blanc", "reparer", None),   # « préparer » is no typo of « réparer »
    ("le calage du meuble de la salle 4", None, "reseau"),                # « calage » is no typo of « câblage »
    ("les serveuses de la cantine", None, "serveur"),
    ("le débit internet du collège", None, "assistance"),                 # « internet » is no typo of « intranet »
    ("il faut prendre rendez-vous", "former", None),                      # « prendre » is no « apprendre »
    ("les informations du collège", "former", "formation"),               # « informations » is no « formations »
    ("ça peut concerner le réseau", "concerter", None),                   # « concerner » is no « concerter »
])
def test_a_french_word_near_a_term_is_no_typo_of_it(vocab, text, action, subject):
    found = vocab.detect(text)
    assert action not in found.actions and subject not in found.subjects


def test_a_colleague_is_no_party(vocab):
    # « un collègue » is a person who works with the writer, no misspelt « collège » (a party of the agreement).
    assert "college" not in vocab.detect("un collègue me demande qui installe les vidéoprojecteurs").parties


@pytest.mark.parametrize("text, subject, party", [
    # Article 2: the network (« internet » alone is the connection); article 3: the filtering of access (the Académie).
    ("internet marche plus en salle 3", "reseau", "departement"),
    ("qui gère les accès internet bloqués pour les élèves ?", "filtrage_internet", "academie"),
])
def test_internet_alone_is_the_connection_and_blocked_access_the_filtering(kb, text, subject, party):
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert answer.subject == subject and party in answer.parties, answer.text


@pytest.mark.parametrize("text, action, subject", [
    ("le vidéoprojecteur est à réprarer", "reparer", "videoprojecteur"),    # a real typo is still read
    ("l'imprimente ne marche plus", None, "materiel_informatique"),
])
def test_typos_are_still_read(vocab, text, action, subject):
    found = vocab.detect(text)
    assert (action is None or action in found.actions) and subject in found.subjects


def test_the_complete_list_of_the_equipment_is_the_inventory(kb):
    # Article 6: « Le Département des Deux-Sèvres assure le suivi de l'inventaire de l'ensemble des ressources
    # informatiques ».
    from knowledge.answers import answer_question
    answer = answer_question(kb, "qui tient à jour la liste complète du matériel informatique du collège ?")
    assert answer.parties == ["departement"] and "article-6" in answer.articles, answer.text


def test_a_verb_of_two_parties_says_its_action(vocab):
    # « Canopé et l'Académie forment-ils … ? »: the plural of a listed infinitive (« former ») is that action,
    # while no made-up plural becomes a target for typos (« accident » is no « accèdent »).
    assert "former" in vocab.detect("Canopé et l'académie forment-ils les enseignants ?").actions
    assert "accident" not in vocab.words(("action",), alone=True) and "accedent" not in vocab.words(("action",), alone=True)


@pytest.mark.parametrize("text, article, subject", [
    # Article 4: how to report a fault to the Académie, no thing named: its line (the platform and the online form).
    ("comment je déclare une panne à l'Académie ?", "article-4", "assistance"),
    # Article 1: a line with no dial tone is a desk phone (the Département).
    ("le poste de la loge n'a plus de tonalité", "article-1", "telephone_fixe"),
    # The heading: « Réseau CANOPÉ, établissement public national à caractère administratif ».
    ("Canopé, c'est quoi comme organisme ?", "entete", "statut_juridique"),
])
def test_words_people_use_for_a_line_a_phone_and_a_status(kb, text, article, subject):
    from knowledge.answers import answer_question
    answer = answer_question(kb, text)
    assert article in answer.articles and answer.subject == subject, (answer.subject, answer.text)
    assert "05.16.52.66.86" in answer.text or subject is not None  # the Académie's platform, when lines are listed

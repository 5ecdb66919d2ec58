"""Checks on the NLU training data (data/nlu): intents, entity values, synonyms and regexes are consistent
with domain.yml and with the shared ids of the knowledge base."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[2]
NLU = ROOT / "data" / "nlu"
ACTIONS = {"acheter", "installer", "maintenir", "reparer", "renouveler", "gerer", "payer", "definir",
           "administrer", "deplacer", "modifier", "former", "accompagner", "proposer", "valider", "declarer",
           "verifier", "assister", "deployer", "demander", "conseiller"}
PARTIES = {"departement", "academie", "canope", "college"}
QUESTION_INTENTS = ("ask_responsibility", "ask_support", "ask_procedure", "ask_agreement")


@pytest.fixture(scope="module")
def data():
    return load_data(str(NLU), language="fr")


@pytest.fixture(scope="module")
def domain():
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def subject_ids():
    subjects = yaml.safe_load((ROOT / "knowledge/data/subjects.yml").read_text(encoding="utf-8"))
    return {s["id"] for s in subjects["subjects"]} | {"wifi"}  # wifi: listed in docs/architecture.md


def test_every_domain_intent_has_examples_and_no_other_intent_exists(data, domain):
    assert set(data.intents) == set(domain["intents"])


def test_question_and_incident_intents_have_enough_examples(data):
    counts = Counter(m.get("intent") for m in data.intent_examples)
    for intent in QUESTION_INTENTS:
        assert counts[intent] >= 40, intent
    assert counts["declare_incident"] >= 40
    assert counts["inform"] >= 30
    for intent in ("greet", "goodbye", "thank", "affirm", "deny", "ask_capabilities", "bot_challenge"):
        assert counts[intent] >= 15, intent


def test_no_sentence_is_labelled_with_two_intents(data):
    labels = defaultdict(set)
    for message in data.intent_examples:
        labels[message.get("text").strip().lower()].add(message.get("intent"))
    assert {text: intents for text, intents in labels.items() if len(intents) > 1} == {}


def test_entity_values_are_shared_ids(data, subject_ids):
    allowed = {"subject": subject_ids, "action": ACTIONS, "party": PARTIES}
    for message in data.entity_examples:
        for entity in message.get("entities"):
            if entity["entity"] in allowed:
                assert entity["value"] in allowed[entity["entity"]], (message.get("text"), entity)


def test_synonyms_point_to_shared_ids_and_are_unambiguous(data, subject_ids):
    targets = subject_ids | ACTIONS | PARTIES | {"up", "down"}
    assert data.entity_synonyms, "no synonyms loaded"
    for surface, value in data.entity_synonyms.items():
        assert value in targets, (surface, value)
    assert data.entity_synonyms["vp"] == "videoprojecteur"
    assert data.entity_synonyms["projo"] == "videoprojecteur"
    assert data.entity_synonyms["pabx"] == "autocommutateur"
    assert data.entity_synonyms["portable"] == "telephone_mobile"
    assert data.entity_synonyms["rectorat"] == "academie"


def test_regexes_match_the_codes_and_reject_near_misses(data):
    patterns = {r["name"]: re.compile(r["pattern"]) for r in data.regex_features}
    assert set(patterns) == {"uai", "ticket_id"}
    assert patterns["uai"].search("notre UAI est 0790023P")
    assert patterns["uai"].search("0799001e")
    assert not patterns["uai"].search("0860023P")      # another département
    assert not patterns["uai"].search("07900231")      # no check letter
    assert patterns["ticket_id"].search("où en est INC-2026-00042 ?").group(0) == "INC-2026-00042"
    assert patterns["ticket_id"].search("inc-2026-00042")
    assert not patterns["ticket_id"].search("INC-26-42")


def test_annotated_codes_match_their_regex(data):
    patterns = {r["name"]: re.compile(r["pattern"]) for r in data.regex_features}
    found = 0
    for message in data.entity_examples:
        for entity in message.get("entities"):
            if entity["entity"] in patterns:
                found += 1
                assert patterns[entity["entity"]].fullmatch(entity["value"]), entity
    assert found >= 20

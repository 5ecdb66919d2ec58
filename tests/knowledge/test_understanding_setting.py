"""Issue 11, class 4: a thing the agreement never names, placed with the agreement's words (« les stores de la
salle informatique »), is what the message is about; the room's equipment and its line are no answer.
Examples written for these tests from the agreement text, never copied from an eval file."""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.setting import absent_thing

pytestmark = pytest.mark.usefixtures("spacy_loaded")


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, thing", [
    ("les stores de la salle informatique sont bloqués, qui appeler ?", "stores"),
    ("la fenêtre du local serveur ne ferme plus", "fenêtre"),
    ("il pleut dans le couloir à côté de la baie de brassage, qui doit réparer la gouttière ?", "gouttière"),
])
def test_a_thing_the_text_never_names_placed_by_its_words_is_the_thing_asked(kb, text, thing):
    assert absent_thing(kb, text) == thing


@pytest.mark.parametrize("text", [
    "la lampe du vidéoprojecteur a grillé, à qui je le signale ?",      # a part of a thing the text names
    "le switch de la salle 5 redémarre sans arrêt",                     # the text's thing, in a room
    "le serveur est dans un local sans aération et il chauffe, qui prévenir ?",  # the thing placed, not a scene
    "le wifi de la salle des profs ne marche plus",
])
def test_the_agreement_s_thing_named_for_itself_is_not_a_scene(kb, text):
    assert absent_thing(kb, text) is None


def test_the_reply_names_the_missing_thing_and_asks_back_without_a_party(kb, now):
    answer = answer_question(kb, "la fenêtre du local serveur ne ferme plus", now=now)
    assert answer.kind == "unknown" and answer.parties == [] and answer.articles == []
    assert "ne mentionne pas « fenêtre »" in answer.text
    assert len(answer.choices) >= 2


def test_every_place_word_is_normalised_data(kb):
    from knowledge.normalise import normalise
    from knowledge.understanding.lexicon import lexicon_for
    places = lexicon_for(kb).markers["coverage"]["place_words"]
    assert "salle" in places and all(p == normalise(p) for p in places)

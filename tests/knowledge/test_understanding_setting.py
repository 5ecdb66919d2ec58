"""Issue 11, class 4: a thing the agreement never names, placed with the agreement's words (« les stores de la
salle informatique »), is what the message is about; the room's equipment and its line are no answer.
Examples written for these tests from the agreement text, never copied from an eval file."""
from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.setting import absent_thing, scene_thing

pytestmark = pytest.mark.usefixtures("spacy_loaded")


@pytest.fixture(scope="module")
def now():
    return datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, thing, topic", [
    # Things of out_of_scope.yml, placed by the agreement's words: declined with their topic's reply.
    ("les stores de la salle informatique sont bloqués, qui appeler ?", "stores", "mobilier"),
    ("la fenêtre du local serveur ne ferme plus", "fenêtre", "batiment"),
    ("il pleut dans le couloir à côté de la baie de brassage, qui doit réparer la gouttière ?", "gouttière", "batiment"),
    # A word the agreement never uses: asked back.
    ("la sonnette de la salle informatique ne marche plus, qui appeler ?", "sonnette", None),
    # The agreement's thing only describes another thing it never names (the glare on the screens), or an
    # adjective only qualifies a noun: still a scene.
    ("les stores de la salle informatique sont cassés, le soleil fait des reflets sur les écrans. qui appeler ?",
     "stores", "mobilier"),
    ("les étagères au-dessus des postes du CDI penchent dangereusement, qui les refixe ?", "étagères", "mobilier"),
    # A relative clause describes the thing or the room (« où sont les serveurs »); « la moitié des chaises » is
    # about the chairs; the party asked (« le Département nous en fournit ? ») names no thing.
    ("la chaise où s'assoit l'élève devant l'ordinateur est cassée, qui la remplace ?", "chaise", "mobilier"),
    ("dans le local où sont les serveurs, le chauffage ne marche plus. qui le répare ?", "chauffage", "batiment"),
    # The parser may hang the clause on the out-of-scope thing itself (« le néon … où sont rangés les serveurs »).
    ("le néon de la pièce où sont rangés les serveurs clignote, qui change l'éclairage ?", "éclairage", "batiment"),
    ("en salle informatique la plupart des chaises sont bancales. est-ce que le Département en fournit des neuves ?",
     "chaises", "mobilier"),
])
def test_a_thing_the_text_does_not_cover_placed_by_its_words_is_the_thing_asked(kb, text, thing, topic):
    assert scene_thing(kb, text) == (thing, topic)
    assert absent_thing(kb, text) == (thing if topic is None else None)


@pytest.mark.parametrize("text", [
    "la lampe du vidéoprojecteur a grillé, à qui je le signale ?",      # a part of a thing the text names
    "le switch de la salle 5 redémarre sans arrêt",                     # the text's thing, in a room
    "le serveur est dans un local sans aération et il chauffe, qui prévenir ?",  # the thing placed, not a scene
    "le wifi de la salle des profs ne marche plus",
    "le radiateur et l'imprimante de la salle 3 sont en panne",         # two things, one of the text's
    "l'imprimante où on met le papier est bloquée",                     # the text's thing, described
    "l'armoire réseau du local technique, qui en est responsable ?",    # « réseau » names the thing here
    "les tables tactiles du CDI ne s'allument plus",                   # one word of a longer term: a screen
])
def test_the_agreement_s_thing_named_for_itself_is_not_a_scene(kb, text):
    assert absent_thing(kb, text) is None
    assert scene_thing(kb, text) is None


def test_asking_the_text_about_a_building_thing_is_declined(kb, now):
    # Naming the agreement as the source asked (« la convention prévoit qui… ») keeps the building a building.
    answer = answer_question(kb, "une canalisation fuit près du local serveur, la convention prévoit qui paie le "
                                 "plombier ?", now=now)
    assert answer.kind == "out_of_scope" and answer.parties == [] and answer.articles == []
    assert "bâtiments" in answer.text


def test_the_reply_names_the_missing_thing_and_asks_back_without_a_party(kb, now):
    answer = answer_question(kb, "la sonnette de la salle informatique ne marche plus, qui appeler ?", now=now)
    assert answer.kind == "unknown" and answer.parties == [] and answer.articles == []
    assert "ne mentionne pas « sonnette »" in answer.text
    assert len(answer.choices) >= 2


def test_a_thing_out_of_scope_placed_by_the_agreement_s_words_is_declined_with_its_pointer(kb, now):
    answer = answer_question(kb, "la fenêtre du local serveur ne ferme plus", now=now)
    assert answer.kind == "out_of_scope" and answer.parties == [] and answer.articles == []
    assert "gestionnaire" in answer.text


def test_every_place_word_is_normalised_data(kb):
    from knowledge.normalise import normalise
    from knowledge.understanding.lexicon import lexicon_for
    places = lexicon_for(kb).markers["coverage"]["place_words"]
    assert "salle" in places and all(p == normalise(p) for p in places)


@pytest.mark.parametrize("text, topic", [
    # A sentence told first sets the scene; the question asks about a thing out of scope, and names no equipment.
    ("nous aménageons une salle pour le serveur. Le chauffage de la pièce, qui le prévoit ?", "batiment"),
    ("le serveur surchauffe depuis lundi. La climatisation du local ne marche plus, qui appeler ?", "batiment"),
])
def test_the_question_s_own_thing_is_what_is_asked_after_a_scene(kb, text, topic):
    answer = answer_question(kb, text)
    assert answer.kind == "out_of_scope" and answer.parties == [], answer.text


@pytest.mark.parametrize("text", [
    # The question takes the equipment up with a pronoun: it is about the equipment, wherever it goes.
    "le vidéoprojecteur de la salle 5 est arrivé. Il faut le fixer au mur ?",
    "le nouveau switch est livré. On peut le ranger dans le placard du couloir ?",
    # A building word as a complement (« au mur ») or as a verb (« qui porte ») is not what is asked.
    "Les deux TBI sont arrivés au collège lundi. Qui doit venir les fixer au mur de la salle 8 ?",
    "le CD a repris nos abonnements internet. Pouvez-vous me dire qui porte ces contrats maintenant ?",
])
def test_a_question_taking_the_equipment_up_is_about_it(kb, text):
    answer = answer_question(kb, text)
    assert answer.kind != "out_of_scope", answer.text


@pytest.mark.parametrize("text", [
    # An hour asked of a line (« entre 12h50 et 13h20 », typed without accent) is no thing the agreement leaves out.
    "la plateforme du rectorat repond entre 12h50 et 13h20 ?",
    # A hyphenated word of the vocabulary (« pare-feu ») names the thing the unknown word (« coffret ») is.
    "le coffret pare-feu est à remplacer, qui le finance ?",
])
def test_an_hour_or_a_hyphenated_term_is_no_scene(kb, text):
    assert scene_thing(kb, text) is None
    answer = answer_question(kb, text)
    assert answer.kind != "unknown" and answer.articles, answer.text


@pytest.mark.parametrize("text", [
    "a la cantine les telephones fixes ne sonnent plus du tout",  # « a » typed for « à »: the parser's verb
    "au self le wifi ne marche plus depuis ce matin",
])
def test_a_place_out_of_scope_only_says_where_the_fault_is(kb, now, text):
    # Articles 1 and 2: the desk phones and the network are the Département's; the canteen only says where.
    answer = answer_question(kb, text, now=now)
    assert answer.parties[:1] == ["departement"] and not answer.text.startswith("Désolé"), answer.text

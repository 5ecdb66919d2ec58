"""Whether a message turns on a thing the agreement does not contain, its words of the agreement only setting
the scene (issue 11, a side word near the thing): « les radiateurs de la salle informatique sont glacés »
is about radiators, « il goutte à côté de l'armoire réseau, qui répare la toiture ? » about a roof.

The thing is what the question asks about (its object) or what a fault is said of (the subject or the object of
a predicate); the words of the agreement must all sit under a word of place (message_kinds.yml
`coverage.place_words`: « salle », « à côté de »). A part of a known thing (« la lampe du vidéoprojecteur »)
is not a scene: the known thing is then what the fault is about, and this check says nothing.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import coverage, question_parse
from knowledge.understanding import parse as parsing
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.moments import first_clock
from knowledge.vocabulary import vocabulary_for

# The dependencies that make a noun what a predicate is about or said of.
_ABOUT_DEPS = ("nsubj", "nsubj:pass", "obj")


def absent_thing(kb: KnowledgeBase, text: str) -> Optional[str]:
    """The thing, as typed, that ``text`` turns on when the agreement never uses it and every word of the
    agreement in the message only says where it is; None otherwise (or when spaCy cannot be loaded)."""
    found = scene_thing(kb, text)
    return found[0] if found is not None and found[1] is None else None


def scene_thing(kb: KnowledgeBase, text: str) -> Optional[tuple[str, Optional[str]]]:
    """The thing, as typed, that ``text`` turns on when the agreement's words in it only say where the thing is,
    with the out-of-scope topic (out_of_scope.yml) the thing belongs to (« le meuble sous l'écran »: furniture),
    or None as topic when the agreement never uses the word (« la canalisation au-dessus de la baie »)."""
    foreign = _foreign_words(kb)
    named_foreign = bool(set(normalise(text).split()) & foreign.keys())
    absent = {normalise(w) for w in coverage.absent_words(kb, text, tags=("NOUN",))}
    doc = parsing.parse(text) if absent or named_foreign else None
    if doc is None:
        return None
    places = frozenset(lexicon_for(kb).markers.get("coverage", {}).get("place_words", ()))
    thing = _first_thing(kb, doc, places)
    forms = {normalise(thing.text), normalise(thing.lemma_)} if thing is not None else set()
    topic = next((foreign[f] for f in forms if f in foreign), None)
    if thing is None or not (forms & absent or topic) or _in_a_term(kb, doc, thing):
        return None
    subject_words = _subject_words(kb)
    words = coverage.words_of(kb)
    for token in doc:
        forms = {normalise(token.text), normalise(token.lemma_)}
        # « le boîtier pare-feu »: a hyphenated word is one token, its words those of the vocabulary's term.
        # (« 3 pc ont pris l'eau »: a word of the agreement a predicate is said of, whatever tag the parser gave it.)
        if token.i == thing.i or not (_names_something(token) or token.dep_ in _ABOUT_DEPS) \
                or not {w for f in forms for w in f.split()} & subject_words \
                or forms & (words.light_nouns | words.action_nouns | words.stop_words | places | _agreement_names(kb)) \
                or forms & _party_words(kb) and token.dep_ in _ACTING_DEPS:
            continue
        # A thing of an out-of-scope topic (« le néon ») is as foreign to the agreement as a word it never uses.
        if not (_placed(token, places) or _beside(token, thing, absent)
                or _described(token, thing, absent | foreign.keys(), places)):
            return None  # a thing of the agreement named for itself: the message may well be about it
    return thing.text, topic


def _in_a_term(kb: KnowledgeBase, doc: Any, thing: Any) -> bool:
    """Whether the thing's word is one word of a longer term of the agreement's vocabulary: « les *tables*
    tactiles » are interactive screens, not furniture."""
    position = sum(len(normalise(t.text).split()) for t in doc[:thing.i])
    return any(m.length > 1 and m.start <= position < m.start + m.length
               for m in vocabulary_for(kb).matches(doc.text, ("subject",)))


def _described(token: Any, thing: Any, absent: set[str], places: frozenset[str]) -> bool:
    """Whether ``token`` sits in a relative clause that describes the thing, a thing the agreement never names (or
    one of an out-of-scope topic), or a place: « la table *où est posé l'ordinateur* », « la salle *où sont les
    serveurs* », « le néon du local *où sont rangés les serveurs* »."""
    noun = question_parse.described_noun(token)
    return noun is not None and (noun.i == thing.i or _is_place(noun, places)
                                 or {normalise(noun.text), normalise(noun.lemma_)} & absent != set())


@lru_cache(maxsize=4)
def _agreement_names(kb: KnowledgeBase) -> frozenset[str]:
    """« la convention prévoit qui le paie ? » names the agreement as the source asked, not a thing of it."""
    return frozenset(lexicon_for(kb).markers.get("agreement", {}).get("names", ()))


def _names_something(token: Any) -> bool:
    """A noun, or an adjective standing for one (« le numérique est en panne »); an adjective that only
    qualifies a noun (« l'unité *centrale* », « trop *court* ») names nothing of its own."""
    return token.pos_ in ("NOUN", "PROPN") or token.pos_ == "ADJ" and token.dep_ in (*_ABOUT_DEPS, "ROOT")


def _beside(token: Any, thing: Any, absent: set[str]) -> bool:
    """Whether ``token`` only describes another thing the agreement never names (« des reflets sur *les
    écrans* », « au-dessus des *postes* » of neon lights), up its chain of complements. A complement of the
    thing itself is what the thing belongs to (« la lampe *du vidéoprojecteur* »): not beside it."""
    while token.dep_ in _QUALIFYING and token.head.i != token.i:
        head = token.head
        if head.i == thing.i:
            return False
        if head.pos_ == "NOUN" and {normalise(head.text), normalise(head.lemma_)} & absent:
            return True
        token = head
    return False


# How a word hangs on a word of place when it only qualifies it: « la salle *informatique* », « à côté de
# l'armoire *réseau* ». A subject (« la *baie* est dans le local ») is placed, not a scene.
_QUALIFYING = ("nmod", "amod", "compound", "flat", "flat:name", "fixed", "obl:arg", "obl:mod", "appos", "conj", "dep")


def _placed(token: Any, places: frozenset[str]) -> bool:
    """Whether ``token`` only qualifies a word of place (« la salle *informatique* »), or hangs on a preposition
    of place (« sous l'*écran* », « au-dessus de la *baie* »), through complements of nouns all the way up."""
    while True:
        # « au-dessus des postes »: the parser may hang « au-dessus » on the thing and keep « des » as the case.
        if any(_is_place(c, places) or c.i > 0 and _is_place(c.doc[c.i - 1], places)
               for c in token.children if c.dep_ in ("case", "fixed")):
            return True
        if token.dep_ not in _QUALIFYING or token.head.i == token.i:
            return False
        token = token.head
        if _is_place(token, places):
            return True


def _is_place(token: Any, places: frozenset[str]) -> bool:
    # « au-dessus » is one token of two words.
    return bool(set(normalise(token.text).split()) & places) or normalise(token.lemma_) in places


@lru_cache(maxsize=4)
def _foreign_words(kb: KnowledgeBase) -> dict[str, str]:
    """Single words of out_of_scope.yml topics, with their topic: built once, read on every message."""
    return {w: topic.id for topic in lexicon_for(kb).out_of_scope for term in topic.terms
            for w in [normalise(term)] if " " not in w}


@lru_cache(maxsize=4)
def _subject_words(kb: KnowledgeBase) -> frozenset[str]:
    return vocabulary_for(kb).words(("subject",))


@lru_cache(maxsize=4)
def _party_words(kb: KnowledgeBase) -> frozenset[str]:
    return vocabulary_for(kb).words(("party",))


# A party's name that acts (« est-ce que *le Département* nous en fournit ? ») asks who; it names no thing. The
# same word as a complement may well name one (« l'armoire *réseau* »).
_ACTING_DEPS = ("nsubj", "nsubj:pass", "obl:agent")


def _first_thing(kb: KnowledgeBase, doc: Any, places: frozenset[str]) -> Optional[Any]:
    """The question's own thing (its predicate's object), else the first noun a predicate is said of; nouns
    that name a fault or an action (« la panne »), or nothing of their own (« le problème »), are skipped."""
    words = coverage.words_of(kb)
    asking = question_parse.asking_sentence(doc)
    asked = question_parse.thing(asking, question_parse.predicate(asking))
    # A fault is said of a noun (« les néons grésillent »), or the parser makes the noun the root of its
    # sentence (« une canalisation fuit… »).
    said_of = [t for t in doc if t.pos_ == "NOUN" and (t.dep_ in _ABOUT_DEPS and t.head.pos_ in ("VERB", "ADJ", "AUX")
                                                     or t.dep_ == "ROOT")]
    # A noun in a relative clause describes another one (« la salle où sont *les serveurs* »): it comes last.
    said_of.sort(key=lambda t: question_parse.described_noun(t) is not None)
    quantities = frozenset(lexicon_for(kb).markers.get("coverage", {}).get("quantity_nouns", ()))
    for token in ([asked] if asked is not None else []) + said_of:
        if normalise(token.lemma_) in quantities or normalise(token.text) in quantities:
            # « la moitié des chaises ont un pied cassé »: the chairs.
            token = next((c for c in token.children if c.dep_ == "nmod" and c.pos_ == "NOUN"), token)
        forms = {normalise(token.text), normalise(token.lemma_)}
        if forms & (words.light_nouns | words.action_nouns | places):
            continue  # « à la cantine » says where, not what
        if token.i > 0 and normalise(doc[token.i - 1].text) == "qui":
            continue  # « qui veille a ce que… » without accents: a verb the parser took for a noun
        if first_clock(token.text) is not None:
            continue  # « … répond entre 12h45 et 13h15 ? »: an hour asked, not a thing
        return token
    return None

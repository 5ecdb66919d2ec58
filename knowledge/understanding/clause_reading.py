"""What one clause says, read from its words and spaCy's tags: whether it has a verb, names a repair, takes up
the thing named before it with a pronoun, only frames or completes the clause next to it, or is told rather than
asked; and where a clause splits at a bare « et ». Split from message_parts.py, which decides where a message
splits; the coordination of things (coordination.py) reads clauses the same way.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import coverage
from knowledge.understanding import parse as parsing
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.readings import named_things, resolve_ambiguous, subjects_of, topics
from knowledge.vocabulary import vocabulary_for

_PRONOUNS = frozenset({"le", "la", "les", "l", "en", "y", "lui", "leur"})


def question_marked(clause: str, text: str) -> bool:
    """Whether ``clause`` stands in ``text`` followed by a question mark (spaces between allowed): a string search, not
    a pattern compiled for every clause of every message."""
    start = text.find(clause)
    while start != -1:
        if text[start + len(clause):].lstrip().startswith("?"):
            return True
        start = text.find(clause, start + 1)
    return False


def repair_named(kb: KnowledgeBase, text: str) -> bool:
    """Whether a repair is named in so many words: a near spelling (« préparer ») is no fault reported."""
    return any(m.id == "reparer" and not m.fuzzy for m in vocabulary_for(kb).matches(text, ("action",)))


def named_in_plural(kb: KnowledgeBase, clause: str) -> bool:
    """Whether a thing of the vocabulary is named in the plural in ``clause`` (its last word ends in s or x)."""
    tokens = normalise(clause).split()
    return any(tokens[m.start + m.length - 1][-1:] in ("s", "x") for m in vocabulary_for(kb).matches(clause, ("subject",))
               if m.start + m.length <= len(tokens))


def has_verb(segment: str) -> bool:
    """Whether spaCy finds a verb in the clause (without the parse, assume one: the old split stands)."""
    doc = parsing.parse(segment)
    return doc is None or any(t.pos_ in ("VERB", "AUX") for t in doc)


def has_finite_verb(segment: str) -> bool:
    """Whether spaCy finds a conjugated verb in the clause (« une fois les deux ans écoulés » has only a participle;
    without the parse, assume one)."""
    doc = parsing.parse(segment)
    return doc is None or any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc)


def refers_back(segment: str) -> bool:
    """Whether a clause speaks of the thing named before it through an object pronoun (« qui les
    installe », « qui s'occupe de les évacuer »): spaCy's tags tell the pronoun « les » from the article
    (« qui forme les profs »)."""
    # « et qui le fixe au mur ? »: a clause opening on « qui » then « le » takes up a thing (the tagger may read « le
    # fixe » as a noun); « c'est qui le référent ? », where « qui » opens nothing, names one.
    opening = [w for w in normalise(segment).split() if w not in LEAD_INS | {"mais"}][:2]
    if len(opening) == 2 and opening[0] in ("qui", "ki") and opening[1] in _CLITIC_OBJECTS:
        return True
    doc = parsing.parse(segment)
    if doc is None:
        return False
    # (« qui s'en charge ? »: the tagger reads that « en » as a preposition; after « s' » it is always the pronoun. So
    # it is right before an infinitive, « peut-il en faire une ? »: the preposition « en » takes a participle.)
    return any(t.pos_ == "PRON" and normalise(t.text) in _PRONOUNS
               or normalise(t.text) == "en" and (t.i > 0 and normalise(doc[t.i - 1].text) in _REFLEXIVE or _before_infinitive(t))
               for t in doc)


def _before_infinitive(token: Any) -> bool:
    """Whether an infinitive follows the token (« en *faire* »)."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.pos_ in ("VERB", "AUX") and "Inf" in following.morph.get("VerbForm")


_REFLEXIVE = frozenset({"s", "m", "t", "se", "me", "te", "nous", "vous"})
# Words that only link a clause to the one before (« et aussi qui… », « et puis combien… »).
LEAD_INS = frozenset({"et", "aussi", "puis", "ensuite", "enfin"})
_CLITIC_OBJECTS = frozenset({"le", "la", "les", "l"})


def restated(segment: str, thing: str) -> str:
    """A clause that speaks of an earlier thing through a pronoun, said with the thing instead (« qui les
    désinfecte » about the tablets → « qui désinfecte la tablette »), for checks that need the thing named:
    the tagger reads such short clauses badly with the pronoun."""
    doc = parsing.parse(segment)
    if doc is None:
        return f"{segment} {thing}"
    kept = [t.text_with_ws for t in doc if not (t.pos_ == "PRON" and normalise(t.text) in _PRONOUNS)]
    return f"{''.join(kept).strip(' ?!.')} {thing}"


# « 1) … 2) … », « 1- … 2- … », « 1/ … 2/ … », « 1. … 2. … »: the writer numbers the things the message holds.
_NUMBERED = re.compile(r"(?:^|\s)1\s?[).\/-]\s.*\s2\s?[).\/-]\s|(?:^|\s)a\)\s.*\sb\)\s", re.IGNORECASE)  # (or « a) … b) »)


def numbered(text: str) -> bool:
    """Whether the message lists its points with numbers: each is a problem or question of its own."""
    return bool(_NUMBERED.search(text))


def told(clause: str, text: str) -> bool:
    """Whether ``clause`` is a whole sentence of ``text`` that ends with a full stop: something told, not asked."""
    return bool(re.search(re.escape(clause) + r"\s*[.!…:]", text)) and "?" not in clause


def only_taking_up(kb: KnowledgeBase, tokens: list[str]) -> bool:
    """« qui doit s'en charger ? », « qui s'en occupe ? »: only light verbs and small words, no action of its own; it
    takes up what was told before (« qui les désinfecte ? » has one). The word sets are the coverage check's, built
    once."""
    words = coverage.words_of(kb)
    return all(t in words.light_verbs or t in words.stop_words for t in tokens)


# Prepositions that open a phrase saying what a question is about (« pour une extension du réseau, … ») or when it
# applies (« après chaque GTI, qui … ? »).
_FRAMING = frozenset({"pour", "concernant", "cote", "niveau", "sur", "quant", "apres", "avant", "lors", "pendant",
                      "durant"})


def at_bare_and(kb: KnowledgeBase, segment: str, each_asked: bool = False) -> list[str]:
    """« le serveur ne répond plus et siecle refuse mon mot de passe »: an « et » before a bare name starts no clause
    by its words alone; it does when each side names a thing of its own topic (or, when the writer asks about each
    thing, two different things) and the right side has its own verb."""
    found = re.search(r"\s+et\s+", segment, re.IGNORECASE)
    if found is None:
        return [segment]
    left, right = segment[:found.start()].strip(), segment[found.end():].strip()
    things = [_side_things(kb, side) for side in (left, right)]
    # (« mon TNI ne s'allume plus et GeoGebra a disparu du PC »: the PC is where the software runs, no thing of its own.)
    apart = not named_things(kb, things[0]) & named_things(kb, things[1]) if each_asked \
        else not set(topics(kb, things[0])) & set(topics(kb, things[1]))
    if things[0] and not things[1] and has_verb(left) and vocabulary_for(kb).matches(right, ("out_of_scope",)) \
            and (has_verb(right) or lexicon_for(kb).marked("kinds", "problem", normalise(right).split())):
        # « le TNI ne s'allume pas et Pronote rame »: a thing the agreement leaves out, with a verb or a fault of
        # its own, is a problem of its own; said with the TNI's, it vanished without a word.
        return [left, right]
    # (« 6 vidéoprojecteurs à poser et 10 PC en plus : qui fait quoi ? »: asked of each, a thing needs no verb.)
    if not all(things) or not apart or not (each_asked or has_verb(right)):
        return [segment]
    if not each_asked and not has_verb(left):
        # « le serveur et le standard sont en panne »: one verb said of two things (coordination.py), not two clauses.
        return [segment]
    return [left, right]


def _side_things(kb: KnowledgeBase, side: str) -> list[str]:
    """The things one side of an « et » names, a word of two meanings included when the side's own words decide it
    (« installer un logiciel de sciences »: a pedagogical software, by « installer »)."""
    matches = vocabulary_for(kb).matches(side, ("subject",))
    _, removed, added, _ = resolve_ambiguous(kb, lexicon_for(kb), normalise(side).split(), matches, decided={})
    return subjects_of(kb, matches, removed, added)


def only_a_frame(segment: str) -> bool:
    """Whether a clause is only a phrase that frames what follows: it opens on a preposition, or says when (« une
    fois les deux ans écoulés »), and has no verb."""
    tokens = normalise(segment).split()
    return bool(tokens) and (tokens[0] in _FRAMING and not has_verb(segment)
                             or tokens[:2] in _WHEN_FRAMING and not has_finite_verb(segment))


# « Une fois les deux années écoulées, … », « au bout de deux ans, … »: when the question applies, not a question.
_WHEN_FRAMING = (["une", "fois"], ["au", "bout"], ["a", "la"], ["a", "l"], ["passe", "ce"], ["passees", "les"])


# Prepositions that open a complement of the clause before (« …, dans le catalogue », « …, sur nos crédits »).
_COMPLEMENT_STARTS = frozenset({"dans", "sur", "avec", "par", "chez", "via", "hors", "selon"})


def only_a_complement(tokens: list[str], segment: str) -> bool:
    """Whether a clause is only a complement of the one before: it opens on a preposition and has no verb."""
    return bool(tokens) and tokens[0] in _COMPLEMENT_STARTS and not has_verb(segment)


# A number opening an item of a list typed in one message (« 1. … 2. … », « 1) … », « 1- … »), after the start or a
# separator: « la salle 2. » ends a clause with its number.
# (« … coupé pendant les travaux 2) notre agent … »: a number and its bracket mark an item after any space too.)
_ITEM = re.compile(r"(?:(?:^|[:?!.;,\n])\s*([1-9])\s?[.)/-]|(?<=\s)([1-9])\)|(?:^|(?<=[\s:]))([a-h])\))\s")


def numbered_items(text: str, segments: list[str]) -> list[int]:
    """For each clause of ``text``, the numbered item it belongs to (1, 2, …; 0 before the first) when the message
    numbers its points 1, 2, … in order; else []. Each clause is looked for in the text after the one before it."""
    marks = list(_ITEM.finditer(text))
    # (« a) … b) … c) » count as 1, 2, 3.)
    ranks = [int(m.group(1) or m.group(2)) if not m.group(3) else ord(m.group(3).lower()) - ord("a") + 1 for m in marks]
    if len(marks) < 2 or ranks != list(range(1, len(marks) + 1)):
        return []
    starts = [m.end() for m in marks]
    found, cursor = [], 0
    for segment in segments:
        at = text.find(segment, cursor)
        if at >= 0:
            cursor = at + len(segment)
        found.append(bisect_right(starts, at if at >= 0 else cursor))
    return found

"""What one clause says, read from its words and spaCy's tags: whether it has a verb, names a repair, or takes up
the thing named before it with a pronoun. Split from message_parts.py, which decides where a message splits; the
coordination of things (coordination.py) reads clauses the same way.
"""
from __future__ import annotations

import re

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import parse as parsing
from knowledge.vocabulary import vocabulary_for

_PRONOUNS = frozenset({"le", "la", "les", "l", "en", "y", "lui", "leur"})


def repair_named(kb: KnowledgeBase, text: str) -> bool:
    """Whether a repair is named in so many words: a near spelling (« préparer ») is no fault reported."""
    return any(m.id == "reparer" and not m.fuzzy for m in vocabulary_for(kb).matches(text, ("action",)))


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
    # (« qui s'en charge ? »: the tagger reads that « en » as a preposition; after « s' » it is always the pronoun.)
    return any(t.pos_ == "PRON" and normalise(t.text) in _PRONOUNS
               or normalise(t.text) == "en" and t.i > 0 and normalise(doc[t.i - 1].text) in _REFLEXIVE for t in doc)


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
_NUMBERED = re.compile(r"(?:^|\s)1\s?[).\/-]\s.*\s2\s?[).\/-]\s")


def numbered(text: str) -> bool:
    """Whether the message lists its points with numbers: each is a problem or question of its own."""
    return bool(_NUMBERED.search(text))

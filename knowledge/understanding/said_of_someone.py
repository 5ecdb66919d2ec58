"""« Le réseau peut venir former l'équipe de lettres ? », « faut que je contacte le réseau ? »: a word that names a
thing (ambiguous_words.yml `said_of_someone`), said of someone who acts or whom the writer contacts, may be Réseau
Canopé or the service that runs the thing; the bot asks which (issue 11, class 3) instead of answering on the
cabling. spaCy's parse tells the word's role: the subject of an act people do, or the object of contacting."""
from __future__ import annotations

from typing import Any, Optional

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import parse as parsing
from knowledge.understanding.lexicon import SaidOfSomeone, lexicon_for
from knowledge.vocabulary import vocabulary_for

_AS_SUBJECT = ("nsubj",)
_AS_OBJECT = ("obj", "obl", "obl:arg", "iobj")
_TO = frozenset({"a", "au", "aux", "aupres"})
_STEM = 4


def said_of_someone(kb: KnowledgeBase, text: str) -> Optional[tuple[SaidOfSomeone, str]]:
    """The entry and the word as typed, when ``text`` says the word of someone; None otherwise, and when a party's
    name holds the word (« Réseau Canopé » is named, nothing to ask)."""
    tokens = normalise(text).split()
    entries = [e for e in lexicon_for(kb).said_of_someone if set(e.word.words) & set(tokens)]
    if not entries:
        return None
    if any(set(tokens[m.start:m.start + m.length]) & {w for e in entries for w in e.word.words}
           for m in vocabulary_for(kb).matches(text, ("party",))):
        return None
    # The parse is the costliest step of a turn: only a message holding a word that may be one of the verbs is parsed
    # (their lemmas' first letters: « contacte », « forme », « appelle »).
    stems = {verb[:_STEM] for e in entries for verb in e.acts | e.contacted_by}
    if not any(token[:_STEM] in stems for token in tokens):
        return None
    doc = parsing.parse(text)
    for token in doc if doc is not None else ():
        entry = next((e for e in entries if normalise(token.text) in e.word.words), None)
        if entry is None:
            continue
        verbs = _with_complements(token.head)
        # (« j'appelle le Département pour le réseau » calls about it: only whom one contacts counts, « au réseau »)
        cases = {normalise(child.text) for child in token.children if child.dep_ == "case"}
        contacted = token.dep_ in _AS_OBJECT and cases <= _TO and bool(verbs & entry.contacted_by)
        if token.dep_ in _AS_SUBJECT and verbs & entry.acts or contacted:
            return entry, token.text
    return None


def _with_complements(verb: Any) -> set[str]:
    """The lemma of ``verb`` and those of the verbs it governs as complements (« peut venir former »: pouvoir,
    venir, former)."""
    lemmas, todo = set(), [verb]
    while todo:
        current = todo.pop()
        lemmas.add(normalise(current.lemma_))
        todo += [child for child in current.children if child.dep_ == "xcomp"]
    return lemmas

"""When a fault began is no point asked (« le serveur ne redémarre pas depuis la coupure de courant »): the open
topics a message names only as a circumstance are told apart from those it asks about. The frame and the policy's
loop over the parts of a message both sort them here, alike.
"""
from __future__ import annotations

from typing import Sequence

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding.lexicon import Lexicon, contains, phrase_positions
from knowledge.understanding.message_parts import clauses

# How far before a topic's words a word of circumstance still governs them (« depuis la coupure de courant », « depuis
# le passage de l'électricien »: an elided article is a word).
_WINDOW = 5
# How far after a topic's words « et depuis », « et du coup » still make it what happened before the fault.
_AFTER = 6


def without_circumstances(kb: KnowledgeBase, lexicon: Lexicon, text: str,
                          topics: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The open topics of a message (or of one of its parts) that are about the point asked, and those named only
    as when something happened (« après une coupure de courant »)."""
    kept = tuple(t for t in topics if not circumstance(kb, lexicon, text, t))
    return kept, tuple(t for t in topics if t not in kept)


def circumstance(kb: KnowledgeBase, lexicon: Lexicon, text: str, topic_id: str) -> bool:
    """Whether every mention of the topic comes just after a word of circumstance (« depuis », « après »), or inside
    a clause that a conjunction of circumstance opens (« Depuis que la dame du ménage a débranché la multiprise, mon
    PC … »: the whole clause says when the fault began)."""
    topic = next((u for u in kb.uncovered if u.id == topic_id), None)
    markers = lexicon.markers["kinds"].get("circumstance", ())
    opening = lexicon.markers["kinds"].get("circumstance_clause", ())
    then = lexicon.markers["kinds"].get("circumstance_then", ())
    whole = normalise(text).split()
    told_first = [i for term in (topic.terms if topic else ()) for i in phrase_positions(whole, normalise(term))]
    if told_first and all(any(contains(whole[i + 1:i + 1 + _AFTER], m) for m in then) for i in told_first):
        return True  # « on a eu une coupure de courant et depuis le serveur … »: what happened first, then the fault
    mentions = 0
    for clause in clauses(text) or [text]:
        tokens = normalise(clause).split()
        starts = [i for term in (topic.terms if topic else ()) for i in phrase_positions(tokens, normalise(term))]
        mentions += len(starts)
        opened = any(tokens[:len(m.split())] == m.split() for m in opening)
        if not opened and not all(any(contains(tokens[max(0, i - _WINDOW):i], m) for m in markers) for i in starts):
            return False
    return mentions > 0

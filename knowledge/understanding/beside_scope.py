"""A thing out of scope named beside what the agreement answers: « j'ai un souci avec pronote et un autre avec le
wifi » got only the network's line, and the writer never learnt that Pronote is not the agreement's. Each clause
that names a thing out of scope and nothing of the agreement gets its polite decline, numbered beside the answer.
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import compose
from knowledge.understanding.clause_reading import refers_back
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.message_parts import asks_in, clauses
from knowledge.understanding.readings import resolve_ambiguous
from knowledge.understanding.scope import out_of_scope_topic
from knowledge.understanding.syntax import subject_of_its_clause
from knowledge.vocabulary import vocabulary_for

# Answers that already say the agreement does not cover the message, or ask which thing is meant.
_LEFT_AS_IS = frozenset({"out_of_scope", "unknown", "clarify"})
_AND = re.compile(r"\s+(?:et|mais)\s+", re.IGNORECASE)
# subjects.yml's catch-all (music, football, films…): its words name a room or a subject of study as often as not.
_TOO_WIDE = frozenset({"hors_sujet"})


def with_declines_beside(kb: KnowledgeBase, frame: Frame, answer: Answer) -> Answer:
    """``answer``, or one numbered message with a decline for each clause naming only a thing out of scope."""
    # (A message of several parts answered as one, « plus de wifi au CDI et en plus le radiateur fuit, je signale ça
    # où ? », whose parts are its faults and the question on them, is checked too: only one part was answered.)
    if answer.kind in _LEFT_AS_IS or not answer.subject or not frame.subjects or frame.parts and _numbered(answer):
        return answer
    # Most messages name nothing out of scope at all: a scan of the whole message first, the clauses only then.
    if not frame.kb_out_of_scope and out_of_scope_topic(lexicon_for(kb), frame.normalised.split(), [])[0] is None:
        return answer
    pieces = [p.strip() for clause in clauses(frame.text) for p in _AND.split(clause) if p.strip()]
    if len(pieces) < 2:
        return answer
    declines: list[tuple[int, str, Answer]] = []
    for at, piece in enumerate(pieces):
        decline = _decline_of(kb, piece, frame.text)
        if decline is not None and not any(d.text == decline.text for _, _, d in declines):
            declines.append((at, piece, decline))
    # A clause of the agreement must remain: a message that is all out of scope was declined as a whole.
    if not declines or len(declines) == len(pieces):
        return answer
    declined_at = {at for at, _, _ in declines}
    kept = [at for at in range(len(pieces)) if at not in declined_at]
    rest = ", ".join(pieces[at] for at in kept)
    if not vocabulary_for(kb).matches(rest, ("subject",)):
        # « le radiateur de la salle info est bloqué, c'est le service informatique qu'on appelle ? »: the rest names
        # nothing of the agreement but a generic word; it asks about the thing declined, which the decline answers.
        return declines[0][2]
    if _asks_of_the_fault_declined(kb, rest, frame.text, [p for _, p, _ in declines]):
        # « les radiateurs sont glacés, la prof a les doigts gelés sur le clavier, c'est le Département qui doit
        # venir ? »: the rest only tells how the heating's fault is felt; its « who comes » asks about that fault.
        return declines[0][2]
    ordered = sorted([*declines, (kept[0], rest, answer)], key=lambda d: d[0])
    combined = compose.several(kb, [(text, part) for _, text, part in ordered],
                               problems=frame.kind.value == "problem_report")
    # The conversation goes on about the thing of the agreement (its line, its « Déclarer » button).
    combined.subject, combined.actions, combined.line = answer.subject, list(answer.actions), answer.line
    combined.quote = answer.quote
    return combined


def _numbered(answer: Answer) -> bool:
    """Whether ``answer`` already answers several points, one by one (compose.several)."""
    return answer.text.startswith(("Votre message parle de", "Votre message porte sur"))


# The acts a question asks of a fault, whosever it is (« qui doit réparer ? », « qui intervient ? »).
_ACTS_ON_A_FAULT = frozenset({"reparer", "intervenir", "maintenir"})


def _asks_of_the_fault_declined(kb: KnowledgeBase, rest: str, text: str, declined: list[str]) -> bool:
    """Whether the clauses left beside the declined ones only tell how a declined topic's fault is felt
    (out_of_scope.yml ``felt_as``: « les PC sont glacés »), report no fault of their own (no fault word, no « aussi »),
    and ask who sees to a fault, no other act (« qui installe les vidéoprojecteurs ? » asks its own)."""
    lexicon, tokens = lexicon_for(kb), normalise(rest).split()
    topics = [lexicon.topic(out_of_scope_topic(lexicon, normalise(p).split(), [])[0] or "") for p in declined]
    if not any(t is not None and lexicon.terms_in(f"felt_as:{t.id}", t.felt_as, tokens) for t in topics):
        return False
    if lexicon.marked("kinds", "problem", tokens) or lexicon.marked("kinds", "also", tokens):
        return False
    asking = [c for c in clauses(rest) if asks_in(c, text)]
    return bool(asking) and set(vocabulary_for(kb).detect(rest).actions) <= _ACTS_ON_A_FAULT


def _decline_of(kb: KnowledgeBase, piece: str, text: str) -> Optional[Answer]:
    vocabulary, lexicon = vocabulary_for(kb), lexicon_for(kb)
    detection = vocabulary.detect(piece)
    tokens = normalise(piece).split()
    own, _ = out_of_scope_topic(lexicon, tokens, detection.subjects)
    topic_of_own = lexicon.topic(own) if own else None
    if topic_of_own is not None and topic_of_own.declined_beside_a_fault:
        # « … et accessoirement mon tel perso a l'écran fendu »: a personal thing, whatever equipment word names it.
        return compose.decline(kb, topic_of_own.id)
    if detection.subjects or detection.not_specified:
        return None
    if resolve_ambiguous(kb, lexicon, tokens, vocabulary.matches(piece, ("subject",)))[2]:
        # « l'application de l'Éducation nationale pour les inscriptions plante »: a word of two meanings its clause
        # decides names the agreement's thing; « inscriptions » only says what the application is for.
        return None
    reported = bool(lexicon.marked("kinds", "problem", tokens))
    topics = [t for t in detection.out_of_scope if t not in _TOO_WIDE]
    if topics and (reported or asks_in(piece, text)):
        # A topic subjects.yml itself declares out of scope, reported or asked about: « qui gère pronote ».
        decline: Optional[Answer] = compose.decline_uncovered(kb, topics[0])
    else:
        # A building or a home thing only when reported as a fault (« le chauffage est en panne ») or the subject its
        # clause speaks of (« le radiateur de la salle info est froid »): words like « porte », « plafond » or « notes »
        # say where or what else far more often than they ask about it.
        kept = [t for t, inside in zip(tokens, vocabulary.idiom_words(tokens)) if not inside]
        topic, words = out_of_scope_topic(lexicon, kept, [])
        said_of = bool(topic) and not reported and subject_of_its_clause(piece, words.split(", ")[:1])
        decline = compose.decline(kb, topic) if topic and (reported or said_of) else None
    # Last, as it parses the clause: « on a reçu 3 vidéoprojecteurs, on peut les fixer au plafond ? »: the ceiling only
    # says where « les », the projectors named before, go.
    return None if decline is None or refers_back(piece) else decline

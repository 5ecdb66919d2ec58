"""The question mark people leave out in a chat, put back (issue 11).

« la convention elle est signée pour 5 ans », « canope fournit il les ordis », « la lampe du vp a grillé, c'est à
qui d'en racheter une »: typed without « ? », a check was read as a statement and lost its « Oui »/« Non », and a
question after a fault was read as the fault alone. Every reader of a message (the answer, the frame) reads it with
the mark put back, as it reads it written out (lexicon.as_meant).
"""
from __future__ import annotations

from typing import Optional

from knowledge.answer_types import REPAIR
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding.asked_point import infinitive
from knowledge.understanding.closed_questions import only_relative_qui, qui_after_words
from knowledge.understanding.lexicon import lexicon_for
from knowledge.vocabulary import QUESTION_WORDS, vocabulary_for

_INVERTED_PRONOUNS = frozenset({"il", "elle", "on", "ils", "elles"})
# (« ou » typed is mostly « or »: « c'est nous ou le CD qui paie » checks, it asks no « where ».)
_ASKING_WORDS = QUESTION_WORDS - {"ou"}
_SHORT = 2  # words: « bonne soirée », « wifi HS » say, they do not ask


def questioned(kb: KnowledgeBase, text: str) -> str:
    """``text`` with « ? » put back when it asks without one: it opens or ends as a closed question or inverts its
    verb (message_kinds.yml questions.unmarked_opening, unmarked_tag, not_inverted), has a question word, or states
    something that is neither a fault, a request, a wish (unmarked_wish), small talk nor an order (« mettre à jour le
    logiciel de SVT »)."""
    if not text or "?" in text:
        return text
    lexicon = lexicon_for(kb)
    tokens = normalise(text).split()
    if len(tokens) <= _SHORT or lexicon.marked("kinds", "small_talk", tokens):
        return text
    questions = lexicon.markers["questions"]
    opening = any(tokens[:len(p.split())] == p.split() for p in questions.get("unmarked_opening", ()))
    tag = any(tokens[-len(p.split()):] == p.split() for p in questions.get("unmarked_tag", ()))
    not_inverted = set(questions.get("not_inverted", ()))
    inverted = any(word[-1:] in ("t", "d") and word not in not_inverted and after in _INVERTED_PRONOUNS
                   for word, after in zip(tokens, tokens[1:]))
    asking = set(tokens) & _ASKING_WORDS
    fault: Optional[bool] = None  # read only when needed: the vocabulary's detection is no free step of every turn
    if asking and asking <= {"qui", "ki"}:
        # « le switch qui est dans la baie ne marche plus », « trop de trucs qui vont pas … »: a relative « qui »
        # opens no question (in a fault told, the word before it is enough: the parser often misreads such a
        # sentence).
        fault = _fault(kb, tokens, text)
        if qui_after_words(text) if fault else only_relative_qui(text):
            asking = set()
    if opening or tag or inverted or asking:
        return f"{text} ?"
    told = (_fault(kb, tokens, text) if fault is None else fault) or lexicon.marked("kinds", "request", tokens) \
        or infinitive(tokens[0]) or any(tokens[:len(p.split())] == p.split() for p in questions.get("unmarked_wish", ()))
    return text if told else f"{text} ?"


def _fault(kb: KnowledgeBase, tokens: list[str], text: str) -> bool:
    """Whether the message tells a fault (message_kinds.yml kinds.problem, or a repair named)."""
    return bool(lexicon_for(kb).marked("kinds", "problem", tokens)) or REPAIR in vocabulary_for(kb).detect(text).actions

"""A thing the agreement is silent on, named beside one it answers: « le filtrage bloque wikipedia et la
photocopieuse est en panne » got only « la convention ne précise pas qui prend en charge les photocopieurs », and
the writer never learnt that the Académie administers the filter. Each run of clauses is answered on its own, the
silence and the answer numbered in one message.
"""
from __future__ import annotations

import re
from typing import Callable

from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import compose
from knowledge.understanding.clause_reading import refers_back
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.message_parts import MAX_PARTS, asks_in, clauses
from knowledge.vocabulary import vocabulary_for

_ADDED = re.compile(r"\b(?:et|mais|aussi|en plus|de plus|par ailleurs|autre)\b", re.IGNORECASE)
_AND = re.compile(r"\s+(?:et|mais)\s+(?=(?:le|la|les|l'|l’|mon|ma|mes|notre|nos|un|une|des|du|aussi)\b)",
                  re.IGNORECASE)


def with_answers_beside_silence(kb: KnowledgeBase, frame: Frame, answer: Answer,
                                answer_of: Callable[[str], Answer]) -> Answer:
    """``answer`` (a silence), or one numbered message answering each run of clauses: those naming the silent
    thing, and those naming a thing of the agreement (``answer_of`` answers one run)."""
    if answer.kind != "not_specified" or not frame.not_specified or not frame.subjects or frame.parts \
            or not _ADDED.search(frame.text):
        # Only problems told one beside the other (« … et la photocopieuse … »): « coupure d'électricité dans l'aile
        # B, plus aucun poste ne s'allume » tells one cause and what follows from it.
        return answer
    vocabulary = vocabulary_for(kb)
    runs: list[list] = []  # [text, silent]
    for piece in (p.strip() for clause in clauses(frame.text) for p in _AND.split(clause)):
        if not piece:
            continue
        detection = vocabulary.detect(piece)
        silent = bool(detection.not_specified) and not detection.subjects
        named = silent or bool(detection.subjects)
        if runs and (not named or runs[-1][1] == silent):
            # (« …, on ne peut pas accéder à wikipedia » names nothing: it goes on with the clause before.)
            runs[-1][0] = f"{runs[-1][0]}, {piece}"
        else:
            runs.append([piece, silent])
    if len(runs) < 2 or len(runs) > MAX_PARTS or all(silent for _, silent in runs) \
            or not any(silent for _, silent in runs):
        return answer
    lexicon = lexicon_for(kb)
    for run, silent in runs:
        # Every run stands on its own: it reports a fault or asks (« nos écrans sont dans la réserve » only sets the
        # scene), and takes nothing up with a pronoun (« …, qui doit les évacuer ? » asks about the screens).
        stands = lexicon.marked("kinds", "problem", normalise(run).split()) or asks_in(run, frame.text)
        if not stands or refers_back(run):
            return answer
    answered = [(text, answer_of(text)) for text, _ in runs]
    if any(part.kind == "unknown" for _, part in answered):
        return answer  # a run the bot cannot read alone: the silence stands, rather than a guess
    combined = compose.several(kb, answered, problems=frame.kind.value == "problem_report")
    # The conversation goes on about the thing of the agreement (its line, its « Déclarer » button).
    main = next(part for (_, part), (_, silent) in zip(answered, runs) if not silent)
    combined.subject, combined.actions, combined.line = main.subject, list(main.actions), main.line
    combined.quote = main.quote
    return combined

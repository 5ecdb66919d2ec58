"""A record's exception or condition as a question states it (issue 11): restated as met (« avec une qualification
agréée et reconnue »), only touched (« si le Département l'autorise »), asked as required (« faut-il l'accord du
Département ? »), or named as missing (« sans validation »). The verdicts (verdict.py, procedure_verdict.py) and the
rule composer (rule_answers.py) read these to keep a « Non » from denying what the exception allows.
"""
from __future__ import annotations

from knowledge.normalise import normalise
from knowledge.query import party_words
from knowledge.question_reading import named_parties
from knowledge.records import KnowledgeBase, Obligation
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for
from knowledge.vocabulary import vocabulary_for

# Words of a question that restate a prohibition's exception (« sauf qualification agréée et reconnue ») from
# which it asks about the exception, not the rule.
_EXCEPTION_WORDS = 3
_WITHOUT = frozenset({"sans", "hors"})


def names_the_exception(normalised: str, obligation: Obligation) -> bool:
    """Whether the question restates the prohibition's exception as met (« avec une qualification agréée et
    reconnue »), not as missing (« sans autorisation expresse du Département » is still « Non »)."""
    tokens = normalised.split()
    if _WITHOUT & set(tokens):
        return False
    condition = {w[:6] for w in normalise(obligation.condition).split() if len(w) >= 5}
    return len({w[:6] for w in tokens if len(w) >= 5} & condition) >= _EXCEPTION_WORDS


def touches_the_exception(normalised: str, obligation: Obligation) -> bool:
    """Whether the question names the word the exception turns on (« sauf autorisation expresse » → « si le
    Département l'autorise », « sauf qualification agréée » → « un agent qualifié »): too little to say the
    exception is met, enough to make a « Non » false."""
    words = normalise(obligation.condition).split()
    if not words or words[0] != "sauf" or len(words) < 2:
        return False
    tokens = normalised.split()
    return not _WITHOUT & set(tokens) and any(len(w) >= 6 and w[:6] == words[1][:6] for w in tokens)


def leave_required(kb: KnowledgeBase, frame: Frame, obligation: Obligation) -> bool:
    """Whether the question asks if a party's leave is required (« faut-il l'accord du Département avant … ? ») and
    the prohibition's exception is that party's leave (« sauf autorisation expresse du Département »)."""
    tokens = frame.normalised.split()
    condition = normalise(obligation.condition).split()
    if condition[:2] != ["sauf", "autorisation"] or "sans" in tokens:
        return False
    lexicon = lexicon_for(kb)
    leave = bool(lexicon.marked("questions", "without_asking", tokens)) or "valider" in frame.actions
    # Every party named but the collège (the one the prohibition binds) must be the one whose leave it is: « l'accord
    # de l'Académie » is not the Département's.
    others = set(frame.parties) - {"college"}
    return leave and bool(lexicon.marked("questions", "required", tokens)) \
        and others <= set(named_parties(kb, obligation.condition))


def leave_named(kb: KnowledgeBase, frame: Frame, obligation: Obligation) -> bool:
    """« le collège a-t-il le droit de toucher au serveur avec l'accord du Département ? »: the leave that is the
    prohibition's exception (« sauf autorisation expresse du Département »), said in other words (« l'accord », « le
    feu vert ») and not as missing, of the party the exception names: a « Non » would deny what the exception allows."""
    condition = normalise(obligation.condition).split()
    tokens = frame.normalised.split()
    if condition[:2] != ["sauf", "autorisation"] or _WITHOUT & set(tokens):
        return False
    others = set(frame.parties) - {"college"}
    return bool(lexicon_for(kb).marked("questions", "without_asking", tokens)) and bool(others) \
        and others <= set(named_parties(kb, obligation.condition))


def exception_named(kb: KnowledgeBase, norm: str, obligation: Obligation) -> bool:
    """Whether the question names a content word of the record's exception (its condition « sauf … »)."""
    condition = normalise(obligation.condition)
    if not condition.startswith("sauf"):
        return False
    stems = {w[:7] for w in condition.split() if len(w) >= 7 and w not in party_words(kb)}
    return bool(stems & {w[:7] for w in norm.split() if len(w) >= 7})


def without_condition(kb: KnowledgeBase, text: str, obligation: Obligation) -> bool:
    """Whether the question asks to do it « sans » the record's condition: its own words (« sans validation »),
    or a request or a permission of anyone (message_kinds.yml `questions.without_asking`); or unasked, when the
    condition is a request (`questions.unasked`)."""
    if not obligation.condition:
        return False
    tokens = normalise(text).split()
    if "demande" in normalise(obligation.condition).split() and lexicon_for(kb).marked("questions", "unasked", tokens):
        return True
    if "sans" not in tokens:
        return False
    after = tokens[tokens.index("sans") + 1:][:4]
    condition = {w[:6] for w in normalise(obligation.condition).split() if len(w) >= 5}
    # The condition's act in other words counts too (« sans avoir eu le feu vert » for « une validation »).
    vocabulary = vocabulary_for(kb)
    named = set(vocabulary.detect(" ".join(tokens[tokens.index("sans") + 1:][:_CONDITION_REACH])).actions)
    return bool({w[:6] for w in after if len(w) >= 5} & condition) \
        or bool(named & set(vocabulary.detect(obligation.condition).actions)) \
        or bool(lexicon_for(kb).marked("questions", "without_asking", after))


# How many words after « sans » may name the condition's act (« sans avoir eu le feu vert »).
_CONDITION_REACH = 6

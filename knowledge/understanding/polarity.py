"""« On ne peut pas résilier avant la fin ? », « le collège ne peut pas acheter sur ses fonds propres ? »: a closed
question asked in the negative is answered « Si » when the record says the affirmative holds (issue 11, class 2).

In French « Oui » to a negative question agrees with the negation: « Oui. La convention peut être résiliée à tout
moment » reads as « yes, you cannot », then contradicts itself. Every « Oui » the answer steps compute is about the
affirmative (the record says the thing is done, allowed, open), so here it becomes « Si »; their « Non » already
agrees with a negative question (« le Département n'installe pas les vidéoprojecteurs ? » « Non. … le collège »).

The negation is read from spaCy's parse, on the verb of the sentence that asks (the one ending with « ? »): « si le
réseau ne marche pas, c'est le Département ? » and « un ordi qui ne marche plus » negate something else, and a tag
(« …, n'est-ce pas ? », « je ne me trompe pas ? ») asks to confirm the statement before it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from knowledge.answer_types import Answer, capitalised, without_verdict
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import parse
from knowledge.understanding.lexicon import lexicon_for, phrase_positions

# The words that negate the verb they depend on: « ne »/« n' », and « pas » alone in SMS style (« on peut pas »).
_NEGATORS = frozenset({"ne", "n'", "n’", "n", "pas"})
# « ne » negates only with one of these: alone it restricts (« ne serait-ce qu'un ? », « ne … que »).
_NEGATIVE_WORDS = frozenset({"pas", "plus", "jamais", "personne", "rien", "aucun", "aucune", "guère", "nullement"})
# A tag after a statement: the statement is what is checked, and it is affirmative.
_TAG = re.compile(r"(n est ce pas|ne me trompe pas|me trompe pas|non)\W*$")
# A lead « Oui » as the answer steps write it: « Oui. », « Oui : », « Oui, dans l'exception … ».
_YES_LEAD = re.compile(r"^Oui(?=\s?[.,:])")
_WORDS = re.compile(r"\w+")


def negative_question(text: str) -> bool:
    """Whether the sentence that asks in ``text`` negates its own verb (spaCy's parse; False without the parse)."""
    if "?" not in text or _TAG.search(normalise(text)):
        return False
    # The parse costs a few milliseconds: a message without any negative word cannot pass the last test below.
    if not _NEGATIVE_WORDS & set(_WORDS.findall(text.lower())):
        return False
    doc = parse.parse(text)
    if doc is None:
        return False
    sentences = list(doc.sents)
    asking = [i for i, s in enumerate(sentences) if "?" in s.text]
    if not asking:
        return False
    sentence = sentences[asking[-1]]
    if asking[-1] > 0 and not any(t.is_alpha for t in sentence):
        # (« le filtrage, c'est pas l'Académie ? »: the parser may leave the question mark a sentence of its own.)
        sentence = doc[sentences[asking[-1] - 1].start:sentence.end]
    # « nos tablettes ne marchent plus, c'est le Département qui les répare ? »: the clause after the last comma asks;
    # the ones before it tell the story. Its verb is the one nearest the root.
    commas = [t.i for t in sentence if t.text in (",", ":", ";")]
    clause = [t for t in sentence if not commas or t.i > commas[-1]]
    # (« … : normal qu'ils ne décrochent pas ? »: a verb that « que » or « si » introduces is not the one asking.)
    verbs = [t for t in clause if t.pos_ in ("VERB", "AUX") and not any(c.dep_ == "mark" for c in t.children)] \
        if commas else [sentence.root]
    if not verbs:
        return False
    verb = min(verbs, key=lambda t: len(list(t.ancestors)))
    # (« c'est pas l'Académie ? »: a copula's negation hangs on the noun it links.)
    verb = verb.head if verb.dep_ == "cop" else verb
    # « n'est pas ouverte », « ne peut pas acheter »: the negation hangs on the verb that asks.
    negators = {child.lower_ for child in verb.children if child.dep_ == "advmod"} & _NEGATORS
    return bool(negators) and any(token.lower_ in _NEGATIVE_WORDS for token in clause)


def in_negative(text: str, answer: Answer) -> Answer:
    """``answer`` with its lead « Oui » turned into « Si » when the question is asked in the negative."""
    if not _YES_LEAD.match(answer.text) or not negative_question(text):
        return answer
    return replace(answer, text=_YES_LEAD.sub("Si", answer.text, count=1))


def judged(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """``answer`` without its bare « Oui. » / « Non. » when the question asks for a judgement of what was told
    (« on a installé un antivirus nous-mêmes, c'est grave ? »): the verdict is about the record (« Non », the
    collège may not), and would read as the judgement (« Non, ce n'est pas grave »)."""
    if not answer.yes_no or not lexicon_for(kb).marked("questions", "judgement", normalise(text).split()):
        return answer
    return replace(answer, text=without_verdict(answer.text), yes_no=None)


def exclusive_claim(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """``answer`` without its lead « Oui » when the question claims exclusivity (« seul le Département peut toucher
    au réseau ? », « la convention ne dure que 2 ans ? »): a record saying that the party does it, or that the term
    is 2 years, does not say that no one else does, nor that nothing follows (a qualified agent, the tacit renewal)."""
    if not _YES_LEAD.match(answer.text) or not restrictive_claim(kb, normalise(text).split()):
        return answer
    # (« Oui, c'est bien Réseau Canopé : … » confirms the party as one doing it, not as the only one.)
    stated = capitalised(_CONFIRMED_PARTY.sub("", answer.text, count=1))
    return replace(answer, text=without_verdict(stated), yes_no=None)


_CONFIRMED_PARTY = re.compile(r"^(?:Oui|Si), c'est bien [^:]+ : ")


def restrictive_claim(kb: KnowledgeBase, tokens: list[str]) -> bool:
    """Whether the (normalised) words claim that only someone or something is meant: « ne … que », « seul »."""
    # (« ne serait-ce qu'un ? » asks for at least one: no restriction.)
    restrictive = bool({"ne", "n"} & set(tokens) and {"que", "qu"} & set(tokens) and not _NEGATIVE_WORDS & set(tokens)
                       and not phrase_positions(tokens, "serait ce"))
    # (« pas seulement le central » says more, « toute seule » says by itself, « c'est juste ? » asks if it is right.)
    return restrictive or any(tokens[at - 1:at] not in _NOT_ALONE
                              for word in lexicon_for(kb).marked("questions", "alone", tokens)
                              for at in phrase_positions(tokens, word))


_NOT_ALONE = (["tout"], ["toute"], ["tous"], ["toutes"], ["pas"], ["non"])

"""« Qui peut résilier la convention ? », « qui a le droit de proposer un avenant ? », « qui tranche un litige ? »:
a who-question (« qui » the subject, or the agent of a passive) answered by a term of the agreement that names
nobody (articles 13 and 14 are written in the passive: « peut être modifiée par voie d'avenants », « sera soumise
au tribunal compétent »).

Stated alone, the term reads as the answer to « qui », though it designates no one. The reply says the text does
not say who, keeps the term as what it says closest, then where such questions go (issue 11: when the text is
silent, say so).
"""
from __future__ import annotations

from typing import Any, Optional

from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.silence_answers import who_not_given
from knowledge.understanding.claims import term_of
from knowledge.understanding.question_parse import WHO_WORDS, asked_verb
from knowledge.vocabulary import vocabulary_for

# « à qui j'envoie la lettre ? » asks to whom (article 13: « aux cocontractants »), not who acts; « qu'est-ce qui
# est prévu ? », « ce qui » ask what.
_BEFORE_NOT_WHO = frozenset({"a", "aupres", "pour", "avec", "par", "de", "chez", "vers", "contre", "sur", "ce", "-ce"})
# Words that would not read back in « La convention ne précise pas qui … » (the writer, the reader).
_PERSONAL = frozenset({"je", "j", "on", "nous", "vous", "tu", "moi", "me", "m", "mon", "ma", "mes", "notre", "nos",
                       "votre", "vos"})
# The longest point worded back from the question; longer, the reply says « ce point ».
_LONGEST = 12


def who_unnamed(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """``answer`` turned into « the text does not say who » when it is a term naming no party and ``text`` asks
    who acts (« qui » the subject of its verb)."""
    if answer.kind != "agreement" or answer.yes_no or answer.parties:
        return answer
    term = term_of(kb, answer)
    if term is None or vocabulary_for(kb).matches(normalise(term.statement), ("party",)):
        return answer
    clause = _who_clause(text)
    if clause is None:
        # « l'avenant, il est rédigé par qui ? »: « qui » the agent of a passive asks who acts too; the point would
        # not read back in the active, the reply says « qui s'en charge ».
        return who_not_given(kb, answer, "") if _asked_as_agent(text) else answer
    return who_not_given(kb, answer, _point(clause))


def _asked_as_agent(text: str) -> bool:
    asked = asked_verb(text)
    # (« par qui » is tagged the agent or a plain complement: the preposition decides.)
    return asked is not None and any(normalise(t.text) in WHO_WORDS and t.i > 0 and normalise(t.nbor(-1).text) == "par"
                                     for t in asked[1])


def _who_clause(text: str) -> Optional[Any]:
    """The words from « qui » to the end of its sentence, when « qui » is the subject of the verb that asks."""
    asked = asked_verb(text)
    if asked is None:
        return None
    doc, sentence, verb = asked
    # (The verb asked hangs on the one « qui » is the subject of, or deeper: « qui a le droit de proposer … ».)
    who = next((t for t in sentence if normalise(t.text) in WHO_WORDS and t.dep_.startswith("nsubj")
                and not (t.i > 0 and (normalise(doc[t.i - 1].text) in _BEFORE_NOT_WHO
                                      or doc[t.i - 1].text.lower() in _BEFORE_NOT_WHO))
                and (t.head.i == verb.i or any(a.i == t.head.i for a in verb.ancestors))), None)
    # A sentence of several is a Span; a message of one sentence, the Doc itself.
    return doc[who.i: getattr(sentence, "end", len(doc))] if who is not None else None


def _point(clause: Any) -> str:
    """« peut résilier la convention » from « qui peut résilier la convention ? », or "" when it would not read."""
    words = [t for t in clause[1:] if not t.is_punct]
    if not words or len(words) > _LONGEST or any(normalise(t.text) in _PERSONAL for t in words):
        return ""
    return "".join(t.text_with_ws for t in words).strip()

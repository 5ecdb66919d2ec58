"""« Peut-on résilier la convention sans préavis ? », « au bout des 2 ans, elle continue toute seule ? »: a closed
question asserting something of a term of the agreement (its duration, amendments, termination) gets its « Oui »
or « Non » from what the term's own text says, never from a default (issue 11, classes 2 and 8).

The claims are data (agreement.yml ``claims``): the words people use for each thing the term confirms or denies.
A verdict is given only when every claim the question makes agrees; a longer wording wins over a shorter one it
covers or follows (« sans aucun préavis » over « préavis », « sans attendre » over « attendre la fin »). Counts
the term does not state (« 3 mois de préavis ? ») are left to the term itself. A negative question gets the verdict
on what it negates (« on ne peut pas résilier sans préavis ? » « Non »), which `polarity` turns into « Si » when
it is « Oui »; a negation elsewhere (« si on n'a pas envoyé la lettre… ») leaves no verdict.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase, Term
from knowledge.understanding.closed_questions import closed_question, without_check_tag
from knowledge.understanding.membership import RESTRICTION_WORDS, counts_in
from knowledge.understanding.polarity import negative_question

# Negation words: outside the verb that asks (polarity.negative_question), what they negate is unclear.
_NEGATION = frozenset({"ne", "n", "pas", "jamais"})
# « sans lettre recommandée » denies what the term requires.
_WITHOUT = "sans"


def claims_checked(kb: KnowledgeBase, text: str, yes_no: bool, answer: Answer) -> Answer:
    """``answer`` with a computed « Oui » / « Non » when the question asserts one of its term's claims."""
    if answer.kind != "agreement" or answer.yes_no or not closed_question(text, yes_no):
        return answer
    term = term_of(kb, answer)
    if term is None or not term.claims:
        return answer
    tokens = normalise(text).split()
    # (« un simple mail, ça suffit ou pas ? »: the check tag's « pas » negates nothing.)
    negated = bool(_NEGATION & set(without_check_tag(" ".join(tokens)).split()))
    if (negated and not negative_question(text)) or not counts_in(" ".join(tokens)) <= counts_in(term.statement):
        return answer
    verdict = _verdict(term, tokens)
    if verdict is None:
        return answer
    return replace(answer, text=f"{verdict.capitalize()}. {answer.text}", yes_no=verdict)


def term_of(kb: KnowledgeBase, answer: Answer) -> Optional[Term]:
    """The one term the answer states: about its subject, in its one section."""
    terms = [t for t in kb.terms if answer.subject in t.subjects and t.section in answer.articles]
    return terms[0] if len(terms) == 1 and len(answer.articles) == 1 else None


def _verdict(term: Term, tokens: list[str]) -> Optional[str]:
    found = [(start, start + len(words), claim.verdict)
             for claim in term.claims for phrase in claim.words
             for words in [phrase.split()]
             for start in range(len(tokens) - len(words) + 1) if tokens[start:start + len(words)] == words]
    # A wording covered by a longer one, or overlapping one begun before it, is part of that one.
    kept = [(s, e, v) for s, e, v in found
            if not any((s2, e2) != (s, e) and s2 <= s < e2 and (s2 < s or e2 > e) for s2, e2, _ in found)]
    if any(_offered_among(tokens, s, e) for s, e, _ in kept):
        return None  # « faut envoyer un mail ou un courrier ? » asks which one: the term says, no « Non » to either
    inside = {i for s, e, _ in kept for i in range(s, e)}
    # Words of restriction (membership.RESTRICTION_WORDS) outside a claim's own wording (« elle continue toute
    # seule ») leave no verdict.
    if any(t in RESTRICTION_WORDS for i, t in enumerate(tokens) if i not in inside):
        return None
    # What the term requires, asked « sans » it (« sans envoyer de lettre recommandée »), is denied.
    verdicts = {"non" if v == "oui" and _WITHOUT in tokens[max(0, s - 3):s] else v for s, _, v in kept}
    return verdicts.pop() if len(verdicts) == 1 else None


# Small words between « ou » and the option it offers (« un mail ou par courrier »).
_OPTION_LEAD = frozenset({"un", "une", "le", "la", "l", "les", "des", "du", "par", "en", "avec", "simple", "simples"})


def _offered_among(tokens: list[str], start: int, end: int) -> bool:
    """Whether the claim's wording at ``tokens[start:end]`` is one option of an alternative (« X ou Y »), not a check
    tag (« …, ça suffit ou pas ? »)."""
    after = tokens[end:end + 2]
    before = tokens[max(0, start - 4):start]
    while before and before[-1] in _OPTION_LEAD:
        before.pop()
    return after[:1] == ["ou"] and after[1:2] not in (["pas"], ["non"]) or before[-1:] == ["ou"]

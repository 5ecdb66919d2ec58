"""« On peut proposer un logiciel directement au Département ? »: the party a request goes to, named after
« directement », is what the question checks (issue 11, class 2). The record of the act (article 9: the collège
proposes new software to the referents of the DANE and Réseau Canopé) says the collège does propose, but not to
that party: its « Oui » would confirm the route asked, so the record is stated with no verdict.
"""
from __future__ import annotations

from dataclasses import replace

from knowledge.answer_types import Answer, without_verdict
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.vocabulary import vocabulary_for

# Words between « directement » and the party it names (« directement au Département », « directement à la DSI du … »).
_REACH = 4


def addressee_checked(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """``answer`` without its lead « Oui » when the question names, after « directement », a party the record does
    not name."""
    if not answer.text.startswith("Oui") or not answer.parties:
        return answer
    tokens = normalise(text).split()
    starts = [at for at, word in enumerate(tokens) if word == "directement"]
    parties = [m for m in vocabulary_for(kb).matches(text, ("party",)) if any(0 < m.start - at <= _REACH for at in starts)]
    if not parties or all(m.id in answer.parties for m in parties):
        return _addressed_elsewhere(kb, tokens, answer)
    return replace(answer, text=without_verdict(answer.text), yes_no=None)


# « déclarer au rectorat », « envoyer à la DANE », « signaler auprès du CD »: the party an act is addressed to.
_ADDRESSING = frozenset({"declarer", "declare", "declarons", "declarez", "envoyer", "envoie", "envoyons", "adresser",
                         "adresse", "signaler", "signale", "transmettre", "transmet", "remonter", "proposer", "propose",
                         "proposons"})
_TO = (("au",), ("aux",), ("a", "la"), ("a", "l"), ("aupres", "du"), ("aupres", "de", "la"), ("aupres", "des"))


def _addressed_elsewhere(kb: KnowledgeBase, tokens: list[str], answer: Answer) -> Answer:
    """« devons-nous les déclarer au rectorat pour l'inventaire ? »: the act is the record's (article 6: declare), the
    party it is addressed to is not: « Non », the record then says to whom."""
    verbs = [at for at, word in enumerate(tokens) if word in _ADDRESSING]
    if not verbs:
        return answer
    for m in vocabulary_for(kb).matches(" ".join(tokens), ("party",)):
        addressed = any(tuple(tokens[m.start - len(to):m.start]) == to for to in _TO)
        if addressed and any(0 < m.start - at <= _REACH + 2 for at in verbs) and m.id not in answer.parties \
                and m.id != "college":
            # (A party the record's condition names, « en concertation avec le Département », is not denied.)
            if m.id in vocabulary_for(kb).detect(answer.text).parties:
                return replace(answer, text=without_verdict(answer.text), yes_no=None)
            return replace(answer, text="Non. " + without_verdict(answer.text), yes_no="non")
    return answer

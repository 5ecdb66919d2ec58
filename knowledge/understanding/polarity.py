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
from typing import Optional

from knowledge.answer_types import Answer, capitalised, without_verdict
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import parse
from knowledge.understanding.closed_questions import CHECK_OPENINGS, STATEMENT_TAGS
from knowledge.understanding.lexicon import lexicon_for, phrase_positions
from knowledge.vocabulary import vocabulary_for

# The words that negate the verb they depend on: « ne »/« n' », and « pas » alone in SMS style (« on peut pas »).
_NEGATORS = frozenset({"ne", "n'", "n’", "n", "pas"})
# « ne » negates only with one of these: alone it restricts (« ne serait-ce qu'un ? », « ne … que »).
_NEGATIVE_WORDS = frozenset({"pas", "plus", "jamais", "personne", "rien", "aucun", "aucune", "guère", "nullement"})
# A tag after a statement: the statement is what is checked (« on n'a pas le droit d'y toucher, c'est bien ça ? »,
# « on n'est pas obligés de les déclarer, si ? »). Read on the normalised text, where commas are gone: « si » and
# « non » alone end a question only as a tag.
_TAG = re.compile(r"\b(" + "|".join(sorted(STATEMENT_TAGS, key=len, reverse=True)) + r")\W*$")
_OPENING = re.compile(r"^(" + "|".join(sorted(CHECK_OPENINGS, key=len, reverse=True)) + r")\b")
# A lead « Oui » as the answer steps write it: « Oui. », « Oui : », « Oui, dans l'exception … ».
_YES_LEAD = re.compile(r"^Oui(?=\s?[.,:])")
_NO_LEAD = re.compile(r"^Non(?=\s?[.,:])")
_WORDS = re.compile(r"\w+")


def negative_question(text: str) -> bool:
    """Whether the sentence that asks in ``text`` negates its own verb (spaCy's parse; False without the parse)."""
    if "?" not in text or _TAG.search(normalise(text)):
        return False
    return _negates(text)


def tagged_statement(text: str) -> Optional[str]:
    """The statement a tag asks to confirm (« le collège ne peut pas y toucher » in « le collège ne peut pas y toucher,
    c'est bien ça ? »), None when the question ends with no tag."""
    if "?" not in text:
        return None
    found = _TAG.search(normalise(text))
    if found is None:
        return None
    # The tag's words are the last ones of the text; normalising splits « c'est » in two, so the original words
    # are cut one by one until they hold the whole tag.
    tag = normalise(found.group(0)).strip()
    words = text.rstrip(" ?!.").split()
    for cut in range(1, len(words) + 1):
        if normalise(" ".join(words[-cut:])).strip().endswith(tag):
            return " ".join(words[:-cut]).rstrip(" ,;:-") or None
    return None


def opened_statement(text: str) -> Optional[str]:
    """The statement an opening asks to confirm (« le collège ne doit pas y toucher » in « on est d'accord que le
    collège ne doit pas y toucher ? »), None when the question opens with no such words."""
    if "?" not in text:
        return None
    found = _OPENING.search(normalise(text))
    if found is None:
        return None
    # (As for a tag: normalising splits « qu'on » in two, so the original words are taken one by one.)
    opening, words = found.group(0), text.split()
    for cut in range(1, len(words) + 1):
        if normalise(" ".join(words[:cut])).strip().startswith(opening):
            # (« … d'accord qu'on n'est pas obligés ? »: the word after the elided « qu' » opens the statement.)
            last = normalise(words[cut - 1]).split()
            after = last[last.index("qu") + 1:] if "qu" in last else []
            rest = " ".join(after + words[cut:]) if after else " ".join(words[cut:])
            return rest.lstrip(" ,;:-") or None
    return None


def negative_statement(text: str) -> bool:
    """Whether ``text`` is a statement in the negative followed by a tag (« on n'est pas obligés, si ? ») or opened
    by words that ask to confirm it (« on est d'accord qu'on n'est pas obligés ? »)."""
    statement = tagged_statement(text) or opened_statement(text)
    return statement is not None and _negates(statement if statement.rstrip().endswith("?") else statement + " ?")


def _negates(text: str) -> bool:
    """Whether the sentence that asks in ``text`` (with its question mark) negates its own verb."""
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
    # (A comma between brackets lists what a word names: « les logiciels socles (OS, antivirus) ? ».)
    commas = [t.i for t in sentence if t.text in (",", ":", ";") and not _bracketed(t)]
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


def _bracketed(token) -> bool:
    """Whether ``token`` stands between brackets opened before it in its sentence."""
    depth = 0
    for before in token.sent:
        if before.i >= token.i:
            break
        depth += {"(": 1, ")": -1}.get(before.text, 0)
    return depth > 0


def in_negative(text: str, answer: Answer) -> Answer:
    """``answer`` with its lead « Oui » turned into « Si » when the question is asked in the negative.

    A negative statement with a tag (« on n'a pas le droit, c'est ça ? ») is confirmed by « Non » (« no, you may not »)
    but the tag asks whether it is right: « Non » alone reads as « you are wrong ». It becomes « Non, en effet », as
    for a negative question (« ça veut dire qu'on n'a rien à re-signer ? »); a « Oui » contradicts the statement,
    and is « Si » as for a negative question."""
    if _YES_LEAD.match(answer.text) and (negative_question(text) or negative_statement(text)):
        return replace(answer, text=_YES_LEAD.sub("Si", answer.text, count=1))
    if _NO_LEAD.match(answer.text) and negative_statement(text) \
            or answer.text.startswith("Non. ") and negative_question(text):  # (« Non, ce n'est pas … » says it already)
        return replace(answer, text=_NO_LEAD.sub("Non, en effet", answer.text, count=1))
    return answer


# Asking whether something is forbidden (« la convention nous interdit-elle de l'acheter nous-mêmes ? »).
_FORBIDDING = frozenset({"interdit", "interdite", "interdits", "interdites", "interdire", "interdiction", "defendu",
                         "defendue", "proscrit", "proscrite"})


def forbidding_asked(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """``answer`` with « Non » for its lead « Oui » when the question asks whether an act is forbidden and the record
    allows it (a permission, role ``may``): its « Oui » says the act may be done, which answers « no, it is not
    forbidden »."""
    if not _YES_LEAD.match(answer.text) or not answer.obligations or not _FORBIDDING & set(normalise(text).split()):
        return answer
    record = next((o for o in kb.obligations if o.id == answer.obligations[0]), None)
    if record is None or record.role != "may":
        return answer
    return replace(answer, text=_YES_LEAD.sub("Non", answer.text, count=1), yes_no="non")


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
    tokens = normalise(text).split()
    # (« c'est le Département qui décide tout seul ? »: « tout seul » said of a party is by itself, exclusively; of a
    # thing, « se renouvelle toute seule », it is automatically, hence its place apart.)
    # (« élaboré par le Département tout seul ? »: right after a party's name, it is that party alone too.)
    party_ends = {m.start + m.length - 1 for m in vocabulary_for(kb).matches(" ".join(tokens), ("party",))}
    by_itself = any(
        tokens[at - 1:at] in _TOUT and (_CONFIRMED_PARTY.match(answer.text) or at - 2 in party_ends)
        for word in lexicon_for(kb).marked("questions", "alone", tokens) for at in phrase_positions(tokens, word))
    if not _YES_LEAD.match(answer.text) or not (by_itself or restrictive_claim(kb, tokens)):
        return answer
    # (« Oui, c'est bien Réseau Canopé : … » confirms the party as one doing it, not as the only one.)
    stated = capitalised(_CONFIRMED_PARTY.sub("", answer.text, count=1))
    return replace(answer, text=without_verdict(stated), yes_no=None)


def qualifier_denied(text: str, answer: Answer) -> Answer:
    """``answer`` without its lead « Oui » when the question denies a word the record sets as its condition
    (« l'Académie propose des logiciels non validés ? » against « ne proposent … que s'ils sont validés »): the
    record's party does the act, but not of the thing asked."""
    if not _YES_LEAD.match(answer.text):
        return answer
    tokens = normalise(text).split()
    said = normalise(answer.text)
    denied = [word for word in _denied_words(tokens) if len(word) >= 5 and word not in _NOT_QUALIFIERS]
    if not any(re.search(rf"\b{re.escape(_stem(word))}", said) for word in denied):
        return answer
    return replace(answer, text=without_verdict(answer.text), yes_no=None)


def _denied_words(tokens: list[str]) -> list[str]:
    """The words a message denies: after « non » (« non validés »), and a participle after « pas », « jamais »,
    « sans » (« pas encore validé », « sans être validées »)."""
    denied = []
    for at, word in enumerate(tokens[:-1]):
        if word not in _DENIALS:
            continue
        after = [t for t in tokens[at + 1:at + 4] if t not in _SKIPPED_AFTER_DENIAL][:1]
        if after and (word == "non" or _PARTICIPLE.search(after[0])):
            denied.append(after[0])
    return denied


_DENIALS = frozenset({"non", "pas", "jamais", "sans"})
_SKIPPED_AFTER_DENIAL = frozenset({"encore", "etre", "ete", "du", "tout", "forcement"})
_PARTICIPLE = re.compile(r"(?:e|ee|es|ees)$")


def _stem(word: str) -> str:
    """« validés », « validées » → « valid »: the word's agreement left out, for a match in the record's wording."""
    return re.sub(r"(?:ee|e)?s?$", "", word)


# « non plus », « non seulement »: no quality denied.
_NOT_QUALIFIERS = frozenset({"seulement", "merci", "juste"})


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


_TOUT = (["tout"], ["toute"], ["tous"], ["toutes"])
_NOT_ALONE = (*_TOUT, ["pas"], ["non"])

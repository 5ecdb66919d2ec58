"""Answers where the agreement is silent, and the inferences the product draws, always labelled as such.

Nothing here states a responsibility: a silence says what the text does not say and then what it does say
(inferences.yml `silences`); an inference is introduced by :data:`INFERENCE_LEAD` so that it never reads as
the agreement's own word.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from knowledge.answer_types import Answer, unique, without_verdict
from knowledge.query import subject_chain
from knowledge.records import Inference, KnowledgeBase, Obligation, Silence
from knowledge.rule_sentences import obligation_sentence
from knowledge.vocabulary import Detection

INFERENCE_LEAD = "La convention ne le dit pas expressément ; "


def inferred(inference: Inference) -> str:
    """The inference as the user reads it: labelled, never as the agreement's word."""
    return INFERENCE_LEAD + inference.statement


def inference_of_use(kb: KnowledgeBase, use: str) -> Optional[Inference]:
    return next((i for i in kb.inferences if i.use == use), None)


def line_inference(kb: KnowledgeBase, subjects: Iterable[str], line_id: str) -> Optional[Inference]:
    """The inference that routes one of ``subjects`` to ``line_id``, when the routing is one."""
    chain = list(subjects)
    return next((i for i in kb.inferences if i.use == "line" and i.line == line_id
                 and any(s in i.subjects for s in chain)), None)


def silence_for(kb: KnowledgeBase, subjects: Sequence[str], actions: Sequence[str],
                normalised: str = "") -> Optional[Silence]:
    """The silence answering a question about one of ``subjects`` (in order) and one of ``actions``, unless the
    (normalised) message uses one of its ``without_terms`` (« à qui envoyer la demande ? » asks where a request
    goes, which the text says, not who makes it, which it does not)."""
    for subject in subjects:
        for silence in kb.silences:
            if subject in silence.subjects and any(a in silence.actions for a in actions) \
                    and not any(_words_in(normalised, w) for w in silence.without_terms):
                return silence
    return None


def silence_answer(kb: KnowledgeBase, silence: Silence, subject: Optional[str], actions: Sequence[str]) -> Answer:
    """What the text does not say, then what it does say. No party is named in the citation: the sentence
    that follows quotes the text, it does not designate anyone for the point left open."""
    answer = Answer(
        kind="not_specified",
        text=f"La convention ne dit pas {silence.question}. {silence.says}",
        articles=unique(s.section for s in silence.sources),
        quote=silence.sources[0].quote,
        subject=subject,
        actions=list(actions),
    )
    if silence.terms and silence.refer:  # a point found by its words: where such questions go, as for a topic left open
        refer(kb, answer)
    return answer


def _words_in(normalised: str, phrase: str) -> bool:
    return f" {phrase} " in f" {normalised} "


# How far apart the words of a point's phrase may be, in any order: people write « ils sont désignés comment ? »
# as well as « comment sont-ils désignés ? ».
_SPREAD = 2


@lru_cache(maxsize=None)
def _phrase_words(phrase: str) -> tuple[int, frozenset[str]]:
    """How many words a phrase has, and which: the data's phrases are few and fixed, split once."""
    words = phrase.split()
    return len(words), frozenset(words)


def _words_near(normalised: str, phrase: str, tokens: Optional[list[str]] = None,
                present: Optional[frozenset[str]] = None) -> bool:
    """The phrase as written, or its words (2 or 3 of them) in any order within a few words of each other.
    ``tokens`` and ``present`` (their set): the message's words, when the caller has split it already (it tries
    every point's phrases)."""
    tokens = normalised.split() if tokens is None else tokens
    size, wanted = _phrase_words(phrase)
    # Most phrases have a word the message lacks, and then neither test below can hold (this runs for every
    # phrase of every point): a set comparison settles them before any string is built.
    if not wanted <= (frozenset(tokens) if present is None else present):
        return False
    if _words_in(normalised, phrase):
        return True
    if not 2 <= size <= 3:
        return False
    width = size + _SPREAD
    return any(wanted <= set(tokens[i:i + width]) for i in range(max(1, len(tokens) - width + 1)))


# A count of hours, days or weeks as typed (« 48 h », « 48h », « 2 jours »): read as « N h », « N jours » so that a
# point's terms can name a delay whatever its figure (« sous N h »).
_COUNTED = re.compile(r"\b\d+ ?(h|heures?|jours?|semaines?|min|minutes?)\b")


# Hours of the clock, not counted ones: « 8 h 30 », « à 17 h », « de 8 h à 17 h », « dès 9 h » (« en continu de 8 h 30
# à 17 h » is no delay « en N h »; « en moins de 48 h » is one).
_CLOCK_AFTER = re.compile(r"\s*\d")
_RANGE_AFTER = re.compile(r"\s*(?:\d{2}\s*)?(?:a|jusqu a)\s+\d")
_CLOCK_BEFORE = frozenset({"a", "des", "vers", "jusqu", "entre"})


def _counted(normalised: str) -> str:
    def counted(m: re.Match) -> str:
        before = normalised[:m.start()].split()[-1:]
        clock = m.group(1) == "h" and int(m.group(0).split()[0].rstrip("h")) <= 23 and bool(
            _CLOCK_AFTER.match(normalised, m.end()) or set(before) & _CLOCK_BEFORE
            or before == ["de"] and _RANGE_AFTER.match(normalised, m.end()))
        return m.group(0) if clock else f"n {m.group(1)}"  # terms are normalised: « N » reads « n »

    return _COUNTED.sub(counted, normalised)


def about_the_service(kb: KnowledgeBase, silence: Silence) -> bool:
    """Whether a point the text leaves open lies in the articles on equipment and services only, not in those on
    the agreement itself (its term, termination, disputes, signatures) or its governance."""
    own = {t.section for t in kb.terms} | {"article-11", "contexte", "preambule", "entete"}
    return not {source.section for source in silence.sources} & own


def silence_named(kb: KnowledgeBase, normalised: str) -> Optional[Silence]:
    """The silence whose words the (normalised) message uses: one of its ``terms`` and, when it has
    ``with_terms``, one of those too (« quel jour » only about the signature), and none of its ``without_terms``.
    A term may stand « N » for any figure of hours, days or weeks (« sous N h »)."""
    normalised = _counted(normalised)
    tokens = normalised.split()
    present = frozenset(tokens)
    # Only the terms whose first word the message has can be near (every word of a term must be there).
    index = _terms_by_first_word(kb)
    candidates = sorted({entry for word in present for entry in index.get(word, ())})
    for at, terms in _grouped(candidates):
        silence = kb.silences[at]
        if any(_words_near(normalised, t, tokens, present) for t in terms) and (
                not silence.with_terms or any(_words_in(normalised, w) for w in silence.with_terms)) \
                and not any(_words_in(normalised, w) for w in silence.without_terms):
            return silence
    return None


@lru_cache(maxsize=4)
def _terms_by_first_word(kb: KnowledgeBase) -> dict[str, tuple[tuple[int, str], ...]]:
    """Each silence's terms by their first word, with the silence's rank: built once per knowledge base."""
    index: dict[str, list[tuple[int, str]]] = {}
    for at, silence in enumerate(kb.silences):
        for term in silence.terms:
            index.setdefault(term.split(" ", 1)[0], []).append((at, term))
    return {word: tuple(entries) for word, entries in index.items()}


def _grouped(candidates: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """(silence rank, its candidate terms), in rank order."""
    groups: dict[int, list[str]] = {}
    for at, term in candidates:
        groups.setdefault(at, []).append(term)
    return list(groups.items())


def refer(kb: KnowledgeBase, answer: Answer) -> Answer:
    """Add where questions the text does not settle go (article 11's governance), labelled as an inference."""
    referral = inference_of_use(kb, "referral")
    if referral is None:
        return answer
    labels = ", ".join(unique(kb.sections[s.section].label for s in referral.sources))
    answer.text = f"{answer.text} {inferred(referral).rstrip('.')} ({labels})."
    answer.articles = unique([*answer.articles, *(s.section for s in referral.sources)])
    answer.quote = answer.quote or referral.sources[0].quote
    answer.inferences = unique([*answer.inferences, referral.id])
    return answer


def topic_not_specified(kb: KnowledgeBase, topic_id: Optional[str], subject_id: Optional[str] = None) -> Answer:
    """A topic the agreement does not settle (subjects.yml ``not_specified``): say so, then where such
    questions go (an inference). No party is named."""
    topic = next((u for u in kb.uncovered if u.id == topic_id), None)
    label = topic.label if topic else kb.subjects[subject_id].label if subject_id else "ce point"
    return refer(kb, Answer(kind="not_specified", text=f"La convention ne précise pas qui prend en charge {label}."))


def not_specified(kb: KnowledgeBase, detection: Detection, subject_id: Optional[str] = None) -> Answer:
    """A topic the agreement does not settle: say so, then where such questions go (an inference)."""
    return topic_not_specified(kb, detection.not_specified[0] if detection.not_specified else None, subject_id)


def uncovered(kb: KnowledgeBase, point: str, nearest: Obligation, subject: Optional[str],
              word_absent: bool = True) -> Answer:
    """The question turns on something no record covers: say so, quote what the text says closest (its record
    and article, as context, not as the answer: no party is designated), then where such questions go.

    ``word_absent``: the thing or verb asked is not a word of the agreement at all, so « the agreement does not
    say » is certain; otherwise only the records found do not say it, and the reply says no more than that."""
    # An empty point: the question's words would not read as French worded back (understanding/asked_point.py).
    if word_absent:
        lead = f"La convention ne précise pas qui {point}." if point else "La convention ne précise pas ce point."
    else:
        lead = f"Je ne trouve pas dans la convention qui {point}." if point else "Je ne trouve pas ce point dans la convention."

    answer = Answer(
        kind="not_specified",
        text=f"{lead} Ce qu'elle dit de plus proche : "
             f"{lowered(obligation_sentence(kb, nearest, with_condition=False))}",
        articles=[nearest.section],
        quote=nearest.source,
        subject=subject,
        obligations=[nearest.id],
    )
    return refer(kb, answer)


def lowered(sentence: str) -> str:
    """A sentence continued after a colon: its first letter in lower case, unless it starts a name."""
    first = sentence.split(" ", 1)[0]
    return sentence if first[1:2].isupper() or first in ("Département", "Académie", "Réseau") else sentence[:1].lower() + sentence[1:]


def no_duration(kb: KnowledgeBase, subject_id: Optional[str]) -> Answer:
    """A time asked about a thing, not about the agreement (« combien de temps pour réparer un PC ? »): the
    only durations the text gives are the agreement's own (its term, its notice), so none answers it."""
    about = f" pour {kb.subjects[subject_id].label}" if subject_id else " pour cela"
    answer = Answer(kind="not_specified", subject=subject_id,
                    text=f"La convention ne précise pas de délai ni de durée{about}.")
    return refer(kb, answer)


def value_not_given(kb: KnowledgeBase, closest: Answer) -> Answer:
    """A count or a date asked about the agreement that its record does not give: said as such, the record
    kept as what the text says closest (its articles, no party named), then where such questions go."""
    answer = Answer(kind="not_specified", subject=closest.subject, articles=list(closest.articles),
                    quote=closest.quote,
                    text=f"La convention ne précise pas ce point. Ce qu'elle dit de plus proche : "
                         f"{lowered(without_verdict(closest.text))}")
    return refer(kb, answer)


def line_detail_not_given(kb: KnowledgeBase, closest: Answer, word: str) -> Answer:
    """A detail of a support line that article 4 does not give (its web address, the cost of a call, the
    school holidays): said as such, the line's card kept as what the text does say, no party named."""
    return Answer(kind="not_specified", subject=closest.subject, articles=list(closest.articles), quote=closest.quote,
                  text=f"La convention ne précise pas ce point (« {word} ») pour les lignes d'assistance. "
                       f"Ce qu'elle en dit : {lowered(without_verdict(closest.text))}")


def number_not_given(kb: KnowledgeBase, closest: Answer, word: str) -> Answer:
    """The number of someone the text never names (« le numéro de la gendarmerie ? »): it gives none, only the
    support lines' own numbers, quoted as what it does say; no party named."""
    return Answer(kind="not_specified", subject=closest.subject, articles=list(closest.articles), quote=closest.quote,
                  text=f"La convention ne donne pas de numéro pour « {word} » : les seuls numéros qu'elle donne sont ceux "
                       f"des lignes d'assistance. {without_verdict(closest.text)}")


def online_hours_not_given(kb: KnowledgeBase, closest: Answer, word: str) -> Answer:
    """The hours of the intranet or of the online form, which article 4 does not give: said as such, with the
    telephone lines' hours, which it does give, and no party named."""
    return Answer(kind="not_specified", subject=closest.subject, articles=list(closest.articles), quote=closest.quote,
                  text=f"La convention ne précise pas d'horaires pour la déclaration en ligne (« {word} ») : les horaires "
                       f"qu'elle donne sont ceux des permanences téléphoniques. {without_verdict(closest.text)}")


def point_not_specified(kb: KnowledgeBase) -> Answer:
    """A particular question on the agreement that no record answers: say so, then where such questions go."""
    return refer(kb, Answer(kind="not_specified", text="La convention ne précise pas ce point."))


def out_of_scope(kb: KnowledgeBase, detection: Detection) -> Answer:
    topic = next((u for u in kb.uncovered if detection.out_of_scope and u.id == detection.out_of_scope[0]), None)
    text = (
        "Désolé, je ne réponds qu'aux questions sur la convention informatique des collèges des Deux-Sèvres "
        "(qui achète, installe et maintient quoi, et qui assiste les collèges), et celle-ci ne traite pas de "
        f"{topic.label if topic else 'ce sujet'}."
    )
    if topic and topic.contact:
        text += f" Adressez-vous plutôt à {topic.contact}."
    return Answer(kind="out_of_scope", text=text)


def unknown(kb: KnowledgeBase, detection: Detection) -> Answer:
    text = (
        "Je n'ai pas trouvé de quel équipement ou service vous parlez. Essayez par exemple : « qui installe le "
        "vidéoprojecteur ? », « qui paie les téléphones portables ? » ou « quel numéro pour le réseau ? »."
    )
    return Answer(kind="unknown", text=text)


def line_inference_text(kb: KnowledgeBase, subject_id: str, line_id: str) -> Optional[str]:
    """The labelled sentence to show when routing ``subject_id`` to ``line_id`` is an inference, else None
    (for the incident form's confirmation: « ticket transmis à … » must not read as the agreement's word)."""
    if subject_id not in kb.subjects:
        return None
    inference = line_inference(kb, subject_chain(kb, subject_id), line_id)
    return inferred(inference) if inference else None


def who_not_given(kb: KnowledgeBase, closest: Answer, point: str) -> Answer:
    """A who-question on a term of the agreement that names nobody (« qui peut résilier la convention ? »): said as
    such, the term kept as what the text says closest (its article, no party named), then where such questions go."""
    lead = f"La convention ne précise pas qui {point}." if point else "La convention ne précise pas qui s'en charge."
    answer = Answer(kind="not_specified", subject=closest.subject, articles=list(closest.articles),
                    quote=closest.quote, text=f"{lead} Ce qu'elle dit de plus proche : {lowered(closest.text)}")
    return refer(kb, answer)

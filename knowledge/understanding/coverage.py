"""Does the record that would answer cover what the question asks? (issue 11, the structural check)

The composer finds the best record for the subject it recognised. When the question turns on a verb or a
thing the knowledge base has no word for (« qui *nettoie* les ordinateurs ? », « qui remplace la *lampe* du
vidéoprojecteur ? », « l'*électricité* des serveurs, qui la paie ? »), that record is about something else
nearby, and stating it as the answer names a party the text does not designate. This module finds such a
gap with spaCy's parse and lemmas: the question's predicate (the verb whose subject is « qui », or the root)
and the thing it is about (its object, or the noun a « …, qui les paie ? » takes up). Words that only ask who
is in charge (« s'occuper », « devoir ») or name no thing of their own (« la salle ») never make a gap:
message_kinds.yml `coverage` lists them.

Only a gap beside a known subject counts: a thing named as a *complement* of the unknown word (« la lampe
*du vidéoprojecteur* »). A question whose every content word is unknown is left to the composer, which says
it did not understand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from rapidfuzz import fuzz

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import asked_point
from knowledge.understanding import parse as parsing
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.question_parse import WHO_WORDS, asking_sentence, predicate, verbal
from knowledge.understanding.question_parse import thing as thing_of
from knowledge.vocabulary import vocabulary_for

# Verbs that say no more than « take charge of » about a thing (« qui paie la lampe ? » is « qui prend en charge
# la lampe ? »): the point is then worded with « prend en charge ».
_CHARGE_VERBS = {"payer", "paie", "paye", "financer", "finance", "rembourser", "rembourse", "remplacer", "remplace",
                 "changer", "change", "acheter", "achete", "fournir", "fournit", "gerer", "gere"}
# A typo of a known word is not an unknown word: single words this long are compared at this score, as
# knowledge/vocabulary.py does for subjects.
_FUZZY_MIN_LENGTH = 6
_FUZZY_MIN_SCORE = 86


@dataclass(frozen=True)
class Gap:
    """The word of the question the knowledge base does not know, and what it is in the question."""

    word: str  # as typed: « nettoie », « lampe »
    lemma: str  # « nettoyer », « lampe »
    role: str  # "action" (the predicate) or "thing" (what the predicate is about)
    known: str  # the known word it sits beside (« ordinateurs », « vidéoprojecteur »)
    about: str  # the words of the point asked, as typed: « les ordinateurs de la salle info », « la lampe du
    #             vidéoprojecteur »
    verb: str = ""  # for a thing: the infinitive of the verb asked, when it says more than « take charge »
    readable: bool = True  # whether the words above read as French once worded back (asked_point.py)

    @property
    def point(self) -> str:
        """The point the agreement does not settle, as the end of « La convention ne précise pas qui … »; empty
        when the words cut from the question would not read as French (the reply then says « ce point »)."""
        if not self.readable:
            return ""
        if self.role == "action":
            if self.about == "l":
                # « qui doit l'installer »; typed before a verb that opens with a consonant (« qui l'a désigné ? »),
                # the elided pronoun is « le » again: « qui doit le désigner »
                elided = normalise(self.lemma)[:1] in "aeiouyh"
                return f"doit l'{self.lemma}" if elided else f"doit le {self.lemma}"
            if self.about in ("le", "la", "les", "en", "y"):
                return f"doit {self.about} {self.lemma}"  # « qui doit les remplacer »
            return f"doit {self.lemma} {self.about}".strip()
        if self.verb:
            return f"doit {self.verb} {self.about}"  # « qui doit former les familles à l'ENT »
        return f"prend en charge {self.about}"


@dataclass(frozen=True)
class _Words:
    known: frozenset[str]
    light_verbs: frozenset[str]
    light_nouns: frozenset[str]
    action_nouns: frozenset[str]  # words of actions (« expertise », « formation »): what a light verb does
    in_text: frozenset[str]  # stems of the agreement's own words: what it speaks of, listed or not
    stop_words: frozenset[str]  # spaCy's French stop words, normalised
    by_length: dict[int, tuple[str, ...]]
    # Words known on their own: a term of one word, or a word of the marker lists; not a word that only stands inside
    # a longer term (« carnet » of « sort le carnet de chèques »).
    alone: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def _words(kb: KnowledgeBase) -> _Words:
    """Every single word the knowledge base and the understanding step know, normalised, built once."""
    lexicon = lexicon_for(kb)
    # Words of out-of-scope topics and of points the text leaves open are not known *for answering*: they
    # are what a gap is made of (« nettoyer », « électricité »).
    kinds = ("subject", "weak_subject", "action", "party")
    known: set[str] = set(vocabulary_for(kb).words(kinds))
    # A typo is compared with the terms of one word only: « recharger » is no typo of the « recharge » of the
    # fault phrase « ne se recharge plus », which names no act anyone is in charge of.
    near = set(vocabulary_for(kb).words(kinds, alone=True))
    for phrases in [*(e.words for e in lexicon.ambiguous), *(g.words for g in lexicon.glossary)]:
        known.update(w for phrase in phrases for w in phrase.split())
        near.update(w for phrase in phrases for w in phrase.split())
    marker_words: set[str] = set()
    for group in ("kinds", "questions", "agreement"):
        for phrases in lexicon.markers.get(group, {}).values():
            marker_words.update(w for phrase in phrases for w in phrase.split())
    known.update(marker_words)
    coverage = lexicon.markers.get("coverage", {})
    light_verbs = frozenset(w for p in coverage.get("light_verbs", ()) for w in p.split())
    light_nouns = frozenset(w for p in coverage.get("light_nouns", ()) for w in p.split())
    by_length: dict[int, list[str]] = {}
    for word in near:
        if len(word) >= _FUZZY_MIN_LENGTH:
            by_length.setdefault(len(word), []).append(word)
    action_nouns = vocabulary_for(kb).words(("action",))
    in_text = frozenset(_stem(w) for w in normalise(kb.agreement_text).split() if len(w) >= 4)
    stop_words = frozenset(normalise(w) for w in parsing.stop_words())
    return _Words(frozenset(known), light_verbs, light_nouns, action_nouns, in_text, stop_words,
                  {k: tuple(v) for k, v in by_length.items()}, frozenset(near | marker_words))


def _stem(word: str) -> str:
    """A crude French stem (the first 6 letters): « intégration » meets « intégrer », « câbler » « câblage »."""
    return word[:6]


def _is_known(words: _Words, token: Any) -> bool:
    forms = {normalise(token.text), normalise(token.lemma_)}
    forms.discard("")
    if forms & words.known:
        return True
    # A word of the agreement itself is something it speaks of, even if no list names it: saying « the text
    # does not speak of it » would be false.
    if any(len(f) >= 4 and _stem(f) in words.in_text for f in forms):
        return True
    return any(len(form) >= _FUZZY_MIN_LENGTH and _near_known(words, form) for form in forms)


def is_light(words: _Words, token: Any) -> bool:
    """Whether a token is a light noun (message_kinds.yml coverage: « la salle », « final »): no thing of its own."""
    return normalise(token.lemma_) in words.light_nouns or normalise(token.text) in words.light_nouns


def _known_complement(words: _Words, token: Any) -> Optional[Any]:
    """A known noun among the complements of ``token`` (« la lampe du vidéoprojecteur »)."""
    for child in token.subtree:
        if child.i == token.i or child.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = normalise(child.lemma_)
        if lemma in words.light_nouns or normalise(child.text) in words.light_nouns:
            continue
        if _is_known(words, child):
            return child
    return None


# An acronym as people type it (« DPO », « PPMS »): spaCy's vectors may not know it, so absent_words leaves it out.
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def unknown_acronyms(kb: KnowledgeBase, text: str) -> list[str]:
    """The acronyms of ``text``, as typed, that no word of the knowledge base or of the agreement is."""
    words = _words(kb)
    return [a for a in _ACRONYM.findall(text) if normalise(a) not in words.known and normalise(a) not in words.in_text]


def _unknown_words(kb: KnowledgeBase, words: _Words, text: str) -> list[str]:
    """The words of ``text`` that are neither known, light nor French stop words (no parse needed)."""
    found = []
    tokens = normalise(text).split()
    # A word inside an idiom here is understood (« le fonctionnement courant » is everyday running); the same word
    # elsewhere is not (« le papier de l'imprimante » beside the idiom « sur le papier »).
    in_idiom = vocabulary_for(kb).idiom_words(tokens)
    for word, idiomatic in zip(tokens, in_idiom):
        if len(word) < 3 or word.isdigit() or word in words.known or word in words.light_verbs \
                or word in words.light_nouns or word in words.stop_words or idiomatic:
            continue
        if len(word) >= _FUZZY_MIN_LENGTH and _near_known(words, word):
            continue
        found.append(word)
    return found


def absent_words(kb: KnowledgeBase, text: str, tags: tuple[str, ...] = ()) -> list[str]:
    """The content words of ``text``, as typed, that the agreement does not contain at all: nouns, verbs and
    adjectives (by spaCy's tags, past their lemma) that are no word of the knowledge base, of the text itself
    (by stem), no typo of one, nor a light or stop word, and a French word spaCy's vectors know. « La convention ne mentionne pas X » is then true
    whatever the question was. Short words are left out: they are most often SMS spellings (« kel », « reso »).
    ``tags`` keeps only those parts of speech (nouns: the things a message is about)."""
    # The parse is awaited even right after start-up (the action server's warm-up is then still loading spaCy):
    # the same message must get the same answer whenever it comes, not one claim more once the model is in.
    words = _words(kb)
    # Only words that could be quoted need the parse (its tags and lemmas): most messages have none, and the
    # parse is the costliest step of a turn.
    unknown = {w for w in _unknown_words(kb, words, text) if len(w) >= _ABSENT_MIN_LENGTH and _stem(w) not in words.in_text}
    doc = parsing.parse(text) if unknown else None
    if doc is None:
        return []
    ignored = words.light_verbs | words.light_nouns | words.known
    typed: dict[str, str] = {}
    for token in doc:
        form = normalise(token.text)
        # A word spaCy's vectors do not know (« zorglub », a garbled typo) is not quoted back as a French word.
        if form not in unknown or token.pos_ not in (tags or _CONTENT_TAGS) or token.is_oov \
                or normalise(token.lemma_) in ignored:
            continue
        typed.setdefault(form, token.text)
    return list(typed.values())


def things_apart(kb: KnowledgeBase, text: str) -> list[str]:
    """The nouns of ``text`` that no word of the knowledge base names on its own (a term of one word, a word of the
    marker lists), no light or stop word, nor a word of the agreement (« un élève a oublié son *carnet* »): a thing the
    message is about that the agreement's subjects do not name. Parsed only when such a word is there."""
    words = _words(kb)
    tokens = normalise(text).split()
    candidates = {w for w in tokens if len(w) >= 4 and not w.isdigit() and w not in words.alone
                  and w not in words.stop_words and w not in words.light_nouns and _stem(w) not in words.in_text}
    doc = parsing.parse(text) if candidates else None
    if doc is None:
        return []
    return [t.text for t in doc if t.pos_ == "NOUN" and normalise(t.text) in candidates
            and normalise(t.lemma_) not in words.alone and normalise(t.lemma_) not in words.light_nouns]


# Parts of speech that carry what a message is about, and the shortest word quoted as absent from the text.
_CONTENT_TAGS = ("NOUN", "PROPN", "VERB", "ADJ")
_ABSENT_MIN_LENGTH = 5


def _near_known(words: _Words, form: str) -> bool:
    return any(fuzz.ratio(form, w) >= _FUZZY_MIN_SCORE
               for length in range(len(form) - 1, len(form) + 2) for w in words.by_length.get(length, ()))


_ON_OR_IN = frozenset({"sur", "dans"})


def _asks_who(verb: Any) -> bool:
    """Whether « qui » is the verb's subject: the verb asked, however the parser attached its clause (« Pour faire
    entrer un logiciel …, qui rédige le cahier des charges ? » hangs « rédige » on « entrer »)."""
    # (Not a relative clause, « un agent qui s'y connaît », nor « qu'est-ce qui », which asks what.)
    return not verb.dep_.startswith("acl") and any(
        c.dep_.startswith("nsubj") and normalise(c.text) in WHO_WORDS and (c.i == 0 or normalise(c.nbor(-1).text) != "ce")
        for c in verb.children)


def gap(kb: KnowledgeBase, text: str) -> Optional[Gap]:
    """The verb or thing ``text`` turns on that the knowledge base does not know, beside one it knows;
    None when every such word is known (or the parse is unavailable)."""
    words = _words(kb)
    if not [w for w in _unknown_words(kb, words, text) if not (len(w) >= 4 and _stem(w) in words.in_text)]:
        # Every word is known, or is a word of the agreement itself (which _is_known accepts): no gap, and no
        # parse to pay for.
        return None
    parsed = parsing.parse(text)
    if parsed is None:
        return None
    doc = asking_sentence(parsed)
    verb = predicate(doc)
    thing = thing_of(doc, verb)
    # « apporter une expertise », « organiser les formations », « donner la validation »: the noun names the
    # action, the verb only carries it.
    carried = thing is not None and bool({normalise(thing.text), normalise(thing.lemma_)} & words.action_nouns)
    if verb is not None and verb.pos_ != "AUX" and verbal(verb) and not carried:
        lemma = normalise(verb.lemma_)
        if lemma not in words.light_verbs and normalise(verb.text) not in words.light_verbs \
                and not _is_known(words, verb):
            beside = thing if thing is not None and _is_known(words, thing) else None
            if beside is None and thing is not None:
                beside = _known_complement(words, thing)
            # (« c'est à nous de les coller ? »: the infinitive hangs on « être » as its argument.)
            if beside is None and (verb.dep_ == "ROOT" or verb.head.dep_ == "ROOT" and verb.dep_ in ("xcomp", "obl:arg")
                                   or _asks_who(verb)):
                # « qui efface les disques durs avant de jeter les anciens PC ? »: the known thing sits in
                # another clause of the same question; the verb asked is still one the base has no word for.
                # The thing may be named in the story before the question (« Les étiquettes d'inventaire … se
                # décollent. Qui doit en recoller ? »).
                beside = next((t for t in (*doc, *parsed) if t.pos_ in ("NOUN", "PROPN")
                               and (thing is None or t.i != thing.i)
                               and normalise(t.lemma_) not in words.light_nouns and _is_known(words, t)), None)
            if beside is not None:
                about = asked_point.phrase_tokens(thing) if thing is not None else []
                # (« un élève a oublié son mot de passe » tells what happened: « qui doit oublier … » is no point.)
                happened = any(c.dep_ == "aux:tense" for c in verb.children)
                return Gap(verb.text, verb.lemma_, "action", beside.text, asked_point.joined(about),
                           readable=asked_point.infinitive(verb.lemma_) and asked_point.readable_phrase(about)
                           and not happened)
    if thing is None:
        return None
    whole = thing
    if is_light(words, thing):
        # « les frais de port »: a cost, a part or a kind of something names no thing of its own; what it
        # is of is the thing asked about.
        thing = next((c for c in thing.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")), None)
        if thing is None:
            return None
    if is_light(words, thing) or _is_known(words, thing):
        return None
    if thing.dep_ == "obl:arg" and any(normalise(c.text) in _ON_OR_IN for c in thing.children if c.dep_ == "case") \
            and verb is not None and any(c.dep_.startswith("nsubj") and _is_known(words, c) for c in verb.children):
        # « nos tablettes ne se rechargent plus *sur le chariot* »: the fault is said of the known subject; the
        # unknown word only says where it happens.
        return None
    # Light verbs take their action as a noun (« assurer la maintenance des TNI »): that noun is no thing.
    beside = _known_complement(words, thing)
    from_story = verb is not None and not any(t.i == thing.i for t in doc) \
        and normalise(verb.lemma_) not in words.light_verbs and normalise(verb.text) not in words.light_verbs
    if beside is None and verb is not None and (verb.dep_ == "ROOT" or from_story):
        # « qui paie les frais de port quand on renvoie un PC ? »: the known thing sits in another clause; for a
        # thing a verb of its own takes up from the story (« le store … est bloqué, on ne voit plus l'écran. Qui
        # vient le réparer ? »; not « … à qui je le signale ? », whose « le » is the whole fact), in the story.
        beside = next((t for t in (parsed if from_story else doc) if t.pos_ in ("NOUN", "PROPN") and t.i != thing.i
                       and t.i != whole.i and not is_light(words, t) and _is_known(words, t)), None)
    if beside is None:
        return None
    thing = whole
    asked_verb = ""
    if verb is not None and verb.pos_ == "VERB" and any(a.i == verb.i for a in thing.ancestors) \
            and normalise(verb.lemma_) not in words.light_verbs \
            and not {normalise(verb.lemma_), normalise(verb.text)} & _CHARGE_VERBS:
        # The tagger's lemma, or the action's own name when the lemma is no infinitive (« forme »).
        asked_verb = (verb.lemma_ if asked_point.infinitive(verb.lemma_)
                      else lexicon_for(kb).spelled(vocabulary_for(kb).action_id_for(verb.text) or ""))
    about = asked_point.phrase_tokens(thing)
    return Gap(thing.text, thing.lemma_, "thing", beside.text, asked_point.joined(about), asked_verb,
               readable=asked_point.readable_phrase(about))


def asks_specific(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message about the agreement asks for a count (« la convention dit combien de techniciens… ? »)
    that an overview of the agreement would not give. (Unknown words are no sign: « renouvelée
    automatiquement ? » is answered by the overview's article 12.)"""
    tokens = normalise(text).split()
    return "combien" in tokens or "cb" in tokens


# What the sibling readers of a message (setting.py, syntax.py, message_parts.py, asked_acts.py) use of this one.
words_of = _words


def prepare(kb: KnowledgeBase) -> None:
    """Build the lexicon and the coverage word sets now (the action server's background warm-up), not on
    the first question."""
    _words(kb)

"""Map the words people type to subjects, actions and parties of the knowledge base.

Matching is accent- and case-insensitive, prefers the longest term (``téléphone portable`` beats
``téléphone``), tolerates small typos on longer words, and drops generic words (``matériel``) when
something more specific is named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase

# Interrogative words after normalise() (accents dropped: "où" reads "ou", which is also "or"), SMS spellings
# included. The one list: answers, incident detection and yes/no detection all read it.
# The writer's own words for the collège (party aliases « on », « nous », « je »): they say who asks, not a party
# whose address, signature or duty the question is about.
WRITER_WORDS = frozenset({"on", "nous", "je", "j", "moi", "nous memes"})
QUESTION_WORDS = frozenset({"qui", "quel", "quelle", "quels", "quelles", "comment", "ou", "quand", "combien",
                            "pourquoi", "kel", "kelle", "ki", "kiki", "quoi", "koi"})
# « … ont lieu au collège ou faut-il se déplacer ? » offers two answers to choose from: no yes or no answers it
# (« … ou pas ? », « … ou non ? » still ask yes or no).
ALTERNATIVE_PHRASES = ("ou faut il", "ou bien", "ou plutot", "ou alors", "ou est ce que", "ou est ce qu", "ou doit on",
                       "ou on doit", "ou il faut")
_OPEN_PHRASES = ("que se passe", "que faire", "quoi faire", "que doit", "que peut", "que dois", "qu est ce que",
                 "qu est ce qu", "qu est ce qui", "quest ce que", "quest ce qu") + ALTERNATIVE_PHRASES
# "peut", "doit": asking whether someone may or must; "pose t il", "verifie t elle": inverted questions;
# "c'est Canopé qui répare ?": a yes/no on who.
_MODAL = re.compile(r"\b(peut|peuvent|peux|pouvons|pourrait|pourrions|puis|doit|doivent|dois|devons|a le droit|"
                    r"ont le droit|avons le droit|ai le droit)\b")
_INVERTED = re.compile(r"\b\w+ t (il|elle|ils|elles|on)\b|\b(est|sont|a|ont) (il|elle|ils|elles)\b")
_WHO_AFTER = {"a", "de", "par", "pour", "avec", "aupres", "est", "c", "qui"}
_YES_NO_OPENING = re.compile(r"^(est ce|faut il|y a t il|existe t il|\w+ t (il|elle|ils|elles|on))\b")
_CEST_QUI = re.compile(r"^(est ce (que )?)?c est (bien )?(\w+ ){0,3}qui\b|^est ce (bien )?(le|la|l|les) \w+ qui\b")

# Words this short are too ambiguous to correct for typos ("os" vs "on").
_FUZZY_MIN_LENGTH = 7
_FUZZY_MIN_SCORE = 86


# Where a sentence ends: a thing and a kind of it named in two sentences are two things.
_SENTENCE_END = re.compile(r"[.?!;]+(?:\s|$)")
# Kinds an idiom's words may still say (« prise en charge » is the action of taking on, not a socket).
_IDIOM_SPEAKS = frozenset({"action", "party"})
_MATCH_MEMO_SIZE = 64  # within a turn only: far fewer than the distinct messages of a day
_FUZZY_MEMO_SIZE = 20_000  # distinct (kind, word) pairs: a few megabytes at most


def _plural_forms(word: str) -> tuple[str, ...]:
    """« former » → « forment »: the present third person plural of a one-word -er infinitive."""
    if " " in word or len(word) < 5 or not word.endswith("er"):
        return ()
    return (word[:-2] + "ent",)


@dataclass(frozen=True)
class Match:
    kind: str  # subject | weak_subject | action | party | not_specified | out_of_scope
    id: str
    start: int  # token index
    length: int  # number of tokens
    fuzzy: bool = False


@dataclass
class Detection:
    """What a message talks about, in order of appearance."""

    subjects: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    not_specified: list[str] = field(default_factory=list)
    out_of_scope: list[str] = field(default_factory=list)
    yes_no: bool = False
    normalised: str = ""

    @property
    def subject(self) -> str | None:
        return self.subjects[0] if self.subjects else None


class Vocabulary:
    """Term index built once from a :class:`KnowledgeBase`."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        # kind -> {term tokens tuple: id}
        self._index: dict[str, dict[tuple[str, ...], str]] = {}
        self._inflected: set[str] = set()  # action words made from the lists, not in them
        for subject in kb.subjects.values():
            weak = {normalise(t) for t in subject.weak_terms}
            for term in subject.terms:
                norm = normalise(term)
                self._add("weak_subject" if norm in weak else "subject", norm, subject.id)
        for topic in kb.uncovered:
            for term in topic.terms:
                self._add(topic.kind, normalise(term), topic.id)
        for action, terms in kb.actions.items():
            for term in terms:
                self._add("action", normalise(term), action)
        for action, terms in kb.actions.items():
            # After every listed word (the data wins): the third person plural of a listed infinitive, which
            # questions about two parties use (« Canopé et l'Académie forment-ils… ? »). Never typo targets: only
            # a word typed as it is matches one.
            for term in terms:
                for plural in _plural_forms(normalise(term)):
                    if (plural,) not in self._index.get("action", {}):
                        self._add("action", plural, action)
                        self._inflected.add(plural)
        for party in kb.parties.values():
            for term in (*party.aliases, party.name, party.id):
                self._add("party", normalise(term), party.id)
        self._yes_no = [tuple(normalise(m).split()) for m in kb.yes_no_markers]
        # Idioms by their first word: every match of every message looks for them (most words start none).
        self._idioms: dict[str, list[tuple[str, ...]]] = {}
        for idiom in (tuple(normalise(m).split()) for m in kb.idioms):
            if idiom:
                self._idioms.setdefault(idiom[0], []).append(idiom)
        self._max_len = max((len(k) for idx in self._index.values() for k in idx), default=1)
        self._single_words = {
            kind: {k[0]: v for k, v in idx.items()
                   if len(k) == 1 and len(k[0]) >= _FUZZY_MIN_LENGTH and k[0] not in self._inflected}
            for kind, idx in self._index.items()
        }
        # kind -> first word of a term -> the lengths (in words) of the terms it starts: most windows of a
        # message start with a word that begins no term, and are skipped without building their tuple.
        self._lengths_by_first: dict[str, dict[str, frozenset[int]]] = {}
        for kind, idx in self._index.items():
            firsts: dict[str, set[int]] = {}
            for key in idx:
                firsts.setdefault(key[0], set()).add(len(key))
            self._lengths_by_first[kind] = {word: frozenset(sizes) for word, sizes in firsts.items()}
        self._by_length: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self._matched: dict[tuple[str, tuple[str, ...]], tuple[Match, ...]] = {}
        # (kind, word) -> the term it is a typo of: every message tries each of its words against hundreds of
        # terms, and people use the same words again and again.
        self._corrected: dict[tuple[str, str], str | None] = {}

    def _add(self, kind: str, norm: str, ident: str) -> None:
        if norm:
            # The first definition wins so that data order decides between homonyms.
            self._index.setdefault(kind, {}).setdefault(tuple(norm.split()), ident)

    def matches(self, text: str, kinds: Iterable[str]) -> list[Match]:
        """All matches of the given kinds: exact ones longest first, then typo-tolerant single words.

        Within a kind, matches do not overlap. A word matched exactly by any kind is never corrected
        into another kind ("téléphones" is a subject, not a misspelt "téléphoner").
        """
        # Several readers of one message ask the same question (about four times per turn); the matches
        # are immutable, so each gets a fresh list of the same ones.
        key = (text, tuple(kinds))
        found = self._matched.get(key)
        if found is None:
            if len(self._matched) >= _MATCH_MEMO_SIZE:
                self._matched.clear()
            found = self._matched[key] = tuple(self._find(text, key[1]))
        return list(found)

    def _find(self, text: str, kinds: tuple[str, ...]) -> list[Match]:
        tokens = normalise(text).split()
        found: list[Match] = []
        idiom = self.idiom_words(tokens)
        exact_anywhere = list(idiom)
        taken_by_kind: dict[str, list[bool]] = {}
        for kind in kinds:
            index = self._index.get(kind, {})
            firsts = self._lengths_by_first.get(kind, {})
            starting = [firsts.get(token, ()) for token in tokens]  # term lengths that may start there
            # An idiom's words name no thing (« la prise en charge » is no network socket); an action or a party
            # may still be said by them.
            taken = taken_by_kind[kind] = list(idiom) if kind not in _IDIOM_SPEAKS else [False] * len(tokens)
            if kind == "action":
                # A party's name says no act (« le Conseil départemental » asks no advice).
                for party in (p for p in self.matches(text, ("party",)) if not p.fuzzy):
                    for i in range(party.start, party.start + party.length):
                        taken[i] = exact_anywhere[i] = True
            for size in range(min(self._max_len, len(tokens)), 0, -1):
                for start in range(0, len(tokens) - size + 1):
                    if size not in starting[start] or any(taken[start : start + size]):
                        continue
                    ident = index.get(tuple(tokens[start : start + size]))
                    if ident is not None:
                        found.append(Match(kind, ident, start, size))
                        for i in range(start, start + size):
                            taken[i] = exact_anywhere[i] = True
        for kind in kinds:
            for position, token in enumerate(tokens):
                if exact_anywhere[position] or len(token) < _FUZZY_MIN_LENGTH or token in self.kb.not_typos:
                    continue  # (« préparer » is a word of its own, no typo of « réparer »)
                ident = self._fuzzy(kind, token)
                if ident:
                    found.append(Match(kind, ident, position, 1, fuzzy=True))
        found.sort(key=lambda m: (m.start, -m.length))
        return found

    def idiom_words(self, tokens: list[str]) -> list[bool]:
        """Which words belong to an idiom of vocabulary.yml."""
        inside = [False] * len(tokens)
        for start, token in enumerate(tokens):
            for idiom in self._idioms.get(token, ()):
                if tuple(tokens[start:start + len(idiom)]) == idiom:
                    inside[start:start + len(idiom)] = [True] * len(idiom)
        return inside

    def _near_in_length(self, kind: str, length: int) -> list[tuple[str, str]]:
        """The single words of ``kind`` at most 2 letters longer or shorter, in data order (ties keep the
        first, as before); built once per length, since every message tries each of its words."""
        key = (kind, length)
        if key not in self._by_length:
            self._by_length[key] = [(word, ident) for word, ident in self._single_words.get(kind, {}).items()
                                    if abs(len(word) - length) <= 2]
        return self._by_length[key]

    def _fuzzy(self, kind: str, token: str) -> str | None:
        key = (kind, token)
        if key not in self._corrected:
            if len(self._corrected) >= _FUZZY_MEMO_SIZE:
                self._corrected.clear()
            self._corrected[key] = self._closest(kind, token)
        return self._corrected[key]

    def _closest(self, kind: str, token: str) -> str | None:
        best, best_score = None, 0.0
        for word, ident in self._near_in_length(kind, len(token)):
            score = fuzz.ratio(token, word)
            if score > best_score:
                best, best_score = ident, score
        return best if best_score >= _FUZZY_MIN_SCORE else None

    def detect(self, text: str) -> Detection:
        """Subjects, actions and parties named in ``text`` and whether it is a yes/no question."""
        norm = normalise(text)
        found = self.matches(text, ("subject", "weak_subject", "action", "party", "not_specified", "out_of_scope"))
        detection = Detection(normalised=norm)
        strong = [m for m in found if m.kind == "subject"]
        weak = [m for m in found if m.kind == "weak_subject"]
        chosen = strong or weak
        detection.subjects = self.most_specific([(m.start, m.id) for m in chosen], text)
        detection.actions = _unique(m.id for m in found if m.kind == "action")
        detection.parties = _unique(m.id for m in found if m.kind == "party")
        detection.not_specified = _unique(m.id for m in found if m.kind == "not_specified")
        detection.out_of_scope = _unique(m.id for m in found if m.kind == "out_of_scope")
        detection.yes_no = self._is_yes_no(norm)
        return detection

    def most_specific(self, found: Iterable[tuple[int, str]], text: str) -> list[str]:
        """The subject ids of ``found`` (token position, id), in order, without a subject one of whose descendants is
        named in each sentence that names it (keep "hors référentiel" over "matériel"; « l'imprimante est en panne.
        Et qui installe les vidéoprojecteurs ? » names two things, the printer and the projector, a kind of
        equipment)."""
        found = list(found)
        ids = _unique(ident for _, ident in found)
        narrower = {ident: [o for o in ids if o != ident and ident in self.ancestors(o)] for ident in ids}
        # (the sentences are only told apart when a thing and a kind of it are both named: seldom)
        sentences = _sentences(text, found) if any(narrower.values()) else {}
        keep = []
        for ident in ids:
            alone = sentences.get(ident, set()) - {n for o in narrower[ident] for n in sentences.get(o, set())}
            if not narrower[ident] or alone:
                keep.append(ident)
        return keep

    def ancestors(self, subject_id: str) -> list[str]:
        """Parents of a subject, nearest first."""
        chain, current = [], self.kb.subjects[subject_id].parent
        while current and current not in chain:
            chain.append(current)
            current = self.kb.subjects[current].parent
        return chain

    def _is_yes_no(self, norm: str) -> bool:
        tokens = norm.split()
        if tokens and tokens[0] in QUESTION_WORDS:
            return False
        if any(f" {p} " in f" {norm} " for p in _OPEN_PHRASES):
            return False
        # "est-ce que Canopé doit se concerter … quand un besoin … ?": after a yes/no opening, "quand" and
        # "où" start a subordinate clause, they do not ask when or where.
        opening = _YES_NO_OPENING.match(norm)
        asking = QUESTION_WORDS - ({"ou", "quand"} if opening else {"ou"})
        # "… si on a un agent qui s'y connaît ?": after a yes/no opening, "qui" after a noun is a relative.
        relative = {i for i, t in enumerate(tokens) if opening and t == "qui" and i > 2
                    and tokens[i - 1] not in _WHO_AFTER}
        if any(t in asking and i not in relative for i, t in enumerate(tokens)) and not _CEST_QUI.search(norm):
            return False  # "…, c'est qui ?", "le wifi, qui l'installe ?"
        padded = f" {norm} "
        if any(f" {' '.join(marker)} " in padded for marker in self._yes_no):
            return True
        return bool(_MODAL.search(norm) or _INVERTED.search(norm) or _CEST_QUI.search(norm))

    def words(self, kinds: Iterable[str], *, alone: bool = False) -> frozenset[str]:
        """Every single word of the terms of ``kinds``, normalised (for the coverage check); ``alone``: only the
        terms of one word (« recharge » in « ne se recharge plus » is no term of its own), and no word made from
        the lists (typo targets: « accident » is no « accèdent »)."""
        return frozenset(w for kind in kinds for term in self._index.get(kind, {})
                         if not alone or (len(term) == 1 and term[0] not in self._inflected) for w in term)

    def subject_id_for(self, text: str) -> str | None:
        """The subject a single entity value or phrase stands for (``"VP"`` -> ``videoprojecteur``)."""
        if text in self.kb.subjects:
            return text
        detection = self.detect(text)
        return detection.subject

    def action_id_for(self, text: str) -> str | None:
        """The action a single entity value or verb stands for (``"installe"`` -> ``installer``)."""
        if text in self.kb.actions:
            return text
        found = [m.id for m in self.matches(text, ("action",))]
        return found[0] if found else None

    def party_id_for(self, text: str) -> str | None:
        """The party a single entity value stands for (``"rectorat"`` -> ``academie``)."""
        if text in self.kb.parties:
            return text
        found = [m.id for m in self.matches(text, ("party",))]
        return found[0] if found else None


def _sentences(text: str, found: Iterable[tuple[int, str]]) -> dict[str, set[int]]:
    """The sentences (by number) each subject of ``found`` (token position, id) is named in; all in one when the
    split does not fall on the message's tokens, or no text is given."""
    count = len(normalise(text).split())
    pieces = [normalise(piece).split() for piece in _SENTENCE_END.split(text)]
    of_token = [number for number, piece in enumerate(pieces) for _ in piece]
    if len(of_token) != count:
        of_token = [0] * count
    named: dict[str, set[int]] = {}
    for position, ident in found:
        named.setdefault(ident, set()).add(of_token[position] if 0 <= position < len(of_token) else 0)
    return named


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


@lru_cache(maxsize=4)
def vocabulary_for(kb: KnowledgeBase) -> Vocabulary:
    """One vocabulary per knowledge base (building it indexes every term)."""
    return Vocabulary(kb)


def nlu_lookup_tables(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Lookup tables for Rasa NLU, generated from the data so that NLU and search share one vocabulary."""
    subject_terms = sorted({t for s in kb.subjects.values() for t in s.terms if len(normalise(t)) > 2})
    action_terms = sorted({t for terms in kb.actions.values() for t in terms if len(normalise(t)) > 3})
    party_terms = sorted({t for p in kb.parties.values() for t in p.aliases if len(normalise(t)) > 2})
    return {"subject": subject_terms, "action": action_terms, "party": party_terms}

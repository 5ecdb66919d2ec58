"""Lexicons of the understanding step, read from knowledge/data and checked against the knowledge base.

Nothing here is a hand-written keyword table: ambiguous words, out-of-scope topics and the glossary are
data files (ambiguous_words.yml, out_of_scope.yml, glossary.yml) and every subject id they name must exist.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

import yaml

from knowledge import loader
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase

# A first word, then a colon or a dash, then the message (« Ticket : clé USB perdue », « URGENT - switch HS »).
_TITLED = re.compile(r"^\s*([^\W\d_]+)\s*(?::|-|–|—)\s*(\S.*)$", re.DOTALL)
_LABELLED = re.compile(r"^\s*([^\W\d_]+)\s+([^:\n]{1,30}?)\s*:\s*(\S.*)$", re.DOTALL)
_OWN_TICKET = re.compile(r"\binc\W?\d{4}", re.IGNORECASE)
# A whole word, alone or after an elided article or pronoun (« l'aprem »), not the elided letter itself nor a piece of
# « peut-il » or « aujourd'hui » (shorthand is written out word by word).
_WORD = re.compile(r"(?:(?<=\b[^\W\d_]['’])|(?<![\w'’-]))[^\W\d_]+(?![\w'’-])")
_OPENING_AFTER = frozenset({"et", "mais", "alors", "donc", "ou", "bon", "bref", "sinon", "salut", "slt", "bonjour", "bjr",
                            "coucou", "hello"})
# Lists of message_kinds.yml `agreement` that name the signature block's facts or words, or its people, not a subject
# of kind agreement.
_SIGNATURE_LISTS = ("names", "signatories", "signature_place", "place_asked", "signing", "signed_by", "person_asked",
                     "represented_by", "name_asked", "where", "article", "article_neutral")


class LexiconError(ValueError):
    """A data file of the understanding step names something the knowledge base does not have."""


@dataclass(frozen=True)
class Reading:
    id: str
    label: str
    subject: Optional[str] = None
    out_of_scope: Optional[str] = None
    place: bool = False
    cues: tuple[str, ...] = ()
    action: Optional[str] = None  # what the reading asks about when the word is a verb ("résilier" a line)
    button: bool = True  # offered as a button when nothing decides; False: a reading only its cues choose


@dataclass(frozen=True)
class AmbiguousWord:
    id: str
    words: tuple[str, ...]
    readings: tuple[Reading, ...]
    default: Optional[str] = None
    # Words of a part every reading's thing has (« l'écran » of a laptop or of a phone): a thing they name beside the
    # word settles no reading.
    parts: tuple[str, ...] = ()

    def reading(self, reading_id: Optional[str]) -> Optional[Reading]:
        return next((r for r in self.readings if r.id == reading_id), None)


@dataclass(frozen=True)
class SaidOfSomeone:
    """A word that names a thing, said of someone who acts (``acts``) or whom the writer contacts
    (``contacted_by``): its readings are asked back (ambiguous_words.yml `said_of_someone`)."""

    word: AmbiguousWord
    acts: frozenset[str]
    contacted_by: frozenset[str]


@dataclass(frozen=True)
class OutOfScope:
    id: str
    label: str
    terms: tuple[str, ...]
    reply: str
    pointer: str = ""
    overrides_subjects: bool = False
    overrides_only_with: tuple[str, ...] = ()  # words that must also be present for the topic to win
    aside_beside_a_fault: bool = False  # a circumstance: a fault of the agreement's told in another clause wins
    declined_beside_a_fault: bool = False  # a thing of its own: such a fault is answered, this one declined beside it
    # words right after a term that make it a comparison or a carrier, not the thing spoken of (« chez moi ça
    # marche », « ma clé USB sur les postes »)
    compared_when: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()  # things with parts of their own (« le clavier *du digicode* »)
    felt_as: tuple[str, ...] = ()  # how its fault is felt (« les PC sont *glacés* »)


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    words: tuple[str, ...]
    subject: str
    explanation: str
    # The section whose words the explanation quotes, when the text itself gives it (« DANE »); otherwise the
    # explanation is a general one, labelled as such.
    section: Optional[str] = None
    source: str = ""


def _inside(at: int, length: int, covers: list[tuple[int, int]]) -> bool:
    """Whether the words ``at`` … ``at + length`` lie inside one of the spans ``covers`` (start, length)."""
    return any(start <= at and at + length <= start + span for start, span in covers)


@dataclass(frozen=True)
class Lexicon:
    ambiguous: tuple[AmbiguousWord, ...]
    out_of_scope: tuple[OutOfScope, ...]
    glossary: tuple[GlossaryEntry, ...]
    markers: dict  # message_kinds.yml: {"kinds": {name: (phrase, ...)}, "questions": {...}}
    # out_of_scope.yml `neutral_subjects`: subjects that name no equipment (« incident », « réunion »), so
    # they never keep an out-of-scope topic from being declined (« incident : les toilettes sont bouchées »).
    scope_neutral: tuple[str, ...] = ()
    # message_kinds.yml `unknown_choices`: the subjects offered as buttons when a message names none.
    unknown_choices: tuple[str, ...] = ()
    # message_kinds.yml `agreement_choices`: the agreement's topics offered instead when such a message speaks of
    # the agreement or names a partner.
    agreement_choices: tuple[str, ...] = ()
    # message_kinds.yml `titles`: words put before a colon or a dash to title a message (« Ticket : … »).
    titles: frozenset[str] = frozenset()
    # message_kinds.yml `reading_labels`: the noun a button shows for each action (« Installation »).
    reading_labels: dict = field(default_factory=dict)
    # message_kinds.yml `shorthand`: SMS-style words and what they stand for, by where they may stand.
    shorthand: dict = field(default_factory=dict)
    # message_kinds.yml `funding`: own-funds equipment asked about without saying whether it is in the référentiel.
    funding: dict = field(default_factory=dict)
    # ambiguous_words.yml `said_of_someone`: « le réseau peut venir former l'équipe ? » (Réseau Canopé or the network).
    said_of_someone: tuple[SaidOfSomeone, ...] = ()
    # (group, name) -> first word -> [(rank in the list, phrase)], built on first use: every turn asks dozens of
    # marker lists of hundreds of phrases, and a message holds only a few of their first words.
    _by_first_word: dict = field(default_factory=dict, compare=False, repr=False)

    def marked(self, group: str, name: str, tokens: list[str]) -> list[str]:
        """The phrases of one marker list found in ``tokens`` (normalised words), in the list's order."""
        candidates = self._candidates((group, name), self.markers.get(group, {}).get(name, ()), tokens)
        # message_kinds.yml `except`: phrases inside which a marker of that name does not count (« le numéro
        # d'inventaire » is no phone number).
        covers = [(at, len(e.split())) for e in self.markers.get("except", {}).get(name, ())
                  for at in phrase_positions(tokens, e)]
        return [phrase for _, phrase in candidates
                if any(not _inside(at, len(phrase.split()), covers) for at in phrase_positions(tokens, phrase))]

    def names_out_of_scope(self, tokens: list[str]) -> bool:
        """Whether the (normalised) words name a thing of an out-of-scope topic (out_of_scope.yml)."""
        return any(self.terms_in(f"out_of_scope:{topic.id}", topic.terms, tokens) for topic in self.out_of_scope)

    def terms_in(self, key: str, terms: Sequence[str], tokens: list[str]) -> list[str]:
        """The phrases of ``terms`` found in ``tokens`` (normalised words), in the list's order. ``key`` names the list
        for its first-word index, built on first use (every message tries every out-of-scope topic's terms)."""
        return [phrase for _, phrase in self._candidates(("terms", key), terms, tokens)
                if phrase_positions(tokens, phrase)]

    def _candidates(self, key: tuple[str, str], phrases: Sequence[str], tokens: list[str]) -> list[tuple[int, str]]:
        """(rank, phrase) of the phrases whose first word is in ``tokens``, in the list's order; the first-word index
        of the list ``key`` names is built on first use."""
        index = self._by_first_word.get(key)
        if index is None:
            index = {}
            for rank, phrase in enumerate(phrases):
                index.setdefault(phrase.split(" ", 1)[0], []).append((rank, phrase))
            self._by_first_word[key] = index
        return sorted(c for word in set(tokens) for c in index.get(word, ()))

    def implied(self, actions) -> set[str]:
        """The actions that imply those asked (message_kinds.yml coverage.implied_by: « remplacer » is done by
        whoever buys, renews or repairs)."""
        by = self.markers.get("implied_by", {})
        return {a for action in actions for a in by.get(action, ())}

    def carried_by(self, action: str, acts) -> bool:
        """Whether ``acts`` (a record's actions) carry ``action``: the same, or one implying it (« remplacer » is
        carried by « acheter »)."""
        return action in acts or bool(self.implied({action}) & set(acts))

    def spelled(self, action: str) -> str:
        """The action id as a French infinitive, accents included (message_kinds.yml coverage.spelled)."""
        return self.markers.get("spelled", {}).get(action, action)

    def as_meant(self, text: str) -> str:
        """The message every reader sees: its title dropped (`untitled`), its shorthand written out (`spelled_out`).
        Both are idempotent: a reader handed an already written-out message reads the same words."""
        return self.spelled_out(self.untitled((text or "").strip()))

    def untitled(self, text: str) -> str:
        """The message without the title people put before it (« Ticket : PC salle 14 HS », « URGENT - switch
        HS »): a word of message_kinds.yml `titles`, then a colon or a dash, says what kind of message follows,
        not an operation on an existing ticket."""
        titled = _TITLED.match(text)
        if titled and normalise(titled.group(1)) in self.titles:
            return titled.group(2)
        # « Ticket VP salle 4 : … », « Ticket #4512 : … »: a title with a short label, which says what the message is
        # about and stays; never one of the bot's own ticket numbers (« ticket INC-2026-00042 : … » is an operation).
        labelled = _LABELLED.match(text)
        if labelled and normalise(labelled.group(1)) in self.titles and not _OWN_TICKET.search(labelled.group(2)):
            label = labelled.group(2).lstrip("#").strip()
            return f"{label} : {labelled.group(3)}" if not label.isdigit() else labelled.group(3)
        return text

    def spelled_out(self, text: str) -> str:
        """``text`` with the shorthand people type written out (message_kinds.yml `shorthand`): « jpeu pa me co a
        l'ent » reads « je peux pas me connecter a l'ent », for the vocabulary and for the parser alike."""
        table = self.shorthand
        if not table:
            return text
        words = list(_WORD.finditer(text))
        pieces, last = [], 0
        for i, match in enumerate(words):
            word = match.group().lower()
            if len(word) == 1 and text[match.end():match.end() + 1] == ")":
                continue  # « a) … b) … c) »: a list's letter, not « c » for « c'est »
            before = words[i - 1] if i else None
            after = words[i + 1].group().lower() if i + 1 < len(words) else None
            opening = before is None or bool(re.search(r"[,.;:!?]", text[before.end():match.start()])) \
                or before.group().lower() in _OPENING_AFTER
            full = table["anywhere"].get(word)
            if full is None and opening:
                full = table["opening"].get(word)
            rule = table["before"].get(word)
            if full is None and rule and after in rule["words"]:
                full = rule["as"]
            rule = table["after"].get(word)
            # (The word before as it reads written out: « kel num » is « quel numéro ».)
            previous = before.group().lower() if before is not None else None
            if full is None and rule and previous is not None \
                    and (previous in rule["words"] or table["anywhere"].get(previous) in rule["words"]):
                full = rule["as"]
            if full is not None:
                pieces += [text[last:match.start()], full]
                last = match.end()
        return "".join(pieces) + text[last:] if pieces else text

    def names_agreement(self, tokens: list[str]) -> bool:
        """Whether ``tokens`` name the agreement itself (message_kinds.yml agreement.names)."""
        return bool(self.marked("agreement", "names", tokens))

    def topic(self, topic_id: str) -> Optional[OutOfScope]:
        return next((t for t in self.out_of_scope if t.id == topic_id), None)


def _norm_all(values) -> tuple[str, ...]:
    # YAML reads a bare « on », « no » or « yes » as a boolean: a word list must be words.
    wrong = [v for v in values or () if not isinstance(v, (str, int)) or isinstance(v, bool)]
    if wrong:
        raise LexiconError(f"word lists must hold words, not {wrong!r} (quote YAML booleans such as \"on\")")
    return tuple(n for n in (normalise(str(v)) for v in values or ()) if n)


def agreed_forms(word: str) -> tuple[str, ...]:
    """The plural and feminine forms of a one-word participle or adjective, normalised (« plante » → « plantes »,
    « plantee », « plantees »; « lent » → « lents », « lente », « lentes »). Short words and phrases have none: their
    forms are listed as such where they count."""
    if " " in word or len(word) < 4 or not word.isalpha() or word.endswith(("s", "x")):
        return ()
    return (word + "s", word + "e", word + "es")


def _read(name: str) -> dict:
    with (loader.data_dir() / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def build_lexicon(kb: KnowledgeBase) -> Lexicon:
    """Read the three data files; raise :class:`LexiconError` listing every unknown id."""
    problems: list[str] = []
    out = tuple(
        # (A device is a term of its topic too: « l'interphone ne sonne plus ».)
        OutOfScope(id=raw["id"], label=raw["label"], terms=_norm_all((raw.get("terms") or []) + (raw.get("devices") or [])),
                   reply=" ".join(raw["reply"].split()),
                   pointer=raw.get("pointer", ""), overrides_subjects=bool(raw.get("overrides_subjects")),
                   overrides_only_with=_norm_all(raw.get("overrides_only_with")),
                   aside_beside_a_fault=bool(raw.get("aside_beside_a_fault")),
                   declined_beside_a_fault=bool(raw.get("declined_beside_a_fault")),
                   compared_when=_norm_all(raw.get("compared_when")), devices=_norm_all(raw.get("devices")),
                   felt_as=_norm_all(raw.get("felt_as")))
        for raw in _read("out_of_scope.yml").get("out_of_scope", [])
    )
    topics = {t.id for t in out}
    neutral = tuple(_read("out_of_scope.yml").get("neutral_subjects") or ())
    problems += [f"out_of_scope.yml neutral_subjects: unknown subject {s!r}" for s in neutral if s not in kb.subjects]
    raw_ambiguous = _read("ambiguous_words.yml")
    ambiguous = [_ambiguous_word(kb, raw, topics, problems) for raw in raw_ambiguous.get("ambiguous_words", [])]
    # (the words said of someone are read only so: they are no ambiguous words of every message)
    someone = tuple(SaidOfSomeone(_ambiguous_word(kb, raw, topics, problems), frozenset(_norm_all(raw.get("acts"))),
                                  frozenset(_norm_all(raw.get("contacted_by"))))
                    for raw in raw_ambiguous.get("said_of_someone") or [])
    glossary = []
    for raw in _read("glossary.yml").get("glossary", []):
        entry = GlossaryEntry(id=raw["id"], words=_norm_all(raw.get("words")), subject=raw["subject"],
                              explanation=" ".join(raw["explanation"].split()), section=raw.get("section"),
                              source=raw.get("source", ""))
        if entry.section and (entry.section not in kb.sections or normalise(entry.source) not in normalise(kb.sections[entry.section].text)):
            problems.append(f"glossary.yml [{entry.id}]: its source is not verbatim in section {entry.section!r}")
        if entry.subject not in kb.subjects:
            problems.append(f"glossary.yml [{entry.id}]: unknown subject {entry.subject!r}")
        glossary.append(entry)
    raw_markers = _read("message_kinds.yml")
    markers = {group: {name: _norm_all(values) for name, values in (raw_markers.get(group) or {}).items()
                       if isinstance(values, list)}
               for group in ("kinds", "questions", "party_questions", "agreement", "agreement_topics", "coverage",
                             "except", "line_channels", "training")}
    for name in raw_markers.get("agreeing_kinds") or ():
        if name not in markers["kinds"]:
            problems.append(f"message_kinds.yml agreeing_kinds: {name!r} is no marker list of kinds")
            continue
        listed = markers["kinds"][name]
        markers["kinds"][name] = listed + tuple(f for w in listed for f in agreed_forms(w) if f not in listed)
    problems += [f"message_kinds.yml line_channels: {line!r} is no support line" for line in markers["line_channels"]
                 if line not in kb.support_lines]
    problems += [f"message_kinds.yml agreement_topics: {topic!r} is no subject of kind agreement"
                 for topic in markers["agreement_topics"]
                 if topic not in kb.subjects or kb.subjects[topic].kind != "agreement"]
    # The agreement's own facts: the signature block's, or a subject of kind agreement answered by its records.
    problems += [f"message_kinds.yml agreement: {fact!r} is no subject of kind agreement"
                 for fact in markers["agreement"] if fact not in _SIGNATURE_LISTS
                 and (fact not in kb.subjects or kb.subjects[fact].kind != "agreement")]
    frequency = (raw_markers.get("questions") or {}).get("frequency") or {}
    markers["frequency"] = {int(times): _norm_all(words) for times, words in frequency.items()}
    implied = (raw_markers.get("coverage") or {}).get("implied_by") or {}
    markers["implied_by"] = {action: tuple(others) for action, others in implied.items()}
    settled = (raw_markers.get("coverage") or {}).get("settled_by") or {}
    markers["settled_by"] = {action: tuple(others) for action, others in settled.items()}
    spelled = (raw_markers.get("coverage") or {}).get("spelled") or {}
    markers["spelled"] = dict(spelled)
    problems += [f"message_kinds.yml coverage.spelled: unknown action {a!r}" for a in spelled if a not in kb.actions]
    problems += [f"message_kinds.yml coverage.implied_by: unknown action {a!r}"
                 for action, others in implied.items() for a in (action, *others) if a not in kb.actions]
    problems += [f"message_kinds.yml coverage.settled_by: unknown action {a!r}"
                 for action, others in settled.items() for a in (action, *others) if a not in kb.actions]
    unknown_choices = tuple(raw_markers.get("unknown_choices") or ())
    agreement_choices = tuple(raw_markers.get("agreement_choices") or ())
    for key, chosen in (("unknown_choices", unknown_choices), ("agreement_choices", agreement_choices)):
        problems += [f"message_kinds.yml {key}: unknown subject {s!r}" for s in chosen if s not in kb.subjects]
        if not 2 <= len(chosen) <= 4:
            problems.append(f"message_kinds.yml {key}: 2 to 4 subjects expected (they become buttons)")
    reading_labels = {str(a): str(label) for a, label in (raw_markers.get("reading_labels") or {}).items()}
    problems += [f"message_kinds.yml reading_labels: no label for action {a!r}" for a in kb.actions if a not in reading_labels]
    problems += [f"message_kinds.yml reading_labels: unknown action {a!r}" for a in reading_labels if a not in kb.actions]
    funding = dict(raw_markers.get("funding") or {})
    if funding:
        problems += [f"message_kinds.yml funding: unknown subject {funding.get('subject')!r}"] \
            if funding.get("subject") not in kb.subjects else []
        problems += [f"message_kinds.yml funding: unknown action {a!r}" for a in funding.get("acts") or () if a not in kb.actions]
        funding["named"] = _norm_all(funding.get("named") or [])
        funding["within_condition"] = _norm_all(funding.get("within_condition") or [])
        problems += [f"message_kinds.yml funding: unknown subject {funding.get('outside')!r}"] \
            if funding.get("outside") and funding.get("outside") not in kb.subjects else []
    if problems:
        raise LexiconError("\n".join(problems))
    return Lexicon(ambiguous=tuple(ambiguous), out_of_scope=out, glossary=tuple(glossary), markers=markers,
                   scope_neutral=neutral, unknown_choices=unknown_choices, agreement_choices=agreement_choices,
                   reading_labels=reading_labels, titles=frozenset(_norm_all(raw_markers.get("titles"))),
                   shorthand=_shorthand(raw_markers.get("shorthand") or {}), funding=funding, said_of_someone=someone)


def _ambiguous_word(kb: KnowledgeBase, raw: dict, topics: set[str], problems: list[str]) -> AmbiguousWord:
    """One entry of ambiguous_words.yml, its problems (unknown subject, action or topic; 2 to 4 readings) added."""
    readings = []
    for r in raw.get("readings", []):
        reading = Reading(id=r["id"], label=r["label"], subject=r.get("subject"), out_of_scope=r.get("out_of_scope"),
                          place=bool(r.get("place")), cues=_norm_all(r.get("cues")), action=r.get("action"),
                          button=r.get("button", True) is not False)
        if reading.action and reading.action not in kb.actions:
            problems.append(f"ambiguous_words.yml [{raw['id']}]: unknown action {reading.action!r}")
        if reading.subject and reading.subject not in kb.subjects:
            problems.append(f"ambiguous_words.yml [{raw['id']}]: unknown subject {reading.subject!r}")
        if reading.out_of_scope and reading.out_of_scope not in topics:
            problems.append(f"ambiguous_words.yml [{raw['id']}]: unknown out-of-scope topic {reading.out_of_scope!r}")
        readings.append(reading)
    word = AmbiguousWord(id=raw["id"], words=_norm_all(raw.get("words")), readings=tuple(readings), default=raw.get("default"),
                         parts=_norm_all(raw.get("parts")))
    if word.default and not word.reading(word.default):
        problems.append(f"ambiguous_words.yml [{word.id}]: default {word.default!r} is not one of its readings")
    if not 2 <= len(word.readings) <= 4:
        problems.append(f"ambiguous_words.yml [{word.id}]: 2 to 4 readings expected (they become buttons)")
    return word


def _shorthand(raw: dict) -> dict:
    """message_kinds.yml `shorthand`, keyed by lower-case words (« before »/« after » rules keep their word lists)."""
    plain = {place: {str(k).lower(): str(v) for k, v in (raw.get(place) or {}).items()} for place in ("anywhere", "opening")}
    ruled = {place: {str(k).lower(): {"as": str(v["as"]), "words": frozenset(map(str, v["words"]))}
                     for k, v in (raw.get(place) or {}).items()} for place in ("before", "after")}
    return {**plain, **ruled}


@lru_cache(maxsize=4)
def lexicon_for(kb: KnowledgeBase) -> Lexicon:
    """One lexicon per knowledge base, read once."""
    return build_lexicon(kb)


def phrase_positions(tokens: list[str], phrase: str) -> list[int]:
    """Token indexes where the normalised ``phrase`` starts in ``tokens``."""
    words = phrase.split()
    if not words:
        return []
    first, size = words[0], len(words)
    # Tens of thousands of calls per hundred turns: jump from one occurrence of the first word to the next
    # (list.index runs in C) instead of slicing at every position.
    found: list[int] = []
    at = -1
    while True:
        try:
            at = tokens.index(first, at + 1)
        except ValueError:
            return found
        if size == 1 or tokens[at : at + size] == words:
            found.append(at)


def contains(tokens: list[str], phrase: str) -> bool:
    # Hundreds of marker phrases are tried on each message: most miss on their first word, which a list
    # membership test (in C) finds without building every slice.
    first = phrase.split(" ", 1)[0]
    return first in tokens and bool(phrase_positions(tokens, phrase))

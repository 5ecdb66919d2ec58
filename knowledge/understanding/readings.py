"""Subjects of a message and the reading of its ambiguous words (ambiguous_words.yml).

Split from frame.py: the word-level part of the understanding step (no parse here).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from knowledge.query import subject_chain
from knowledge.records import KnowledgeBase
from knowledge.understanding.lexicon import AmbiguousWord, Lexicon, Reading, phrase_positions
from knowledge.vocabulary import Match, Vocabulary, vocabulary_for

# Prepositions after which a noun (its article between) says where: « au CDI », « dans la salle », « à la cantine ».
PLACE_WORDS_BEFORE = frozenset({"au", "a", "dans", "du", "en", "vers"})
# The word right before an ambiguous word that makes it a place: one of those, or the article after it (« à la vie
# scolaire »).
PLACE_OR_ARTICLE_BEFORE = PLACE_WORDS_BEFORE | {"la", "l", "le"}
_OF = {"de", "du", "des", "d"}
# Subjects that name the way to get help rather than the thing the message is about.
HOW_SUBJECTS = ("assistance",)


@dataclass(frozen=True)
class Ambiguity:
    """An ambiguous word of the message and the reading chosen (``None`` when nothing decides)."""

    entry: AmbiguousWord
    word: str
    reading: Optional[Reading]
    how: str  # cue | subject | default | undecided | act (« l'administration du serveur »: the act, no thing)
    cue: str = ""


def inside(match: Match, others: Sequence[Match]) -> bool:
    return any(o.start <= match.start and match.start + match.length <= o.start + o.length for o in others)


def without_inner_words(matches: Sequence[Match], weak: Sequence[Match]) -> list[Match]:
    """``matches`` without those inside a longer term of ``weak`` (« les réseaux sociaux » are the filtering's term,
    not the network): a word inside a longer term of another subject is that term's, even a weak one."""
    return [m for m in matches if not any(o.length > m.length and inside(m, [o]) for o in weak)]


def subjects_of(kb: KnowledgeBase, matches: Sequence[Match], removed: set[int], added: dict[int, str],
                core: frozenset[int] = frozenset(), text: str = "") -> list[str]:
    """Subject ids in order of appearance, most specific first within a family (as the vocabulary does; ``text``
    tells its sentences apart)."""
    strong: list[tuple[int, str]] = []
    weak: list[tuple[int, str]] = []
    for m in matches:
        if m.start in removed:
            continue
        ident = added.get(m.start, m.id)
        # A reading keeps the weight of the word: "postes" stays a generic word next to "antivirus".
        (strong if m.kind == "subject" else weak).append((m.start, ident))
    # « deux vidéoprojecteurs et un logiciel de physique »: a generic word the parse found to be what a clause
    # is about (``core``), and a cue made a thing of another family, is a thing of its own.
    strong += [(position, ident) for position, ident in weak if position in core]
    # A reading chosen for a word that is no term by itself (« les options de l'autocom ») names its subject.
    starts = {m.start for m in matches}
    strong += [(position, ident) for position, ident in added.items() if position not in starts]
    strong.sort(key=lambda found: found[0])
    chosen = vocabulary_for(kb).most_specific(strong or weak, text)
    # "qui appeler pour un souci sur l'autocom ?": the hotline words say how, the equipment says what.
    return [s for s in chosen if s not in HOW_SUBJECTS] + [s for s in chosen if s in HOW_SUBJECTS]


def promotable(kb: KnowledgeBase, matches: Sequence[Match], removed: set[int], added: dict[int, str],
               ambiguities: Sequence[Ambiguity], tokens: list[str]) -> dict[int, str]:
    """Generic words a cue read as a thing of a family no word of weight names (« un logiciel de physique » beside
    « deux vidéoprojecteurs »), start -> cue: the parse decides whether each is what its clause is about. A cue
    that names a thing itself says where that thing is (« supprimer des postes un logiciel »): no second thing."""
    strong = {family(kb, added.get(m.start, m.id)) for m in matches if m.kind == "subject" and m.start not in removed}
    things = {i for m in matches for i in range(m.start, m.start + m.length)}
    found: dict[int, str] = {}
    for m in matches:
        if m.kind != "weak_subject" or m.start not in added or m.start in removed or not strong \
                or family(kb, added[m.start]) in strong:
            continue
        for a in ambiguities:
            cue_at = {i for at in phrase_positions(tokens, a.cue) for i in range(at, at + len(a.cue.split()))}
            if a.how == "cue" and a.word == tokens[m.start] and not things & cue_at:
                found[m.start] = a.cue
    return found


def hosted_on(kb: KnowledgeBase, subjects: Sequence[str], tokens: list[str], matches: Sequence[Match]) -> Optional[str]:
    """The software named after the device it runs on (subjects.yml runs_on), which the message is then about
    (« le PC de l'infirmerie affiche un message de virus »); None when there is none, or when the software only
    describes the device (« des portables sous Linux »)."""
    return next((s for s in subjects[1:] if subjects and subjects[0] in kb.subjects[s].runs_on and any(
        m.id == s and tokens[m.start - 1:m.start] not in _DESCRIBING for m in matches)), None)


_DESCRIBING = (["sous"], ["avec"], ["sans"])  # « un PC sous Linux, avec Windows 11 »: the software describes it


def named_things(kb: KnowledgeBase, subjects: Sequence[str]) -> set[str]:
    """The things a clause is about: a device that software named beside it runs on is only where it runs (« l'antivirus
    est périmé sur nos ordis, et GeoGebra a disparu des postes » names two softwares, not the workstations twice)."""
    hosts = {h for s in subjects for h in kb.subjects[s].runs_on}
    return set(subjects) - hosts


def new_thing_told(kb: KnowledgeBase, ids: Sequence[str], previous: Sequence[str], problem: bool, asked: bool) -> bool:
    """Whether a clause names things of another topic than those the part before is about, a device its software
    runs on being only where it runs (« Siècle ne se lance plus sur le poste de la secrétaire et son imprimante est en
    panne » reports the printer too). The devices it runs on, with no fault of their own, after a part that asks
    nothing yet, only say where (« l'antivirus sur les postes et les serveurs il est acheté par qui ? »)."""
    if set(ids) <= {h for s in previous for h in kb.subjects[s].runs_on} and not problem and not asked:
        return False
    return not set(topics(kb, ids)) <= set(topics(kb, sorted(named_things(kb, previous))))


def family(kb: KnowledgeBase, subject_id: str) -> str:
    """The top ancestor: two subjects of one family are one topic ("autocom" and its options)."""
    chain = [subject_id, *vocabulary_for(kb).ancestors(subject_id)]
    return chain[-1]


def families(kb: KnowledgeBase, subjects: Sequence[str]) -> list[str]:
    return unique(family(kb, s) for s in subjects)


def topic(kb: KnowledgeBase, subject_id: str) -> tuple[str, Optional[str]]:
    """A family and the line that handles the subject: the autocom (Département) and a mobile phone (the
    collège) are one family but two problems for whoever has to call someone (issue 11, class 7)."""
    line: Optional[str] = None
    for current in (subject_id, *vocabulary_for(kb).ancestors(subject_id)):
        line = kb.subjects[current].line
        if line:
            break
    return family(kb, subject_id), line


def topics(kb: KnowledgeBase, subjects: Sequence[str]) -> list[tuple[str, Optional[str]]]:
    return unique(topic(kb, s) for s in subjects)


def resolve_ambiguous(kb: KnowledgeBase, lexicon: Lexicon, tokens: list[str], matches: Sequence[Match],
                       elsewhere: bool = False, decided: Optional[Mapping[str, Reading]] = None):
    """Choose a reading for every ambiguous word that stands alone (not inside a longer term). ``decided`` gives,
    for a clause of a longer message, the reading the whole message chose: a word its clause leaves open keeps it
    (« …, et trois contractuels n'ont pas encore de compte » after « le filtrage bloque … »)."""
    ambiguities: list[Ambiguity] = []
    removed: set[int] = set()
    added: dict[int, str] = {}
    out_of_scope: Optional[str] = None
    idiom = vocabulary_for(kb).idiom_words(tokens)  # (« j'appelle le standard » names no switchboard)
    # A word of a party's name has that one meaning (« l'Atelier Canopé 79 » is no workshop).
    named = {i for m in vocabulary_for(kb).matches(" ".join(tokens), ("party",)) if m.length > 1
             for i in range(m.start, m.start + m.length)}
    for entry in lexicon.ambiguous:
        for word in entry.words:
            for position in phrase_positions(tokens, word):
                if idiom[position] or position in named:
                    continue
                covering = next((m for m in matches if m.start <= position < m.start + m.length), None)
                if covering is not None and covering.length > len(word.split()):
                    continue  # "téléphone portable", "ordinateurs portables": the longer term decides
                others = [m for m in matches if m is not covering]
                reading, how, cue = choose_reading(kb, entry, tokens, position, others, elsewhere)
                if how == "undecided" and decided and entry.id in decided:
                    reading, how, cue = decided[entry.id], "cue", "le reste du message"
                ambiguities.append(Ambiguity(entry, word, reading, how, cue))
                # (« l'écran » of « mon portable a l'écran cassé » is the portable's own: no thing beside it.)
                removed.update(m.start for m in others if m.kind == "subject" and _names_a_part(entry, tokens, m))
                if covering is None:
                    if reading is not None and reading.subject and not reading.place and how == "cue":
                        added[position] = reading.subject  # decided by a cue: the word names that subject
                    elif reading is not None and reading.out_of_scope and how == "cue":
                        out_of_scope = reading.out_of_scope  # « une option d'enseignement (latin…) »: school life
                    continue
                if reading is None or not reading.subject:  # a place, a topic out of scope or left open
                    removed.add(covering.start)
                    if reading is not None and reading.out_of_scope:
                        out_of_scope = reading.out_of_scope
                elif reading.subject:
                    added[covering.start] = reading.subject
    return ambiguities, removed, added, out_of_scope


def _names_a_part(entry: AmbiguousWord, tokens: list[str], match: Match) -> bool:
    """Whether ``match`` names a part every reading of ``entry`` has (ambiguous_words.yml `parts`)."""
    return " ".join(tokens[match.start:match.start + match.length]) in entry.parts


def _acts_on_a_thing(vocabulary: Vocabulary, tokens: list[str], position: int) -> bool:
    """Whether the word at ``position`` names an act and a thing of the knowledge base follows it, as its object."""
    found = vocabulary.matches(" ".join(tokens), ("action", "subject"))
    return any(m.kind == "action" and m.start == position for m in found) and any(
        m.kind == "subject" and position + 1 < m.start <= position + 3 for m in found)


def choose_reading(kb: KnowledgeBase, entry: AmbiguousWord, tokens: list[str], position: int,
                    others: Sequence[Match], elsewhere: bool = False) -> tuple[Optional[Reading], str, str]:
    vocabulary = vocabulary_for(kb)
    best: Optional[tuple[tuple[int, int], Reading, str]] = None
    for reading in entry.readings:
        for cue in reading.cues:
            for at in phrase_positions(tokens, cue):
                if at == position:
                    continue
                # The nearest cue; at the same distance, the one after the word, where French puts what qualifies
                # it (« un nouveau logiciel administratif » is an administrative application).
                distance = (abs(at - position), 0 if at > position else 1)
                if best is None or distance < best[0]:
                    best = (distance, reading, cue)
    if best is not None:
        return best[1], "cue", best[2]
    other_subjects = [m.id for m in others if m.kind == "subject" and not _names_a_part(entry, tokens, m)]
    for reading in entry.readings:
        family = {reading.subject, *(vocabulary.ancestors(reading.subject) if reading.subject else ())}
        for other in other_subjects:
            if reading.subject and (other in family or reading.subject in vocabulary.ancestors(other)):
                return reading, "subject", other
    place = next((r for r in entry.readings if r.place), None)
    if place and position + 1 < len(tokens) and tokens[position + 1] in _OF and _acts_on_a_thing(vocabulary, tokens, position):
        # « l'administration du serveur »: a word that also names an act, with its object after it, is the act
        # (administering the server), neither a service nor a place.
        return None, "act", f"{tokens[position]} {tokens[position + 1]} …"
    if place and (other_subjects or elsewhere) and position > 0 and tokens[position - 1] in PLACE_OR_ARTICLE_BEFORE:
        return place, "cue", f"{tokens[position - 1]} {tokens[position]} (un lieu, à côté d'un équipement)"
    if entry.default:
        return entry.reading(entry.default), "default", ""
    return None, "undecided", ""


def unique(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def weak_fault_elsewhere(kb: KnowledgeBase, weak: Sequence[Match], before: Sequence[str]) -> list[str]:
    """The subject of a weak word in a clause reporting a fault, when its support line is none of the things told
    before (« plus d'internet dans le bâtiment B, youtube est bloqué » : the filtering's line is the Académie's, the
    network's the Département's); [] otherwise: a weak word of the same line says the fault again."""
    def line(subject: str) -> Optional[str]:
        return next((kb.subjects[s].line for s in subject_chain(kb, subject) if kb.subjects[s].line), None)
    lines = {line(s) for s in before}
    return next(([m.id] for m in weak if line(m.id) is not None and line(m.id) not in lines), [])

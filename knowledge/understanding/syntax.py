"""What spaCy's parse adds to the words: which subject is the thing the message is about (the grammatical
subject or object, not a place complement), and which words carry the message (its core).

Split from frame.py. The parse is only asked for when two subject families are named. Where a message holding
several problems splits is :mod:`message_parts`.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from knowledge.normalise import normalise
from knowledge.understanding import parse as parsing
from knowledge.understanding import question_parse
from knowledge.understanding.lexicon import phrase_positions
from knowledge.vocabulary import Match

# Prepositions that make a noun a place or a side complement rather than the thing the message is about.
_PLACE_PREPOSITIONS = {"à", "au", "aux", "dans", "chez", "en", "a"}
_CORE_DEPS = {"nsubj", "nsubj:pass", "obj", "ROOT", "root", "iobj"}
_WHICH = frozenset({"quel", "quelle", "quels", "quelles", "kel", "kelle"})
_IF = frozenset({"si", "s", "quand", "lorsque", "lorsqu"})  # marks of a condition or a circumstance


def rank_by_parse(text: str, matches: Sequence[Match], subjects: list[str], tokens: list[str],
                   decided: Sequence[tuple[str, str]] = ()) -> tuple[list[str], bool]:
    """Put first the subject whose word is the grammatical subject or object of its clause; a subject named
    in a place complement ("au secrétariat") or other side complement comes after. A subject chosen by
    a cue for an ambiguous word ("résilier la ligne") comes first: the word was the point of the message."""
    doc = parsing.parse(text)
    if doc is None:
        return subjects, False
    aligned = align(doc, tokens)
    score: dict[str, int] = {}
    owner: dict[int, str] = {}  # spaCy token index -> the subject whose words it is
    for m in matches:
        if m.id not in subjects:
            continue
        for i in range(m.start, m.start + m.length):
            if aligned.get(i) is not None:
                owner[aligned[i].i] = m.id
        weights = [_dependency_weight(aligned[i]) for i in range(m.start, m.start + m.length) if aligned.get(i) is not None]
        if weights:
            score[m.id] = max(score.get(m.id, -1), max(weights))
    # "une formation sur le TNI", "l'antivirus des postes": a subject that only qualifies another subject's
    # noun ranks after it, whatever the preposition of the head.
    # A subject named twice counts by its word nearest the root: « un désaccord entre signataires sur
    # l'application du texte » is about the dispute, whose second words merely qualify the signatories.
    top = {subject: min((i for i, s in owner.items() if s == subject), key=lambda i: _depth(doc[i])) for subject in set(owner.values())}
    for index, subject in owner.items():
        if index != top[subject]:
            continue
        head = owner.get(doc[index].head.i)
        if head is not None and head != subject and doc[index].dep_ in ("nmod", "amod") and subject in score:
            score[subject] = min(score[subject], score.get(head, 1) - 1)
    # « Canopé peut m'aider sur le droit d'auteur quand j'utilise le numérique en classe ? »: a subject named only in
    # a condition or a circumstance (« si … », « quand … ») is what the question supposes, not what it asks about.
    supposed = {t.i for c in doc if c.dep_ == "advcl" and any(_supposes(m) for m in c.children) for t in c.subtree}
    # (« pendant la formation de ce matin le vidéoprojecteur a lâché »: when it happened, likewise; by the words, which
    # the parser, without a comma, may hang the whole sentence on.)
    # (« c'est le Département qui gère le filtre, vu que c'est leur réseau ? »: a reason given, likewise.)
    supposed |= {aligned[i].i for m in matches if said_as_when(tokens, m.start) or given_as_reason(tokens, m.start)
                 for i in range(m.start, m.start + m.length) if aligned.get(i) is not None}
    score.update({s: 3 for s, _ in decided if s in subjects})
    # (The word a cue read is the subject's too: where it stands in the sentence counts below.)
    owner.update({aligned[i].i: s for s, word in decided if s in subjects
                  for i in phrase_positions(tokens, word) if aligned.get(i) is not None and aligned[i].i not in owner})
    # (« sur le PC du secrétariat qui sert aux applis administratives, l'antivirus est périmé »: words that only
    # describe another thing, in its relative clause or as its complement, never lead, whatever a cue read in them.)
    supposed |= {t.i for c in doc if c.dep_ == "acl:relcl" and c.head.i in owner for t in c.subtree}
    supposed |= {i for i, s in owner.items() if doc[i].dep_ in ("nmod", "amod") and owner.get(doc[i].head.i, s) != s}
    for subject in set(owner.values()):
        if len(set(owner.values())) > 1 and all(i in supposed for i, s in owner.items() if s == subject):
            score[subject] = min(score.get(subject, 1), 0)
    # The thing the question takes up with a pronoun (« L'agent de supervision … Je peux le désinstaller ? »).
    asked = question_parse.taken_up(doc)
    if asked is not None:
        score.update({s: 3 for i, s in owner.items() if any(t.i == i for t in asked.subtree)})
    ranked = sorted(subjects, key=lambda s: (-score.get(s, 1), subjects.index(s)))
    return ranked, True


# Words that say during what something happened (« pendant la formation de ce matin, le vidéoprojecteur a lâché »).
_DURING = frozenset({"pendant", "durant", "lors"})


def said_as_when(tokens: list[str], start: int) -> bool:
    """Whether the words at ``start`` (normalised) say during what something happened, not what is asked about."""
    return bool(_DURING & set(tokens[max(0, start - 3):start]))


# What gives a reason (« vu que », « puisque », « parce que », « car »), and how far after it the reason's words go.
_REASONS = (("vu", "que"), ("vu", "qu"), ("puisque",), ("puisqu",), ("parce", "que"), ("parce", "qu"), ("car",))
_REASON_REACH = 8


def given_as_reason(tokens: list[str], start: int) -> bool:
    """Whether the words at ``start`` (normalised) come just after a reason given (« vu que c'est leur réseau »)."""
    return any(tuple(tokens[at:at + len(r)]) == r for at in range(max(0, start - _REASON_REACH), start) for r in _REASONS)


def subject_of_its_clause(text: str, words: Sequence[str]) -> bool:
    """Whether the first of ``words`` (normalised) in ``text`` is the grammatical subject its clause says something
    of: « le radiateur de la salle info est froid », not « on peut les fixer au plafond »."""
    doc = parsing.parse(text) if words else None
    if doc is None:
        return False
    wanted = {normalise(w) for w in words}
    first = next((t for t in doc if normalise(t.text) in wanted), None)
    return first is not None and first.dep_ in ("nsubj", "nsubj:pass")


def _supposes(mark) -> bool:
    """A mark opening a condition or a circumstance (« si », « quand », « lorsque »), not « quand même »."""
    return mark.dep_ == "mark" and normalise(mark.text) in _IF and not any(c.dep_ == "fixed" for c in mark.children)


def core_words(text: str, tokens: list[str], cues: Mapping[int, str]) -> frozenset[int]:
    """The word starts of ``cues`` (start -> its reading's cue) whose word is the grammatical subject or object of
    its clause (or a conjunct of one) and carries the cue in its own phrase: « un logiciel de physique » in « on a
    reçu deux vidéoprojecteurs et un logiciel de physique »; not « les postes » in « installer l'antivirus sur les
    postes », nor « un logiciel » whose cue is the verb (« installer un logiciel »)."""
    doc = parsing.parse(text) if cues else None
    if doc is None:
        return frozenset()
    aligned = align(doc, tokens)
    found: set[int] = set()
    # The noun the question takes up with a pronoun is what it asks about, wherever its cue is.
    asked = question_parse.taken_up(doc)
    for start, cue in cues.items():
        word = aligned.get(start)
        if word is not None and asked is not None and word.i == asked.i:
            found.add(start)
            continue
        if word is None or _dependency_weight(word) != 2:
            continue
        phrase = {t.i for t in word.subtree} - {word.i}
        cue_words = [aligned[i] for i in phrase_positions(tokens, cue) if aligned.get(i) is not None]
        if any(w.i in phrase for w in cue_words):
            found.add(start)
        elif word.dep_ == "obj" and any(w.i == word.head.i and w.pos_ == "VERB" for w in cue_words) \
                and any(c.dep_ == "nsubj" and c.lower_ == "qui" for c in word.head.children):
            # « qui installe les applis sur les tablettes ? »: the verb that reads the word is the act asked of
            # someone, its object what the question is about (the tablets only say where). Not « je peux installer
            # un logiciel sur le serveur ? »: what the collège may do is asked of the thing it would touch.
            found.add(start)
    return frozenset(found)


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def align(doc, tokens: list[str]) -> dict:
    """Normalised word index -> the spaCy token it comes from (a token such as "l'ENT" gives two words)."""
    aligned: dict = {}
    position = 0
    for token in doc:
        for word in normalise(token.text).split():
            if position < len(tokens) and tokens[position] == word:
                aligned[position] = token
                position += 1
    return aligned


def _dependency_weight(token) -> int:
    head = token
    # "le proxy et le switch": a conjunct weighs what its head weighs.
    for _ in range(3):
        if head.dep_ in ("conj", "appos", "amod", "fixed", "flat:name") and head.head is not head:
            head = head.head
        else:
            break
    cases = {c.text.lower() for c in head.children if c.dep_ == "case"}
    if token.pos_ in ("VERB", "AUX"):
        return 0  # "appeler", "déplacer": a verb names what is done, the nouns what it is about
    asked = any(c.lower_ in _WHICH for c in head.children)  # « élaboré par quelles parties ? » asks the agent
    if not asked and (head.dep_ == "obl:agent" or "par" in cases and head.dep_.startswith("obl")
                      or head.head.lower_ == "cause"):
        # « l'ENT est bloqué par le filtrage », « inaccessible à cause du switch »: what blocks is what the fault is
        # about, before the thing it blocks.
        return 3
    if head.dep_ in _CORE_DEPS:
        return 2
    if cases & _PLACE_PREPOSITIONS:
        return 0
    return 1



def state_asked(text: str) -> bool:
    """Whether the last sentence that asks is about a state, with no doer (« mon compte est peut-être désactivé ? »:
    a participle or an adjective after « être », no « par … »): it asks what happened, not who does it."""
    doc = parsing.parse(text)
    if doc is None:
        return False
    asking = [s for s in doc.sents if "?" in s.text] or list(doc.sents)
    root = asking[-1].root
    linked = any(c.dep_ in ("aux:pass", "cop") and c.lemma_ == "être" for c in root.children)
    by = any(c.dep_.startswith("obl") and any(g.lower_ == "par" for g in c.children) for c in root.children)
    # (« on n'est pas obligés de déclarer … ? », « tenus de … »: a verb after it is an act asked.)
    acts = any(c.dep_ in ("xcomp", "ccomp", "advcl") for c in root.children)
    return linked and root.pos_ in ("VERB", "ADJ") and not by and not acts

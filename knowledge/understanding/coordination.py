"""Things named together in one clause, each a problem or a question of its own (issue 11, class 7): « le serveur
et le standard sont en panne », « plus d'internet ni de téléphone au secrétariat », « qui paie le téléphone et
l'abonnement internet ? ». The clause split (:mod:`message_parts`) cuts a message where a new clause starts; here one
verb is said of several things, which different parties or lines may handle: each gets its own part, read as the
clause said of it alone (« le standard sont en panne »).

Two things are coordinated when only small words and a coordinating word (« et », « ni », « ou ») stand between
them, or when spaCy's parse makes the second a conjunct of the first (« le vidéoprojecteur de la salle 12 et le
switch du couloir »). Only things of different topics split: « les câbles et les prises » is one problem.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import parse as parsing
from knowledge.understanding.clause_reading import has_verb, repair_named
from knowledge.understanding.lexicon import Lexicon, Reading
from knowledge.understanding.readings import HOW_SUBJECTS, inside, resolve_ambiguous, topic
from knowledge.understanding.syntax import align
from knowledge.vocabulary import vocabulary_for

_COORDINATORS = frozenset({"et", "ni", "ou"})
# Words that may stand between two coordinated things besides the coordinator: articles, possessives, « de ».
_SMALL = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "mon", "ma", "mes",
                    "notre", "nos", "votre", "vos", "son", "sa", "ses", "leur", "leurs", "aussi", "puis", "meme"})
_OTHERS = frozenset({"autre", "autres", "tout", "tous", "toute", "toutes"})
_PARTY_TOPICS = frozenset({"parties"})  # the subject the parties' own names give (subjects.yml)


MAX_THINGS = 3  # as many parts as a message gets answers (message_parts.MAX_PARTS)


@dataclass(frozen=True)
class Coordinated:
    """One thing of a coordination: its subject, the words that name it as typed, and the clause said of it alone."""

    subject: str
    phrase: str
    reading: str


def coordinated_parts(kb: KnowledgeBase, lexicon: Lexicon, clause: str, decided: Mapping[str, Reading]) -> list[list]:
    """« plus d'internet ni de téléphone au secrétariat »: one clause said of things of different topics, a part each,
    as message_parts builds them: [quoted words, subjects, actions, problem, asks, the clause said of it alone]."""
    things = coordinated(kb, lexicon, clause, decided)
    actions = list(vocabulary_for(kb).detect(clause).actions)
    problem = bool(lexicon.marked("kinds", "problem", normalise(clause).split())) or repair_named(kb, clause)
    return [[t.phrase, [t.subject], actions, problem, True, t.reading] for t in things[:MAX_THINGS]]


def with_coordinations(kb: KnowledgeBase, lexicon: Lexicon, text: str, parts: list[list],
                       decided: Mapping[str, Reading]) -> list[list]:
    """« le serveur et le standard sont en panne »: the clause split cut before « et le », leaving a bare thing with
    no verb and no question of its own; with the clause after it, it is one verb said of two things."""
    for at in range(len(parts) - 1):
        bare = parts[at]
        if bare[3] or bare[4] or len(bare) > 5 or has_verb(bare[0]):
            continue
        start = text.find(bare[0])
        end = text.find(parts[at + 1][0], start + len(bare[0])) if start >= 0 else -1
        if end < 0:
            continue
        things = coordinated_parts(kb, lexicon, text[start:end + len(parts[at + 1][0])], decided)
        if things:
            return parts[:at] + things + with_coordinations(kb, lexicon, text, parts[at + 2:], decided)
    return parts


def coordinated(kb: KnowledgeBase, lexicon: Lexicon, text: str,
                decided: Mapping[str, Reading]) -> list[Coordinated]:
    """The things of different topics that ``text`` names together in one coordination, in order (empty when there
    are fewer than two). ``decided``: the readings the whole message chose for its ambiguous words."""
    tokens = normalise(text).split()
    if not _COORDINATORS & set(tokens):
        return []
    matches = vocabulary_for(kb).matches(text, ("subject", "weak_subject", "party"))
    parties = [m for m in matches if m.kind == "party"]
    things = [m for m in matches if m.kind != "party" and not inside(m, parties)]
    _, removed, added, _ = resolve_ambiguous(kb, lexicon, tokens, things, decided=decided)
    named = [(m.start, m.start + m.length, added.get(m.start, m.id)) for m in things if m.start not in removed]
    # (« les options de l'autocom »: an ambiguous word its cue decided names a thing of its own.)
    named = sorted(named + [(at, at + 1, s) for at, s in added.items() if not any(a <= at < b for a, b, _ in named)])
    named = [(a, b, s) for a, b, s in named if s in kb.subjects and kb.subjects[s].kind != "agreement"
             and s not in HOW_SUBJECTS and s not in _PARTY_TOPICS]
    if len({topic(kb, s) for _, _, s in named}) < 2:
        return []
    doc = parsing.parse(text)
    if doc is None:
        return []
    aligned = align(doc, tokens)
    chain: list[tuple[int, int, str]] = []
    complemented = False  # the last thing of the chain took a complement (« les abonnements téléphone … »)
    for thing in named:
        if chain and thing[0] < chain[-1][1]:
            # (« plus d'internet »: a weak word inside a longer term of the same thing names nothing more.)
            chain[-1] = (chain[-1][0], max(thing[1], chain[-1][1]), chain[-1][2])
            continue
        between = tokens[chain[-1][1]:thing[0]] if chain else []
        # « les options de l'autocom », « les abonnements téléphone »: a thing named as the complement of the one
        # before is part of it, and so are the complements coordinated with it (« … téléphone et internet »).
        complement = bool(chain) and (between[:1] in (["de"], ["du"], ["d"], ["des"]) and set(between) <= _SMALL
                                      or not between)
        # (« … et les téléphones portables »: an article opens a thing of its own.)
        listed = complemented and bool(_COORDINATORS & set(between)) and set(between) <= _COORDINATORS | {"de", "d"}
        if complement or listed:
            chain[-1] = (chain[-1][0], thing[1], chain[-1][2])
            complemented = True
            continue
        complemented = False
        if chain and _joined(tokens, aligned, chain[-1], thing):
            chain.append(thing)
        elif len({topic(kb, s) for _, _, s in chain}) < 2:
            chain = [thing]  # (a first coordination of one topic gives way to a later one)
    if len({topic(kb, s) for _, _, s in chain}) < 2:
        return []
    found_spans = [_span(doc, aligned, a, b) for a, b, _ in chain]
    spans = [span for span in found_spans if span is not None]
    if len(spans) < len(chain):
        return []
    found = []
    for index, (thing, span) in enumerate(zip(chain, spans)):
        # The clause said of this thing alone: the other things (with their « de ») and the coordinators taken out.
        kept = [t.text_with_ws for t in doc if not any(s[0] <= t.i < s[2] for j, s in enumerate(spans) if j != index)
                and not (spans[0][0] <= t.i < spans[-1][0] and normalise(t.text) in _COORDINATORS)]
        found.append(Coordinated(thing[2], doc[span[1]:span[2]].text, "".join(kept).strip()))
    return found


def _joined(tokens: list[str], aligned: Mapping[int, Any], first: tuple[int, int, str],
            second: tuple[int, int, str]) -> bool:
    """Whether ``second`` is coordinated with ``first``: by the words between them, or by the parse."""
    between = tokens[first[1]:second[0]]
    if _OTHERS & set(between):
        return False  # « le pare-feu et autres équipements de protection du réseau »: one kind, its examples
    if between and set(between) <= _SMALL | _COORDINATORS and _COORDINATORS & set(between):
        return True
    heads = [aligned.get(i) for i in range(second[0], second[1])]
    firsts = {t.i for t in (aligned.get(i) for i in range(first[0], first[1])) if t is not None}
    return any(t is not None and t.dep_ == "conj" and t.head.i in firsts for t in heads)


def _span(doc: Any, aligned: Mapping[int, Any], start: int, end: int) -> Optional[tuple[int, int, int]]:
    """Where a thing's words stand among spaCy's tokens: (with its « de » before, with its article or possessive,
    end). « d'internet » is taken out of the clause said of another thing; « internet » is its name."""
    found = [aligned.get(i) for i in range(start, end)]
    words = [w for w in found if w is not None]
    if len(words) < len(found):
        return None
    named = words[0].i
    # « le logiciel de SVT », « les postes de la salle 4 »: the thing's own complements belong to it.
    last = max(t.i for w in words for t in _own_phrase(w))
    while named > 0 and doc[named - 1].dep_ == "det" and normalise(doc[named - 1].text) in _SMALL:
        named -= 1
    first = named
    while first > 0 and doc[first - 1].dep_ in ("det", "case") and normalise(doc[first - 1].text) in _SMALL:
        first -= 1
    return first, named, last + 1


# Dependencies that keep a word inside the phrase of the noun it depends on (not a conjunct, a relative clause…).
_OWN = frozenset({"nmod", "amod", "nummod", "flat:name", "fixed", "case", "det", "compound"})


def _own_phrase(token: Any) -> list:
    """``token`` and the words of its own noun phrase: its complements, not what is coordinated with it."""
    found = [token]
    for child in token.children:
        if child.dep_ in _OWN and child.i > token.i:
            found += _own_phrase(child)
    return found

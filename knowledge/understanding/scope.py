"""What a message is about when it is out of the agreement's scope (out_of_scope.yml topics): the topic its words
name, and the topic its question names when a sentence told before only sets the scene.

Split from frame.py, which calls both once per message.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional, Sequence

from knowledge.normalise import normalise
from knowledge.understanding import parse as parsing
from knowledge.understanding import question_parse
from knowledge.understanding.clause_reading import question_marked
from knowledge.understanding.lexicon import Lexicon, OutOfScope, contains, phrase_positions
from knowledge.understanding.message_parts import clauses, opens_question, sentences
from knowledge.understanding.readings import PLACE_WORDS_BEFORE
from knowledge.understanding.taking_up import takes_up
from knowledge.vocabulary import Vocabulary


def out_of_scope_topic(lexicon: Lexicon, tokens: list[str], subjects: Sequence[str]) -> tuple[Optional[str], str]:
    """The first topic whose words are in ``tokens``, and those words: a topic that does not override IT subjects
    (out_of_scope.yml) wins only when ``subjects`` is empty. Beside a subject, words that only say whose website it
    is (« le filtrage bloque le site de la mairie ») or with whom (« avec les écoles ») name no topic. A term typed in
    the plural is one (« leurs ordinateurs perso » for « ordinateur perso »)."""
    plain: Optional[list[str]] = None
    changed: frozenset[str] = frozenset()  # the words a plural mark was taken from
    for topic in lexicon.out_of_scope:
        found = lexicon.terms_in(f"out_of_scope:{topic.id}", topic.terms, tokens)
        if not found:
            if plain is None:
                plain = [_singular(t) for t in tokens]
                changed = frozenset(p for t, p in zip(tokens, plain) if p != t)
            # (Only when a word the plural mark was taken from is one of the topic's: every message tries every topic.)
            if changed & _words_of(topic.terms):
                found = lexicon.terms_in(f"out_of_scope_singular:{topic.id}", _singular_terms(topic.terms), plain)
        words = [t for t in found
                 if not (subjects and all(_website_of(tokens, i) or _partner(tokens, i) for i in _positions(tokens, plain, t)))
                 and not all(_compared(topic, tokens, i + len(t.split())) for i in _positions(tokens, plain, t))]
        overrides = topic.overrides_subjects and (not topic.overrides_only_with
                                                  or any(contains(tokens, w) for w in topic.overrides_only_with))
        if words and (overrides or not subjects):
            return topic.id, ", ".join(words)
    return None, ""


def _singular(word: str) -> str:
    """A word without the plural mark French adds (« ordinateurs », « réseaux »); the same on both sides of a match."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" and word[-2] != "s" else word


@lru_cache(maxsize=None)  # one tuple per topic, for the life of the process
def _singular_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(_singular(w) for w in term.split()) for term in terms)


@lru_cache(maxsize=None)
def _words_of(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for term in _singular_terms(terms) for w in term.split())


def _positions(tokens: list[str], plain: Optional[list[str]], term: str) -> list[int]:
    """Where ``term`` starts: in the words as typed, or else in their singular forms (the two have one length)."""
    return phrase_positions(tokens, term) or (phrase_positions(plain, term) if plain is not None else [])


def told_beside_a_fault(vocabulary: Vocabulary, lexicon: Lexicon, text: str, topic_id: str) -> bool:
    """« notre RUPN est en arrêt maladie et le serveur ne répond plus » : the words of a topic that only tells a
    circumstance (out_of_scope.yml ``aside_beside_a_fault``: the staff's leave) in one clause, a fault of the
    agreement's equipment in another. The fault is what the message reports; the leave only says why nobody on site
    can see to it. (A personal phone whose screen is broken is no such circumstance: the screen is the phone's.) A
    personal thing told in a clause of its own (``declined_beside_a_fault``: « … et accessoirement mon tel perso a
    l'écran fendu ») leaves the collège's fault to be answered, and is declined beside it."""
    topic = lexicon.topic(topic_id)
    if topic is None or not (topic.aside_beside_a_fault or topic.declined_beside_a_fault):
        return False
    pieces = [normalise(c).split() for c in clauses(text)]
    named = [bool(lexicon.terms_in(f"out_of_scope:{topic.id}", topic.terms, p)) for p in pieces]
    # (A thing of its own comes before the personal one: after it, « l'écran est cassé » is that phone's screen.)
    told = pieces[:named.index(True)] if topic.declined_beside_a_fault and any(named) else pieces
    # (« je déclare une panne : mon pc perso a un virus »: a fault of no equipment, the support named only, is the
    # personal one's.)
    neutral = lexicon.scope_neutral if topic.declined_beside_a_fault else frozenset()
    # (A question of its own on the agreement's thing counts as such a fault: « qui installe sur les postes le nouveau
    # logiciel de SVT ? Et ai-je le droit de l'installer sur mon ordinateur personnel ? ».)
    originals = clauses(text)
    # (Only beside a thing of its own: a circumstance, « mes frais de déplacement du stage ne sont pas remboursés, je
    # m'adresse à qui ? », is what such a question asks about.)
    asks = topic.declined_beside_a_fault
    return any(named) and any(not n and (lexicon.marked("kinds", "problem", p) or asks and _asks_on_its_own(o, text))
                              and set(vocabulary.detect(" ".join(p)).subjects) - set(neutral)
                              for p, o, n in zip(told, originals, named))


def _asks_on_its_own(clause: str, text: str) -> bool:
    """Whether ``clause`` is a question of its own: it opens with a question word or ends with a question mark."""
    return opens_question(normalise(clause).split()) or question_marked(clause.strip(), text)


# « chez moi ça marche pas non plus »: a negation after the comparison makes it a fault of its own.
_NEGATED = frozenset({"pas", "plus", "jamais", "rien"})


def _compared(topic: OutOfScope, tokens: list[str], end: int) -> bool:
    """Whether the words after a topic's term (ending at ``end``) only compare (« plus moyen d'aller sur le blog de la
    classe au collège, chez moi ça marche »: the home is where it works, not what the message is about)."""
    after = tokens[end:end + 5]
    return any(after[:len(w.split())] == w.split() for w in topic.compared_when) and not _NEGATED & set(after)


# « le site de la mairie », « la page du lycée », « le portail des impôts »: a website named by its owner.
_WEBSITE = frozenset({"site", "sites", "page", "pages", "portail", "siteweb"})
_OF = frozenset({"de", "du", "des", "d", "la", "le", "l", "web", "internet"})


def _partner(tokens: list[str], start: int) -> bool:
    """Whether the words at ``start`` follow « avec » (« un projet d'ENT commun avec les écoles primaires »): whom the
    collège works with, beside the thing the message is about."""
    return "avec" in tokens[max(0, start - 2):start]


def _website_of(tokens: list[str], start: int) -> bool:
    """Whether the words before ``start`` are a website's name up to its owner (« site de la », « page du »)."""
    before = start
    while before > 0 and tokens[before - 1] in _OF:
        before -= 1
    return before > 0 and tokens[before - 1] in _WEBSITE


# Words that make the equipment after them a part of a device named before (« le four … sur *son* écran »).
_POSSESSIVE = frozenset({"son", "sa", "ses"})
# Words that make the equipment after them the name of a room (« la clim de la salle serveur »).
_ROOM = frozenset({"salle", "salles", "local", "locaux", "piece"})


def named_as_things(lexicon: Lexicon, tokens: list[str], matches: Sequence[Any], equipment: Sequence[str]) -> list[str]:
    """The equipment a message names as a thing, not only as the name of a room (« la climatisation de la salle
    serveur est en panne » is about the air conditioning: the room names no server that fails) nor as a part of a
    device out of scope (out_of_scope.yml ``devices``: « le clavier du digicode est bloqué » is the door's)."""
    def as_room(m: Any) -> bool:
        before = tokens[max(0, m.start - 2):m.start]
        return bool(before) and (before[-1] in _ROOM or len(before) == 2 and before[0] in _ROOM and before[1] in ("des", "du"))

    def as_part(m: Any) -> bool:
        if m.start > 0 and tokens[m.start - 1] in _POSSESSIVE and any(
                lexicon.terms_in(f"out_of_scope:{t.id}", t.terms, tokens[:m.start - 1])
                or lexicon.terms_in(f"devices:{t.id}", t.devices, tokens[:m.start - 1]) for t in lexicon.out_of_scope):
            # « le four de la cantine affiche un code erreur sur *son* écran de commande »: the screen of the thing out
            # of scope named before it.
            return True
        after = m.start + m.length
        while after < len(tokens) and tokens[after] in _PART_OF and after - (m.start + m.length) < 2:
            after += 1
        return after > m.start + m.length and any(
            tokens[after:after + len(d.split())] == d.split() for t in lexicon.out_of_scope for d in t.devices)
    return [s for s in equipment if not (any(m.id == s for m in matches)
                                         and all(as_room(m) or as_part(m) for m in matches if m.id == s))]


_PART_OF = frozenset({"du", "de", "des", "d", "la", "l"})  # « le clavier du digicode », « l'écran de la centrale »


def asked_out_of_scope(vocabulary: Vocabulary, lexicon: Lexicon, text: str,
                       equipment: Sequence[str]) -> tuple[Optional[str], str]:
    """« On prépare un local serveur. La clim de la pièce, c'est prévu par quelqu'un ? »: the sentence told first sets
    the scene, the question asks about an out-of-scope thing and names no equipment: the topic is what is asked. A
    message that asks nothing reports a fault: the topic is that of the thing whose fault it reports."""
    told_then_asked = sentences(text)
    asked = " ".join(s for s in told_then_asked if s.rstrip().endswith("?"))
    if "?" not in text:
        return _reported_out_of_scope(vocabulary, lexicon, text)
    told, asking = _told_before_asking(text)
    # (The pronoun check parses the clause: only when the words told name something out of scope at all.)
    if told and out_of_scope_topic(lexicon, normalise(told).split(), [])[0] is not None and takes_up(asking):
        # « La serrure du placard des portables est bloquée, le Département peut la changer ? »: the question takes
        # up the thing whose fault was told; that thing is the lock, not the laptops.
        topic, words = _reported_out_of_scope(vocabulary, lexicon, told)
        if topic is not None:
            return topic, words
    if len(told_then_asked) < 2 and told:
        # « la table des PC s'est effondrée, qui rachète le mobilier ? »: a clause told before the one that asks sets
        # the scene the same way.
        told_then_asked, asked = [told, asking], asking
    if len(told_then_asked) < 2 or not asked or set(vocabulary.detect(asked).subjects) & set(equipment):
        return None, ""
    if out_of_scope_topic(lexicon, normalise(asked).split(), [])[0] is None:
        return None, ""
    # Only the question's own thing: « Qui doit l'accrocher *au plafond* ? » or « qui *porte* les contrats ? » name a
    # building word beside the equipment told before; « *La clim* de la pièce, c'est prévu ? » asks about it (and
    # without the parse, nothing is decided here).
    doc = parsing.parse(asked)
    if doc is None:
        return None, ""
    for head in _asked_things(doc):
        topic, words = out_of_scope_topic(lexicon, _phrase(head), [])
        if topic is not None:
            return topic, f"{words} (sujet de la question ; la phrase d'avant ne fait que situer)"
    return None, ""


def _told_before_asking(text: str) -> tuple[str, str]:
    """The words told before the asking clause, and that clause (the last one of the message)."""
    pieces = [c for c in clauses(text.strip()) if c.strip()]
    if len(pieces) < 2:
        return "", text
    return ", ".join(pieces[:-1]), pieces[-1]


def _reported_out_of_scope(vocabulary: Vocabulary, lexicon: Lexicon, text: str) -> tuple[Optional[str], str]:
    """« Les stores de la salle informatique sont cassés, le soleil empêche de voir l'écran »: the fault reported is
    the blinds' (the subject of « cassés »); the screen only suffers from it. Every clause that reports a fault must
    have an out-of-scope thing for subject; without the parse, nothing is decided."""
    if out_of_scope_topic(lexicon, normalise(text).split(), [])[0] is None:
        return None, ""  # most reports name nothing out of scope: no parse
    # (« … et le switch aussi »: the same fault said again of another thing; « et » before a verb joins two verbs of
    # one clause, « le chariot où on range et recharge … ».)
    faulty = [c for c in clauses(text) if lexicon.marked("kinds", "problem", normalise(c).split())
              or lexicon.marked("kinds", "also", normalise(c).split())]
    found: tuple[Optional[str], str] = (None, "")
    for clause in faulty:
        doc = parsing.parse(clause)
        if doc is None:
            return None, ""
        # (Not the nouns of a relative clause that only describes one: « la table *où est posé le vidéoprojecteur* ».)
        subjects = [t for t in doc if t.pos_ in ("NOUN", "PROPN") and question_parse.described_noun(t) is None and (
            t.dep_ in ("nsubj", "nsubj:pass") or t.dep_ == "conj" and t.head.dep_ == "ROOT") and not _a_place(t)]
        if any(vocabulary.detect(" ".join(_phrase(t))).subjects for t in subjects + _whose(subjects)):
            # « la table tactile est en panne »: a thing of the agreement fails; « l'armoire de la baie ne ferme plus »:
            # the rack's own cabinet may be the equipment itself
            return None, ""
        if not subjects and not vocabulary.detect(clause).subjects:
            continue  # « …, il ne roule plus droit »: the same thing again, through a pronoun
        topic, words = next((hit for t in subjects if (hit := out_of_scope_topic(lexicon, _phrase(t), []))[0]),
                            (None, ""))
        if topic is None:
            return None, ""
        if found[0] is None:
            found = (topic, f"{words} (ce qui est en panne ; l'équipement n'en subit que l'effet)")
    return found


_ARTICLES = frozenset({"la", "le", "l", "les"})


def _a_place(noun: Any) -> bool:
    """Whether ``noun`` stands after a preposition of place (readings.PLACE_WORDS_BEFORE, its article between), as
    typed: « à la cantine les téléphones ne sonnent plus » (typed « a la cantine », the parser takes « a » for the verb
    and the canteen for what fails)."""
    at = noun.i - 1
    while at >= 0 and normalise(noun.doc[at].text) in _ARTICLES:
        at -= 1
    return at >= 0 and normalise(noun.doc[at].text) in PLACE_WORDS_BEFORE


def _whose(nouns: list[Any]) -> list[Any]:
    """The things the nouns belong to (« l'armoire *de la baie* »), not the rooms they stand in (« *de la salle* »)."""
    return [c for t in nouns for c in t.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")
            and normalise(c.text) not in _ROOM]


_HEAD_DEPS = frozenset({"ROOT", "nsubj", "nsubj:pass", "dislocated", "obj"})
_PHRASE_DEPS = frozenset({"amod", "compound", "flat", "fixed", "flat:name"})


def _asked_things(doc: Any) -> list[Any]:
    """The nouns a question is about: its root noun (a dislocation, « la clim de la pièce, c'est prévu ? ») and the
    subject or object of its main verb or of the verb asked about (« la climatisation ne marche plus », « …, qui gère
    la climatisation ? »), never a complement (« au plafond »)."""
    verb = question_parse.predicate(doc)
    # (« qui doit venir réparer le chauffage ? »: the verbs the predicate governs, one after the other, ask too.)
    verbs = set()
    while verb is not None and verb.i not in verbs:
        verbs.add(verb.i)
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    things = [t for t in doc if t.pos_ in ("NOUN", "PROPN") and t.dep_ in _HEAD_DEPS
              and (t.head.i == t.i or t.head.dep_ == "ROOT" or t.head.i in verbs)]
    # « qui j'appelle pour le plombier ? », « … pour le dépannage de l'ascenseur ? »: what the call is for, and whose.
    purposes = [t for t in doc if t.pos_ == "NOUN" and t.head.i in verbs and t.dep_.startswith("obl")
                and any(normalise(c.text) == "pour" and c.dep_ == "case" for c in t.children)]
    return things + purposes + _whose(purposes)


def _phrase(noun: Any) -> list[str]:
    """The noun with the words that make its name (« faux plafond », « box internet »), normalised."""
    words = [noun] + [c for c in noun.children if c.dep_ in _PHRASE_DEPS
                      or c.dep_ == "nmod" and not any(g.dep_ == "case" for g in c.children)]
    return normalise(" ".join(w.text for w in sorted(words, key=lambda w: w.i))).split()

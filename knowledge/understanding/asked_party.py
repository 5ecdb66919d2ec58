"""The party a question is about (« le Département s'est-il engagé… ? », « c'est au collège de… ? », « on a le droit
de… ? » for the collège), told from the parties only named beside it (« se concerter avec le Département »).

Split from frame.py, which calls it once per message.
"""
from __future__ import annotations

import re
from typing import Sequence

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding.lexicon import Lexicon
from knowledge.understanding.party_checks import writer
from knowledge.understanding.readings import HOW_SUBJECTS
from knowledge.understanding.scored import Scored
from knowledge.vocabulary import Match, vocabulary_for

# The end of a sentence told before the one that asks (« Le portable est cassé. Le Département le remplace ? »).
_SENTENCE_END = re.compile(r"(?<=[.!])\s+")
# Verbs of calling a question may end on (« … j'appelle le CD79 ? »).
_CALLING = (["appelle"], ["appeler"], ["contacte"], ["contacter"], ["joindre"], ["prevenir"], ["previens"])
# Nouns of a thing whose owner a party may be (« l'application de l'Éducation nationale », « le portail de l'Académie »).
_THING_HEADS = frozenset({"application", "applications", "appli", "applis", "logiciel", "logiciels", "portail", "site",
                          "plateforme", "messagerie", "serveur", "outil", "outils"})
_COMPLEMENT_BEFORE = frozenset({"avec", "aupres", "dans", "par", "pour", "vers", "contre", "sans", "au", "aux", "a"})


def _complement(tokens: list[str], start: int, heads: Sequence[str]) -> bool:
    """Whether the party named at ``start`` follows a preposition, directly (« avec le Département ») or through
    a noun for its people (« aux référents de la DANE »)."""
    i = start - 1
    while i >= 0 and tokens[i] in _DETERMINERS:
        i -= 1
    if i >= 0 and tokens[i] in heads:
        i -= 1
        while i >= 0 and tokens[i] in _DETERMINERS:
            i -= 1
    return i >= 0 and tokens[i] in _COMPLEMENT_BEFORE


# How many words after « sans » a party is still what is done without (« sans avoir eu le feu vert technique du
# Département »).
_WITHOUT_REACH = 8
_DETERMINERS = frozenset({"de", "la", "l", "le", "les", "du", "des", "d"})
# An inverted subject pronoun (« s'est-il », « doit-elle », « a-t-il »): the question's subject is named before it.
_INVERTED = re.compile(r"\w-(?:t-)?(?:il|elle|ils|elles)\b", re.IGNORECASE)
_SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})
# « Faut-il … ? », « y a-t-il … ? », « s'agit-il … ? »: an « il » that stands for no one.
_IMPERSONAL = frozenset({"faut", "agit", "suffit", "vaut", "semble", "parait"})


def _impersonal(tokens: list[str], i: int) -> bool:
    verb = tokens[i - 2] if i >= 2 and tokens[i - 1] == "t" else tokens[i - 1] if i else ""
    return verb in _IMPERSONAL or verb == "a" and i >= 3 and "y" in tokens[i - 4:i - 2]


# « … au Département pour qu'ils entrent dans l'inventaire »: a pronoun after these opens a clause of its own, it
# is the subject there, not inverted after a verb.
_CLAUSE_OPENERS = frozenset({"qu", "que", "quand", "si", "s", "lorsqu", "lorsque", "puisqu", "puisque", "comme",
                             "et", "ou", "mais", "car", "donc", "dont"})


def asked_party(kb: KnowledgeBase, lexicon: Lexicon, text: str, tokens: list[str], party_matches: Sequence[Match]) -> Scored:
    """The party the question is about: "c'est au X de…", else the first party named that is not a
    complement ("se concerter avec le Département"), else the person asking (on, nous, je) for the collège."""
    named = [m for m in party_matches if not writer(tokens, m)]
    *told, asking = _SENTENCE_END.split(text.strip())
    if told and asking.strip() and "?" in asking and len(named) > 1:
        # « Le portable du prof principal est en panne. Le Département le remplace ? »: the sentence that asks names
        # the party asked; those of the story before it tell whose the thing is.
        matches = [m for m in vocabulary_for(kb).matches(asking, ("party",))]
        own = asked_party(kb, lexicon, asking, normalise(asking).split(), matches) if matches else None
        if own is not None and own.value and own.confidence >= 0.8:
            return own
    thing_ends = {t.start + t.length - 1 for t in vocabulary_for(kb).matches(text, ("subject",))
                  if t.id not in HOW_SUBJECTS}
    for m in named:
        before = tokens[max(0, m.start - 3) : m.start]
        if before[-1:] and before[-1] in ("au", "a", "aux") and before[-2:-1] in (["est"], ["ce"], ["bien"], ["pas"]) \
                or before[-3:-1] in (["est", "a"], ["ce", "a"], ["bien", "a"], ["bien", "pour"], ["pas", "pour"]) \
                or before[-2:] in (["bien", "pour"], ["pas", "pour"]):
            # (« son remplacement, c'est bien pour le Département ? »: the party checked.)
            return Scored(m.id, 0.95, f"« c'est à … {' '.join(tokens[m.start:m.start + m.length])} »")
    last = named[-1] if named else None
    before_last = [t for t in tokens[max(0, last.start - 3):last.start] if t not in ("le", "la", "l", "les")] if last else []
    if last is not None and last.start + last.length == len(tokens) and len(named) > 1 \
            and (before_last[-2:] in (["c", "est"], ["est", "bien"], ["c", "bien"]) or before_last[-1:] in _CALLING):
        # « le logiciel de vie scolaire de l'Éducation nationale plante, c'est le Département ? », « … j'appelle le
        # CD79 ? »: the party the question ends on after « c'est » or a verb of calling is the one asked, whatever
        # other party the story names.
        return Scored(last.id, 0.9, f"« c'est {' '.join(tokens[last.start:last.start + last.length])} ? » en fin de question")
    if _INVERTED.search(text):
        # « si plusieurs collèges le demandent, le Département s'est-il engagé… ? »: the party the inverted pronoun
        # takes up is the subject of the question, whatever is named before it: the one nearest before it (« … du
        # Département, le collège peut-il … ? » asks about the collège).
        for m in reversed(named):
            after = range(m.start + m.length, min(len(tokens), m.start + m.length + 4))
            pronoun = next((tokens[i] for i in after if tokens[i] in _SUBJECT_PRONOUNS and not _impersonal(tokens, i)
                            and tokens[i - 1] not in _CLAUSE_OPENERS), None)
            if pronoun:
                return Scored(m.id, 0.9, f"« {' '.join(tokens[m.start:m.start + m.length])} … -{pronoun} » : sujet inversé")
    ambiguous_things = {w for word in lexicon.ambiguous for w in word.words}
    complement_ends: set[int] = set()
    for m in named:
        previous = tokens[m.start - 1] if m.start else ""
        # "se concerter avec le Département", "déclarer au Département": a complement, not the party asked; so
        # is a party joined to one (« aux référents DANE et Canopé »).
        # (« sans avoir l'avis du Département », « sans avoir eu le feu vert technique du Département »: the party
        # whose leave is done without.)
        if _complement(tokens, m.start, lexicon.markers["questions"].get("party_heads", ())) \
                or "sans" in tokens[max(0, m.start - _WITHOUT_REACH):m.start] \
                or (previous in ("et", "ou") and m.start - 2 in complement_ends):
            complement_ends.add(m.start + m.length - 1)
            continue
        # "le smartphone du principal": the owner of a thing named just before, not the party asked (« à la
        # charge du Département », « l'assistance du Département » name the party asked).
        # (« une panne sur un poste du collège » : a word of two meanings names a thing too.)
        if previous in {"du", "des", "d"} and m.start >= 2 \
                and ((m.start - 2) in thing_ends or tokens[m.start - 2] in ambiguous_things):
            continue
        if tokens[max(0, m.start - 2):m.start] == ["de", "l"] and m.start >= 3 \
                and ((m.start - 3) in thing_ends or tokens[m.start - 3] in _THING_HEADS):
            continue  # « l'application de l'Éducation nationale plante »: the owner, likewise
        return Scored(m.id, 0.85, f"« {' '.join(tokens[m.start:m.start + m.length])} » nommé")
    if lexicon.marked("questions", "addressed", tokens[:6]):
        return Scored(None, 0.0, "demande adressée à « vous » : la personne qui écrit n'est pas celle qui agit")
    # « on a le droit de consulter l'inventaire tenu par le Département ? »: the writer asks what the collège may
    # do; the agent of a participle after it is a complement.
    if lexicon.marked("questions", "first_person", tokens[:3]) and lexicon.marked("questions", "modal", tokens[:6]):
        # (« les serveurs, on les fait acheter par le Département ? » asks about the Département: no modal.)
        return Scored("college", 0.6, "la personne qui écrit parle pour le collège (on, nous, je, nos…)")
    # "les serveurs sont-ils achetés par le Département ?": the agent of a passive is the party asked.
    # (« … assurée par l'Éducation nationale » : the article between them changes nothing.)
    for m in named:
        before = [t for t in tokens[max(0, m.start - 3):m.start] if t not in ("l", "la", "le", "les")]
        if before[-1:] == ["par"]:
            return Scored(m.id, 0.8, f"« par {' '.join(tokens[m.start:m.start + m.length])} »")
    if any(writer(tokens, m) for m in party_matches) or lexicon.marked("questions", "first_person", tokens):
        return Scored("college", 0.6, "la personne qui écrit parle pour le collège (on, nous, je, nos…)")
    # "faut-il déclarer… ?": an impersonal duty followed by a verb is asked by the collège about itself.
    if tokens[:2] == ["faut", "il"] and any(m.start == 2 for m in vocabulary_for(kb).matches(text, ("action",))):
        return Scored("college", 0.6, "« faut-il » + verbe : la personne qui écrit parle pour le collège")
    return Scored(None, 0.0, "aucune partie nommée")

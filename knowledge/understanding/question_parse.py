"""What a question asks, by spaCy's parse (issue 11): the sentence that asks, its predicate (the verb « qui » is
the subject of, else the root, past a modal), and the thing it is about (its object, or the noun a pronoun takes
up). Pure functions of a parsed ``Doc``; the coverage check (:mod:`coverage`), the setting of a fault
(:mod:`setting`) and the ranking of subjects (:mod:`syntax`) read questions through them.
"""
from __future__ import annotations

from typing import Any, Optional

from knowledge.normalise import normalise
from knowledge.understanding import parse as parsing

# The word « qui » as people type it (message_kinds.yml questions.who holds the same, for the lexicon).
WHO_WORDS = frozenset({"qui", "ki", "kiki"})
# Verbs that only carry the infinitive after them (« qui doit les former », « on aimerait être formés »): it is what
# is asked.
MODALS = {"devoir", "pouvoir", "falloir", "aller", "vouloir", "souhaiter", "aimer", "desirer", "esperer", "venir"}
EXPECTED = {"cense", "censee", "censes", "censees", "charge", "chargee", "habilite", "habilitee", "tenu", "tenue",
            "occupe", "occupent", "occuper"}
# Nouns of leave taken by « avoir » (« qui a le droit de les consulter ? »): the infinitive after them is asked.
LEAVE_NOUNS = {"droit", "possibilite", "autorisation", "permission"}
THING_DEPS = {"obj", "nsubj:pass", "obl:arg"}
_OBJECT_PRONOUNS = {"le", "la", "les", "l", "en"}
_DOING = {"faire", "fait", "fais", "font", "fera", "feront"}


def asking_sentence(doc: Any) -> Any:
    """The sentence that asks (the last one ending with a question mark), or the whole message: in « Je
    cumule : un portable à remplacer et une option à ajouter. Tout est à notre charge ? » the predicate
    asked about is in the question, not in the story before it."""
    sentences = list(doc.sents)
    asking = [i for i, s in enumerate(sentences) if s.text.rstrip().endswith("?")]
    # Only after a real full stop: the parser also cuts at a comma (« les coques…, c'est à qui de les
    # acheter ? » keeps its dislocated noun).
    if asking and asking[-1] > 0 and sentences[asking[-1] - 1][-1].text in (".", "!", "…"):
        return sentences[asking[-1]]
    return doc


def asked_verb(text: str) -> Optional[tuple[Any, Any, Any]]:
    """The parse of ``text``, the sentence that asks and the verb it asks about; None without the parse or a verb."""
    doc = parsing.parse(text)
    if doc is None:
        return None
    sentence = asking_sentence(doc)
    verb = predicate(sentence)
    return (doc, sentence, verb) if verb is not None else None


def predicate(doc: Any) -> Optional[Any]:
    """The verb the question asks about: the one « qui » is the subject of, else the root verb; past a modal
    (« doit-il former »), its infinitive."""
    whos = [t for t in doc if normalise(t.text) in WHO_WORDS and t.dep_.startswith("nsubj")]
    # Not the « qui » of a relative clause on a noun when another asks (« les chariots *qui rechargent* les
    # tablettes, c'est qui qui doit les fournir ? »): that verb only says which thing. Alone, it is the question
    # the parser hung on a dislocated noun (« au CDI, qui est censé… »).
    asking = [t for t in whos if not (t.head.dep_ == "acl:relcl" and t.head.head.pos_ in ("NOUN", "PROPN"))]
    # (Each « qui » hung on a noun: the last one asks; the ones before say which thing, « le protocole qui
    # permettrait…, qui le rédige ? ».)
    verb = next((t.head for t in asking or whos[-1:]), None)
    if verb is None:
        verb = next((t for t in doc if t.dep_ == "ROOT" and verbal(t)), None)
    if verb is None:
        # « c'est à qui de le mettre sur les machines ? »: « qui » is the verb's complement, the root « c' ».
        verb = next((t.head for t in doc if normalise(t.text) in WHO_WORDS and t.head.pos_ == "VERB"), None)
    # (The tagger often takes « fait » for the noun.)
    if verb is None or normalise(verb.lemma_) == "etre" and verb.dep_ == "ROOT":
        # « c'est à nous de les coller ? »: the infinitive « de » introduces is the act asked, not « être ».
        verb = next((t for t in doc if t.pos_ == "VERB" and "Inf" in t.morph.get("VerbForm")
                     and any(c.dep_ == "mark" and normalise(c.text) in ("de", "d") for c in t.children)), verb)
    if verb is not None and {normalise(verb.lemma_), normalise(verb.text)} & _DOING and any(
            c.pos_ == "PRON" and normalise(c.text) in ("le", "l") and c.dep_ == "obj" for c in verb.children):
        # « on voudrait nettoyer les claviers, qui le fait ? »: « le » takes up the act named before, which is what
        # is asked (« faire » itself says nothing).
        verb = next((t for t in reversed(verb.doc[:verb.i]) if t.pos_ == "VERB" and "Inf" in t.morph.get("VerbForm")),
                    verb)
    if verb is not None and normalise(verb.lemma_) == "avoir" and any(t.head.i == verb.i for t in whos):
        # « qui a le droit de les consulter ? »: the act asked is the infinitive the noun of leave takes. (Asked of
        # oneself, « on a le droit d'acheter … ? » asks for leave: the verb stays « avoir ».)
        leave = next((c for c in verb.children if c.dep_ == "obj" and normalise(c.lemma_) in LEAVE_NOUNS), None)
        verb = next((c for c in leave.children if c.pos_ == "VERB" and "Inf" in c.morph.get("VerbForm")), verb) \
            if leave is not None else verb
    if verb is not None and (normalise(verb.lemma_) in MODALS or normalise(verb.text) in EXPECTED):
        # « qui doit les former », « qui est censé désinfecter les claviers », « qui s'occupe de les remplacer »:
        # the infinitive is what is asked.
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), verb)
    return verb


def verbal(token: Any) -> bool:
    """A verb, or a word the tagger took for a noun but that has an object (« qui dépoussière les claviers »:
    a verb the model has never seen is often tagged NOUN)."""
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ == "obj" for c in token.children)


def thing(doc: Any, verb: Any) -> Optional[Any]:
    """The noun the predicate is about: its object, or a dislocated noun it takes up with a pronoun
    (« les cartouches d'encre, qui les paie ? »), or the root noun of « l'électricité, c'est qui qui paie »."""
    if verb is not None:
        thing = next((c for c in verb.children if c.dep_ in THING_DEPS and c.pos_ in ("NOUN", "PROPN")), None)
        if thing is None or thing.dep_ == "obl:arg":
            thing = antecedent(verb) or thing
        if thing is not None:
            return thing
    if getattr(doc, "doc", doc) is not doc:
        return None  # one sentence of several: a root noun there is a guess of the parser, not a dislocation
    # (Not a root noun behind a preposition: « la baie est *dans le local* …, à qui je le signale ? » says where.)
    return next((t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN")
                 and (verb is None or t.i != verb.i) and not any(c.dep_ == "case" for c in t.children)
                 and t.i < len(doc) - 1), None)


def antecedent(verb: Any) -> Optional[Any]:
    """The noun a pronoun object of ``verb`` takes up (« le cordon HDMI … est trop court. Qui me *le* fournit ? »):
    the nearest subject or dislocated noun before the pronoun (« Notre connexion est hors de prix. Le contrat
    d'abonnement, qui le gère ? » takes up the contract)."""
    # (An article the parser hangs on the verb as its object is the pronoun misread: « Le Département *la*
    # remplace-t-il ? »; not « le », as often the neutral pronoun of « à qui je le signale ? », the whole fact.)
    pronoun = next((c for c in verb.children if (c.pos_ == "PRON" or c.pos_ == "DET" and normalise(c.text) in ("la", "les"))
                    and c.dep_ in ("obj", "iobj")
                    and normalise(c.text) in _OBJECT_PRONOUNS), None)
    deps: tuple[str, ...] = ("nsubj", "nsubj:pass", "ROOT")
    if pronoun is None:
        # « …, qui la change ? »: the tagger reads « la change » as a noun with its article. On the predicate
        # « qui » is the subject of, the word just before it is the pronoun object; what it takes up is then
        # only a subject (a root noun there is as likely a misparse: « Le plombier, la convention … »).
        pronoun = next((c for c in verb.children if c.dep_ == "det" and c.i == verb.i - 1
                        and normalise(c.text) in _OBJECT_PRONOUNS
                        and any(normalise(w.text) in WHO_WORDS for w in verb.children)), None)
        deps = ("nsubj", "nsubj:pass")
    if pronoun is None:
        return None
    # Not the verb's own subject (« Le Département *la* change-t-il ? » takes up what was named before it), nor a
    # word between brackets (« la prise est cassée (le clip a sauté). Qui doit la changer ? »).
    # (Nor a noun of a relative clause that only describes another: « le chariot où on range *les tablettes* ».)
    return next((t for t in reversed(verb.doc[:pronoun.i]) if t.pos_ in ("NOUN", "PROPN") and t.dep_ in deps
                 and t.head.i != verb.i and not _bracketed(t) and described_noun(t) is None), None)


def _bracketed(token: Any) -> bool:
    before = token.doc[:token.i].text
    return before.count("(") > before.count(")")


def taken_up(doc: Any) -> Optional[Any]:
    """The noun the question's pronoun object takes up (« Le logiciel de cartographie … n'est pas installé. C'est
    à qui de *le* mettre sur les machines ? »), or None."""
    verb = predicate(asking_sentence(doc))
    return antecedent(verb) if verb is not None else None

def described_noun(token: Any) -> Optional[Any]:
    """The noun whose relative clause holds ``token`` (« la salle *où sont les serveurs* »), or None. The tagger may
    take the relative's object for a second subject of the main verb (« le chariot où on range et recharge *les
    tablettes* a une roulette cassée »): a subject after one that has a relative clause is counted in that clause."""
    if token.dep_ in ("nsubj", "nsubj:pass"):
        first = next((t for t in token.head.children if t.dep_ in ("nsubj", "nsubj:pass") and t.i < token.i), None)
        if first is not None and any(c.dep_ in ("acl", "acl:relcl") for c in first.children):
            return first
    while token.head.i != token.i:
        if token.dep_ in ("acl:relcl", "acl"):
            return token.head
        token = token.head
    return None

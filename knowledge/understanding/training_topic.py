"""What a training asked about is on (issue 11, class 1): articles 4, 9 and 10 provide the teachers' trainings on the
pedagogical uses of digital tools and on the pedagogical software, and none other. « qui peut me former à la gestion
de classe ? », « une formation en management pour l'adjoint » were answered with those articles, as if the Académie
and Canopé owed them; such a training is declined (out_of_scope.yml `formation_hors_numerique`).

What the training is on comes from spaCy's parse: the complement of « formation » or « former » introduced by « à »,
« sur », « en » (or « pour » and a verb: « pour changer de métier »). It is in the agreement's scope when it names a
subject of the knowledge base or a digital word (message_kinds.yml `training`); a complement that says how, when or
for whom (« à distance », « en juin », « pour les nouveaux profs ») says nothing of the topic.
"""
from __future__ import annotations

from typing import Any

from knowledge.normalise import normalise
from knowledge.schedule import DAY_NAMES, MONTH_NAMES
from knowledge.understanding import parse as parsing
from knowledge.understanding.lexicon import Lexicon
from knowledge.vocabulary import Vocabulary

TOPIC = "formation_hors_numerique"
_ON = frozenset({"a", "au", "aux", "sur", "en"})
_FOR = frozenset({"pour"})
_COMPLEMENTS = frozenset({"nmod", "obl", "obl:arg", "obl:mod", "xcomp", "acl", "advcl"})
_MOMENTS = frozenset(normalise(w) for w in (*DAY_NAMES, *MONTH_NAMES))


def training_beside_the_digital(vocabulary: Vocabulary, lexicon: Lexicon, text: str) -> str:
    """The words a training asked about is on when they name nothing the agreement's trainings cover, else ""."""
    tokens = normalise(text).split()
    if lexicon.topic(TOPIC) is None or not lexicon.marked("training", "words", tokens):
        return ""
    doc = parsing.parse(text)
    if doc is None:
        return ""
    words = set(lexicon.markers.get("training", {}).get("words", ()))
    for token in doc:
        if normalise(token.lemma_) not in words and normalise(token.text) not in words:
            continue
        for complement in token.children:
            on = _topic_of(vocabulary, lexicon, complement)
            if on:
                return on
    return ""


def _topic_of(vocabulary: Vocabulary, lexicon: Lexicon, complement: Any) -> str:
    """The complement's words when it says what a training is on and names nothing digital, else ""."""
    if complement.dep_ not in _COMPLEMENTS or complement.pos_ not in ("NOUN", "VERB"):
        return ""  # (a proper noun may be a software's name: « une formation sur Moodle »)
    marker = next((normalise(c.text) for c in complement.children if c.dep_ in ("case", "mark")), "")
    if not (marker in _ON or marker in _FOR and complement.pos_ == "VERB"):
        return ""
    head = normalise(complement.lemma_)
    if head in _MOMENTS or lexicon.marked("training", "not_a_topic", [head]) \
            or lexicon.marked("training", "not_a_topic", [normalise(complement.text)]):
        return ""
    words = " ".join(t.text for t in complement.subtree)
    tokens = normalise(words).split()
    if set(vocabulary.detect(words).subjects) - {"formation"} or lexicon.marked("training", "digital", tokens):
        return ""
    return words

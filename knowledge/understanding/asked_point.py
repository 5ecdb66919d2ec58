"""The point a question asks, worded back to the user as the end of « La convention ne précise pas qui … »
(issue 11, trust): the verb and the words of the question, as typed, only when they read as French.

The point is cut from spaCy's parse of what people type: a conjugated verb taken for the predicate (« qui doit
*repose* »), a clause caught with the object (« qui doit choisir *est le departement* ») or a pronoun that is no
object (« qui doit former *moi* ») would make the bot's own sentence garbled, which reads as a bot that did not
understand. Such a point is not worded back: the reply then says « ce point » (silence_answers.uncovered).
"""
from __future__ import annotations

from typing import Any

from knowledge.normalise import normalise

# Object pronouns that read well after the verb's modal: « qui doit *les* remplacer », « qui doit *l'*installer ».
CLITICS = frozenset({"le", "la", "les", "l", "en", "y", "lui", "leur"})
# How a noun phrase may start: « les claviers », « cet antivirus », « trois postes », « nouvelles tablettes ».
_PHRASE_STARTS = ("DET", "NOUN", "PROPN", "ADJ", "NUM")
# Words that open a question: never part of a point worded back (« qui doit installer *quoi* »).
_QUESTION_WORDS = frozenset({"qui", "quoi", "que", "quel", "quelle", "quels", "quelles", "comment", "combien", "ou",
                             "pourquoi", "quand"})
# Endings of a French infinitive (after normalisation): a lemma without one is a form the tagger left as typed.
# No infinitive ends in « -ère » (« dépoussière » is a conjugated form the tagger took for a noun).
_INFINITIVE_ENDINGS = ("er", "ir", "re")
_NOT_INFINITIVE_ENDINGS = ("ere",)


def phrase_tokens(token: Any) -> list[Any]:
    """The noun with its determiner and complements, as typed, without a trailing clause or punctuation."""
    kept = [t for t in token.subtree if t.dep_ not in ("punct", "acl:relcl", "advcl", "acl") and
            not any(a.dep_ in ("acl:relcl", "advcl", "acl") and a.head.i == token.i for a in t.ancestors
                    if a.i != token.i)]
    # A pronoun object (« qui les paie ») is no phrase of its own, nor a preposition or a determiner at either
    # end (« sur nos machines par » → « nos machines », « … pour les élèves l' » → « … pour les élèves »).
    kept = [t for t in kept if t.pos_ != "PRON"]
    while kept and kept[0].pos_ == "ADP":
        kept = kept[1:]
    while kept and kept[-1].pos_ in ("ADP", "DET"):
        kept = kept[:-1]
    return kept


def phrase(token: Any) -> str:
    """:func:`phrase_tokens` as one string, as typed."""
    return joined(phrase_tokens(token))


def joined(tokens: list[Any]) -> str:
    # « Le cordon HDMI », cut from the start of the message, is quoted inside a sentence: « … qui prend en charge
    # le cordon HDMI ».
    words = [t.text.lower() if i == 0 and t.is_sent_start and t.pos_ == "DET" else t.text for i, t in enumerate(tokens)]
    # « chargé *du* remplacement des ordinateurs »: the preposition cut from the phrase held its article too, which
    # the phrase gets back (« … qui prend en charge le remplacement des ordinateurs »).
    if tokens and tokens[0].pos_ in ("NOUN", "PROPN", "ADJ") and tokens[0].i > 0:
        before = tokens[0].doc[tokens[0].i - 1]
        article = _FUSED.get(normalise(before.text)) if before.pos_ == "ADP" else None
        words = [article, *words] if article else words
    return " ".join(words).replace("' ", "'").replace("d' ", "d'").strip()


# A preposition fused with its article (« du » is « de le »): the article it holds.
_FUSED = {"du": "le", "au": "le", "des": "les", "aux": "les"}


def readable_phrase(tokens: list[Any]) -> bool:
    """Whether a phrase reads as a noun phrase: it starts like one and holds no conjugated verb, no pronoun and
    no question word (« est quoi l'adresse », « ai pas envie d'inventer » do not)."""
    if not tokens:
        return True
    if tokens[0].pos_ not in _PHRASE_STARTS:
        return False
    if any(a.pos_ in ("NOUN", "PROPN") and b.pos_ == "DET" for a, b in zip(tokens, tokens[1:])):
        return False  # two phrases run together, the parse having cut a preposition out (« l'ENT les profs »)
    return not any(t.pos_ == "PRON" or normalise(t.text) in _QUESTION_WORDS
                   or t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in tokens)


def readable_pronoun(word: str) -> bool:
    """An object pronoun worded back after the verb: « les », « l' »; not « moi », « quoi »."""
    return normalise(word).rstrip("'") in CLITICS


def infinitive(lemma: str) -> bool:
    """Whether a lemma reads as an infinitive (« nettoyer », « protéger »), not a form left as typed (« repose »)."""
    form = normalise(lemma)
    # (« paramètre », « fenêtre » end in « -etre » but only « -ettre » verbs and « être » itself are infinitives.)
    nouns_in_etre = form.endswith("etre") and not form.endswith("ettre") and form != "etre"
    return form.endswith(_INFINITIVE_ENDINGS) and not form.endswith(_NOT_INFINITIVE_ENDINGS) and not nouns_in_etre

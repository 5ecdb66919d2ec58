"""Whether a question asks for a value the answer found does not give (issue 11): a count, a date or a moment
(« le prochain GTI c'est quelle date ? »), which one of a kind of thing (« quelle marque ? », « sous quel format ? »),
what something costs (« c'est payant ? ») or how an act on the agreement is done (« on les choisit comment ? »).
Stating the record then would dodge the question; the caller says the text does not give the value.
"""
from __future__ import annotations

import re

from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import coverage
from knowledge.understanding import parse as parsing
from knowledge.understanding.fact_check import MONTHS as _MONTHS
from knowledge.understanding.fact_check import SAYS_ABSENT as _SAYS_ABSENT
from knowledge.understanding.lexicon import lexicon_for, phrase_positions
from knowledge.understanding.message_parts import asking_clauses
from knowledge.understanding.quantities import quantities
from knowledge.understanding.question_parse import MODALS, WHO_WORDS
from knowledge.vocabulary import vocabulary_for

# What a question on the agreement asks for when it wants a value: a count or a moment. Language, not facts.
_ASKS_COUNT = {"combien", "cb", "nombre"}
_ASKS_HOW_MANY = {"combien", "cb"}
_ASKS_MOMENT = {"quand", "kan"}  # a frequency (« une fois par an ») answers « quand »
# Only a day, a month or a year answers these (« ça date des années 90 » asks nothing: the noun only).
_ASKS_DATE = ("quelle date", "la date", "les dates", "une date", "prochain", "prochaine", "prochains", "prochaines")


def value_missing(kb: KnowledgeBase, text: str, answer: Answer) -> bool:
    """Whether a question on the agreement asks for a count or a moment (« le prochain GTI c'est quelle
    date ? », « combien de collèges sont concernés ? ») that the answer found does not give: stating the
    record would dodge the question and read as an answer to it."""
    said = normalise(answer.text)
    if answer.kind in ("responsibility", "procedure") and not any(m in said for m in _SAYS_ABSENT) \
            and _specification_asked(kb, normalise(text), said):
        return True  # « quelle marque de vidéoprojecteur ? »: the procedure or the duty names none
    if answer.kind in ("agreement", "responsibility") and not any(m in said for m in _SAYS_ABSENT) \
            and _named_only_as_a_kind(kb, normalise(text), answer.text):
        return True  # « quel tribunal exactement ? »: article 14 says « le tribunal compétent », no more
    if answer.kind in ("responsibility", "procedure", "agreement") and not any(m in said for m in _SAYS_ABSENT) \
            and _cost_asked(kb, text) and not {w[:_STEM] for w in said.split()} & _COST_SAID \
            and not _BORNE_BY.search(said):
        return True  # « les formations Canopé, elles sont gratuites ? »: the text gives no cost
    if answer.kind in ("responsibility", "procedure", "agreement", "support") and not any(m in said for m in _SAYS_ABSENT) \
            and _artefact_asked(kb, text, said):
        return True  # « pourriez-vous m'envoyer le formulaire type ? »: the text contains no form
    if answer.kind == "responsibility" and not any(m in said for m in _SAYS_ABSENT) \
            and (_place_asked(kb, text) and not {w[:_STEM] for w in said.split()} & _PLACE_SAID
                 or _which_kind_asked(kb, text, said)):
        return True  # « on le consulte où ? », « c'est quoi comme antivirus, norton, eset ? »
    if answer.kind not in ("agreement", "responsibility", "support") or any(m in said for m in _SAYS_ABSENT):
        return False  # « la date de signature est laissée en blanc » already says what is missing
    if answer.kind == "agreement" and _manner_of_an_unstated_act(kb, text, said):
        # « les huit personnels de direction, on les choisit comment ? »: the text never says how. (About a duty,
        # who does the act is the answer to « comment résilier l'abonnement ? »: whoever manages the contracts.)
        return True
    tokens = set(normalise(text).split())
    if answer.kind != "agreement":
        # About a duty, only a date asked for counts (« les prochaines formations c'est quand ? »): « quand »
        # alone is as often « when it breaks » as « on which day ». « combien » asks a number (« combien de prises
        # par salle ? ») that a duty does not give; « nombre » can be a fault's size (« un grand nombre de postes »).
        if answer.kind == "responsibility" and tokens & _ASKS_HOW_MANY and not quantities(answer.text):
            return True
        if answer.kind == "responsibility" and _how_often_unsaid(kb, text, said):
            return True  # « les sauvegardes, à quelle fréquence ? »: a duty gives no frequency
        if _moment_asked(kb, text):
            # « la formation Canopé de mercredi, c'est à quelle heure ? », « c'est quand ce trimestre ? »: a duty
            # gives no day, hour or frequency; a line's card does (its hours).
            return not (quantities(answer.text) or _HOUR.search(said) or set(said.split()) & _MONTHS)
        return _asks_date(text) and not bool(set(said.split()) & _MONTHS)
    has_quantity = bool(quantities(answer.text)) or bool(re.search(r"\b\d+\b", said))
    has_date = bool(set(said.split()) & _MONTHS) or bool(re.search(r"\b(?:19|20)\d{2}\b", said))
    if _asks_date(text):
        return not has_date
    if tokens & _ASKS_COUNT:
        return not has_quantity
    if tokens & _ASKS_MOMENT:
        return not (has_quantity or has_date)
    return False


def _how_often_unsaid(kb: KnowledgeBase, text: str, said: str) -> bool:
    """Whether ``text`` asks how often (message_kinds.yml questions.frequency_asked) and the answer found (``said``)
    names no frequency (questions.frequency)."""
    lexicon = lexicon_for(kb)
    tokens = normalise(text).split()
    # (« qui décide à quelle fréquence on sauvegarde ? » asks who: the record of who defines it answers.)
    if not lexicon.marked("questions", "frequency_asked", tokens) or WHO_WORDS & set(tokens):
        return False
    words = said.split()
    return not any(phrase_positions(words, w) for phrases in lexicon.markers.get("frequency", {}).values() for w in phrases)


def _artefact_asked(kb: KnowledgeBase, text: str, said: str) -> bool:
    """Whether ``text`` asks for a document or a name (message_kinds.yml questions.artefact_asked) whose words the
    answer found (``said``, normalised) does not contain."""
    asked = lexicon_for(kb).marked("questions", "artefact_asked", normalise(text).split())
    words = set(said.split()) | coverage.words_of(kb).stop_words  # (« le », « de », « avec »: the phrase's own words)
    return any(not set(phrase.split()) <= words for phrase in asked)


def _manner_of_an_unstated_act(kb: KnowledgeBase, text: str, said: str) -> bool:
    """Whether a clause that asks « comment » is about an act (its verb, by spaCy's parse) that the answer found
    never names: how it is done cannot be in it (« les membres du groupe de travail, on les choisit comment ? »).
    « comment faire pour … », « comment on doit … » carry no act of their own: the procedure answers them."""
    if not _HOW & set(normalise(text).split()):
        return False
    stems = {w[:_STEM] for w in said.split() if len(w) >= _STEM}
    light = coverage.words_of(kb).light_verbs | MODALS | _LIGHT_HOW
    for clause in asking_clauses(text) or [text]:
        doc = parsing.parse(clause)
        for token in doc if doc is not None else ():
            verb = token.head
            if normalise(token.text) not in _HOW or token.dep_ != "advmod" or verb.pos_ != "VERB":
                continue
            lemma = normalise(verb.lemma_)
            if lemma in light or normalise(verb.text) in light or len(lemma) < _STEM:
                return False
            topics = lexicon_for(kb).markers.get("agreement_topics", {}).values()
            if {lemma, normalise(verb.text)} & {w for words in topics for phrase in words for w in phrase.split()}:
                return False  # « comment on arrête la convention ? »: the verb chose the term that answers
            action = vocabulary_for(kb).action_id_for(verb.text) or vocabulary_for(kb).action_id_for(verb.lemma_)
            terms = kb.actions.get(action, ()) if action else ()
            named = {lemma[:_STEM], normalise(verb.text)[:_STEM]} | {normalise(t)[:_STEM] for t in terms if len(normalise(t)) >= _STEM}
            return not named & stems
    return False


def _cost_asked(kb: KnowledgeBase, text: str) -> bool:
    """Whether a clause that asks is about what something costs (message_kinds.yml questions.cost_asked: « c'est
    payant ? »), not who pays (« qui achète les applis payantes ? »)."""
    lexicon = lexicon_for(kb)
    for clause in asking_clauses(text) or [text]:
        tokens = normalise(clause).split()
        if lexicon.marked("questions", "cost_asked", tokens) and not _WHO & set(tokens):
            return True
    return False


_WHO = {"qui", "ki", "quel", "quelle"}
# Stems (5 letters) of the words by which a record says who bears a cost (« facturation », « fonds »), and « à la
# charge » of a party (not « a la charge de la formation », which says who does it).
_COST_SAID = {"factu", "fonds", "payer", "paien", "finan", "gratu", "cout", "coute", "prix", "tarif", "budge", "frais"}
_BORNE_BY = re.compile(r"\ba (?:la|sa|leur) charge(?: du| des| de l etablissement| de l academie|\b(?! de))")
_HOW = {"comment", "cmt", "coment"}
# Verbs that carry no act of their own under « comment » (« comment faire », « comment ça se passe »).
_LIGHT_HOW = {"faire", "passer", "proceder", "prendre", "marcher", "fonctionner", "savoir", "dire", "appeler"}
_STEM = 5


def _specification_asked(kb: KnowledgeBase, norm: str, said: str) -> bool:
    """« il a droit à quel forfait ? », « quelle marque de vidéoprojecteur ? »: which one of a kind of thing
    (message_kinds.yml questions.specification), which the record found does not name."""
    tokens = norm.split()
    kinds = set(lexicon_for(kb).markers["questions"].get("specification", ()))
    asked = [tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t in _WHICH and tokens[i + 1] in kinds]
    return bool(asked) and not any(w[:5] in {s[:5] for s in said.split()} for w in asked)


_WHICH = {"quel", "quelle", "quels", "quelles", "kel", "kelle"}
# Stems of the words by which a record says where (an address, a town, a site or a form online, « au sein des
# collèges »).
_PLACE_SAID = {"niort", "poiti", "rue", "intra", "porta", "ligne", "site", "sites", "sein", "atel", "adres", "local"}
_WHERE = re.compile(r"(?<![\w'’])où(?![\w])", re.IGNORECASE)
# Where in the agreement (« c'est écrit où ? »): the citation answers it.
_IN_THE_TEXT = frozenset({"ecrit", "ecrite", "ecrits", "texte", "article", "articles", "paragraphe", "mentionne",
                          "stipule", "prevu", "prevue"})
# « là où », « le jour où », « au cas où », « d'où »: a relative or a phrase, no place asked.
_NOT_WHERE = re.compile(r"(?:\blà|\bjour|\bmoment|\bcas|\bd['’]|\bpar|\bfois|\bcelui|\bcelle|\bendroit|\bsalle)\s*où\b",
                        re.IGNORECASE)


def _place_asked(kb: KnowledgeBase, text: str) -> bool:
    """Whether the message asks where (« on le consulte où ? », « c'est où ? »): a phrase of message_kinds.yml
    questions.place_asked anywhere (« elles se passent où et par qui »), or an accented « où » that neither opens a
    relative clause nor asks where in the agreement."""
    if lexicon_for(kb).marked("questions", "place_asked", normalise(text).split()):
        return True
    if not _WHERE.search(text or "") or _NOT_WHERE.search(text or "") or _IN_THE_TEXT & set(normalise(text).split()):
        return False  # (« c'est écrit où dans la convention ? » asks for the article, which the citation gives)
    doc = parsing.parse(text)
    if doc is None:
        return False
    for token in doc:
        if token.lower_ != "où":
            continue
        before = doc[token.i - 1] if token.i > 0 else None
        # After a noun, or heading a relative clause (« la salle d'à côté où j'ai cours », « le local où se
        # trouve la baie »), « où » says where something is; after a verb or opening the clause, it asks.
        if not (before is not None and before.pos_ in ("NOUN", "PROPN") or token.head.dep_.startswith("acl")):
            return True
    return False


def _which_kind_asked(kb: KnowledgeBase, text: str, said: str) -> bool:
    """« c'est quoi comme antivirus, norton, eset ? »: which one of a kind is asked (message_kinds.yml
    questions.which_kind), and the names the writer offers are words the agreement never uses."""
    if not lexicon_for(kb).marked("questions", "which_kind", normalise(text).split()):
        return False
    offered = coverage.absent_words(kb, text)
    return bool(offered) and not any(normalise(w)[:_STEM] in {s[:_STEM] for s in said.split()} for w in offered)


_WHICH_ONE = {"lequel", "laquelle", "lesquels", "lesquelles"}
# How far after the thing asked a record would name which one (« le tribunal administratif de … »).
_NAMING_WINDOW = 12


def _named_only_as_a_kind(kb: KnowledgeBase, norm: str, said: str) -> bool:
    """« quel tribunal précisément ? », « le tribunal compétent, c'est lequel ? »: the writer insists on which one
    (message_kinds.yml questions.which_exactly) of a thing the answer names, and the answer names it only as a
    kind: no name, figure or list follows it (« au tribunal compétent », « sauf qualification agréée et
    reconnue »)."""
    lexicon = lexicon_for(kb)
    tokens = norm.split()
    # Which one, not who (« qui a la main sur ce filtrage exactement ? » is answered by a party).
    if not lexicon.marked("questions", "which_exactly", tokens) or not set(tokens) & (_WHICH | _WHICH_ONE):
        return False
    asked = [tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t in _WHICH and len(tokens[i + 1]) >= 4]
    if not asked:  # « le tribunal compétent, c'est lequel ? »: the thing is named before
        asked = [t for t in tokens if len(t) >= 5]
    # The citations (« (Article 14) », « l'article 14 ») name the source, not the thing.
    for label in {section.label for section in kb.sections.values()}:
        said = said.replace(f"({label})", "")
    said = re.sub(r"\b[Aa]rticles? \d+", "", said)
    words = said.split()
    for i, word in enumerate(words):
        if i == 0 or not any(normalise(word)[:5] == w[:5] for w in asked):
            continue
        rest = " ".join(words[i + 1:])
        after = " ".join(re.split(r"[.!?](?:\s|$)", rest)[0].split()[:_NAMING_WINDOW])
        return re.search(r"\d|\b[A-ZÉ][\w’'-]+|[(:][^)]*,", after) is None
    return False


_HOUR = re.compile(r"\b\d{1,2} ?h\b")
_WHAT_TIME = ("quelle heure", "quel horaire", "quels horaires", "jusqu a quand", "d ici quand", "a partir de quand")
# How often: asked, unless the question asks who decides it (« qui décide … et à quelle fréquence ? »).
_HOW_OFTEN = ("quelle frequence", "combien de fois", "tous les combien", "quel rythme", "quelle periodicite")


def _moment_asked(kb: KnowledgeBase, text: str) -> bool:
    """Whether the question asks when (« c'est quand ? », « à quelle heure ? », « jusqu'à quand ? », « quand est-ce
    que … ? »). « quand » opening a circumstance (« qui répare quand ça tombe en panne ? ») asks nothing; the parser
    reads both alike, so where the word stands decides: after « c'est » or a preposition, before « est-ce », or last."""
    padded = f" {normalise(text)} "
    if any(f" {phrase} " in padded for phrase in _WHAT_TIME):
        return True
    if not WHO_WORDS & set(padded.split()) and (any(f" {phrase} " in padded for phrase in _HOW_OFTEN)
                                          or _frequencies_weighed(kb, text)):
        return True
    for clause in re.split(r"[?!.;,]", text):
        tokens = normalise(clause).split()
        for i, token in enumerate(tokens):
            if token not in _ASKS_MOMENT:
                continue
            before, after = tokens[i - 1] if i else "", tokens[i + 1:i + 3]
            if after[:1] == ["meme"]:
                continue  # « c'est quand même le Département qui installe ? » asks no « when »
            if i == len(tokens) - 1 or before in _BEFORE_WHEN or after == ["est", "ce"] \
                    or before == "est" and after[:1] in (["ce"], ["cette"], ["cet"]) or i == 0 and _verb_follows(clause):
                return True
    return False


def _verb_follows(clause: str) -> bool:
    """« Quand sont passés les correctifs ? », « quand doit-on … ? »: « quand » opening a clause and followed by its
    verb (inverted) asks when; followed by a subject (« quand le Département refuse, … ») it opens a circumstance."""
    doc = parsing.parse(clause.strip())
    words = [t for t in doc if not t.is_punct] if doc is not None else []
    return len(words) > 1 and words[1].pos_ in ("VERB", "AUX")


def _frequencies_weighed(kb: KnowledgeBase, text: str) -> bool:
    """« … tous les mois ou une fois par an ? »: two frequencies offered as the alternatives of a question ask how
    often (message_kinds.yml questions.frequency)."""
    tokens = normalise(text).split()
    frequencies = lexicon_for(kb).markers.get("frequency", {})
    found = {times for times, words in frequencies.items() if any(phrase_positions(tokens, w) for w in words)}
    return len(found) >= 2 and "ou" in tokens and "?" in text


# « c'est quand », « jusqu'à quand », « depuis quand », « pour quand », « de quand ».
_BEFORE_WHEN = {"est", "a", "depuis", "pour", "de"}


def _asks_date(text: str) -> bool:
    padded = f" {normalise(text)} "
    return any(f" {phrase} " in padded for phrase in _ASKS_DATE)


"""Reading a question: what kind of question it is, which subject it is really about, which verb it asks.

Pure functions over a :class:`~knowledge.vocabulary.Detection`; they decide nothing about who is in charge.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from knowledge.normalise import normalise
from knowledge.query import rank_obligations
from knowledge.records import KnowledgeBase
from knowledge.understanding.lexicon import phrase_positions
from knowledge.understanding.message_parts import sentences
from knowledge.understanding.taking_up import takes_up
from knowledge.vocabulary import QUESTION_WORDS, Detection, vocabulary_for

SUPPORT_WORDS = {"numero", "numeros", "appeler", "appelle", "joindre", "joignable", "contacter", "contacte",
                 "hotline", "horaires", "horaire", "heure", "heures", "ouvert", "ouverte", "ouverts", "ouvre",
                 "ferme", "fermee", "permanence", "telephoner", "tel", "plateforme", "formulaire", "samedi",
                 "dimanche"}
SUPPORT_PHRASES = ("j appelle", "appelle qui", "suivi en ligne", "plate forme", "je contacte", "on contacte",
                   "quel numero", "a qui telephoner")
PROCEDURE_PHRASES = ("comment", "demarche", "par ou", "que se passe", "on peut faire quoi", "on fait quoi",
                     "s y prend", "on s adresse", "a qui dois je", "a qui doit on", "a qui adresser",
                     "quelle procedure", "les etapes", "qu est ce qu on fait", "que faire", "on demande a qui",
                     "et si", "scenarios", "scenario")
PROHIBITION_PHRASES = ("pas le droit", "interdit", "interdits", "ne doit pas", "ne doivent pas", "pas autorise")


def has_phrase(detection: Detection, phrases: Sequence[str]) -> bool:
    norm = f" {detection.normalised} "
    return any(f" {p} " in norm for p in phrases)


def party_statement_question(kb: KnowledgeBase, text: str) -> bool:
    """A statement about a party ending with "?" is a yes/no question ("le Département installe … ?")."""
    if not text.strip().endswith("?"):
        return False
    if set(normalise(text).split()) & QUESTION_WORDS:
        return False
    tokens = normalise(text).split()
    matches = vocabulary_for(kb).matches(text, ("party",))
    return any((m.start == 0 or (m.start == 1 and tokens[0] in {"le", "la", "l", "les"})) and not is_pronoun(text, m)
               for m in matches)


def is_bare(detection: Detection) -> bool:
    """A subject named without a question about it ("vidéoprojecteur ?", "une question sur le réseau")."""
    words = set(detection.normalised.split())
    return not detection.actions and not detection.yes_no and not (words & QUESTION_WORDS)


def only_weak_subjects(detection: Detection) -> bool:
    """True when the message names no specific subject ("qu'est-ce que le collège n'a pas le droit de faire ?")."""
    generic = {"materiel_informatique", "usages_pedagogiques"}
    return all(s in generic for s in detection.subjects)


def best_subject(kb: KnowledgeBase, subjects: Sequence[str], detection: Detection, focus: Sequence[str],
                 text: str = "") -> str:
    """Among several subjects named, the one whose best rule answers the question best (first one on ties)."""
    if len(subjects) == 1:
        return subjects[0]
    # « On a acheté 12 tablettes sur nos crédits. Pour l'inventaire, on doit faire une démarche ? »: after a sentence
    # that tells, the question's own sentence says what is asked about.
    told_then_asked = sentences(text)
    # (Not when it takes up the thing told with a pronoun: « Notre serveur a neuf ans. Devons-nous l'acheter sur notre
    # budget ? » is about the server.)
    if len(told_then_asked) > 1:
        asked = [m.id for m in vocabulary_for(kb).matches(told_then_asked[-1], ("subject",))]
        narrowed = [s for s in subjects if s in asked]
        # (The pronoun check parses the sentence: only when the narrowing would change something.)
        if narrowed and len(narrowed) < len(subjects) and not takes_up(told_then_asked[-1]):
            subjects = narrowed
            if len(subjects) == 1:
                return subjects[0]
    best, best_score = subjects[0], float("-inf")
    words = detection.normalised.split()
    for subject in subjects[:4]:
        candidate = refine_by_action(kb, subject, detection.actions)
        ranked = rank_obligations(kb, candidate, detection.actions, focus_actions=focus, also_subjects=subjects,
                                  words=words)
        score = ranked[0].score - 0.5 * ranked[0].depth if ranked else float("-inf")
        if is_broad(kb, subject):
            score -= 3.0  # "les ordinateurs" yields to "le système d'exploitation des ordinateurs"
        if score > best_score + 0.01:
            best, best_score = subject, score
    return best


def is_broad(kb: KnowledgeBase, subject_id: str) -> bool:
    """A category with several more specific subjects under it (the matériel informatique)."""
    return sum(1 for s in kb.subjects.values() if s.parent == subject_id) >= 3


def refine_by_action(kb: KnowledgeBase, subject_id: str, actions: Sequence[str]) -> str:
    """"modifier le réseau" is about a modification of the network, "gérer le téléphone" about contracts."""
    for action in actions:
        target = kb.subjects[subject_id].by_action.get(action)
        if target:
            return target
    return subject_id


def focus_actions(kb: KnowledgeBase, text: str, detection: Detection) -> list[str]:
    """Actions named after the question word ("on a acheté…, qui s'occupe de la maintenance ?")."""
    tokens = normalise(text).split()
    question_at = next((i for i, t in enumerate(tokens) if t in QUESTION_WORDS), None)
    if tokens[:3] == ["qu", "est", "ce"] or tokens[:2] == ["quest", "ce"]:
        # « qu'est-ce qu'on doit déclarer quand on achète… ? » asks from its first word; « quand » is subordinate.
        question_at = 0
    if question_at is None:
        # "on a acheté des tablettes, faut-il les déclarer ?": the question is the last clause (« Notre demande a
        # été refusée. Peut-on payer nous-mêmes ? »: the last sentence).
        tail = next((part for part in reversed(re.split(r"[,;:!?]|\.(?=\s|$)", text)) if part.strip()), text)
        in_tail = [m.id for m in vocabulary_for(kb).matches(tail, ("action",))]
        return in_tail or list(detection.actions)
    matches = vocabulary_for(kb).matches(text, ("action",))
    after = [m.id for m in matches if m.start > question_at]
    # "elles sont gérées comment ?": the verb just before the question word is the one asked about.
    before = [m.id for m in reversed(matches) if m.start < question_at]
    return after or before or list(detection.actions)


def is_support_question(detection: Detection, intent: Optional[str]) -> bool:
    if intent == "ask_support":
        return True
    words = set(detection.normalised.split())
    return bool(words & SUPPORT_WORDS) or has_phrase(detection, SUPPORT_PHRASES)


def named_parties(kb: KnowledgeBase, text: str) -> list[str]:
    """Parties a text names (pronouns are aliases of the collège for questions, never for the data's wording)."""
    matches = vocabulary_for(kb).matches(text, ("party",))
    return [m.id for m in matches if normalise(kb.parties[m.id].name) and m.length and not is_pronoun(text, m)]


def is_pronoun(text: str, match) -> bool:
    tokens = normalise(text).split()
    return " ".join(tokens[match.start : match.start + match.length]) in {"on", "nous"}


_SAME_FOR = ("pareil pour", "idem pour", "meme chose pour", "de meme pour", "la meme pour", "meme regle pour")


def same_for_at(tokens: list[str]) -> Optional[int]:
    """Where « pareil pour », « idem pour »… open what a question asks about, beside what it compares with."""
    return min((at for phrase in _SAME_FOR for at in phrase_positions(tokens, phrase)), default=None)


def without_compared(kb: KnowledgeBase, text: str, subjects: Sequence[str]) -> list[str]:
    """``subjects`` without those named only to compare with (« le portable de service est en panne : le Département
    le remplace-t-il comme les fixes ? » asks about the mobile phone), unless nothing else is left."""
    tokens = normalise(text).split()
    compared: set[str] = set()
    named: set[str] = set()
    # « les vidéoprojecteurs c'est le collège qui les pose, c'est pareil pour les imprimantes ? »: what is named
    # before « pareil pour » is compared with, what follows it is asked about.
    same = same_for_at(tokens)
    for m in vocabulary_for(kb).matches(text, ("subject",)):
        before_same = same is not None and m.start < same
        (compared if before_same or "comme" in tokens[max(0, m.start - 3):m.start] else named).add(m.id)
    kept = [s for s in subjects if s not in compared - named]
    return kept or list(subjects)

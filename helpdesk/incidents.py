"""Incident declarations: what a message says (category, place, impact) and where the agreement routes it.

Pure domain code used by the incident form; storage lives in ``helpdesk.tickets``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Sequence

from rapidfuzz import fuzz

from knowledge.answers import line_contact_text
from knowledge.normalise import normalise
from knowledge.query import rank_obligations, subject_chain, support_line_for
from knowledge.records import KnowledgeBase, Obligation, SupportLine
from knowledge.rule_sentences import obligation_sentence
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.verdict import frame_of
from knowledge.vocabulary import QUESTION_WORDS, Detection, vocabulary_for

# The impact scale, narrowest first: one device, one room, several rooms or a floor, the whole site.
# Each level lists the (normalised) phrasings that name it; the widest level named wins, unless the
# message insists on a single device (« juste mon poste de la salle 12 »).
IMPACT_SCALE = ("poste", "salle", "zone", "site")
IMPACT_WORDS = {
    "site": ("tout l etablissement", "tout le college", "tout le site", "tout le monde", "toute l ecole",
             "l etablissement", "le college entier", "partout", "general", "generale", "site entier"),
    "zone": ("plusieurs salles", "plusieurs classes", "etage", "etages", "batiment", "batiments", "aile",
             "couloir", "tout le rez de chaussee", "rdc", "plusieurs pieces", "une partie", "plusieurs endroits"),
    "salle": ("une salle", "la salle", "salle", "salles", "classe", "une classe", "cdi", "plusieurs postes",
              "plusieurs ordinateurs", "toute la salle", "gymnase", "bureau", "labo", "local"),
    "poste": ("poste", "appareil", "equipement", "materiel", "une machine", "ordinateur", "ordi", "pc",
              "imprimante", "vp", "videoprojecteur", "telephone", "tablette", "ecran", "un seul", "juste un",
              "le mien", "mon poste"),
}
_SINGLE = ("juste", "seulement", "uniquement", "un seul", "une seule", "que mon", "que le")
@dataclass(frozen=True)
class Routing:
    """Where the agreement sends an incident of this category."""

    category: str
    line: SupportLine
    obligation: Optional[Obligation]  # the rule that puts it there, when the agreement words one

    @property
    def college_charge(self) -> bool:
        return self.line.id == "college"

    @property
    def article_label(self) -> str:
        return self.obligation.section if self.obligation else self.line.section


def _detected(kb: KnowledgeBase, text: Optional[str]) -> Detection:
    """The vocabulary's reading of a message as meant: « g pa d'internet ds ma salle » names the network."""
    return vocabulary_for(kb).detect(lexicon_for(kb).as_meant(text or ""))


def incident_category(kb: KnowledgeBase, text: str, subject_hint: Optional[str] = None) -> Optional[str]:
    """The ticket category (an ``incident: true`` subject) a message is about, or None if unclear."""
    candidates = [subject_hint] if subject_hint else []
    # The understanding step's subjects first: it reads a word with two meanings by the words around it (« le poste
    # fixe de l'accueil ne sonne plus » is the desk phone, not a workstation); the words alone come after.
    candidates += [s.value for s in frame_of(kb, text or "").subjects if s.value]
    candidates += _detected(kb, text).subjects
    for subject in candidates:
        if subject not in kb.subjects:
            continue
        for ancestor in subject_chain(kb, subject):
            if kb.subjects[ancestor].incident:
                return ancestor
    return None


INCIDENT_ACTIONS = {"reparer", "installer", "deplacer", "former", "demander", "renouveler"}


def declared_part(kb: KnowledgeBase, text: str, subject: Optional[str]) -> str:
    """The part of a message with several problems that is about ``subject`` (the thing a « Déclarer : … » button
    names), so that the ticket describes that problem alone; the whole message otherwise."""
    if not subject:
        return text
    for part in frame_of(kb, text).parts:
        if any(subject in subject_chain(kb, s) for s in part.subjects if s in kb.subjects):
            return part.text
    return text


def _tells_an_incident(kb: KnowledgeBase, words: list[str]) -> bool:
    """A word that tells an incident (message_kinds.yml kinds.incident_told: « panne », « ticket », « plus »…)."""
    return bool(lexicon_for(kb).marked("kinds", "incident_told", words))


# A first word, then its punctuation: « Bonjour, », « salut ! », « bjr ».
_FIRST_WORD = re.compile(r"\s*([^\W\d_]+)\s*[,!.;:]*\s+")


def without_greeting(kb: KnowledgeBase, text: str) -> str:
    """« bonjour, le vidéoprojecteur de la salle 12 ne s'allume plus » is recorded as « Le vidéoprojecteur … »: a
    greeting (message_kinds.yml kinds.greeting) opening a description is no part of the problem."""
    found = _FIRST_WORD.match(text or "")
    rest = text[found.end():] if found else ""
    if found and lexicon_for(kb).marked("kinds", "greeting", [normalise(found.group(1))]) and len(rest.split()) >= 3:
        return rest[:1].upper() + rest[1:]
    return text


def looks_like_a_question(kb: KnowledgeBase, text: str) -> bool:
    """"…, qui répare ?", "le collège peut-il… ?": a question to answer, not a problem to record."""
    detection = _detected(kb, text)
    words = detection.normalised.split()
    # « tout le parc figure dans l'inventaire ? »: a question by its question mark alone, when nothing in it
    # reports a fault (« l'imprimante ne marche plus ? » stays a report).
    intonation = (text or "").rstrip().endswith("?") and not (set(detection.actions) & INCIDENT_ACTIONS
                                                               or _tells_an_incident(kb, words))
    return (detection.yes_no or bool(set(words) & (QUESTION_WORDS - {"ou"})) or " un numero" in f" {detection.normalised}"
            or intonation)


def looks_like_an_incident(kb: KnowledgeBase, text: str) -> bool:
    """A message that reports something to fix or to do, rather than naming a subject ("vidéoprojecteur svp")."""
    if looks_like_a_question(kb, text):
        return False
    detection = _detected(kb, text)
    words = detection.normalised.split()
    if set(detection.actions) & INCIDENT_ACTIONS or _tells_an_incident(kb, words):
        return True
    return len(words) > 3  # a sentence about a subject, rather than the subject alone ("vidéoprojecteur svp")


def incident_actions(kb: KnowledgeBase, text: str) -> list[str]:
    """The actions a declaration names ("installer un VP" is not "VP en panne")."""
    return _detected(kb, text).actions


def route(kb: KnowledgeBase, category: str, actions: Sequence[str] = ()) -> Routing:
    """The support line for an incident of ``category``, with the obligation that justifies it."""
    line = support_line_for(kb, category, actions) or kb.support_lines["departement"]
    ranked = rank_obligations(kb, category, actions, focus_actions=actions)
    obligation = None
    for candidate in ranked:
        parties = candidate.obligation.parties
        if line.party in parties or any(p in parties for p in line.parties):
            obligation = candidate.obligation
            break
    return Routing(category=category, line=line, obligation=obligation)


def impact_from_text(text: str) -> Optional[str]:
    """poste | salle | zone | site from a free answer (« juste mon poste », « tout le 1er étage »), or None."""
    norm = f" {normalise(text or '')} "
    if norm.strip() in IMPACT_SCALE:
        return norm.strip()  # a button's payload
    named = [level for level in IMPACT_SCALE if any(f" {word} " in norm for word in IMPACT_WORDS[level])]
    if not named:
        return None
    if "poste" in named and any(f" {word} " in norm for word in _SINGLE):
        return "poste"
    return named[-1]


def ticket_line_text(kb: KnowledgeBase, line: SupportLine, now: datetime) -> str:
    """Where a new ticket went: the line's number, hours and open status, or the collège's own follow-up."""
    if line.id == "college":
        return "Ce ticket est enregistré pour le suivi interne du collège : aucune ligne extérieure n'est saisie."
    return line_contact_text(kb, line, now)


def college_charge_text(kb: KnowledgeBase, routing: Routing) -> str:
    """Why no outside line is called: the collège's rule as the data words it, with its condition, else the
    line's own note (support_lines.yml); nothing is said that no record says."""
    if routing.obligation:
        rule = obligation_sentence(kb, routing.obligation)
        return f"D'après la convention : {rule} Aucun service extérieur n'est saisi par l'assistant."
    return f"{routing.line.no_phone_note} Aucun service extérieur n'est saisi par l'assistant."

# The categories offered when a declaration does not name one: the likeliest for the words given, then
# the most frequent ones, so that a short list is enough most of the time.
COMMON_CATEGORIES = ("materiel_informatique", "reseau", "videoprojecteur", "logiciels_socles", "telephone_fixe")


def likely_categories(kb: KnowledgeBase, text: str, limit: int = 4) -> list[str]:
    """Up to ``limit`` ticket categories, likeliest first, for the words of a declaration."""
    norm = normalise(text or "")
    ranked: list[str] = []
    named = incident_category(kb, text)
    if named:
        ranked.append(named)
    categories = [s for s in kb.subjects.values() if s.incident]
    if norm:
        scores = []
        for subject in categories:
            terms = [normalise(t) for t in (subject.incident_label, subject.label, *subject.terms)]
            best = max((fuzz.partial_ratio(term, norm) for term in terms if len(term) >= 4), default=0)
            scores.append((best, subject.id))
        ranked += [sid for score, sid in sorted(scores, key=lambda s: -s[0]) if score >= 85]
    ranked += [c for c in COMMON_CATEGORIES if c in kb.subjects]
    unique = list(dict.fromkeys(ranked))
    return unique[:limit]


def category_families(kb: KnowledgeBase) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every ticket category grouped by family (the root of its subject chain), in data order."""
    families: dict[str, list[tuple[str, str]]] = {}
    for subject in kb.subjects.values():
        if subject.incident:
            root = subject_chain(kb, subject.id)[-1]
            families.setdefault(root, []).append((subject.id, subject.incident_label))
    grouped = [(kb.subjects[root].label[:1].upper() + kb.subjects[root].label[1:], items) for root, items in families.items() if len(items) > 1]
    others = [item for items in families.values() if len(items) == 1 for item in items]
    return grouped + ([("Réseau, serveurs, logiciels et services", others)] if others else [])


def announcement_text(kb: KnowledgeBase, routing: Optional[Routing], establishment: str,
                      signalement: bool = False) -> str:
    """The one line that opens a declaration: what will be declared, to whom, and how to stop."""
    label = f" « {kb.subjects[routing.category].incident_label} »" if routing else ""
    if signalement:
        text = (f"Je prépare un signalement{label} pour le RUPN de {establishment}, qui le transmettra au service "
                "compétent.")
    elif routing is None:
        text = (f"Je prépare la déclaration d'un incident pour {establishment} ; le destinataire dépendra de la "
                "catégorie.")
    elif routing.college_charge:
        text = (f"Je prépare la déclaration d'un incident{label} pour {establishment} — la convention le laisse à "
                "la charge du collège : aucun service extérieur ne sera saisi.")
    else:
        text = f"Je prépare la déclaration d'un incident{label} pour {establishment} — destinataire : {routing.line.name}."
    return f"{text} Tapez « annuler » pour arrêter à tout moment."

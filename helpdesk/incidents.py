"""Incident declarations: what a message says (category, place, impact) and where the agreement routes it.

Pure domain code used by the incident form; storage lives in ``helpdesk.tickets``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Sequence

from knowledge.answers import line_contact_text
from knowledge.normalise import normalise
from knowledge.query import rank_obligations, subject_chain, support_line_for
from knowledge.records import KnowledgeBase, Obligation, SupportLine
from knowledge.vocabulary import QUESTION_WORDS, vocabulary_for

IMPACT_WORDS = {
    "site": ("tout l etablissement", "tout le college", "tout le site", "tout le monde", "toute l ecole",
             "etablissement", "site", "partout", "tout le batiment", "general", "generale"),
    "salle": ("une salle", "la salle", "salle", "classe", "une classe", "le cdi", "cdi", "plusieurs postes",
              "plusieurs ordinateurs", "un etage", "batiment"),
    "poste": ("un seul", "un poste", "poste", "un ordinateur", "appareil", "un appareil", "une machine",
              "un seul appareil", "un seul poste", "ordinateur", "un pc", "mon pc", "une imprimante",
              "un vp", "un videoprojecteur", "un telephone"),
}
_PLACE = re.compile(
    r"\b(?:en |dans (?:la |le |l')?|au |à la |a la |à l'|a l')?"
    r"((?:salle|bâtiment|batiment|bat\.?|bât\.?|b[aâ]timent|étage|etage|labo|laboratoire)\s*[\w\-]+"
    r"|cdi|gymnase|self|réfectoire|refectoire|vie scolaire|secrétariat|secretariat|intendance|"
    r"salle des profs|salle des professeurs|administration|accueil|loge|foyer|internat|segpa|ulis)\b",
    re.IGNORECASE,
)


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


def incident_category(kb: KnowledgeBase, text: str, subject_hint: Optional[str] = None) -> Optional[str]:
    """The ticket category (an ``incident: true`` subject) a message is about, or None if unclear."""
    vocabulary = vocabulary_for(kb)
    candidates = [subject_hint] if subject_hint else []
    candidates += vocabulary.detect(text or "").subjects
    for subject in candidates:
        if subject not in kb.subjects:
            continue
        for ancestor in subject_chain(kb, subject):
            if kb.subjects[ancestor].incident:
                return ancestor
    return None


INCIDENT_ACTIONS = {"reparer", "installer", "deplacer", "former", "demander", "renouveler"}
INCIDENT_WORDS = {"incident", "incidents", "ticket", "signaler", "signale", "declarer", "declare", "probleme",
                  "panne", "souci", "bloque", "bloquee", "hs", "casse", "cassee", "urgent", "plus", "depuis",
                  "aucun", "aucune", "impossible", "marche", "fonctionne", "erreur", "coupe", "coupure", "lent",
                  "lente", "plante", "eteint", "eteinte"}


def looks_like_a_question(kb: KnowledgeBase, text: str) -> bool:
    """"…, qui répare ?", "le collège peut-il… ?": a question to answer, not a problem to record."""
    detection = vocabulary_for(kb).detect(text or "")
    words = set(detection.normalised.split())
    return detection.yes_no or bool(words & (QUESTION_WORDS - {"ou"})) or " un numero" in f" {detection.normalised}"


def looks_like_an_incident(kb: KnowledgeBase, text: str) -> bool:
    """A message that reports something to fix or to do, rather than naming a subject ("vidéoprojecteur svp")."""
    if looks_like_a_question(kb, text):
        return False
    detection = vocabulary_for(kb).detect(text or "")
    words = detection.normalised.split()
    if set(detection.actions) & INCIDENT_ACTIONS or set(words) & INCIDENT_WORDS:
        return True
    return len(words) > 3  # a sentence about a subject, rather than the subject alone ("vidéoprojecteur svp")


def incident_actions(kb: KnowledgeBase, text: str) -> list[str]:
    """The actions a declaration names ("installer un VP" is not "VP en panne")."""
    return vocabulary_for(kb).detect(text or "").actions


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


def place_from_text(text: str) -> Optional[str]:
    """A place named in a message ("salle B12", "au CDI"), or None."""
    match = _PLACE.search(text or "")
    if not match:
        return None
    place = match.group(1).strip()
    return place[0].upper() + place[1:] if place.islower() else place


def impact_from_text(text: str) -> Optional[str]:
    """site | salle | poste from a free answer, or None when it says none of them."""
    norm = f" {normalise(text or '')} "
    if norm.strip() in IMPACT_WORDS:
        return norm.strip()
    best: Optional[tuple[int, str]] = None
    for impact, words in IMPACT_WORDS.items():
        for word in words:
            if f" {word} " in norm and (best is None or len(word) > best[0]):
                best = (len(word), impact)
    return best[1] if best else None


def ticket_line_text(kb: KnowledgeBase, line: SupportLine, now: datetime) -> str:
    """Where a new ticket went: the line's number, hours and open status, or the collège's own follow-up."""
    if line.id == "college":
        return "Ce ticket est enregistré pour le suivi interne du collège : aucune ligne extérieure n'est saisie."
    return line_contact_text(kb, line, now)


def college_charge_text(kb: KnowledgeBase, routing: Routing) -> str:
    """Why the agreement leaves this to the collège, quoting the rule."""
    if routing.obligation:
        label = kb.sections[routing.obligation.section].label
        rule = f"{routing.obligation.statement.rstrip('.')} ({label})"
    else:
        rule = f"{kb.subjects[routing.category].label} relève du collège"
    return (f"D'après la convention, c'est à la charge du collège : {rule}. Aucun service extérieur n'est "
            "saisi pour cela.")

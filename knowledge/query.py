"""Query API over the knowledge base: who is responsible, what a party must do, which line to call.

Pure functions over an in-memory :class:`KnowledgeBase`; nothing here touches Rasa or the database.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from knowledge.answer_types import REPAIR
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase, Obligation, SupportLine, Term
from knowledge.schedule import LineStatus, line_status

# How much each role says "this party is the one in charge" when nothing else decides.
_ROLE_WEIGHT = {"does": 3, "pays": 3, "decides": 2, "validates": 2, "may": 2, "must_not": 1, "consulted": 0, "rule": 1}
# Sections that summarise rules detailed in the articles.
_SUMMARY_SECTIONS = ("contexte", "preambule", "repartition")
# Roles that answer a question worded with this action best.
_ROLE_FOR_ACTION = {"payer": "pays", "valider": "validates", "decider": "decides", "definir": "decides"}


@dataclass(frozen=True)
class Ranked:
    obligation: Obligation
    score: float
    depth: int  # 0 = about the subject itself, 1 = its parent, ...
    action_match: bool


def subject_chain(kb: KnowledgeBase, subject_id: str) -> list[str]:
    """The subject and its parents, nearest first."""
    chain = [subject_id]
    current = kb.subjects[subject_id].parent
    while current and current not in chain:
        chain.append(current)
        current = kb.subjects[current].parent
    return chain


def by_action(kb: KnowledgeBase, subject_id: str) -> dict[str, str]:
    """The subject an action on ``subject_id`` is about (« déplacer » a vidéoprojecteur: moving equipment), its
    own mapping first, then its parents' (a vidéoprojecteur is moved as any equipment is)."""
    mapping: dict[str, str] = {}
    for subject in reversed(subject_chain(kb, subject_id)):
        mapping.update(kb.subjects[subject].by_action)
    return mapping


@lru_cache(maxsize=4)
def party_words(kb: KnowledgeBase) -> frozenset[str]:
    """The words of the parties' names and aliases, normalised, built once per knowledge base."""
    return frozenset(w for party in kb.parties.values() for alias in party.aliases for w in normalise(alias).split())


@lru_cache(maxsize=4)
def _records_word(kb: KnowledgeBase) -> dict[str, str]:
    """Each everyday word of vocabulary.yml `synonyms` mapped to the records' own word (« profs »: « enseignants »)."""
    return {word: group[0] for group in kb.synonyms for word in group[1:]}


def shared_words(kb: KnowledgeBase, obligation: Obligation, text: str) -> int:
    """How many of the question's words (stems, parties' names aside) the record's statement uses; an everyday word
    counts as the records' word it stands for (« les profs » share « enseignants »)."""
    return len(_asked_stems(kb, text) & _stated_stems(obligation.statement + " " + obligation.condition))


@lru_cache(maxsize=256)
def _asked_stems(kb: KnowledgeBase, text: str) -> frozenset[str]:
    # (cached: the readings offered under a reply compare one question with every record)
    own = _records_word(kb)
    return frozenset(own.get(w, w)[:6] for w in normalise(text).split()
                     if len(own.get(w, w)) >= 5 and w not in party_words(kb))


@lru_cache(maxsize=512)
def _stated_stems(statement: str) -> frozenset[str]:
    return frozenset(w[:6] for w in normalise(statement).split())


# Sections that state duties in general (the context of the agreement, its preamble): they say what a party is in
# charge of overall and settle no particular point.
GENERAL_SECTIONS = frozenset({"contexte", "preambule"})
# Actions that only ask who is in charge (« prendre en charge », « gérer »): any record in charge of the thing
# answers them. The roles that put a party in charge.
IN_CHARGE_ACTIONS = frozenset({"gerer"})
IN_CHARGE_ROLES = frozenset({"does", "pays", "decides"})
# The same, for a yes/no verdict: validating a point is being in charge of it too.
CHARGE_ROLES = IN_CHARGE_ROLES | {"validates"}


def fault_handled(kb: KnowledgeBase, subject_id: Optional[str], actions: Sequence[str]) -> list[str]:
    """The acts asked, where taking charge beside a fault of a thing someone assists on is handling the fault (« le
    rectorat s'occupe de SIECLE en cas de panne ? »: the assistance of article 4, not the administrative domain of
    article 3). A thing no one assists on keeps its act (« le mobile est cassé, qui s'en occupe ? »: the collège)."""
    if REPAIR in actions and set(actions) - {REPAIR} <= IN_CHARGE_ACTIONS \
            and any("assister" in o.actions for o in obligations_about(kb, subject_id)):
        return [REPAIR]
    return list(actions)
# What a prohibition to intervene on a thing forbids (obligations.yml actions).
_INTERVENE = frozenset({"intervenir", "modifier"})


def rank_obligations(
    kb: KnowledgeBase,
    subject_id: str,
    actions: Sequence[str] = (),
    parties: Sequence[str] = (),
    *,
    focus_actions: Sequence[str] = (),
    prefer_prohibitions: bool = False,
    also_subjects: Sequence[str] = (),
    words: Sequence[str] = (),
    implied: Sequence[str] = (),
    interventions: Sequence[str] = (),
) -> list[Ranked]:
    """Obligations about ``subject_id`` (or, failing that, its parents), best answer first.

    ``focus_actions`` are the actions the question is really about (after "qui …"); they weigh more than
    other actions named in the sentence; the first one is the main verb. ``also_subjects`` are other subjects
    the question names (a rule about several of them fits better) and ``words`` its content words (a small
    bonus when the rule's statement uses them, to break ties such as technical vs pedagogical eligibility).
    ``implied`` are actions that answer the ones asked when no record carries those (« remplacer » a keyboard:
    whoever buys or repairs it); they weigh less than any action asked. ``interventions``: when the collège asks
    whether it may do one of these hands-on actions (« installer un logiciel sur le serveur »), a prohibition
    to intervene on the subject itself answers it, as if it carried the action.
    """
    # Compare word stems (first 6 letters) so that "expertiser" meets "expertise" and "projet" "projets". A
    # party's name is no such word: « le Département vérifie l'éligibilité pédagogique ? » must not find the
    # record that names the Département (its technical eligibility) by that name.
    word_set = {w[:6] for w in words if len(w) >= 5 and w not in party_words(kb)}
    chain = subject_chain(kb, subject_id)
    ranked: list[Ranked] = []
    for depth, subject in enumerate(chain):
        for obligation in kb.obligations:
            if subject not in obligation.subjects:
                continue
            main_verb = bool(focus_actions) and focus_actions[0] in obligation.actions
            focus_hits = sum(1 for a in set(focus_actions[1:]) if a in obligation.actions and a != focus_actions[0])
            focus = main_verb or focus_hits > 0
            # « le Département prend-il en charge les options de l'autocom ? »: asking only who is in charge of a
            # thing is answered by whoever the thing's own records put in charge of it, whatever their verb.
            in_charge = depth == 0 and bool(actions or focus_actions) and set(actions) | set(focus_actions) <= IN_CHARGE_ACTIONS \
                and obligation.role in IN_CHARGE_ROLES
            other = in_charge or any(a in obligation.actions for a in actions) or (
                prefer_prohibitions and depth == 0 and obligation.role == "must_not" and bool(actions)
                and set(actions) <= set(interventions) and bool(set(obligation.actions) & _INTERVENE))
            # Only the subject's own records: a parent's (« gérer le parc » for an option of the autocom) says no
            # more than who is in charge of the whole.
            by_implication = depth == 0 and not (focus or other) and any(a in obligation.actions for a in implied)
            score = 10.0 * main_verb + 5.0 * min(focus_hits, 2) + 6.0 * other + 2.5 * by_implication \
                + _ROLE_WEIGHT[obligation.role] - 5.0 * depth
            score += 2.0 * sum(1 for s in also_subjects if s != subject and s in obligation.subjects)
            if word_set:
                statement_words = {w[:6] for w in normalise(obligation.statement + " " + obligation.condition).split()}
                score += min(0.5 * len(word_set & statement_words), 2.0)
            if obligation.section in _SUMMARY_SECTIONS:
                score -= 2.0  # the article that details a rule beats the summary that announces it
            if any(p in obligation.parties for p in parties):
                score += 2.0
            for action in (*focus_actions, *actions):
                if _ROLE_FOR_ACTION.get(action) == obligation.role:
                    score += 3.0
                    break
            if prefer_prohibitions and obligation.role == "must_not":
                score += 8.0
            ranked.append(Ranked(obligation, score, depth, focus or other or by_implication))
    if actions or focus_actions:
        matching_depths = [r.depth for r in ranked if r.action_match]
        if matching_depths:
            # Stay at the most specific level that answers the action: the parent's general rule must not
            # outrank the subject's own rule.
            best_depth = min(matching_depths)
            ranked = [r for r in ranked if r.depth <= best_depth]
    order = {o.id: i for i, o in enumerate(kb.obligations)}
    ranked.sort(key=lambda r: (-r.score, r.depth, order[r.obligation.id]))
    return ranked


def responsible_for(kb: KnowledgeBase, subject_id: str, action: Optional[str] = None) -> list[Obligation]:
    """Obligations answering "who does ``action`` about ``subject_id``", best first."""
    actions = (action,) if action else ()
    return [r.obligation for r in rank_obligations(kb, subject_id, actions, focus_actions=actions)]


def obligations_of(kb: KnowledgeBase, party_id: str, role: Optional[str] = None) -> list[Obligation]:
    """Every obligation a party bears (optionally with one role), in the order of the text."""
    return [o for o in kb.obligations if party_id in o.parties and (role is None or o.role == role)]


def obligations_about(kb: KnowledgeBase, subject_id: Optional[str]) -> list[Obligation]:
    """The records about a subject or one of its parents (none for no subject or an unknown one)."""
    chain = subject_chain(kb, subject_id) if subject_id is not None and subject_id in kb.subjects else []
    return [o for o in kb.obligations if set(o.subjects) & set(chain)]


def about_subject(kb: KnowledgeBase, subject_id: str) -> tuple[list[Obligation], list[Term]]:
    """Everything the agreement says directly about a subject, in the order of the text."""
    obligations = [o for o in kb.obligations if subject_id in o.subjects]
    terms = [t for t in kb.terms if subject_id in t.subjects]
    return obligations, terms


def obligations_in(kb: KnowledgeBase, section_id: str) -> list[Obligation]:
    """The obligations that come from one section."""
    return [o for o in kb.obligations if o.section == section_id]


def article_text(kb: KnowledgeBase, section_id: str) -> str:
    """The verbatim text of a section of the agreement."""
    return kb.sections[section_id].text


def section_for_number(kb: KnowledgeBase, number: int) -> Optional[str]:
    """Section id of "article N"."""
    return next((s.id for s in kb.sections.values() if s.number == number), None)


def support_line_for(kb: KnowledgeBase, subject_id: Optional[str], actions: Iterable[str] = ()) -> Optional[SupportLine]:
    """The support line for a subject (and action), following parents when the subject names none."""
    if not subject_id:
        return None
    for subject in subject_chain(kb, subject_id):
        record = kb.subjects[subject]
        for action in actions:
            if action in record.line_by_action:
                return kb.support_lines[record.line_by_action[action]]
        if record.line:
            return kb.support_lines[record.line]
    return None


def line_open(kb: KnowledgeBase, line_id: str, at: datetime) -> LineStatus:
    """Whether the line is open at ``at`` and, if not, when it reopens."""
    return line_status(kb.support_lines[line_id], at)


def incident_categories(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(subject id, label) of every subject that can be a ticket category, in data order."""
    return [(s.id, s.incident_label) for s in kb.subjects.values() if s.incident]


def governance_bodies(kb: KnowledgeBase):
    """The governance bodies of the agreement with their composition and frequency."""
    return list(kb.governance)


def paid_by_another(kb: KnowledgeBase, record: Obligation) -> Optional[Obligation]:
    """Another party's record buying or paying for the thing ``record`` only manages (article 1: the Département
    manages the mobile contracts, the collège buys and renews the handsets)."""
    if set(record.actions) != {"gerer"}:
        return None
    return next((o for o in kb.obligations if set(o.subjects) == set(record.subjects) and o.parties != record.parties
                 and {"acheter", "payer"} & set(o.actions) and o.role != "must_not"
                 # (the same sentence read from the payer's side — « gestion centralisée … avec facturation aux
                 # collèges » — restates the record; it adds no other party's charge)
                 and o.source != record.source), None)

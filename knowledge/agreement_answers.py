"""Answers about the agreement itself: parties and representatives, addresses, signatures, references,
governance, duration… Each sentence is a term or governance record of agreement.yml with its section.
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.answer_types import NOT_FOR_PARTY, ROLES_SUBJECT, Answer, capitalised, unique
from knowledge.normalise import normalise
from knowledge.query import about_subject, subject_chain
from knowledge.records import KnowledgeBase, Obligation, Term
from knowledge.rule_answers import procedure
from knowledge.rule_sentences import obligation_sentence, with_article
from knowledge.vocabulary import WRITER_WORDS, Detection, vocabulary_for

GOVERNANCE_SUBJECT = "gouvernance"
PARTIES_SUBJECT = "parties"
STATUS_SUBJECT = "statut_juridique"  # the legal status the heading gives a party
SIGNATURE_SUBJECT = "signature"
CORRESPONDENCE_SUBJECT, ADDRESSES_SUBJECT = "correspondance", "adresses"
_OWN_ADDRESS = re.compile(r"\badresses? (?:postale )?(?:du|de|des|d)\b")  # « l'adresse du Département »
OVERVIEW_SUBJECTS = ("objectifs", "duree")  # what « la convention ? » is answered with, in this order
# Subjects whose terms list one sentence per party: a question naming a party gets that party's sentences.
_MAX_TERMS = 6


def agreement(kb: KnowledgeBase, subject_id: str, detection: Optional[Detection] = None) -> Answer:
    if subject_id == GOVERNANCE_SUBJECT:
        return governance(kb)
    named = _named(kb, detection)
    if subject_id == CORRESPONDENCE_SUBJECT and named and detection is not None \
            and _OWN_ADDRESS.search(detection.normalised):
        # « l'adresse du Département pour lui envoyer un courrier ? »: the party's own address, not the one for
        # correspondence on the agreement.
        subject_id = ADDRESSES_SUBJECT
    if subject_id == PARTIES_SUBJECT:
        return parties(kb, named[0] if len(named) == 1 and not (detection and detection.yes_no) else None)
    if subject_id == ROLES_SUBJECT:
        return roles(kb, named)
    terms: list[Term] = []
    for subject in subject_chain(kb, subject_id):
        # Terms chiefly about the subject first: the atelier's address is first of all where to write to.
        terms = sorted(about_subject(kb, subject)[1], key=lambda t: t.subjects.index(subject))
        if terms:
            break
    if not terms:
        obligations, _ = about_subject(kb, subject_id)
        if obligations:
            return procedure(kb, subject_id, ())
        return overview(kb)
    found = terms
    not_for: list[str] = []
    if named:
        matching = [t for t in terms if any(p in t.parties for p in named)]
        if not matching and all(t.parties for t in terms):
            # « le Département, c'est quel type d'organisme ? »: the text gives a status for Réseau Canopé only; what
            # it says of another party is no answer about this one, and the reply says so first.
            not_for = named
        terms = matching or terms
        # « quand le Conseil départemental a-t-il délégué ses attributions ? » names the Département, but the
        # term that uses the question's own words (« délégué », « attributions ») is the one it asks about;
        # « l'adresse de l'atelier Canopé » asks for the atelier's, not for every address of Réseau Canopé.
        # Never another party's (« quelle adresse … pour l'Académie de Poitiers ? » is not the atelier's, at Niort).
        closest = _closest(found, detection)
        if closest is not None and (not closest.parties or set(closest.parties) & set(named)):
            terms = [closest]
        # « l'atelier Canopé 79 est où ? »: a service of the party named (parties.yml units) is what is asked about.
        terms = _of_unit_named(kb, named, found, detection) or terms
    elif subject_id == SIGNATURE_SUBJECT and detection is not None and _asks_when_or_where(detection):
        # « signée le combien ? » asks for the date (left blank) and the place, not for the signatories: the
        # terms that name no party answer it, and no party is put forward as the answer (issue 11, class 8).
        terms = [t for t in terms if not t.parties] or terms
    else:
        # « la délibération du 2 avril 2015 sert à quoi ? » asks about one of the texts the agreement cites.
        terms = [closest] if (closest := _closest(found, detection)) is not None else terms
    # A term naming the party asked about beats a general one; otherwise the text's order.
    chosen = terms[:_MAX_TERMS]
    text = " ".join(with_article(kb, t.statement, t.section) for t in chosen)
    if not_for:
        names = " ni pour ".join(kb.parties[p].article_name for p in not_for)
        text = f"{NOT_FOR_PARTY} {names}. Ce qu'elle en dit pour une autre partie : {text}"
    return Answer(
        kind="agreement",
        text=text,
        articles=unique(t.section for t in chosen),
        parties=unique(p for t in chosen for p in t.parties) if _names_parties(chosen) else [],
        quote=chosen[0].source,
        subject=subject_id,
    )


def _named(kb: KnowledgeBase, detection: Optional[Detection]) -> list[str]:
    if detection is None:
        return []
    tokens = detection.normalised.split()
    found = [m for m in vocabulary_for(kb).matches(detection.normalised, ("party",))
             if " ".join(tokens[m.start:m.start + m.length]) not in WRITER_WORDS]
    return unique(m.id for m in found if m.id in kb.parties)


def _of_unit_named(kb: KnowledgeBase, named: list[str], terms: list[Term], detection: Optional[Detection]) -> list[Term]:
    """The first term whose statement names a service of a named party that the question names by its words."""
    if detection is None:
        return []
    said = f" {detection.normalised} "
    words = [w for p in named for u in kb.parties[p].units for w in u.words if f" {w} " in said]
    return [t for t in terms if any(w in normalise(t.statement) for w in words)][:1]


def _stems(text: str) -> set[str]:
    # Years and numbers count (« 2015 », « 2004-809 »): they tell one cited text from another.
    return {w[:6] for w in normalise(text).split() if len(w) >= 5 or (len(w) >= 3 and w.isdigit())}


def _closest(terms: list[Term], detection: Optional[Detection]) -> Optional[Term]:
    """The term sharing clearly more words with the question than every other (at least 2 more), else the only
    term stating the year the question names (« quelle loi de 2004 … ? » among the texts the agreement cites)."""
    if detection is None or len(terms) < 2:
        return None
    asked = _stems(detection.normalised)
    scored = sorted(((len(asked & _stems(t.statement)), i) for i, t in enumerate(terms)), reverse=True)
    (best, index), (second, _) = scored[0], scored[1]
    if best >= 3 and best - second >= 2:
        return terms[index]
    years = set(_YEAR.findall(detection.normalised))
    dated = [t for t in terms if years & set(_YEAR.findall(t.statement))]
    return dated[0] if years and len(dated) == 1 else None


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


_WHEN_WHERE = ("quand", "date", "jour", "le combien", "ou", "lieu", "ville", "endroit")


def _asks_when_or_where(detection: Detection) -> bool:
    """A question on the date or the place (« quand », « quel jour », « où »), not on who."""
    words = f" {detection.normalised} "
    return "qui" not in words.split() and any(f" {w} " in words for w in _WHEN_WHERE)


def _names_parties(terms: list[Term]) -> bool:
    """Terms about particular parties (addresses, signatories), not the agreement as a whole (all four)."""
    return any(0 < len(t.parties) < 4 for t in terms) or any(
        "correspondance" in t.subjects or "suivi_convention" in t.subjects for t in terms)


def governance(kb: KnowledgeBase) -> Answer:
    # The governance article's own first rule (who animates it), not the summaries that mention governance.
    governance_sections = {b.section for b in kb.governance}
    conjoint = [o for o in kb.obligations if GOVERNANCE_SUBJECT in o.subjects and o.section in governance_sections]
    lines = [obligation_sentence(kb, conjoint[0])] if conjoint else []
    for body in kb.governance:
        line = f"• {capitalised(body.name)} : {body.role}, {body.frequency}."
        if body.members:
            line += " Membres : " + " ; ".join(m.who for m in body.members) + "."
        lines.append(line)
    sections = [o.section for o in conjoint[:1]] + [b.section for b in kb.governance]
    return Answer(
        kind="agreement",
        text="\n".join(lines),
        articles=unique(sections),
        parties=list(conjoint[0].parties) if conjoint else [],
        quote=kb.governance[0].source if kb.governance else "",
        subject=GOVERNANCE_SUBJECT,
    )


def roles(kb: KnowledgeBase, named: list[str]) -> Answer:
    """Each party's role, in the text's order; only the parties asked about when some are named (« l'Académie et
    Canopé apportent quoi ? »), else all of them (« qui fait quoi entre les partenaires ? »)."""
    everyone = about_subject(kb, ROLES_SUBJECT)[0]
    chosen = [o for o in everyone if set(o.parties) & set(named)] or everyone
    order = {o.id: i for i, o in enumerate(kb.obligations)}
    chosen.sort(key=lambda o: order[o.id])
    lines = [f"Pour {kb.subjects[ROLES_SUBJECT].label}, voici ce que prévoit la convention :"]
    lines += [f"• {obligation_sentence(kb, o)}" for o in chosen]
    return Answer(kind="agreement", text="\n".join(lines), articles=unique(o.section for o in chosen),
                  parties=unique(p for o in chosen for p in o.parties), quote=chosen[0].source if chosen else "",
                  subject=ROLES_SUBJECT, obligations=[o.id for o in chosen])


def parties(kb: KnowledgeBase, party_id: Optional[str] = None) -> Answer:
    term = next(t for t in kb.terms if PARTIES_SUBJECT in t.subjects)
    label = kb.sections[term.section].label
    # A party's own term (Réseau Canopé's legal status) goes with that party.
    status = {t.parties[0]: t.statement for t in kb.terms if STATUS_SUBJECT in t.subjects and len(t.parties) == 1}
    if party_id:
        party = kb.parties[party_id]
        own = f" {status[party_id]}" if party_id in status else ""
        return Answer(kind="agreement", subject=PARTIES_SUBJECT, articles=[term.section], parties=[party_id],
                      quote=party.source or term.source,
                      text=f"{capitalised(party.name)} est représenté(e) par {party.representative} ({label}).{own}")
    lines = [with_article(kb, term.statement, term.section)]
    for party in kb.parties.values():
        own = f" {status[party.id]}" if party.id in status else ""
        lines.append(f"• {capitalised(party.name)}, représenté(e) par {party.representative}.{own}")
    return Answer(
        kind="agreement",
        text="\n".join(lines),
        articles=[term.section],
        parties=list(kb.parties),
        quote=term.source,
        subject=PARTIES_SUBJECT,
    )


def overview(kb: KnowledgeBase) -> Answer:
    """What the agreement is for and how long it lasts, from its own terms, then an invitation to ask."""
    terms = [next(t for t in kb.terms if subject in t.subjects) for subject in OVERVIEW_SUBJECTS
             if any(subject in t.subjects for t in kb.terms)]
    text = " ".join(with_article(kb, t.statement, t.section) for t in terms)
    text += " Posez-moi une question précise : durée, résiliation, gouvernance, qui paie quoi…"
    return Answer(kind="agreement", text=text, articles=unique(t.section for t in terms),
                  quote=terms[-1].source if terms else "", subject=OVERVIEW_SUBJECTS[-1])


def article_summary(kb: KnowledgeBase, section_id: str, named: list[str]) -> Answer:
    """What one article provides, record by record in the text's order: its commitments (only those of the parties
    named, when the message names some that the article binds: « que dit l'article 1 pour le collège ? »), then its
    terms on the agreement itself."""
    section = kb.sections[section_id]
    everyone = [o for o in kb.obligations if o.section == section_id]
    chosen = [o for o in everyone if set(o.parties) & set(named)] or everyone
    # One sentence of the text may hold several records (each party's share of « la gestion centralisée avec
    # facturation aux collèges », or a part of it on its own): the first record of a sentence says it, unless it
    # leaves out a party the other binds (article 2's concertation binds the Académie and Canopé as the collège).
    kept: list[Obligation] = []
    for record in chosen:
        source = normalise(record.source)
        said = [k for k in kept if source in normalise(k.source) or normalise(k.source) in source]
        if not any(all(p in k.parties or _named_in(kb, p, k.statement) for p in record.parties) for k in said):
            kept.append(record)
    sentences = unique(obligation_sentence(kb, o) for o in kept)
    if chosen == everyone:
        sources = [normalise(o.source) for o in chosen]
        sentences += unique(with_article(kb, t.statement, t.section) for t in kb.terms if t.section == section_id
                            and not any(normalise(t.source) in s or s in normalise(t.source) for s in sources))
    lines = [f"Ce que prévoit l'{section.label.lower()} ({section.title}) :"] + [f"• {s}" for s in sentences]
    terms = [t for t in kb.terms if t.section == section_id]
    return Answer(kind="agreement", text="\n".join(lines), articles=[section_id],
                  parties=unique(p for o in chosen for p in o.parties) if chosen else [],
                  quote=chosen[0].source if chosen else (terms[0].source if terms else section.text),
                  obligations=[o.id for o in chosen])


def _named_in(kb: KnowledgeBase, party_id: str, statement: str) -> bool:
    """Whether ``statement`` names the party by one of its one-word names (« … avec facturation aux collèges »,
    « … demandée par l'établissement » name the collège)."""
    words = set(normalise(statement).split())
    names = {normalise(a) for a in kb.parties[party_id].aliases if " " not in normalise(a) and len(normalise(a)) > 4}
    return bool(words & names)

"""Typed records of the knowledge base. They are immutable and carry no database state."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, NamedTuple, Optional, Sequence

# ``rule``: the text states a rule without naming who bears it (« toute demande … doit faire l'objet d'une
# demande »); such a record names no party, and answers say that the text does not say who.
ROLES = ("does", "pays", "decides", "validates", "consulted", "must_not", "may", "rule")


class Unit(NamedTuple):
    """A service inside a party (the DANE of the Académie), with the words that name it in a message."""
    id: str
    name: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    short: str
    article_name: str
    representative: str = ""
    address: str = ""
    units: tuple[Unit, ...] = ()
    aliases: tuple[str, ...] = ()
    source: str = ""  # the heading's sentence naming the representative, verbatim


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    title: str
    heading: str
    number: Optional[int] = None
    end: Optional[str] = None
    note: str = ""
    text: str = ""
    within: Optional[str] = None  # a wider part of the text this one stands in (the heading, in the preamble)


@dataclass(frozen=True)
class Obligation:
    id: str
    section: str
    parties: tuple[str, ...]
    role: str
    actions: tuple[str, ...]
    subjects: tuple[str, ...]
    statement: str
    source: str
    condition: str = ""
    advice: str = ""
    scenario: Optional[int] = None
    line: Optional[str] = None
    note: str = ""


@dataclass(frozen=True)
class Claim:
    """What a yes/no question may assert about a term, in the words people use, and whether the term's own
    text confirms it (« sans préavis ? » is « non » for the termination with 2 months' notice)."""

    verdict: str  # oui | non
    words: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """A statement about the agreement as a whole (duration, termination, correspondence…)."""

    id: str
    section: str
    subjects: tuple[str, ...]
    statement: str
    source: str
    parties: tuple[str, ...] = ()
    note: str = ""
    claims: tuple[Claim, ...] = ()

    @classmethod
    def from_plain(cls, data: dict) -> "Term":
        """The term from its plain form (JSON stores, amendment payloads): lists back to tuples."""
        claims = tuple(Claim(verdict=c["verdict"], words=tuple(c["words"])) for c in data.get("claims", ()))
        return cls(**{**data, "subjects": tuple(data["subjects"]), "parties": tuple(data["parties"]),
                      "claims": claims})


@dataclass(frozen=True)
class ClarifyOption:
    label: str
    subject: Optional[str] = None
    action: Optional[str] = None


@dataclass(frozen=True)
class Subject:
    id: str
    label: str
    terms: tuple[str, ...]
    parent: Optional[str] = None
    line: Optional[str] = None
    line_by_action: Mapping[str, str] = field(default_factory=dict)
    incident: bool = False
    incident_label: str = ""
    kind: str = "topic"  # topic | agreement
    clarify: tuple[ClarifyOption, ...] = ()
    weak_terms: tuple[str, ...] = ()  # generic words that only count when nothing more specific is named
    by_action: Mapping[str, str] = field(default_factory=dict)  # "modifier le réseau" -> modification_reseau
    runs_on: tuple[str, ...] = ()  # devices this software runs on: named with one of them, it is the thing asked


@dataclass(frozen=True)
class Uncovered:
    """A topic the agreement does not settle (``not_specified``) or does not cover at all (``out_of_scope``)."""

    id: str
    label: str
    terms: tuple[str, ...]
    kind: str  # not_specified | out_of_scope
    contact: str = ""


@dataclass(frozen=True)
class SupportLine:
    id: str
    name: str
    party: str
    section: str
    source: str
    scope: str
    online: str = ""
    phone: str = ""
    days: tuple[int, ...] = ()
    hours: tuple[tuple[str, str], ...] = ()
    hours_text: str = ""
    postal: str = ""
    parties: tuple[str, ...] = ()
    online_source: str = ""
    no_phone_note: str = ""
    scope_source: str = ""  # the sentence that gives the line its scope, verbatim

    @property
    def has_phone(self) -> bool:
        return bool(self.phone)


@dataclass(frozen=True)
class GovernanceMember:
    who: str
    party: str
    words: tuple[str, ...] = ()  # how people name this member (« rupn », « élu »): a membership check finds it


@dataclass(frozen=True)
class GovernanceBody:
    id: str
    name: str
    section: str
    frequency: str
    role: str
    source: str
    members: tuple[GovernanceMember, ...] = ()
    animated_by: tuple[str, ...] = ()
    members_note: str = ""
    words: tuple[str, ...] = ()  # how people name the body (« GTI »)
    # How often it meets, as times a year: (least, most), most None when the text sets no maximum
    # (« au moins une fois par an et plus selon le besoin »).
    times_a_year: tuple[Optional[int], Optional[int]] = (None, None)

    @classmethod
    def from_plain(cls, data: dict) -> "GovernanceBody":
        """The body from its plain form (JSON stores, amendment payloads): lists back to tuples."""
        members = tuple(GovernanceMember(**{**m, "words": tuple(m.get("words", ()))}) for m in data["members"])
        return cls(**{**data, "members": members, "animated_by": tuple(data["animated_by"]),
                      "words": tuple(data.get("words", ())),
                      "times_a_year": tuple(data.get("times_a_year") or (None, None))})


@dataclass(frozen=True)
class Source:
    """A verbatim sentence of the agreement and the section it comes from."""

    section: str
    quote: str


@dataclass(frozen=True)
class Inference:
    """A conclusion the product needs that the text does not state; always labelled as such when used."""

    id: str
    use: str  # line | holiday | referral
    statement: str
    sources: tuple[Source, ...]
    subjects: tuple[str, ...] = ()
    line: Optional[str] = None


@dataclass(frozen=True)
class Silence:
    """A question the text leaves open about a subject it does talk about."""

    id: str
    subjects: tuple[str, ...]
    actions: tuple[str, ...]
    question: str
    says: str
    sources: tuple[Source, ...]
    # A point no subject/action pair names (« délai d'intervention », « qui préside le GTI ») is found by its
    # words instead: one of ``terms`` and, when given, one of ``with_terms``, and none of ``without_terms``
    # (normalised phrases: « quel budget » asks an amount, « sur quel budget » who pays).
    terms: tuple[str, ...] = ()
    with_terms: tuple[str, ...] = ()
    without_terms: tuple[str, ...] = ()
    refer: bool = True  # found by its words: also say where unsettled questions go (article 11's governance)


@dataclass(frozen=True)
class Person:
    """Someone the text names (agreement.yml `people`): who they are in it, and whether they sign the signature
    block themselves (``signs``: yes, by_delegation or unclear)."""

    id: str
    name: str
    party: str
    words: tuple[str, ...]  # the name as people type it (normalised)
    titles: tuple[str, ...]  # the function as people name it (normalised)
    role: str
    section: str
    source: str
    signs: str
    signature: str
    signature_source: str
    signing_titles: tuple[str, ...] = ()  # a title said alone that names them in a question about signing


@dataclass(frozen=True)
class Quirk:
    section: str
    text: str
    note: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: it is loaded once
class KnowledgeBase:
    """Everything the bot knows, loaded once and queried in memory."""

    title: str
    parties: Mapping[str, Party]
    sections: Mapping[str, Section]
    obligations: tuple[Obligation, ...]
    terms: tuple[Term, ...]
    subjects: Mapping[str, Subject]
    uncovered: tuple[Uncovered, ...]
    support_lines: Mapping[str, SupportLine]
    governance: tuple[GovernanceBody, ...]
    actions: Mapping[str, tuple[str, ...]]
    yes_no_markers: tuple[str, ...]
    quirks: tuple[Quirk, ...]
    correspondence: Mapping[str, str]
    signatures: Mapping[str, object]
    objective_principles: tuple[str, ...]
    agreement_text: str = ""
    idioms: tuple[str, ...] = ()  # phrases whose words name no thing (« sur le papier », « la prise en charge »)
    not_typos: frozenset[str] = frozenset()  # French words near a term that are no typo of it (« préparer »)
    synonyms: tuple[tuple[str, ...], ...] = ()  # everyday words for a word of the records, that word first (« profs »)
    content_hash: str = ""
    # Avenants (knowledge.amendments.Amendment), kept apart from the 2017 records: knowledge.versions applies
    # those in force on a date.
    amendments: tuple = ()
    inferences: tuple[Inference, ...] = ()
    silences: tuple[Silence, ...] = ()
    people: tuple[Person, ...] = ()

    def with_wider_parts(self, section_ids: Sequence[str]) -> list[str]:
        """``section_ids`` then the wider parts of the text they stand in (sections.yml ``within``), once each."""
        wider = [self.sections[s].within for s in section_ids if s in self.sections]
        return list(dict.fromkeys([*section_ids, *(w for w in wider if w)]))

    def section_label(self, section_id: str) -> str:
        """Human label of a section ("Article 5", "Préambule")."""
        return self.sections[section_id].label

    def party_name(self, party_id: str) -> str:
        return self.parties[party_id].name

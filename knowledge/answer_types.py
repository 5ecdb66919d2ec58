"""What an answer is made of: the text, what it rests on, and the buttons it offers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

REPAIR = "reparer"  # the action of a fault (knowledge.answers follows a button carrying it to the fault's line)
# The lead of a term stated for another party than the one asked: no check of it may read as « Oui » (fact_check).
NOT_FOR_PARTY = "La convention ne le précise pas pour"
REACH = "assister"  # whom to reach (« contacter », « joindre »): said by a line, not by a record of who acts
ROLES_SUBJECT = "roles"  # each party's role: the records of the « Répartition des compétences »

@dataclass(frozen=True)
class Choice:
    """A button offered to disambiguate: a subject and/or an action."""

    label: str
    subject: Optional[str] = None
    action: Optional[str] = None


@dataclass
class Answer:
    """One chat-sized answer and what it rests on."""

    kind: str  # responsibility | support | procedure | agreement | clarify | not_specified | out_of_scope | unknown
    text: str
    articles: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    quote: str = ""
    choices: list[Choice] = field(default_factory=list)
    subject: Optional[str] = None
    actions: list[str] = field(default_factory=list)
    obligations: list[str] = field(default_factory=list)
    yes_no: Optional[str] = None
    line: Optional[str] = None
    trace: tuple[str, ...] = ()  # the words and records behind the answer (`python -m knowledge ask --why`)
    inferences: list[str] = field(default_factory=list)  # ids of inferences.yml records the text relies on

    @property
    def answered(self) -> bool:
        """False when the bot could not answer (worth recording to improve the data)."""
        return self.kind not in {"unknown"}


@dataclass(frozen=True)
class Context:
    """What the previous question was about, for elliptic follow-ups ("et les fixes ?")."""

    subject: Optional[str] = None
    actions: tuple[str, ...] = ()
    kind: Optional[str] = None


@dataclass(frozen=True)
class Handover:
    """Who to talk to, whether they are reachable now, and a summary ready to paste in their form."""

    text: str
    summary: str
    line: Optional[str]


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order, without repeats."""
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# The yes/no of a question the text does not settle (« c'est Fauquembergue qui signe pour le collège ? »: the name under
# the collège's signature is not its principal's): the answer says why, and no later check adds a « Oui » or « Non ».
UNSETTLED = "non tranché"

# « Oui » to a permission that a prohibition's own exception grants: the prohibition follows, « sauf … » included.
YES_BY_EXCEPTION = "Oui, dans l'exception que prévoit la convention :"


def without_verdict(text: str) -> str:
    """``text`` without the bare « Oui. » / « Non. » it opens with: what is left states the record alone, for a reply
    whose own lead says something else (a detail the text does not give, a member of a body)."""
    return text.removeprefix(f"{YES_BY_EXCEPTION} ").removeprefix("Oui. ").removeprefix("Non. ")

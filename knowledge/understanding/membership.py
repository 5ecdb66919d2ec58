"""« Un RUPN siège-t-il au GTI ? », « des parents d'élèves en font partie ? »: a closed question on who sits in
a body of the agreement gets its « Oui » or « Non » from the body's list of members (article 11), never from a
default (issue 11).

The list is the text's own (« Il est composé : … »): a member named in the question (by the words people use
for it, agreement.yml ``members.words``) gives « Oui » and says which member; a category of people that no
member matches (message_kinds.yml ``people``) gives « Non », since the list is the whole composition. A body
whose composition the text does not give gets no verdict.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from knowledge.agreement_answers import GOVERNANCE_SUBJECT
from knowledge.answer_types import Answer, Choice, capitalised, without_verdict
from knowledge.normalise import normalise
from knowledge.question_reading import named_parties
from knowledge.records import GovernanceBody, GovernanceMember, KnowledgeBase
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.compose import PolicyChoice
from knowledge.understanding.fact_check import as_typed
from knowledge.understanding.lexicon import contains, lexicon_for, phrase_positions
from knowledge.understanding.polarity import restrictive_claim
from knowledge.understanding.quantities import NUMBER_WORDS
from knowledge.understanding.quantities import number as _number


def members_checked(kb: KnowledgeBase, text: str, yes_no: bool, answer: Answer) -> Answer:
    """``answer`` with a computed « Oui » / « Non » when the question asks whether someone sits in a body."""
    if answer.kind != "agreement":
        return answer
    tokens = normalise(text).split()
    lexicon = lexicon_for(kb)
    asks = closed_question(text, yes_no) or bool(lexicon.marked("questions", "existence", tokens))
    body = _body_named(kb, tokens)
    if not asks or body is None or not body.members or body.section not in answer.articles:
        return answer
    label = kb.sections[body.section].label
    member = next((m for m in body.members if any(contains(tokens, w) for w in m.words)), None)
    people = lexicon.marked("questions", "people", tokens)
    counted = _members_counted(member.who) if member is not None else set()
    asked = counts_in(" ".join(tokens))
    if member is not None and lexicon.marked("questions", "per_college", tokens):
        # « au GTI il y a un RUPN par collège ? »: the list names representatives, not one per collège.
        said, lead = "non", f"Non : le {body.name} comprend {member.who} ({label})."
    elif member is not None and counted and asked and not asked & counted:
        # « c'est 6 représentants des équipes de direction ? »: the list says 8.
        said, lead = "non", f"Non : le {body.name} comprend {member.who} ({label})."
    elif member is not None and _detail_differs(kb, tokens, member):
        # « le directeur de l'éducation du rectorat ? » (the list names the Département's), « la présidente de la 5e
        # commission ? » (the 6e): the member found by its words, with another institution or number.
        said, lead = "non", f"Non : le {body.name} comprend {member.who} ({label})."
    elif member is not None and restrictive_claim(kb, tokens) and (others := [
            m.who for m in body.members if not any(contains(tokens, w) for w in m.words)]):
        # « il n'y a que des élus dans le GTI ? »: the list names others too.
        said, lead = "non", (f"Non : le {body.name} comprend {member.who}, mais aussi : {' ; '.join(others)} "
                             f"({label}).")
    elif member is not None:
        said, lead = "oui", f"Oui : le {body.name} comprend {member.who} ({label})."
    elif people:
        said, lead = "non", f"Non : la composition du {body.name} ({label}) ne nomme pas « {as_typed(text, max(people, key=len))} »."
    else:
        return answer
    # A bare « Oui. » from the party asked (« le DSI du rectorat… » names the Académie) gives way to the member
    # found, which says why.
    stated = without_verdict(answer.text) if answer.yes_no else answer.text
    return replace(answer, text=f"{lead}\n{stated}", yes_no=said)


def _detail_differs(kb: KnowledgeBase, tokens: list[str], member: GovernanceMember) -> bool:
    """Whether the question gives the member another institution (named by the parties' aliases, parties.yml) or
    another ordinal than the list does."""
    said = normalise(member.who)
    at = next((i + len(w.split()) for w in member.words for i in phrase_positions(tokens, w)), None)
    owner = next(iter(named_parties(kb, " ".join(tokens[at:at + 4]))), None) if at is not None else None
    owners = set(named_parties(kb, said))
    ordinals = {t for t in tokens if re.fullmatch(r"\d+(?:e|eme|ieme)", t)}
    stated = {t for t in said.split() if re.fullmatch(r"\d+(?:e|eme|ieme)", t)}
    return bool(owner and owners and owner not in owners) or bool(ordinals and stated and not ordinals & stated)


def animators_checked(kb: KnowledgeBase, text: str, yes_no: bool, asked: Optional[str], answer: Answer) -> Answer:
    """« les collèges participent-ils à la gouvernance ? »: a party asked whether it takes part in the governance
    is answered from the parties that animate it (article 11: « animée conjointement par … »). Only « Oui »: the
    four parties animate it, and another body's list is the members check's."""
    if answer.kind != "agreement" or answer.yes_no or answer.subject != GOVERNANCE_SUBJECT or asked is None \
            or asked not in answer.parties or not closed_question(text, yes_no):
        return answer
    tokens = normalise(text).split()
    if not lexicon_for(kb).marked("questions", "takes_part", tokens) or RESTRICTION_WORDS & set(tokens):
        return answer
    return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")


# « le Département pilote-t-il seul la gouvernance ? », « modifiée par le Département tout seul ? »: who or how many,
# which a list of parties or a claim does not weigh: not a « Oui ».
RESTRICTION_WORDS = frozenset({"seul", "seule", "seuls", "seules", "uniquement", "seulement", "unilateralement"})


def frequency_checked(kb: KnowledgeBase, text: str, yes_no: bool, answer: Answer) -> Answer:
    """« l'instance de concertation se tient chaque mois ? » → « Non : … une ou 2 fois par an » ; « le GTI se réunit
    au moins une fois par an ? » → « Oui ». The times a year asked are compared with the body's (agreement.yml
    ``times_a_year``); more often than the least, for a body with no most (« et plus selon le besoin »), gets
    no verdict: the text allows it without requiring it."""
    if answer.kind != "agreement":
        return answer
    tokens = normalise(text).split()
    lexicon = lexicon_for(kb)
    body = _body_named(kb, tokens)
    if body is None or body.section not in answer.articles:
        return answer
    if not closed_question(text, yes_no):
        if not lexicon.marked("questions", "how_often", tokens):
            return answer
        # « le GTI se réunit tous les combien ? »: the body's own frequency first, then the overview.
        meets = f"{the_name(body.name)} se réunit {body.frequency} ({kb.sections[body.section].label})."
        return replace(answer, text=f"{meets[:1].upper()}{meets[1:]}\n{answer.text}")
    if body.times_a_year == (None, None):
        return answer
    asked = max((times for times, words in lexicon.markers["frequency"].items()
                 if any(contains(tokens, w) for w in words)), default=None)
    if asked is None:
        return answer
    least, most = body.times_a_year
    at_least = bool(lexicon.marked("questions", "at_least", tokens))
    required = at_least or bool(lexicon.marked("questions", "required", tokens))
    said: Optional[str] = None
    if least is not None and asked < least or most is not None and asked > most:
        said = "non"
    elif lexicon.marked("questions", "at_most", tokens):
        # « le GTI se réunit au maximum une fois par an ? »: a most the text exceeds (« et plus selon le besoin »,
        # « une ou 2 fois l'an ») is denied; one it stays within is confirmed.
        said = "non" if most is None or most > asked else "oui"
    elif required and least is not None and asked > least:
        # « obligé de se voir au moins deux fois l'an ? », « doit-il obligatoirement se réunir chaque mois ? »: the
        # text requires once, more as needed; « une ou 2 fois l'an » allows twice without requiring it (no verdict)
        said = "non" if most is None else None
    elif (most is None or most > asked) and lexicon.marked("questions", "only", tokens):
        # « une fois par an seulement ? », « ne se réunit qu'une fois ? »: the text says at least once and more as
        # needed (or « une ou 2 fois »), which allows more than the « only » asked: no verdict.
        pass
    elif asked == least or (most is not None and not at_least):
        said = "oui"
    meets = f"{the_name(body.name)} se réunit {body.frequency} ({kb.sections[body.section].label})."
    lead = f"{said.capitalize()} : {meets}" if said else meets[:1].upper() + meets[1:]
    # A bare « Oui. » from the count alone (« une fois par an » is in the record) gives way to the body's frequency,
    # and so does any « Oui »/« Non » when the frequency gives no verdict.
    # (So does the quantity check's « Non : au moins 1 fois par an, et non au maximum … »: the body's own words say it.)
    stated = answer.text.split(". ", 1)[-1] if answer.yes_no and answer.text.startswith("Non : ") else without_verdict(answer.text)
    return replace(answer, text=f"{lead}\n{stated}", yes_no=said)


def body_asked_back(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """« La commission, elle se réunit tous les combien ? »: the text has two governance bodies (article 11) and the
    words name neither; rather than an overview of both, ask back which, one button per body (its name, sent back
    with the question)."""
    if answer.kind != "agreement" or answer.subject != GOVERNANCE_SUBJECT or len(kb.governance) < 2:
        return answer
    tokens = normalise(text).split()
    lexicon = lexicon_for(kb)
    if _body_named(kb, tokens) is not None or not lexicon.marked("questions", "governance_generic", tokens) \
            or lexicon.marked("questions", "governance_other", tokens):
        return answer
    question = (text or "").strip().rstrip(" ?")
    choices: list[Choice] = [PolicyChoice(capitalised(b.name), payload=f"{question} ({b.name}) ?") for b in kb.governance]
    names = [the_name(b.name) for b in kb.governance]
    label = kb.sections[kb.governance[0].section].label
    listed = ", ".join(names[:-1]) + f" et {names[-1]}"
    return replace(answer, kind="clarify", choices=choices, parties=[],
                   text=f"La convention prévoit {len(names)} instances ({label}) : {listed}. Vous parlez de laquelle ?")


def the_name(name: str) -> str:
    """« l'instance de concertation », « le groupe de travail informatique »."""
    return f"l'{name}" if name[:1] in "aeéiouh" else f"le {name}"


def counts_in(text: str) -> set[int]:
    """The counts a text states in figures or words (« 8 représentants », « six représentants »); « un », « une »
    are read as articles (« est-ce qu'un principal siège… ? » asks no count)."""
    return {n for n in (_number(w) for w in normalise(text).split() if w.isdigit() or w in NUMBER_WORDS) if n > 1}


def _members_counted(who: str) -> set[int]:
    """The count of one line of a body's list: its figures, else one for a single person (« un RUPN représentant
    l'ensemble des RUPN »: « y a 2 RUPN au GTI ? » gets « Non »); a line naming two people (« … et un autre élu »)
    has no single count."""
    words = normalise(who).split()
    if counts_in(who) or " et " in f" {' '.join(words)} ":
        return counts_in(who)
    return {1} if words[:1] in (["un"], ["une"]) else set()


def _body_named(kb: KnowledgeBase, tokens: list[str]) -> Optional[GovernanceBody]:
    return next((b for b in kb.governance if any(contains(tokens, w) for w in b.words)), None)

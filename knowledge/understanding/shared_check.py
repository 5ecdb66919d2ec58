"""A yes/no check asked of every thing a message tells (issue 11, classes 2 and 7): « le wifi ne passe plus et une
prise est arrachée. C'est le Département qui intervient ? », « … Les deux sont pour nous ? ».

The closing check names no thing of its own: it asks about each part. Its « Oui » or « Non » is computed part by
part from the records each part's answer states (the party they put in charge against the party asked), and is given
only when every part settles it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from knowledge.answer_types import Answer, without_verdict
from knowledge.normalise import normalise
from knowledge.query import CHARGE_ROLES
from knowledge.records import KnowledgeBase
from knowledge.understanding.asked_party import asked_party
from knowledge.understanding.lexicon import Lexicon
from knowledge.understanding.party_checks import COLLEGE, checked_party
from knowledge.understanding.question_parse import WHO_WORDS
from knowledge.vocabulary import vocabulary_for

# A short closing that names a party after « c'est » (« c'est l'Académie pour les deux ? ») is a check of that party;
# a longer clause says more than a check.
_MAX_CHECK_TOKENS = 8
# The writer's own charge, asked of all the things told (« les deux sont pour nous ? », « c'est à nous tout ça ? »).
_OWN = (("pour", "nous"), ("a", "nous"), ("pour", "moi"), ("a", "moi"))
# Answers that settle no party: the check gets no verdict from them.
_UNSETTLED_KINDS = {"clarify", "not_specified", "out_of_scope", "unknown"}
# Acts a closing check may ask and still be about who handles the thing (« c'est le Département qui s'en occupe ? »).
_HANDLING = frozenset({"gerer", "intervenir", "reparer", "maintenir", "assister"})


def closing_party(kb: KnowledgeBase, lexicon: Lexicon, segment: str) -> Optional[str]:
    """The party a closing clause naming no thing checks, or None when it asks anything else (« qui s'en
    occupe ? » is open, « j'appelle le Département ? » asks how to reach it)."""
    norm = normalise(segment)
    tokens = norm.split()
    matches = vocabulary_for(kb).matches(segment, ("party",))
    if len({m.id for m in matches}) > 1:
        return None  # « c'est le collège qui la paie ou le Département ? » asks which one: no check of one party
    checked = checked_party(norm, tokens, matches)
    if checked is not None:
        return checked.id
    if WHO_WORDS & set(tokens) or len(tokens) > _MAX_CHECK_TOKENS:
        return None
    pairs = set(zip(tokens, tokens[1:]))
    # « les deux sont pour nous ? », and « je peux m'occuper des deux moi-même ? » (the writer's leave, asked of each
    # thing told).
    own_leave = bool(lexicon.marked("questions", "first_person", tokens[:2]) and lexicon.marked("questions", "modal", tokens[:4]))
    if lexicon.marked("kinds", "each", tokens) and (pairs & set(_OWN) or own_leave):
        return COLLEGE
    if tokens[:1] == ["c"] or tokens[:2] == ["c", "est"]:
        party = asked_party(kb, lexicon, segment, tokens, matches)
        return party.value if party.value and party.confidence >= 0.85 else None
    return None


def _part_verdict(kb: KnowledgeBase, answer: Answer, party: str, acts: frozenset[str]) -> Optional[str]:
    """The check's verdict on one part: its own when its answer computed one; for a fault, whether the line that
    handles it is the party's (when the check asks who acts, not who pays); for a record stated alone, whether it
    puts ``party`` alone in charge or forbids it the act. None when the part does not settle it."""
    if answer.yes_no in ("oui", "non"):
        return answer.yes_no
    if answer.kind in _UNSETTLED_KINDS:
        return None
    records = [o for o in kb.obligations if o.id in answer.obligations]
    in_charge = {p for o in records if o.role in CHARGE_ROLES for p in o.parties}
    line = kb.support_lines.get(answer.line or "")
    if answer.kind == "support" and line is not None:
        # « … c'est le Département qui intervient ? »: who handles a fault is the line's party (who pays for it is
        # not), unless the record stated puts another party in charge (« le vidéoprojecteur est tombé »: the collège
        # fixes it back).
        if acts - _HANDLING or in_charge - {line.party}:
            return None
        return "oui" if line.party == party else "non"
    if answer.kind != "responsibility" or len(records) != 1:
        return None
    record = records[0]
    if record.role == "must_not":
        return "non" if party in record.parties else None
    if record.role not in CHARGE_ROLES or acts - _HANDLING - set(record.actions):
        return None  # (a record of another act says nothing of the act the check asks)
    return "oui" if tuple(record.parties) == (party,) else "non" if party not in record.parties else None


def checked_of_each(kb: KnowledgeBase, party: str, acts: Sequence[str], answers: Sequence[tuple[str, Answer]],
                    combined: Answer) -> Answer:
    """``combined`` (the numbered answer to each part, parts with the same answer sharing a number) opened with the
    check's verdict: « Oui » when every part says yes, « Non » when one says no and none is unsettled, each numbered
    line then opened with its own; unchanged otherwise."""
    verdicts = [_part_verdict(kb, answer, party, frozenset(acts)) for _, answer in answers]
    if None in verdicts or len(answers) < 2:
        return combined
    # One verdict per numbered line, in compose.several's order (the first part of each answer text).
    by_text = dict(zip((answer.text for _, answer in reversed(answers)), reversed(verdicts)))
    numbered = [by_text[text] for text in dict.fromkeys(answer.text for _, answer in answers)]
    lines = combined.text.split("\n")
    if all(v == "oui" for v in verdicts):
        lead, said = ("Oui, dans les deux cas." if len(answers) == 2 else "Oui, dans chaque cas."), "oui"
    else:
        lead, said = ("Non, pas dans tous les cas." if "oui" in verdicts else
                      "Non, dans aucun des deux cas." if len(answers) == 2 else "Non, dans aucun cas."), "non"
    if len(numbered) == 1:
        return replace(combined, text=f"{lead} {without_verdict(combined.text)}", yes_no=said)
    body = lines[1:1 + len(numbered)]
    if said == "non":
        # Each numbered line opens with its own verdict, so that the reader sees which part is which.
        body = [f"{head}{sep}{str(verdict).capitalize()}. {without_verdict(rest)}" if sep else line
                for line, verdict in zip(body, numbered) for head, sep, rest in [line.partition(" — ")]]
    text = "\n".join([f"{lead} {lines[0]}", *body, *lines[1 + len(numbered):]])
    return replace(combined, text=text, yes_no=said)

"""Whether the record an answer states was found on weak evidence, and the question back that then goes with it
(issue 11: « answer when one record clearly wins; ask back when unsure »).

The composer always finds some record of the subject it recognised. When the question shares no word of its own
with that record and names none of its actions, or when no kind of question was recognised and at most one word is
shared, the record may well be about something else nearby: stating it alone would read as the answer. The
record is still given (it is what the text says closest, verbatim), but the reply says the bot is unsure it
answers the question, and offers the other readings of the same thing as buttons; a bare « Oui. » / « Non. »
computed from such a record is not said.

Chosen on the development sets only (the frozen held-out set was not used to choose): before this module, the
answers in these cases were confidently wrong 24 times in 79, against 29 times in 454 for the other answers of the
same decisions (2026-12-03, offline).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.answer_types import Answer, without_verdict
from knowledge.query import shared_words
from knowledge.records import KnowledgeBase
from knowledge.understanding.answer_coverage import nearby_readings, record_of
from knowledge.understanding.lexicon import lexicon_for

if TYPE_CHECKING:  # the policy calls this module's caller: its Decision is only a type here
    from knowledge.understanding.policy import Decision

# At most this many words (stems) of the question in the record's statement, when no kind of question was
# recognised (« les abonnements aux manuels numériques, c'est sur quel budget ? »).
_FEW_WORDS = 1
_ONE_READING = 2  # a record and the one related to it (rule_answers._related): more is a list
HEDGE = ("Je ne suis pas certain que ce soit votre question : c'est le point le plus proche que je trouve dans la "
         "convention.")
OTHER_READINGS = "Si votre question porte sur un autre point, choisissez-le :"
# The lead of a party check (« Non, ce n'est pas le Département : … », « Oui, c'est bien l'Académie : … »).
_PARTY_VERDICT = re.compile(r"^(?:Oui|Non), c(?:e n)?'est (?:bien |pas )[^:]{1,60} : ")


def weak(kb: KnowledgeBase, text: str, decision: Decision, answer: Answer) -> bool:
    """Whether ``answer`` states a record found on weak evidence (see the module's docstring)."""
    record = record_of(kb, answer)
    if record is None or answer.kind != "responsibility" or answer.choices \
            or decision.outcome not in ("answer", "defer") or decision.frame.parts:
        return False
    frame = decision.frame
    if record.role == "must_not" and (frame.yes_no or frame.question_type.value == "may_i"):
        return False  # « on a le droit de … nous-mêmes ? »: a prohibition forbids any act on its thing
    if frame.party_check:
        return False  # « c'est bien X qui … ? »: the party named was compared with the record's (compose.py)
    if len(answer.obligations) > _ONE_READING or lexicon_for(kb).marked("questions", "why", frame.normalised.split()):
        # A list (what a party does, what the collège may not do) is no single reading that could be the wrong
        # one; « pourquoi … ? » is answered by the reasons the text gives, whatever their words.
        return False
    shared = shared_words(kb, record, text)
    acts = bool(set(frame.actions) & set(record.actions))
    return (shared == 0 and not acts) or (frame.question_type.value is None and shared <= _FEW_WORDS)


def hedged(kb: KnowledgeBase, text: str, decision: Decision, answer: Answer) -> tuple[Answer, bool]:
    """The answer with the hedge and the other readings as buttons when its record was found on weak evidence
    and other readings exist; unchanged otherwise. Returns the answer and whether it was hedged."""
    record = record_of(kb, answer)
    if record is None or not weak(kb, text, decision, answer):
        return answer, False
    choices = nearby_readings(kb, record, answer.subject)
    if not choices:
        return answer, False
    answer.choices = choices
    stated = _PARTY_VERDICT.sub("", without_verdict(answer.text))
    answer.text = f"{HEDGE} {stated[:1].upper()}{stated[1:]} {OTHER_READINGS}"
    answer.yes_no = None
    return answer, True

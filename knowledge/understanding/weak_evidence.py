"""Whether the record an answer states was found on weak evidence, and the question back that then goes with it
(issue 11: « answer when one record clearly wins; ask back when unsure »).

The composer always finds some record of the subject it recognised. Three cases are weak:

* the question shares no word of its own with that record and names none of its actions: the reply says the bot
  does not find the point, quotes the record as what the text says closest (no party is designated) and offers
  the other readings of the same thing as buttons;
* no kind of question was recognised and at most one word is shared: the record is stated, but the reply says the
  bot is unsure it answers the question, without a bare « Oui. » / « Non. », with the same buttons;
* an open question on one thing is answered by a record about another (nor one the thing belongs to): the same.

Chosen on the development sets only (the frozen held-out set was not used to choose): before this module, the
answers in these cases were confidently wrong 24 times in 79, against 29 times in 454 for the other answers of the
same decisions (2026-12-03, offline).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from knowledge import silence_answers as silences
from knowledge.answer_types import REPAIR, Answer, without_verdict
from knowledge.query import IN_CHARGE_ACTIONS, obligations_about, shared_words, subject_chain
from knowledge.records import KnowledgeBase
from knowledge.understanding.answer_coverage import carried, nearby_readings, record_of
from knowledge.understanding.lexicon import lexicon_for

if TYPE_CHECKING:  # the policy calls this module's caller: its Decision is only a type here
    from knowledge.understanding.policy import Decision

# At most this many words (stems) of the question in the record's statement, when no kind of question was
# recognised (« les abonnements aux manuels numériques, c'est sur quel budget ? »).
_FEW_WORDS = 1
NOTHING_SHARED, FEW_WORDS = "nothing_shared", "few_words"
_OWN_WORDS = 2  # words of the question another record uses, from which the text speaks of the point
_ONE_READING = 2  # a record and the one related to it (rule_answers._related): more is a list
HEDGE = ("Je ne suis pas certain que ce soit votre question : c'est le point le plus proche que je trouve dans la "
         "convention.")
OTHER_READINGS = "Si votre question porte sur un autre point, choisissez-le :"
# The lead of a party check (« Non, ce n'est pas le Département : … », « Oui, c'est bien l'Académie : … »).
_PARTY_VERDICT = re.compile(r"^(?:Oui|Non), c(?:e n)?'est (?:bien |pas )[^:]{1,60} : ")


def weak(kb: KnowledgeBase, text: str, decision: Decision, answer: Answer) -> Optional[str]:
    """How weak the evidence for ``answer``'s record is: NOTHING_SHARED, FEW_WORDS or None (see the module's
    docstring)."""
    record = record_of(kb, answer)
    if record is None or answer.kind not in ("responsibility", "support") or answer.choices \
            or decision.outcome not in ("answer", "defer") or decision.frame.parts:
        return None
    frame = decision.frame
    tokens = frame.normalised.split()
    if answer.kind == "support" and (frame.question_type.value in ("which_number", "when_open_now")
                                     or REPAIR in frame.actions or lexicon_for(kb).marked("kinds", "problem", tokens)
                                     or lexicon_for(kb).marked("questions", "declare", tokens)):
        return None  # a fault, its repair or a line asked: the line card answers it whatever the record's words
    if frame.subject is None:
        return None  # « l'installation » after a question: the conversation named the thing, not these words
    if record.role == "must_not" and (frame.yes_no or frame.question_type.value == "may_i"):
        return None  # « on a le droit de … nous-mêmes ? »: a prohibition forbids any act on its thing
    if frame.party_check:
        return None  # « c'est bien X qui … ? »: the party named was compared with the record's (compose.py)
    if len(answer.obligations) > _ONE_READING or lexicon_for(kb).marked("questions", "why", frame.normalised.split()):
        # A list (what a party does, what the collège may not do) is no single reading that could be the wrong
        # one; « pourquoi … ? » is answered by the reasons the text gives, whatever their words.
        return None
    if not frame.yes_no and frame.subject in kb.subjects \
            and not set(record.subjects) & set(subject_chain(kb, frame.subject)) \
            and not any(frame.subject in subject_chain(kb, s) for s in record.subjects):
        # An open question on one thing answered by a record about another (nor one the thing belongs to, nor one of
        # its own kinds: « qui valide les travaux ? » on the network is answered by its modification's record).
        return FEW_WORDS
    shared = shared_words(kb, record, text)
    # An act asked is the record's when the record carries it or one implying it (« payer » a thing the record
    # has the Département buy).
    lexicon = lexicon_for(kb)
    asked = [*frame.actions, *([frame.reading_action] if frame.reading_action else [])]
    if lexicon.marked("kinds", "problem", frame.normalised.split()):
        # « le wifi ne marche plus, c'est le Département ? »: a fault asks who repairs it.
        asked.append(REPAIR)
    acts = any(lexicon.carried_by(a, record.actions) for a in asked) \
        or REPAIR in asked and bool(IN_CHARGE_ACTIONS & set(record.actions))  # in charge of a thing: of its faults too
    if shared == 0 and not acts:
        # When another record of the thing carries the act asked, or uses the question's words (« qui remet à
        # niveau le câblage ? »: « la remise à niveau … du câblage »), the text does speak of it: the record is
        # stated with the hedge, the other readings among the buttons.
        spoken = any(carried(kb, answer.subject, a) for a in asked) or any(
            shared_words(kb, other, text) >= _OWN_WORDS for other in obligations_about(kb, answer.subject))
        return FEW_WORDS if spoken else NOTHING_SHARED
    return FEW_WORDS if frame.question_type.value is None and shared <= _FEW_WORDS else None


def hedged(kb: KnowledgeBase, text: str, decision: Decision, answer: Answer,
           followup: bool = False) -> tuple[Answer, bool]:
    """The answer with the hedge and the other readings as buttons when its record was found on weak evidence
    and other readings exist; unchanged otherwise (and for ``followup``, an elliptic turn the conversation
    completes: « et les fixes alors ? »). Returns the answer and whether it was hedged."""
    if followup:
        return answer, False
    record = record_of(kb, answer)
    level = weak(kb, text, decision, answer) if record is not None else None
    choices = nearby_readings(kb, record, answer.subject, text) if level is not None and record is not None else []
    if not choices or record is None:
        return answer, False
    if level == NOTHING_SHARED:
        unsure = silences.uncovered(kb, "", record, answer.subject, word_absent=False)
        unsure.choices = choices
        unsure.text = f"{unsure.text} {OTHER_READINGS}"
        return unsure, True
    answer.choices = choices
    stated = _PARTY_VERDICT.sub("", without_verdict(answer.text))
    answer.text = f"{HEDGE} {stated[:1].upper()}{stated[1:]} {OTHER_READINGS}"
    answer.yes_no = None
    # The record is quoted as the closest point, not as the answer: its citation names no party in charge (the web
    # chat shows the parties of a citation beside its article, which reads as « who does it »).
    answer.parties = []
    return answer, True

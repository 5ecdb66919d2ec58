"""A message opening on « Et » (issue 11): an elliptic follow-up is completed from the conversation, a whole
question of its own is answered as itself. Examples written for these tests from the agreement text, never copied
from an eval file.
"""
from __future__ import annotations

from datetime import datetime

from knowledge.answers import answer_question
from knowledge.schedule import PARIS
from knowledge.understanding.policy import decide

MONDAY_10H = datetime(2026, 12, 7, 10, 0, tzinfo=PARIS)


def test_a_whole_question_opening_on_et_is_answered_as_itself(kb):
    # « Et … » opens a follow-up, but this one has its thing, its verb and what it asks: article 1 leaves the
    # mobile phones to the collège (« de service » settles « portables »), the fixed ones compared are the
    # Département's. Left to the follow-up composer, the fixed phones' record answered « Oui ».
    text = "Et les portables de service, le Département nous les remplace quand ils sont cassés, comme les fixes ?"
    answer = answer_question(kb, text, intent="ask_followup", now=MONDAY_10H)
    assert answer.text.startswith("Non") and "article-1" in answer.articles, answer.text


def test_an_elliptic_follow_up_is_left_to_the_context(kb):
    assert decide(kb, "et les téléphones fixes ?", followup=True, now=MONDAY_10H).outcome == "defer"


def test_a_follow_up_naming_another_kind_of_establishment_is_declined(kb):
    # « et pour les lycées ? » after any question: the agreement covers the public collèges only, whatever came
    # first (a topic that overrides the things named; the follow-up composer alone asked which equipment).
    decision = decide(kb, "et pour les lycées alors ?", followup=True, now=MONDAY_10H)
    assert decision.outcome == "decline" and decision.answer.kind == "out_of_scope", decision.answer

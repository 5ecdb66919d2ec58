"""Intent groups come from the domain: a new ``ask_*`` intent is a question and interrupts the form by itself."""
from __future__ import annotations

from actions.intents import FORM_ANSWER_INTENTS, domain_intents, intent_names, not_an_answer, question_intents

from .support import load_domain


def test_the_groups_match_the_lists_that_were_kept_by_hand():
    names = intent_names(load_domain())
    assert set(names) == set(domain_intents())
    assert question_intents(names) >= {"ask_responsibility", "ask_support", "ask_procedure", "ask_agreement",
                                       "ask_followup", "out_of_scope"}
    assert not_an_answer(names) == {
        "ask_responsibility", "ask_support", "ask_procedure", "ask_agreement", "ask_followup", "out_of_scope",
        "stop", "talk_to_human", "greet", "goodbye", "thank", "bot_challenge", "ask_capabilities",
        "check_ticket_status", "list_tickets", "cancel_ticket", "feedback", "hold", "forward_ticket",
    }
    assert FORM_ANSWER_INTENTS <= set(names)  # no stale name among the answers


def test_a_new_question_intent_needs_no_python_edit():
    domain = {"intents": ["greet", {"ask_budget": {"use_entities": True}}, "inform"]}
    names = intent_names(domain)
    assert names == ["greet", "ask_budget", "inform"]
    assert "ask_budget" in question_intents(names) and "ask_budget" in not_an_answer(names)
    assert "inform" not in not_an_answer(names)

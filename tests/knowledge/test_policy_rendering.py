"""Buttons of the policy's answers as channels receive them (issue 11: « Déclarer l'incident »)."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.rendering import render_answer
from knowledge.answers import answer_question


def buttons(kb, text, now):
    dispatcher = CollectingDispatcher()
    render_answer(dispatcher, kb, answer_question(kb, text, now=now))
    return dispatcher.messages[0]["buttons"]


def test_declare_button_starts_the_declaration_with_the_category(kb, monday_10am):
    [button] = buttons(kb, "le vidéoprojecteur de la salle 8 ne s'allume plus", monday_10am)
    assert button == {"title": "Déclarer l'incident", "payload": '/declare_incident{"subject": "videoprojecteur"}'}


def test_clarify_buttons_ask_again_with_the_subject(kb, monday_10am):
    titles = {b["title"]: b["payload"] for b in buttons(kb, "Je veux résilier", monday_10am)}
    assert titles["La convention elle-même"] == '/ask_responsibility{"subject": "resiliation"}'
    # The reading says what is asked: cancelling a line is a question of who manages the contracts.
    assert titles["Un abonnement téléphone ou Internet"] == '/ask_responsibility{"subject": "abonnements_telecom", "action": "gerer"}'

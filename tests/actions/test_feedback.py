"""action_feedback (Utile / Pas utile) and action_talk_to_human on recorded trackers."""
from __future__ import annotations

import pytest

from actions.feedback import ActionFeedback, ActionTalkToHuman
from tests.actions.support import (
    ACADEMIE_PHONE,
    DEPARTEMENT_PHONE,
    SATURDAY_10H,
    load_tracker,
    run,
    texts,
)

UP = [{"entity": "value", "value": "up"}]


def test_thumbs_down_records_the_previous_question(unanswered):
    messages, events = run(ActionFeedback(), load_tracker("feedback_down"))

    assert "sera revue" in texts(messages)
    assert events == []
    [row] = unanswered.list()
    assert row.text == "qui paie l'abonnement internet du collège ?"  # the question, not the "/feedback" payload
    assert row.reason == "negative_feedback"
    assert row.user.startswith("u-") and "ent-prof-0010" not in row.user


def test_thumbs_up_records_nothing(unanswered):
    tracker = load_tracker("feedback_down", text='/feedback{"value": "up"}', entities=UP)
    messages, events = run(ActionFeedback(), tracker)

    assert texts(messages) == "Merci pour votre retour !"
    assert events == []
    assert unanswered.list() == []


def test_thumbs_down_without_any_question_before_is_harmless(unanswered):
    tracker = load_tracker("question_empty", text='/feedback{"value": "down"}',
                           entities=[{"entity": "value", "value": "down"}], intent="feedback")
    messages, _ = run(ActionFeedback(), tracker)
    assert "sera revue" in texts(messages)
    # Nothing is invented as "the question": at most an empty entry marked as negative feedback.
    assert all((r.text, r.reason) == ("", "negative_feedback") for r in unanswered.list())


def test_talk_to_human_gives_the_line_of_the_current_subject():
    messages, events = run(ActionTalkToHuman(), load_tracker("talk_to_human"))

    assert events == []
    assert len(messages) == 2
    line_text, summary = messages[0]["text"], messages[1]["text"]
    # topic_subject is telephone_fixe: the Département's line (article 4), open on Monday 10:00.
    assert line_text.startswith("Pour les téléphones fixes")
    assert DEPARTEMENT_PHONE in line_text and ACADEMIE_PHONE not in line_text
    assert "C'est ouvert en ce moment" in line_text
    assert summary.startswith("Résumé prêt à coller")
    assert "Sujet : les téléphones fixes" in summary


def test_talk_to_human_summary_lists_the_user_questions_and_not_the_payloads():
    _, summary = [m["text"] for m in run(ActionTalkToHuman(), load_tracker("talk_to_human"))[0]]

    lines = summary.splitlines()
    assert "- qui paie les téléphones portables ?" in lines
    assert "- et les téléphones fixes ?" in lines
    assert not any("/feedback" in line for line in lines)
    # In the order they were asked.
    assert lines.index("- qui paie les téléphones portables ?") < lines.index("- et les téléphones fixes ?")


def test_talk_to_human_when_the_line_is_closed(monkeypatch):
    monkeypatch.setenv("BOT_FIXED_NOW", SATURDAY_10H)
    line_text = run(ActionTalkToHuman(), load_tracker("talk_to_human"))[0][0]["text"]
    assert DEPARTEMENT_PHONE in line_text
    assert "C'est fermé en ce moment" in line_text and "lundi 30 novembre à 8 h 30" in line_text


def test_talk_to_human_about_filtering_gives_the_academie_line():
    tracker = load_tracker("talk_to_human", slots={"topic_subject": "filtrage_internet"})
    line_text = run(ActionTalkToHuman(), tracker)[0][0]["text"]
    assert ACADEMIE_PHONE in line_text and DEPARTEMENT_PHONE not in line_text


def test_talk_to_human_about_the_collège_own_charge_names_no_outside_line():
    tracker = load_tracker("talk_to_human", slots={"topic_subject": "telephone_mobile"})
    line_text = run(ActionTalkToHuman(), tracker)[0][0]["text"]
    assert "collège" in line_text
    assert DEPARTEMENT_PHONE not in line_text and ACADEMIE_PHONE not in line_text


def test_talk_to_human_during_an_incident_uses_the_incident_category():
    tracker = load_tracker("talk_to_human", slots={"topic_subject": "telephone_fixe",
                                                   "incident_category": "filtrage_internet"})
    line_text = run(ActionTalkToHuman(), tracker)[0][0]["text"]
    assert ACADEMIE_PHONE in line_text


def test_talk_to_human_without_subject_lists_both_lines():
    tracker = load_tracker("talk_to_human", slots={"topic_subject": None, "topic_actions": None})
    messages, _ = run(ActionTalkToHuman(), tracker)
    assert DEPARTEMENT_PHONE in messages[0]["text"] and ACADEMIE_PHONE in messages[0]["text"]
    assert "Sujet :" not in messages[1]["text"]


def test_talk_to_human_summary_caps_long_questions():
    long_question = "pourquoi " * 200
    tracker = load_tracker("talk_to_human", text=long_question)
    summary = run(ActionTalkToHuman(), tracker)[0][1]["text"]
    longest = max(len(line) for line in summary.splitlines())
    assert longest <= 302  # "- " + 300 characters


def test_feedback_buttons_have_text_labels():
    """An emoji alone is an empty box without an emoji font, and has no name for a screen reader."""
    from actions.rendering import FEEDBACK_BUTTONS
    from bot.channels.telegram.rendering import FEEDBACK_LABELS

    assert [b["title"] for b in FEEDBACK_BUTTONS] == ["Utile", "Pas utile"]
    assert [FEEDBACK_LABELS[b["payload"]] for b in FEEDBACK_BUTTONS] == ["👍 Utile", "👎 Pas utile"]


@pytest.mark.parametrize("text, human", [
    ("vidéoprojecteur svp", False),          # a thing named: the question is answered, not every line listed
    ("un conseiller svp", True),
    ("je veux parler à quelqu'un pour le vidéoprojecteur", True),
])
def test_talk_to_human_taken_for_a_thing_named_answers_it(text, human):
    tracker = load_tracker("talk_to_human", text=text, slots={"topic_subject": None})
    messages, _ = run(ActionTalkToHuman(), tracker)
    said = texts(messages)
    if human:
        assert "Résumé prêt à coller" in said
    else:
        assert "Résumé prêt à coller" not in said and "Voici les personnes à joindre" not in said
        assert "vidéoprojecteur" in said.lower()

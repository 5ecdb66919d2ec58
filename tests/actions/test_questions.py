"""action_answer_question on recorded trackers: the text, the citation payload, the buttons and the slots."""
from __future__ import annotations

import json

import pytest

from actions import prompts
from actions.questions import ActionAnswerQuestion
from tests.actions.support import (
    ACADEMIE_PHONE,
    DEPARTEMENT_PHONE,
    SATURDAY_10H,
    buttons,
    citations,
    load_tracker,
    run,
    slot_sets,
    texts,
)

FEEDBACK_PAYLOADS = ['/feedback{"value": "up"}', '/feedback{"value": "down"}']


def answer(tracker):
    return run(ActionAnswerQuestion(), tracker)


def test_responsibility_question_names_the_college_and_article_5():
    messages, events = answer(load_tracker("question_videoprojecteur"))

    text = texts(messages)
    assert "collège" in text and "Article 5" in text
    assert "installation physique" in text
    [payload] = citations(messages)
    assert payload["type"] == "citation"
    assert payload["articles"] == ["article-5"]
    assert payload["parties"] == ["college"]
    assert payload["article_label"] == "Article 5"
    # The quote is the agreement's own words, not a paraphrase.
    assert "vidéoprojecteurs" in payload["quote"] and "installation physique" in payload["quote"]
    assert [b["payload"] for b in buttons(messages)] == FEEDBACK_PAYLOADS
    assert slot_sets(events) == {"topic_subject": "videoprojecteur", "topic_actions": ["installer"],
                                 "topic_kind": "responsibility"}


def test_yes_no_question_answers_non_with_article_2():
    messages, events = answer(load_tracker("question_yes_no_reseau"))

    text = texts(messages)
    assert text.startswith("Non")
    assert "Article 2" in text
    [payload] = citations(messages)
    assert payload["articles"] == ["article-2"]
    assert "college" in payload["parties"] and "departement" in payload["parties"]
    assert slot_sets(events)["topic_subject"] == "modification_reseau"


def test_followup_uses_topic_slots_to_answer_about_fixed_phones():
    messages, events = answer(load_tracker("followup_telephone_fixe"))

    text = texts(messages)
    assert "Département des Deux-Sèvres" in text and "Article 1" in text
    [payload] = citations(messages)
    assert payload["articles"] == ["article-1"]
    assert payload["parties"] == ["departement"]
    assert slot_sets(events)["topic_subject"] == "telephone_fixe"


def test_followup_chained_from_the_events_of_the_previous_answer():
    """The slots the first answer sets are exactly what the follow-up needs."""
    _, first_events = answer(load_tracker("question_mobile"))
    first = slot_sets(first_events)
    assert first["topic_subject"] == "telephone_mobile"

    messages, _ = answer(load_tracker("followup_telephone_fixe", slots=first))
    assert citations(messages)[0]["parties"] == ["departement"]


def test_followup_without_context_does_not_reuse_a_stale_subject():
    """Without topic slots, "et les téléphones fixes ?" still names its own subject."""
    messages, _ = answer(load_tracker("followup_telephone_fixe", slots={"topic_subject": None, "topic_actions": None}))
    assert citations(messages)[0]["parties"] == ["departement"]


def test_button_payload_entities_drive_the_answer():
    tracker = load_tracker("button_videoprojecteur_installer")
    messages, events = answer(tracker)

    [payload] = citations(messages)
    assert payload["articles"] == ["article-5"]
    assert payload["parties"] == ["college"]
    topic = {name: value for name, value in {**tracker.slots, **slot_sets(events)}.items() if name.startswith("topic_")}
    assert topic == {"topic_subject": "videoprojecteur", "topic_actions": ["installer"], "topic_kind": "responsibility"}
    assert "topic_subject" not in slot_sets(events)  # already the conversation's subject: not sent again
    # The payload text itself is never searched as a question.
    assert "/ask_responsibility" not in texts(messages)


@pytest.mark.parametrize("action, party", [("acheter", "departement"), ("reparer", "departement"),
                                           ("installer", "college")])
def test_button_payload_with_another_action(action, party):
    payload_text = f'/ask_responsibility{{"subject": "videoprojecteur", "action": "{action}"}}'
    tracker = load_tracker("button_videoprojecteur_installer", text=payload_text,
                           entities=[{"entity": "subject", "value": "videoprojecteur"},
                                     {"entity": "action", "value": action}])
    messages, events = answer(tracker)
    payload = citations(messages)[0]
    assert payload["articles"]
    assert payload["parties"][0] == party
    assert slot_sets(events)["topic_actions"] == [action]


def test_a_button_answers_the_question_it_was_offered_for():
    """« Le CDI déménage avec ses postes, à qui faire la demande ? », « poste » read as a computer by the button:
    the answer is the move of equipment (article 5), not what the Département does for computers in general."""
    payload_text = '/ask_responsibility{"subject": "materiel_informatique"}'
    tracker = load_tracker("button_videoprojecteur_installer", text=payload_text,
                           entities=[{"entity": "subject", "value": "materiel_informatique"}])
    asked = next(e for e in tracker.events if e.get("event") == "user")
    asked["text"] = "Le CDI déménage au rez-de-chaussée avec ses dix postes, à qui faut-il en faire la demande ?"
    messages, _ = answer(tracker)
    assert citations(messages)[0]["articles"] == ["article-5"], texts(messages)
    assert "déplacement" in texts(messages)


def test_nlu_entities_of_a_typed_question_are_not_taken_as_button_choices():
    """A typed message with NLU entities is read from its text: a wrong NLU guess does not override it."""
    tracker = load_tracker("question_videoprojecteur",
                           entities=[{"entity": "subject", "value": "telephone_mobile"}])
    messages, _ = answer(tracker)
    assert citations(messages)[0]["articles"] == ["article-5"]


def test_clarification_offers_three_choices_as_payload_buttons():
    messages, events = answer(load_tracker("question_clarify_videoprojecteur"))

    text = texts(messages)
    assert "vidéoprojecteur" in text and text.rstrip().endswith("?")
    offered = buttons(messages)
    assert len(offered) == 3
    payloads = [json.loads(b["payload"][len("/ask_responsibility"):]) for b in offered]
    assert all(b["payload"].startswith("/ask_responsibility{") for b in offered)
    assert payloads == [{"subject": "videoprojecteur", "action": "acheter"},
                        {"subject": "videoprojecteur", "action": "installer"},
                        {"subject": "videoprojecteur", "action": "reparer"}]
    assert [b["title"] for b in offered] == ["L'achat", "L'installation", "Une panne"]
    assert citations(messages) == []  # nothing is claimed before the user chooses
    assert slot_sets(events) == {"topic_subject": "videoprojecteur", "topic_actions": [], "topic_kind": "clarify"}


def test_each_clarification_button_payload_leads_to_a_cited_answer():
    """What the buttons send back is understood: each gives a cited answer, not another question."""
    offered = buttons(answer(load_tracker("question_clarify_videoprojecteur"))[0])
    for button in offered:
        entities = json.loads(button["payload"][len("/ask_responsibility"):])
        tracker = load_tracker("button_videoprojecteur_installer", text=button["payload"],
                               entities=[{"entity": k, "value": v} for k, v in entities.items()])
        messages, _ = answer(tracker)
        assert citations(messages), button["title"]
        assert citations(messages)[0]["articles"], button["title"]


def test_a_question_on_phones_in_general_is_clarified_not_declared_unspecified():
    tracker = load_tracker("question_videoprojecteur", text="qui s'occupe du téléphone ?", entities=[])
    messages, _ = answer(tracker)
    assert "ne précise pas" not in texts(messages)
    assert [b["title"] for b in buttons(messages)] == ["Les téléphones fixes", "Les téléphones portables"]


def test_out_of_scope_gets_a_polite_answer_without_citation():
    messages, events = answer(load_tracker("question_out_of_scope"))

    text = texts(messages)
    assert text.startswith("Désolé")
    assert "convention" in text
    assert citations(messages) == []
    assert buttons(messages) == []  # no 👍/👎 on a refusal
    assert slot_sets(events) == {}


def test_consumables_are_not_specified_and_point_to_article_11(unanswered):
    messages, events = answer(load_tracker("question_consumables"))

    text = texts(messages)
    assert "ne précise pas" in text
    assert "consommables" in text
    assert "Article 11" in text
    [payload] = citations(messages)
    assert payload["articles"] == ["article-11"]
    assert payload["parties"] == []  # nobody is made responsible for what the agreement does not say
    assert slot_sets(events) == {}
    assert unanswered.list() == []  # "not specified" is an answer, not a failure


def test_support_question_on_a_monday_morning_says_the_line_is_open():
    messages, events = answer(load_tracker("question_support_reseau"))

    text = texts(messages)
    assert DEPARTEMENT_PHONE in text
    assert "C'est ouvert en ce moment (jusqu'à 12 h 30)" in text
    payload = citations(messages)[0]
    assert "article-4" in payload["articles"]
    assert "departement" in payload["parties"]
    assert payload["kind"] == "support"


def test_support_question_on_a_saturday_says_closed_and_when_it_reopens(monkeypatch):
    monkeypatch.setenv("BOT_FIXED_NOW", SATURDAY_10H)
    messages, _ = answer(load_tracker("question_support_reseau"))

    text = texts(messages)
    assert DEPARTEMENT_PHONE in text
    assert "C'est fermé en ce moment" in text
    assert "lundi 30 novembre à 8 h 30" in text
    assert "ouvert en ce moment" not in text


def test_filtering_question_goes_to_the_academie_line():
    tracker = load_tracker("question_support_reseau", text="le filtrage bloque un site, j'appelle qui ?",
                           entities=[{"entity": "subject", "value": "filtrage"}])
    messages, events = answer(tracker)
    text = texts(messages)
    assert ACADEMIE_PHONE in text and DEPARTEMENT_PHONE not in text
    payload = citations(messages)[0]
    assert payload["articles"] == ["article-3", "article-4"]
    assert payload["parties"] == ["academie"]
    assert slot_sets(events)["topic_subject"] == "filtrage_internet"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", '/ask_responsibility{}'])
def test_empty_message_gets_the_polite_bad_input_response(text, unanswered):
    messages, events = answer(load_tracker("question_empty", text=text))
    assert texts(messages) == prompts.BAD_INPUT
    assert "aucun texte exploitable" in texts(messages)
    assert events == []
    assert unanswered.list() == []


# A message naming nothing is asked back about; one on words the agreement never uses first says so.
ASK_BACK = ("Je n'ai pas trouvé de quel équipement", "La convention ne mentionne pas")


def test_twenty_thousand_characters_get_a_polite_answer_and_no_exception(unanswered):
    huge = ("Bonjour, je voudrais savoir " + "blabla " * 3000)[:20_000]
    assert len(huge) == 20_000
    messages, events = answer(load_tracker("question_nlu_fallback", text=huge, intent="ask_responsibility"))

    text = texts(messages)
    assert text  # an answer, in French: a question back, with the main subjects as buttons
    assert text.endswith(("de quoi s'agit-il ?", "lequel ?"))
    assert len([b for m in messages for b in m.get("buttons") or [] if not b["payload"].startswith("/feedback")]) >= 2
    assert events == []
    [row] = unanswered.list()
    assert row.reason == "unknown"
    assert len(row.text) <= 2000  # stored truncated, never the whole payload


def test_long_message_with_a_real_question_at_the_start_is_still_answered():
    text = "Qui installe le vidéoprojecteur ? " + "x" * 19_970
    messages, _ = answer(load_tracker("question_videoprojecteur", text=text))
    assert citations(messages)[0]["articles"] == ["article-5"]


@pytest.mark.parametrize("text", ["<script>alert('x')</script>", "'; DROP TABLE tickets; --", "\x00\x01\x02",
                                  "🙂" * 50, "ééééé"])
def test_junk_and_hostile_text_gets_a_french_answer(text, unanswered):
    messages, _ = answer(load_tracker("question_nlu_fallback", text=text))
    assert texts(messages)
    # Whatever was matched, the message is stored verbatim as data (pseudonymised sender), never executed.
    rows = unanswered.list()
    assert [r.text for r in rows] == [text]


def test_nlu_fallback_unknown_is_recorded_in_the_unanswered_store(unanswered):
    messages, events = answer(load_tracker("question_nlu_fallback"))

    assert texts(messages).startswith(ASK_BACK)
    assert citations(messages) == []
    assert events == []
    [row] = unanswered.list()
    assert row.text == "blablabla zorglub gloubi-boulga"
    assert row.reason == "unknown"
    assert row.intent == "nlu_fallback"
    assert row.confidence == pytest.approx(0.31)
    assert row.answer_kind == "unknown"
    assert row.user.startswith("u-") and "ent-prof-0009" not in row.user  # pseudonymised


def test_nlu_fallback_that_the_knowledge_base_answers_is_recorded_as_fallback(unanswered):
    tracker = load_tracker("question_nlu_fallback", text="kiki installe le vp ?")
    messages, events = answer(tracker)

    assert citations(messages)[0]["parties"] == ["college"]  # answered…
    [row] = unanswered.list()  # …and still logged, so that NLU can learn the wording
    assert row.reason == "fallback"
    assert row.text == "kiki installe le vp ?"
    assert row.answer_kind == "responsibility"
    assert slot_sets(events)["topic_subject"] == "videoprojecteur"


def test_answered_question_is_not_recorded(unanswered):
    answer(load_tracker("question_videoprojecteur"))
    assert unanswered.list() == []


def test_a_broken_unanswered_store_does_not_break_the_answer(monkeypatch):
    import actions.unanswered

    def broken():
        raise RuntimeError("database is down")

    broken.cache_clear = lambda: None  # the isolation fixture clears the cache after the test
    monkeypatch.setattr(actions.unanswered, "_store", broken)
    messages, _ = answer(load_tracker("question_nlu_fallback"))
    assert texts(messages).startswith(ASK_BACK)


def test_a_ticket_asked_for_goes_to_the_triage_whatever_intent_nlu_read():
    # « je signale que … » asks for a ticket; NLU read it as a fallback: the triage starts the declaration.
    tracker = load_tracker("question_nlu_fallback", text="je signale que mon téléphone portable de service est cassé",
                           intent="nlu_fallback")
    messages, events = run(ActionAnswerQuestion(), tracker)
    assert messages == [] and [e["name"] for e in events if e.get("event") == "followup"] == ["action_triage_incident"]


def test_a_ticket_asked_for_inside_the_form_is_answered_not_restarted():
    # The form is active: a new « je signale… » must not throw the declaration in progress away.
    tracker = load_tracker("incident_answer", text="je signale aussi que l'imprimante du CDI est en panne",
                           intent="nlu_fallback")
    messages, events = run(ActionAnswerQuestion(), tracker)
    assert not [e for e in events if e.get("event") == "followup"] and texts(messages)


@pytest.mark.parametrize("text", [
    "vous auriez le lien du site intranet où on déclare les pannes au Département ?",  # asks how to declare
    "On a gardé le ticket de caisse des tablettes achetées sur nos fonds. Il faut le transmettre ?",  # a receipt
])
def test_a_question_about_declaring_or_a_receipt_is_answered_not_declared(text):
    tracker = load_tracker("question_nlu_fallback", text=text, intent="nlu_fallback")
    messages, events = run(ActionAnswerQuestion(), tracker)
    assert not [e for e in events if e.get("event") == "followup"] and texts(messages)

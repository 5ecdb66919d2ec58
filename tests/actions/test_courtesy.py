"""action_courtesy: a greeting, a thanks or a goodbye gets its short reply; a fault or a question the NLU took for
one is answered from the agreement (article 2: the network is the Département's). Sentences written for these tests."""
from __future__ import annotations

import pytest

from actions import prompts
from actions.courtesy import ActionCourtesy
from tests.actions.support import citations, load_tracker, run, texts


@pytest.mark.parametrize("text, intent, reply", [
    ("bonjour", "greet", prompts.GREETING),
    ("merci beaucoup", "thank", prompts.THANKS),
    ("bonne soirée", "goodbye", prompts.GOODBYE),
    ("vous êtes un vrai humain ou pas ?", "bot_challenge", prompts.WHO_ANSWERS),
    # A party named asks who answers, not where the party is: still the bot's introduction.
    ("c'est le rectorat qui me répond là ?", "bot_challenge", prompts.WHO_ANSWERS),
])
def test_courtesy_gets_the_domain_reply(text, intent, reply):
    messages, events = run(ActionCourtesy(), load_tracker("question_videoprojecteur", text=text, intent=intent,
                                                          entities=[]))
    assert texts(messages) == reply and events == []


def test_a_fault_read_as_a_greeting_gets_the_line_that_handles_it():
    messages, _ = run(ActionCourtesy(), load_tracker("question_videoprojecteur", text="slt le wifi marche pa",
                                                     intent="greet", entities=[]))
    assert prompts.GREETING not in texts(messages)
    cited = citations(messages)
    assert cited and "departement" in cited[0]["parties"] and "article-2" in cited[0]["articles"], texts(messages)


@pytest.mark.parametrize("text", ["le texte de la convention évoque-t-il l'intelligence artificielle ?",
                                  "la convention parle-t-elle d'intelligence artificielle générative ?"])
def test_a_question_on_the_text_read_as_are_you_a_bot_is_answered_from_the_text(text):
    """« intelligence artificielle » made the NLU read « are you a bot? »: the message asks what the agreement says."""
    messages, _ = run(ActionCourtesy(), load_tracker("question_videoprojecteur", text=text, intent="bot_challenge",
                                                     entities=[]))
    assert prompts.WHO_ANSWERS not in texts(messages)
    assert "ne mentionne pas" in texts(messages), texts(messages)

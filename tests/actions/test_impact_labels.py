"""The impact the user picked reads the same in the form's buttons, its recap, the e-mail and the CLI."""
from __future__ import annotations

import json

from actions import prompts
from helpdesk.tickets.values import IMPACT_LABELS


def test_each_impact_button_says_the_label_of_its_value():
    buttons = prompts.QUESTIONS["incident_impact"][1]
    shown = {json.loads(b["payload"][b["payload"].index("{"):])["value"]: b["title"] for b in buttons}
    assert {value: title.lower() for value, title in shown.items()} == IMPACT_LABELS

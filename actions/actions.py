"""Entry point for the action server (``--actions actions``): imports every action module.

The knowledge base is loaded here, at start-up, rather than on the first user's turn, and production mode
refuses to start without its secrets (the import fails, so the action server does not come up).
"""
from actions import (  # noqa: F401  (registers the actions)
    courtesy,
    feedback,
    incident_ask,
    incident_form,
    incident_submit,
    incidents,
    prompts,
    questions,
    signalements,
    tickets,
)
from actions.kb import knowledge, warm_up
from knowledge.understanding.coverage import prepare as prepare_understanding
from knowledge.understanding.parse import warm_up_in_background
from settings.deployment import ACTION_SERVER_SECRETS, require_production_settings

require_production_settings("action server", ACTION_SERVER_SECRETS)
warm_up()
# issue 11: spaCy's French model for the understanding step, loaded beside start-up rather than on the
# first message that needs a parse (a daemon thread: start-up is not delayed); then the coverage check's
# word lists, which read spaCy's French stop words.
warm_up_in_background(then=lambda: prepare_understanding(knowledge()))

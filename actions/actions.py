"""Entry point for the action server (``--actions actions``): imports every action module.

The knowledge base is loaded here, at start-up, rather than on the first user's turn.
"""
from actions import feedback, incidents, prompts, questions, tickets  # noqa: F401  (registers the actions)
from actions.kb import warm_up

warm_up()

"""What runs inside the Rasa process: the launcher with its two speed patches, the checked REST channel,
the embedded tracker store and the atomic Redis lock store (loaded by Rasa from credentials.yml/endpoints.yml)."""

# Exit code of a Rasa process whose conversation store cannot be written (rest_channel.py): the supervisor
# (bot/stack_checks.py) names the cause and restarts it later. EX_TEMPFAIL.
EXIT_STORE_UNWRITABLE = 75

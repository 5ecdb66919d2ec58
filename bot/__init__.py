"""Channels, gateways and command-line tools around the Rasa bot."""

"""Rasa SDK actions: thin adapters between the conversation tracker and ``knowledge``."""

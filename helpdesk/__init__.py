"""The helpdesk domain beside the agreement: incident routing, tickets, establishments, identities, pseudonyms.

Pure Python like ``knowledge`` (which it may import): nothing here imports Rasa, the actions or the channels.
"""

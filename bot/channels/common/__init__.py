"""What every gateway shares: the Rasa REST client, checks on what users type, linked accounts."""

"""The gateways between users and Rasa's REST channel: ``common`` (Rasa client, input checks, account links),
then ``web`` and ``telegram`` on top of it, never on each other."""

"""The ENT web chat gateway (aiohttp) and what it shares with the other gateways (Rasa client, text checks)."""

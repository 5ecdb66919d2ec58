"""The ENT web chat gateway (aiohttp): static chat files, the chat API proxied to Rasa, uploads, news."""

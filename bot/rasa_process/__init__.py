"""What runs inside the Rasa process: the launcher with its two speed patches, the checked REST channel,
the embedded tracker store and the atomic Redis lock store (loaded by Rasa from credentials.yml/endpoints.yml)."""

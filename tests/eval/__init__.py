"""Development evaluation set: questions as users type them, runners for the live bot and the NLU."""

"""Deployment settings shared by every process (mode, production secrets); imports nothing of the project."""

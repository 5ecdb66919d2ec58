"""Entry point of the ENT web chat gateway (``python -m bot webchat``); the code lives in :mod:`bot.web`."""
from bot.web.app import create_app, main
from bot.web.settings import WebSettings

__all__ = ["WebSettings", "create_app", "main"]

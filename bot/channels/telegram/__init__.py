"""Telegram gateway: forwards chats to Rasa's REST channel, links accounts to establishments, relays ticket news.

``python -m bot telegram run`` starts it (``main``); ``python -m bot telegram allow|revoke|list`` is
:mod:`bot.cli.telegram_accounts`.
"""
from bot.channels.telegram.app import build_application, create_webhook_app, deliver_notifications, main
from bot.channels.telegram.settings import TelegramSettings

__all__ = ["TelegramSettings", "build_application", "create_webhook_app", "deliver_notifications", "main"]

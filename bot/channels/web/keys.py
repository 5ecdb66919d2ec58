"""Typed keys of what the web chat application holds (aiohttp ``AppKey``), shared by its modules."""
from __future__ import annotations

from collections import OrderedDict

from aiohttp import web

from bot.channels.common.rasa_client import RasaClient
from bot.channels.web.settings import WebSettings

SETTINGS = web.AppKey("settings", WebSettings)
RASA = web.AppKey("rasa", RasaClient)
# Payloads of the buttons recently shown to each conversation (the last answer's and older ones still on screen).
OFFERED = web.AppKey("offered", OrderedDict)
# Buttons of the signalement notices shown to a RUPN (they come with the news, not with an answer).
NOTICED = web.AppKey("noticed", OrderedDict)
RESOURCES = web.AppKey("resources", dict)

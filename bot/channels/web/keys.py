"""Typed keys of what the web chat application holds (aiohttp ``AppKey``), shared by its modules."""
from __future__ import annotations

from collections import OrderedDict

from aiohttp import web

from bot.channels.common.rasa_client import RasaClient
from bot.channels.web.settings import WebSettings

SETTINGS = web.AppKey("settings", WebSettings)
RASA = web.AppKey("rasa", RasaClient)
OFFERED = web.AppKey("offered", OrderedDict)
# Buttons of the signalement notices shown to a RUPN: still valid after later answers replaced OFFERED.
NOTICED = web.AppKey("noticed", OrderedDict)
RESOURCES = web.AppKey("resources", dict)

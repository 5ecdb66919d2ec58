"""The chat's static pages and files, and the headers every response of the web chat carries (CSP, framing
limited to the ENT origins, CORS for those origins only)."""
from __future__ import annotations

import re
from pathlib import Path

from aiohttp import web

from bot.channels.web.keys import SETTINGS

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


# --------------------------------------------------------------------------------------- static files


def static_page(name: str):
    """A handler serving one named page of the chat's static folder."""

    async def handler(request: web.Request) -> web.StreamResponse:
        return _file_response(request.app[SETTINGS].static_dir, name)
    return handler


def _file_response(directory: Path, name: str) -> web.StreamResponse:
    if not _STATIC_NAME.match(name) or ".." in name:
        raise web.HTTPNotFound(text="Page introuvable.")
    path = directory / name
    content_type = CONTENT_TYPES.get(path.suffix)
    if content_type is None or not path.is_file():
        raise web.HTTPNotFound(text="Page introuvable.")
    return web.Response(body=path.read_bytes(), headers={"Content-Type": content_type, "Cache-Control": "no-cache"})


async def webchat_file(request: web.Request) -> web.StreamResponse:
    """``/webchat/<name>``: the chat's own files only (no directory listing, no path traversal)."""
    return _file_response(request.app[SETTINGS].static_dir, request.match_info["name"])


# -------------------------------------------------------------------------------------- middlewares


@web.middleware
async def security_headers(request: web.Request, handler):
    """CSP (no inline script anywhere), framing limited to the ENT origins, CORS for those origins only."""
    settings = request.app[SETTINGS]
    origin = request.headers.get("Origin", "").rstrip("/")
    allowed = origin in settings.allowed_origins
    if request.method == "OPTIONS" and request.path.startswith("/api/"):
        response: web.StreamResponse = web.Response(status=204 if allowed else 403)
    else:
        try:
            response = await handler(request)
        except web.HTTPException as error:
            response = error
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if request.path.startswith("/api/"):
        response.headers["Cache-Control"] = "no-store"
        if allowed:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Vary"] = "Origin"
    if response.headers.get("Content-Type", "").startswith("text/html"):
        # For browsers without CSP frame-ancestors; those with it (all current ones) ignore this header
        # and apply the ENT origins below, so the ENT can still embed the chat.
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        ancestors = " ".join(("'self'",) + settings.allowed_origins)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors {ancestors}"
        )
    if isinstance(response, web.HTTPException):
        raise response
    return response

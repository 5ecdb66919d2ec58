"""``python -m actions.server``: the rasa_sdk action server, closed to everyone but Rasa.

``python -m rasa_sdk`` listens on 0.0.0.0 and runs any action for anyone who can reach ``/webhook`` with a
crafted tracker. This launcher runs the same app (``rasa_sdk.endpoint.create_app``) with:

- a listening address from ``ACTION_SERVER_HOST`` (loopback by default) and port ``ACTION_SERVER_PORT``
  (or ``-p``);
- ``/webhook`` and ``/actions`` refused (HTTP 403) without the ``X-Gateway-Secret`` header matching
  ``GATEWAY_SECRET`` (Rasa sends it: ``headers`` of ``action_endpoint`` in the endpoints file); production
  without that secret does not start (``settings.deployment``);
- ``/health`` reporting the mode (``{"status": "ok", "mode": "production"}``) so that the supervisor and
  the gateways can check that every process runs in the same mode;
- errors answered without echoing the request (rasa_sdk puts the whole tracker in its 500 answers).
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os
from typing import Optional

from rasa_sdk.endpoint import create_app
from sanic import response

from settings.deployment import bot_mode
from settings.reliability import gateway_secret, listen_host

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Gateway-Secret"
PROTECTED = ("/webhook", "/actions")


def refusal(path: str, presented: Optional[str], expected: Optional[str]) -> Optional[int]:
    """HTTP status refusing a call to ``path`` (403), or None when it may go through."""
    if not path.rstrip("/").endswith(PROTECTED):
        return None
    if expected is None:
        return 403 if bot_mode() == "production" else None
    return None if hmac.compare_digest((presented or "").encode(), expected.encode()) else 403


def build_app(actions_package: str = "actions"):
    """The rasa_sdk app with the secret check, the mode in /health and quiet error answers."""
    app = create_app(actions_package, cors_origins=[])
    expected = gateway_secret()

    @app.middleware("request")
    async def guard(request):
        if request.path.rstrip("/") == "/health":
            return response.json({"status": "ok", "mode": bot_mode()})
        status = refusal(request.path, request.headers.get(SECRET_HEADER), expected)
        if status is not None:
            log.warning("action server call refused on %s (no or wrong %s)", request.path, SECRET_HEADER)
            return response.json({"error": "forbidden"}, status=status)
        return None

    async def quiet_errors(request, exception: Exception):
        log.error("action server error on %s: %s", request.path, type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=500)

    app.error_handler.add(Exception, quiet_errors)
    return app


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.server")
    parser.add_argument("-p", "--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT") or 5055))
    parser.add_argument("-i", "--interface", default=listen_host("ACTION_SERVER_HOST"))
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = build_app(args.actions)
    print(f"Action server : http://{args.interface}:{args.port} (mode {bot_mode()})", flush=True)
    app.run(args.interface, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

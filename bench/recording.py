"""``python -m bench.recording``: the product's action server (``actions.server``) that also writes every
``/webhook`` call, request and answer, to ``$BENCH_RECORD_FILE`` (one JSON object per line).

Used by :mod:`bench.equivalence` to capture what Rasa asks the action server during fixed conversations,
so that the calls can be replayed in-process (:mod:`bench.replay`) for profiling and for checking that a
speed change answers the same. Never used by the bot itself.
"""
from __future__ import annotations

import json
import os
import sys
import time
from typing import Optional

from actions import server

RECORD_ENV = "BENCH_RECORD_FILE"
_build_app = server.build_app


def recording_app(actions_package: str = "actions"):
    """``actions.server.build_app`` plus a middleware that appends each webhook call to the record file."""
    app = _build_app(actions_package)
    out = open(os.environ[RECORD_ENV], "a", encoding="utf-8")  # noqa: SIM115 - open for the server's life

    @app.middleware("request")
    async def stamp(request):
        request.ctx.bench_started = time.perf_counter()

    @app.middleware("response")
    async def record(request, response):
        if request.path.rstrip("/").endswith("/webhook"):
            started = getattr(request.ctx, "bench_started", time.perf_counter())
            out.write(json.dumps({
                "ms": (time.perf_counter() - started) * 1000, "status": response.status,
                "request": json.loads(request.body), "response": json.loads(response.body or b"null"),
            }, ensure_ascii=False) + "\n")
            out.flush()

    return app


def main(argv: Optional[list[str]] = None) -> int:
    """``actions.server.main`` with the recording app."""
    server.build_app = recording_app  # main() builds its app through this name
    return server.main(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

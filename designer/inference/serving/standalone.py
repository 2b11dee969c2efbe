"""The ASGI application of `manage.py serve_inference`: the score route and a health check.

A process running it serves token clients' `POST /api/inference/{name}/score` exactly as the
web process does (`fast_path`, the hub, scoring processes of its own), loads every endpoint
at start-up, follows changes by polling, and writes its counts like any serving process.
Anything else gets a JSON 404; a browser session tries endpoints through the web process.
"""

from __future__ import annotations

import asyncio
import json
import logging

from designer.errors import DomainError

from .fast_path import SCORE_PATH, score_route
from .hub import get_hub

log = logging.getLogger(__name__)


def build_application(warm: bool = True):
    async def app(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send, warm)
        elif scope["type"] == "http":
            await scored(scope, receive, send)

    scored = score_route(_rest)
    return app


async def _lifespan(receive, send, warm: bool) -> None:
    hub = get_hub()
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            hub.attach(asyncio.get_running_loop())
            if warm:
                await warm_up(hub)
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await hub.close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def warm_up(hub) -> None:
    """Start the scoring processes of every endpoint now rather than on its first request."""
    from .database import endpoint_names

    for name in await asyncio.to_thread(endpoint_names):
        try:
            await hub.served(name)
        except DomainError as error:
            log.error("endpoint %s is not served yet: %s", name, error.message)


async def _rest(scope, receive, send) -> None:
    path = scope["path"]
    if path == "/api/health/":
        await _answer(send, 200, {"status": "ok", "serves": "inference"})
    elif SCORE_PATH.fullmatch(path):
        await _answer(
            send,
            401,
            {
                "code": "not_authenticated",
                "message": "Send an API token: Authorization: Token <key>. Browser sessions "
                "score through the web server.",
            },
        )
    else:
        await _answer(
            send,
            404,
            {
                "code": "not_found",
                "message": f"No endpoint at {path}: this server answers only "
                "POST /api/inference/{name}/score.",
            },
        )


async def _answer(send, status: int, payload: dict) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

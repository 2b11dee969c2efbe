"""`POST /api/inference/{name}/score` with an API token, answered before Django.

Django's request handling costs a thread hop per middleware method under ASGI (about
fifteen per request), which caps a scoring endpoint at a few hundred requests a second on
two cores. This ASGI layer answers the score route of token clients on the event loop
itself: token (cached, `auth`), body size, JSON, then the hub, which checks the rows and
queues them for the scoring process; nothing here blocks. Every other request, including a
browser session's score request (which needs the session and CSRF checks), goes on to
`fallback`, Django, whose `ScoreView` runs the same hub code.

Errors have the API's JSON shape `{"code", "message", ...}` and status.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from designer.accounts.keys import offers_token
from designer.errors import DomainError

from ..payloads import TooLarge
from .hub import TARGET_HEADER, get_hub, parse_json

log = logging.getLogger(__name__)

SCORE_PATH = re.compile(r"/api/inference/([a-z0-9][a-z0-9_-]{0,63})/score")
ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]
_TARGET = TARGET_HEADER.lower().encode()


def score_route(fallback: ASGIApp) -> ASGIApp:
    """An ASGI app answering token clients' score requests, `fallback` for everything else."""

    async def app(scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            match = SCORE_PATH.fullmatch(scope["path"])
            if match is not None:
                headers = _headers(scope)
                if offers_token(headers.get(b"authorization", b"").decode("latin-1")):
                    await _score(match.group(1), headers, receive, send)
                    return
        await fallback(scope, receive, send)

    return app


async def _score(name: str, headers: dict[bytes, bytes], receive, send) -> None:
    hub = get_hub()
    try:
        caller = await hub.tokens.caller(headers[b"authorization"].decode("latin-1"), name)
        raw = await _body(receive, headers, hub.settings.max_body)
        target = headers.get(_TARGET)
        answer = await hub.run(
            hub.score(
                name,
                caller.user,
                lambda: parse_json(raw),
                target.decode("latin-1") if target else None,
            )
        )
    except DomainError as error:
        extra = [(b"www-authenticate", b"Token")] if error.status == 401 else []
        await _respond(send, error.status, error.as_dict(), extra)
        return
    except Exception:
        log.exception("scoring %s failed", name)
        await _respond(
            send, 500, {"code": "server_error", "message": "The server failed; see its log."}
        )
        return
    await _respond(send, 200, answer)


def _headers(scope: dict) -> dict[bytes, bytes]:
    return {name: value for name, value in scope["headers"]}


async def _body(receive, headers: dict[bytes, bytes], limit: int) -> bytes:
    """The request body; TooLarge as soon as it passes `limit` bytes."""
    declared = headers.get(b"content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise DomainError("The client went away.", code="disconnected")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _too_large(limit: int) -> TooLarge:
    return TooLarge(
        f"A scoring request may be at most {limit // 1024} KiB; send fewer rows per request.",
        code="too_large",
    )


async def _respond(send, status: int, payload: dict[str, Any], extra=()) -> None:
    body = json.dumps(payload, separators=(",", ":"), allow_nan=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *extra,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

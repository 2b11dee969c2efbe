"""Websocket sign-in: the session cookie (browsers) or `Authorization: Token <key>`.

A token is held to the same rules as on the REST API (unknown, revoked, expired or
scoped tokens are refused: the socket signs in as nobody, and the consumer closes it).
A run stream is not something any narrower scope names, so a token needs `*`.

Browsers always send an Origin header; a socket opened from another site's page is
refused, since it would otherwise ride on the user's cookie.

A socket only reads the session its cookie names (to know who signs in); nothing on a
socket changes a session, so none is ever saved from one (`SessionReader`). Channels' own
session middleware wraps every message sent, to save a changed session on an HTTP
response; on a stream of thousands of messages that check was a sixth of the server's work.
"""

from importlib import import_module
from urllib.parse import urlparse

from channels.auth import AuthMiddleware
from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from channels.sessions import CookieMiddleware
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from .keys import TokenRefused, key_from_authorization, offers_token
from .scopes import ALL, token_allows
from .tokens import authenticate_key


@database_sync_to_async
def _token_for(header: str):
    try:
        key = key_from_authorization(header)
        return authenticate_key(key) if key is not None else None
    except TokenRefused:
        return None


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class TokenAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        auth = _header(scope, b"authorization")
        if offers_token(auth):
            token = await _token_for(auth)
            allowed = token is not None and token_allows(token, ALL)
            scope = dict(scope, user=token.user if allowed else AnonymousUser(), auth=token)
        return await super().__call__(scope, receive, send)


class SameOriginMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        origin = _header(scope, b"origin")
        if origin and not _origin_allowed(origin, _header(scope, b"host") or ""):
            await receive()  # the websocket.connect message
            await send({"type": "websocket.close", "code": 4403})
            return None
        return await super().__call__(scope, receive, send)


def _origin_allowed(origin: str, host: str) -> bool:
    parsed = urlparse(origin)
    if parsed.netloc == host:
        return True
    return origin in settings.CSRF_TRUSTED_ORIGINS


class SessionReader(BaseMiddleware):
    """`scope["session"]`: the session of the socket's cookie, read when first used (by
    AuthMiddleware, in a thread) and never written back; `send` passes through untouched."""

    async def __call__(self, scope, receive, send):
        store = import_module(settings.SESSION_ENGINE).SessionStore
        key = scope["cookies"].get(settings.SESSION_COOKIE_NAME)
        return await super().__call__(dict(scope, session=store(key)), receive, send)


def websocket_auth(inner):
    return SameOriginMiddleware(
        CookieMiddleware(SessionReader(AuthMiddleware(TokenAuthMiddleware(inner))))
    )

"""Websocket sign-in: the session cookie (browsers) or `Authorization: Token <key>`.

Browsers always send an Origin header; a socket opened from another site's page is
refused, since it would otherwise ride on the user's cookie.
"""

from urllib.parse import urlparse

from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.conf import settings
from rest_framework.authtoken.models import Token


@database_sync_to_async
def _user_for_token(key: str):
    token = Token.objects.select_related("user").filter(key=key).first()
    return token.user if token and token.user.is_active else None


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class TokenAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        auth = _header(scope, b"authorization")
        if auth and auth.lower().startswith("token "):
            from django.contrib.auth.models import AnonymousUser

            user = await _user_for_token(auth.split(None, 1)[1].strip())
            scope = dict(scope, user=user or AnonymousUser())
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


def websocket_auth(inner):
    return SameOriginMiddleware(AuthMiddlewareStack(TokenAuthMiddleware(inner)))

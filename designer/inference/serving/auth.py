"""Recognising the API token of a scoring request without a database query per request.

The answer for a presented token (its user and scopes, or why it is refused) is kept in this
process for `seconds` (DESIGNER_INFERENCE_TOKEN_SECONDS, 5 by default), keyed by the token's
SHA-256, never the token itself. So a revoked or expired token, or a disabled account, is
refused by every serving process at most that long after the change; so is a change of the
user's workspace roles, read with the token. The lookup itself is
`designer.accounts.tokens.authenticate_key`, the one the REST API uses.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from django.db import close_old_connections

from designer.accounts.acting import roles_of
from designer.accounts.keys import TokenRefused, key_from_authorization
from designer.accounts.scopes import token_allows
from designer.accounts.tokens import authenticate_key, digest_of
from designer.errors import Forbidden, NotAuthenticated

SCOPE = "inference:score:{name}"
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Caller:
    user: Any
    token: Any


@dataclass(frozen=True)
class _Entry:
    until: float
    caller: Caller | None
    refused: TokenRefused | None


class TokenCache:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._entries: dict[str, _Entry] = {}

    async def caller(self, authorization: str | None, endpoint: str) -> Caller:
        """Who sends `Authorization: Token <key>`, if the token may score `endpoint`."""
        try:
            key = key_from_authorization(authorization)
        except TokenRefused as refused:
            raise NotAuthenticated(refused.message, code=refused.code) from refused
        if key is None:
            raise NotAuthenticated("Send an API token: Authorization: Token <key>.")
        entry = await self._entry(key)
        if entry.refused is not None:
            raise NotAuthenticated(entry.refused.message, code=entry.refused.code)
        assert entry.caller is not None
        scope = SCOPE.format(name=endpoint)
        if not token_allows(entry.caller.token, scope):
            granted = ", ".join(getattr(entry.caller.token, "scopes", []) or []) or "none"
            raise Forbidden(
                f"This token's scopes ({granted}) do not cover scoring endpoint '{endpoint}': "
                f"it needs the scope '{scope}'.",
                code="insufficient_scope",
            )
        return entry.caller

    async def _entry(self, key: str) -> _Entry:
        digest = digest_of(key)
        now = time.monotonic()
        entry = self._entries.get(digest)
        if entry is not None and entry.until > now:
            return entry
        entry = await asyncio.to_thread(_look_up, key, now + self.seconds)
        if len(self._entries) >= MAX_ENTRIES:
            self._entries = {d: e for d, e in self._entries.items() if e.until > now}
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
        self._entries[digest] = entry
        return entry


def _look_up(key: str, until: float) -> _Entry:
    close_old_connections()
    try:
        token = authenticate_key(key)
        roles_of(token.user, fresh=True)  # kept on the user: the hub checks them on the loop
        return _Entry(until, Caller(token.user, token), None)
    except TokenRefused as refused:
        return _Entry(until, None, refused)
    finally:
        close_old_connections()

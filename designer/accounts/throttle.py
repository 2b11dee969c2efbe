"""Throttling sign-in: after 10 failed attempts for one username, or from one client address,
within 5 minutes, further attempts are refused (429) until the oldest failure is 5 minutes old.

Failures are counted in Django's cache: per process with the default in-memory cache, shared
when CACHES points at a shared cache. This module must not authenticate anyone; the views ask it
before checking a password and tell it when one was wrong.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache
from rest_framework.exceptions import Throttled

MAX_FAILURES = 10
WINDOW_SECONDS = 5 * 60


def _keys(username: str, address: str) -> list[str]:
    # Hashed: a username may hold any character, and cache keys must not.
    who = hashlib.sha256(username.strip().lower().encode()).hexdigest()
    return [f"signin-failures:user:{who}", f"signin-failures:address:{address}"]


def _recent(key: str, now: float) -> list[float]:
    return [t for t in cache.get(key, []) if now - t < WINDOW_SECONDS]


def check_allowed(username: str, address: str) -> None:
    """Raise Throttled (429, with when to try again) if either counter is full."""
    now = time.time()
    waits = [
        recent[0] + WINDOW_SECONDS - now
        for recent in (_recent(key, now) for key in _keys(username, address))
        if len(recent) >= MAX_FAILURES
    ]
    if waits:
        wait = math.ceil(max(waits))
        refused = Throttled(
            detail=(
                f"Too many failed sign-ins for this username or from this address; "
                f"try again in {wait} seconds."
            )
        )
        refused.wait = wait  # the Retry-After header
        raise refused


def record_failure(username: str, address: str) -> None:
    now = time.time()
    for key in _keys(username, address):
        cache.set(key, [*_recent(key, now), now][-MAX_FAILURES:], WINDOW_SECONDS)

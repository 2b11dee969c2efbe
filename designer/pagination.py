"""Cursor pagination for list endpoints: `{"results": [...], "next": cursor | null}`.

Pages are cut by primary key, newest first, so a row inserted while a client pages never
shifts what it sees next. The cursor is opaque to clients: they pass `?cursor=` back.
"""

import base64
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from designer.errors import InvalidInput

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def page(
    query: dict[str, str] | Any,
    queryset: QuerySet,
    render: Callable[[list[Any]], list[Any]],
) -> dict[str, Any]:
    """One page of `queryset` (ordered by descending pk) as `{"results", "next"}`."""
    limit = _limit(query.get("limit"))
    after = _decode(query.get("cursor"))
    rows = queryset.order_by("-pk")
    if after is not None:
        rows = rows.filter(pk__lt=after)
    items = list(rows[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {
        "results": render(items),
        "next": _encode(items[-1].pk) if more and items else None,
    }


def _limit(raw: str | None) -> int:
    if raw in (None, ""):
        return DEFAULT_LIMIT
    try:
        value = int(str(raw))
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise InvalidInput(f"limit must be a whole number from 1 to {MAX_LIMIT}.", code="bad_limit")
    return value


def _encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"pk:{pk}".encode()).decode().rstrip("=")


def _decode(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = text.partition(":")
        if kind == "pk" and value.isdigit() and len(value) < 19:
            return int(value)
    except (ValueError, UnicodeDecodeError):
        pass
    raise InvalidInput(
        "That cursor is not one this list gave out; start again without it.", code="bad_cursor"
    )

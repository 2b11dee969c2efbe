"""Cursor pagination in the contract's shape: `{"results": [...], "next": cursor | null}`.

`next` is the opaque cursor alone, not a URL: a client passes it back as `?cursor=`.
Pages are cut by primary key, newest first, so rows added while a client pages never shift
what it sees next. Views use `page_response`; their schema uses `paged(Serializer)`.

The lists that answer a bare array keep it and carry the cursor in headers instead
(`keyset_page` or `list_page`, then `array_response`; schema: `ARRAY_PAGE_PARAMETERS`).
This module knows no model: each list says its own order.
"""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from designer.errors import InvalidInput
from designer.keyset import Keyset
from designer.query_params import whole_number


class CursorPage(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        return whole_number(raw, "limit", 1, self.max_page_size)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound as exc:
            raise InvalidInput(
                "That cursor is not one this list gave out; start again without it.",
                code="bad_cursor",
            ) from exc

    def next_cursor(self) -> str | None:
        link = self.get_next_link()
        if link is None:
            return None
        return parse_qs(urlparse(link).query)[self.cursor_query_param][0]

    def get_paginated_response(self, data) -> Response:
        return Response({"results": data, "next": self.next_cursor()})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "results": schema,
                "next": {
                    "type": "string",
                    "nullable": True,
                    "description": "Pass as `?cursor=` for the next page; null on the last.",
                },
            },
        }


def page_response(request, queryset, serializer_class, view=None, **context) -> Response:
    """One page of `queryset`, serialized, as the contract's paginated answer."""
    paginator = CursorPage()
    rows = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(rows, many=True, context=context).data
    return paginator.get_paginated_response(data)


def paged(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    """The schema of a page of `serializer_class` items."""
    name = serializer_class.__name__.removesuffix("Serializer")
    return inline_serializer(
        name=f"{name}Page",
        fields={
            "results": serializer_class(many=True),
            "next": serializers.CharField(
                allow_null=True, help_text="Pass as `?cursor=` for the next page; null on the last."
            ),
        },
    )


# Lists that answer a bare array (the original contract's pipelines, runs and components, and
# the other arrays beside them) page the same way, with the cursor in headers instead of the
# body: `X-Next-Cursor: <cursor>` and `Link: <url>; rel="next"` (RFC 8288), absent on the last
# page. `?cursor=` and `?limit=` (default 50, at most 200) as above.

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
NEXT_CURSOR_HEADER = "X-Next-Cursor"

ARRAY_PAGE_PARAMETERS = [
    OpenApiParameter(
        "cursor", str, description="The `X-Next-Cursor` of the page before; omit for the first."
    ),
    OpenApiParameter("limit", int, description=f"Items per page, 1 to {MAX_LIMIT} (default 50)."),
    OpenApiParameter(
        NEXT_CURSOR_HEADER,
        str,
        OpenApiParameter.HEADER,
        response=True,
        description="Pass as `?cursor=` for the next page; absent on the last page.",
    ),
    OpenApiParameter(
        "Link",
        str,
        OpenApiParameter.HEADER,
        response=True,
        description='`<url of the next page>; rel="next"` (RFC 8288); absent on the last page.',
    ),
]


@dataclass(frozen=True)
class Slice:
    rows: list[Any]
    next: str | None


def keyset_page(request, queryset: QuerySet, order: Keyset) -> Slice:
    """One page of `queryset` in `order`, after the request's cursor (by value, not position:
    rows added or removed meanwhile never shift what comes next)."""
    limit = _limit(request)
    names = [f"_page_key_{i}" for i in range(len(order.keys))]
    keyed = queryset.annotate(
        **{n: F(k) if isinstance(k, str) else k for n, k in zip(names, order.keys, strict=True)}
    )
    keyed = keyed.order_by(*[f"-{n}" if order.descending else n for n in names])
    raw = request.query_params.get("cursor")
    if raw:
        values = _key_values(raw, order.name, keyed, names)
        keyed = keyed.filter(_beyond(names, values, "lt" if order.descending else "gt"))
    rows = list(keyed[: limit + 1])
    if len(rows) <= limit:
        return Slice(rows, None)
    rows = rows[:limit]
    last = rows[-1]
    values = [last[n] if isinstance(last, dict) else getattr(last, n) for n in names]
    return Slice(rows, _encode({"o": order.name, "k": [_plain(v) for v in values]}))


def list_page[T](request, items: Sequence[T], key: Callable[[T], str | int], name: str) -> Slice:
    """One page of a list made in memory, after the item the cursor names (`key` is unique).

    Should that item be gone, the page starts where it stood.
    """
    limit = _limit(request)
    start = 0
    raw = request.query_params.get("cursor")
    if raw:
        payload = _decode(raw)
        after, at = payload.get("a"), payload.get("i")
        if payload.get("o") != name or not isinstance(at, int) or at < 0:
            raise _bad_cursor()
        keys = [key(item) for item in items]
        start = keys.index(after) + 1 if after in keys else min(at, len(items))
    rows = list(items[start : start + limit])
    if start + limit >= len(items):
        return Slice(rows, None)
    end = start + len(rows) - 1
    return Slice(rows, _encode({"o": name, "a": key(rows[-1]), "i": end}))


def array_response(request, data: list, page: Slice) -> Response:
    """`data` (the page's rows, serialized) as a bare array, the next cursor in headers."""
    response = Response(data)
    if page.next:
        query = request.query_params.copy()
        query["cursor"] = page.next
        url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        response[NEXT_CURSOR_HEADER] = page.next
        response["Link"] = f'<{url}>; rel="next"'
    return response


def _limit(request) -> int:
    raw = request.query_params.get("limit")
    if raw in (None, ""):
        return DEFAULT_LIMIT
    return whole_number(raw, "limit", 1, MAX_LIMIT)


def _bad_cursor() -> InvalidInput:
    return InvalidInput(
        "That cursor is not one this list gave out; start again without it.", code="bad_cursor"
    )


def _encode(payload: dict) -> str:
    text = json.dumps(payload, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode("ascii").rstrip("=")


def _decode(raw: str) -> dict:
    try:
        data = base64.urlsafe_b64decode((raw + "=" * (-len(raw) % 4)).encode("ascii"))
        payload = json.loads(data)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise _bad_cursor() from exc
    if not isinstance(payload, dict):
        raise _bad_cursor()
    return payload


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _key_values(raw: str, order_name: str, keyed: QuerySet, names: list[str]) -> list[Any]:
    """The cursor's key values, read back as each key's own type."""
    payload = _decode(raw)
    values = payload.get("k")
    if payload.get("o") != order_name or not isinstance(values, list):
        raise _bad_cursor()
    if len(values) != len(names) or any(v is None or isinstance(v, dict | list) for v in values):
        raise _bad_cursor()
    try:
        return [
            keyed.query.annotations[n].output_field.to_python(v)
            for n, v in zip(names, values, strict=True)
        ]
    except (ValidationError, TypeError, ValueError) as exc:
        raise _bad_cursor() from exc


def _beyond(names: list[str], values: list[Any], op: str) -> Q:
    """Rows past `values` in the order of `names`: (a, b) > (x, y) is a > x, or a = x and b > y."""
    past = Q()
    for i, name in enumerate(names):
        equal = {names[j]: values[j] for j in range(i)}
        past |= Q(**equal, **{f"{name}__{op}": values[i]})
    return past

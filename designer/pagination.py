"""Cursor pagination in the contract's shape: `{"results": [...], "next": cursor | null}`.

`next` is the opaque cursor alone, not a URL: a client passes it back as `?cursor=`.
Pages are cut by primary key, newest first, so rows added while a client pages never shift
what it sees next. Views use `page_response`; their schema uses `paged(Serializer)`.
"""

from urllib.parse import parse_qs, urlparse

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from designer.errors import InvalidInput
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

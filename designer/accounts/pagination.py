"""Cursor pagination in the contract's shape: `{"results": [...], "next": cursor | null}`.

`next` is the opaque cursor alone, not a URL: a client passes it back as `?cursor=`.
"""

from urllib.parse import parse_qs, urlparse

from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


class CursorPage(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200

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

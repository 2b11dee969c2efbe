"""The JSON request parser of the API: DRF's, with a cap on how deeply a body may nest.

Python's JSON reader, validation and hashing all recurse, so a body nested thousands of levels
deep would end in a RecursionError (a 500) somewhere past the parser. No pipeline document
comes near the cap; a body past it is refused here with a 400 that says so.
"""

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 64


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
            too_deep = True
        else:
            too_deep = depth_exceeds(data, MAX_DEPTH)
        if too_deep:
            raise ParseError(
                f"The JSON body is nested more than {MAX_DEPTH} levels deep; "
                "no request needs that many."
            )
        return data


def depth_exceeds(data: Any, limit: int) -> bool:
    """Whether lists and objects in `data` nest more than `limit` levels (iteratively)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False

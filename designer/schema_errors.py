"""The OpenAPI schema's error answers: every operation documents the 4xx bodies the API gives.

Every error the API returns has one shape (`designer.errors.exception_handler`): a `code` a
program can test, a `message` a person can read, and for some, `fields` (what was wrong with
each field of the body) or `errors` (every problem of a pipeline graph). A drf-spectacular
post-processing hook adds that shape as the `Error` component, and to each operation the
answers it may give: 400 bad input, 401 not signed in, 403 not allowed, 404 no such object (or
no such object the caller may see), 405 method not allowed, and for operations that take a
body 409 a conflict with what exists and 413 a body too large; 429 for the sign-in operations.
An answer the view documents itself is kept.
"""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "What went wrong: `code` for programs, `message` for people",
    "properties": {
        "code": {"type": "string", "description": "Stable identifier of the problem"},
        "message": {"type": "string", "description": "What went wrong and what to do"},
        "fields": {
            "type": "object",
            "additionalProperties": {},
            "description": "Per field of the request body, what was wrong with it",
        },
        "errors": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": {}},
            "description": "Every problem found, for a pipeline graph",
        },
    },
    "required": ["code", "message"],
    "additionalProperties": {},
}
ANSWERS = {
    "400": "Bad input: the message says what to change",
    "401": "Not signed in, or the token is unknown, expired or revoked",
    "403": "Signed in, but not allowed to do this",
    "404": "No such object, or none the caller may see",
    "405": "This method is not allowed here",
}
WITH_BODY = {
    "409": "Conflicts with what exists (a name taken, an object in use, a state that forbids it)",
    "413": "The request body is too large",
}
THROTTLED = {"429": "Too many failed sign-ins: wait as long as Retry-After says"}
SIGN_IN_PATHS = ("/api/auth/login/", "/api/auth/token/")
BODY_METHODS = ("post", "put", "patch")


def add_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """drf-spectacular post-processing hook: the Error component and each operation's 4xx."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR
    shared = components.setdefault("responses", {})
    for status, description in {**ANSWERS, **WITH_BODY, **THROTTLED}.items():
        shared[f"Error{status}"] = {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            statuses = list(ANSWERS)
            if method in BODY_METHODS or method == "delete":
                statuses += list(WITH_BODY)
            if path in SIGN_IN_PATHS:
                statuses += list(THROTTLED)
            for status in statuses:
                operation["responses"].setdefault(
                    status, {"$ref": f"#/components/responses/Error{status}"}
                )
    return result

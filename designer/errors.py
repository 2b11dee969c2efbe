"""Domain errors and the one place that turns them into HTTP answers.

Services raise `DomainError` subclasses with a stable `code`; views never build error
responses by hand. DRF's own exceptions keep their status and get the same JSON shape.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class DomainError(Exception):
    """A problem a person can act on. `status` is the HTTP status it maps to."""

    code = "error"
    status = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, code: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.extra = extra

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.extra}


class InvalidInput(DomainError):
    code = "invalid"


class NotFound(DomainError):
    code = "not_found"
    status = status.HTTP_404_NOT_FOUND


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    status = status.HTTP_401_UNAUTHORIZED


class Forbidden(DomainError):
    code = "forbidden"
    status = status.HTTP_403_FORBIDDEN


class Conflict(DomainError):
    code = "conflict"
    status = status.HTTP_409_CONFLICT


class GraphInvalid(DomainError):
    """A pipeline graph failed validation; `errors` lists every problem found."""

    code = "invalid_pipeline"

    def __init__(self, errors: list[dict[str, Any]], message: str | None = None) -> None:
        summary = message or f"The pipeline has {len(errors)} problem(s): " + "; ".join(
            e["message"] for e in errors[:3]
        )
        super().__init__(summary, errors=errors)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        return Response(
            {"code": "too_large", "message": f"The request is larger than {limit} MiB."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException):
        detail = response.data
        if isinstance(detail, dict) and set(detail) == {"detail"}:
            message = str(detail["detail"])
            response.data = {"code": _code_of(exc), "message": message}
        else:
            response.data = {
                "code": _code_of(exc),
                "message": _flatten(detail),
                "fields": detail,
            }
    return response


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def _flatten(detail: Any, prefix: str = "") -> str:
    if isinstance(detail, dict):
        return "; ".join(_flatten(v, f"{prefix}{k}: ") for k, v in detail.items())
    if isinstance(detail, list):
        return "; ".join(_flatten(v, prefix) for v in detail)
    return f"{prefix}{detail}"

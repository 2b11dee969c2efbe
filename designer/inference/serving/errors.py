"""How scoring can fail after a request was accepted, each with its HTTP status."""

from rest_framework import status

from designer.errors import DomainError


class RowsRefused(DomainError):
    """The inference pipeline raised on these rows: the caller's rows, the pipeline's error."""

    code = "scoring_failed"
    status = status.HTTP_422_UNPROCESSABLE_ENTITY


class ScorerUnavailable(DomainError):
    """No scoring process could answer: it would not start, or it stopped."""

    code = "scorer_unavailable"
    status = status.HTTP_503_SERVICE_UNAVAILABLE


class ScorerTimeout(DomainError):
    code = "scoring_timeout"
    status = status.HTTP_504_GATEWAY_TIMEOUT

"""Refusals of this app beyond the shared ones in designer/errors.py."""

from rest_framework import status

from designer.errors import DomainError


class TooLarge(DomainError):
    """A file past DESIGNER_DATASET_MAX_BYTES: refused before it is parsed or stored."""

    code = "too_large"
    status = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE


class Unreachable(DomainError):
    """The service behind a datastore failed or refused; the request itself was fine."""

    code = "datastore_unreachable"
    status = status.HTTP_502_BAD_GATEWAY


def bytes_text(size: int) -> str:
    """`209715200` → `200 MiB`: how a limit is named in a message."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB"):
        if value < 1024:
            return f"{value:.4g} {unit}"
        value /= 1024
    return f"{value:.4g} GiB"

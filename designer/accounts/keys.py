"""What a presented token looks like, and the ways it can be refused.

Plain Python with no model or `designer.errors` import: DRF loads the authentication
and permission classes while `rest_framework.views` itself is being imported, so what
they import at module level must not lead back to it.
"""

MARKER = "pw_"
PREFIX_LENGTH = len(MARKER) + 8
SECRET_LENGTH = 40
SCHEMES = ("token", "bearer")


class TokenRefused(Exception):
    """A presented token that does not sign anybody in; `code` says why."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def key_from_authorization(header: str | None) -> str | None:
    """The key of `Token <key>` or `Bearer <key>`; None for any other kind of header."""
    parts = (header or "").split()
    if not parts or parts[0].lower() not in SCHEMES:
        return None
    if len(parts) != 2:
        raise TokenRefused(
            "The Authorization header must be 'Token <key>' or 'Bearer <key>'.",
            code="malformed_authorization",
        )
    return parts[1]


def offers_token(header: str | None) -> bool:
    parts = (header or "").split()
    return bool(parts) and parts[0].lower() in SCHEMES

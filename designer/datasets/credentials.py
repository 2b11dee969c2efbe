"""Datastore credentials: checked by kind, sealed with Fernet, opened only to read files.

The key is derived from SECRET_KEY (HKDF, with a purpose label of its own), so a database
copied without the key holds nothing usable. Credentials never leave this module in any
answer, log or error message: messages name the field that is wrong, never its value.
"""

import base64
import json
import re
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from designer.errors import Conflict, InvalidInput

from .choices import DatastoreKind

PURPOSE = b"pipewright datastore credentials v1"
# An HTTP header name (RFC 9110 token); values may not break the header line.
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")
MAX_HEADERS = 20
MAX_VALUE = 8000


@lru_cache(maxsize=4)
def _fernet(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(
        secret_key.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(credentials: dict[str, Any]) -> str:
    return _fernet(settings.SECRET_KEY).encrypt(json.dumps(credentials).encode()).decode()


def unseal(token: str, datastore: str) -> dict[str, Any]:
    """The credentials sealed in `token`; {} when there are none."""
    if not token:
        return {}
    try:
        return json.loads(_fernet(settings.SECRET_KEY).decrypt(token.encode()))
    except InvalidToken as exc:
        raise Conflict(
            f"The credentials of datastore '{datastore}' cannot be read with this server's "
            "secret key (was DESIGNER_SECRET_KEY changed?); set them again with PATCH.",
            code="credentials_unreadable",
        ) from exc


def check_credentials(kind: str, credentials: Any) -> dict[str, Any]:
    """The credentials in the shape their datastore kind takes, or a 400 naming the field."""
    if not isinstance(credentials, dict):
        raise InvalidInput("credentials must be an object.", code="bad_credentials")
    if kind == DatastoreKind.S3:
        return _s3_credentials(credentials)
    if kind == DatastoreKind.HTTP:
        return _http_credentials(credentials)
    raise InvalidInput(
        "A local datastore takes no credentials; leave credentials out.", code="bad_credentials"
    )


def _s3_credentials(credentials: dict) -> dict[str, str]:
    unknown = set(credentials) - {"access_key", "secret_key"}
    if unknown:
        raise InvalidInput(
            f"S3 credentials take access_key and secret_key, not {', '.join(sorted(unknown))}.",
            code="bad_credentials",
        )
    for field in ("access_key", "secret_key"):
        value = credentials.get(field)
        if not isinstance(value, str) or not value or len(value) > MAX_VALUE:
            raise InvalidInput(
                f"credentials.{field} must be a non-empty string.", code="bad_credentials"
            )
    return {"access_key": credentials["access_key"], "secret_key": credentials["secret_key"]}


def _http_credentials(credentials: dict) -> dict[str, dict[str, str]]:
    headers = credentials.get("headers")
    if set(credentials) != {"headers"} or not isinstance(headers, dict):
        raise InvalidInput(
            'HTTP credentials are {"headers": {"Name": "value", ...}}.', code="bad_credentials"
        )
    if len(headers) > MAX_HEADERS:
        raise InvalidInput(f"At most {MAX_HEADERS} headers.", code="bad_credentials")
    for name, value in headers.items():
        if not HEADER_NAME.fullmatch(name):
            raise InvalidInput(
                f"credentials.headers: {name[:100]!r} is not a header name.",
                code="bad_credentials",
            )
        if not isinstance(value, str) or len(value) > MAX_VALUE or re.search(r"[\r\n\0]", value):
            raise InvalidInput(
                f"credentials.headers.{name}: the value must be one line of text.",
                code="bad_credentials",
            )
    return {"headers": dict(headers)}

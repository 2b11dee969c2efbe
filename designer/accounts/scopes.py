"""What a token may do: the scope grammar and the one question `token_allows`.

Scopes are plain strings. `*` grants everything the token's user may do;
`endpoint:run:<name>` grants only calling that pipeline endpoint's runs;
`inference:score:<name>` grants only scoring rows on that real-time endpoint. A request made
without a token (a browser session) is not limited by scopes at all. Plain Python: the
permission class imports this while DRF is still loading.
"""

import re
from typing import Any

ALL = "*"
ENDPOINT_RUN = "endpoint:run:{name}"
INFERENCE_SCORE = "inference:score:{name}"
_NAMED = re.compile(
    r"endpoint:run:[A-Za-z0-9][A-Za-z0-9_.-]{0,99}|inference:score:[a-z0-9][a-z0-9_-]{0,63}"
)
KNOWN = (
    "'*' (everything you may do), 'endpoint:run:<name>' (run one pipeline endpoint) and "
    "'inference:score:<name>' (score rows on one real-time endpoint)"
)


class ScopeError(ValueError):
    def __init__(self, message: str, scope: Any = None) -> None:
        super().__init__(message)
        self.scope = scope


def check_scopes(scopes: Any) -> list[str]:
    """The scopes, validated and without repeats, in the order given."""
    if not isinstance(scopes, list) or not scopes:
        raise ScopeError(f"Give at least one scope. Known scopes: {KNOWN}.")
    checked: list[str] = []
    for scope in scopes:
        if not isinstance(scope, str) or not (scope == ALL or _NAMED.fullmatch(scope)):
            raise ScopeError(f"Unknown scope {scope!r}. Known scopes: {KNOWN}.", scope=scope)
        if scope not in checked:
            checked.append(scope)
    return checked


def token_allows(token: Any, scope: str) -> bool:
    """Whether a request authenticated by `token` (None: a session) may act under `scope`."""
    if token is None:
        return True
    granted = getattr(token, "scopes", None) or []
    return ALL in granted or scope in granted

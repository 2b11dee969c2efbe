"""The errors the SDK raises: one base class, and the server's refusals with their reason.

The server answers every refusal with JSON `{"code", "message", ...}`; `ApiError` keeps all of it
so a script can branch on `code` and a person can read `message`. This module must not know
about HTTP libraries: the transport turns responses into these.
"""

from __future__ import annotations

from typing import Any


class PipewrightError(Exception):
    """Anything the SDK refuses or fails at; `str()` is one line a person can act on."""


class ApiError(PipewrightError):
    """The server refused a request: `status` (HTTP), `code` (stable), `message` (for people).

    `errors` holds a pipeline's validation problems when the refusal carries them (400 on submit),
    `body` the whole JSON answer.
    """

    def __init__(
        self, status: int, code: str, message: str, body: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.body = body or {}

    @property
    def errors(self) -> list[dict[str, Any]]:
        found = self.body.get("errors")
        return found if isinstance(found, list) else []

    def __str__(self) -> str:
        # The problems the message does not already spell out (a submit's 400 lists them).
        messages = [
            str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in self.errors
        ]
        details = "; ".join(m for m in messages[:5] if m not in self.message)
        return f"{self.message} ({details})" if details else self.message


class NotFound(ApiError):
    """404: no such object, or one the signed-in user may not see."""


class Conflict(ApiError):
    """409: a stale revision, or a component version registered with other content."""


class NotSignedIn(PipewrightError):
    """No server URL or token: `pipewright login`, or PIPEWRIGHT_URL and PIPEWRIGHT_TOKEN."""


class Unreachable(PipewrightError):
    """The server did not answer (wrong URL, not running, network down)."""


class ComponentDefinitionError(PipewrightError):
    """A Python function cannot become a component as written; the message says what to change."""


class PipelineDefinitionError(PipewrightError):
    """A pipeline built in Python is malformed: unknown port or parameter, duplicate node id."""


class RunFailed(PipewrightError):
    """A local run's node failed; `node` names it and the message carries its error."""

    def __init__(self, node: str, message: str) -> None:
        super().__init__(f"node '{node}' failed: {message}")
        self.node = node


def error_for(status: int, body: Any, fallback: str) -> ApiError:
    """The error for a refused request, from the server's JSON answer when it has one."""
    data = body if isinstance(body, dict) else {}
    code = str(data.get("code") or f"http_{status}")
    message = str(data.get("message") or data.get("detail") or fallback)
    kind = {404: NotFound, 409: Conflict}.get(status, ApiError)
    return kind(status, code, message, data)

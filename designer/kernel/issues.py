"""The problem reports the kernel hands back: spec issues, the spec error, graph issues.

They are plain values so that the registry, the pipeline API and the tests can show them to a
person or turn them into JSON. This module must not decide what is a problem; the spec and graph
modules do that.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpecIssue:
    """One problem in a component spec: the file, a dotted field path and what to do about it."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        if self.field:
            return f"{self.file}: {self.field}: {self.message}"
        return f"{self.file}: {self.message}"


class SpecError(Exception):
    """A component spec that cannot be used; `errors` lists every problem found, not just one."""

    def __init__(self, errors: list[SpecIssue]) -> None:
        self.errors = list(errors)
        super().__init__(self._describe())

    def _describe(self) -> str:
        count = len(self.errors)
        if count == 1:
            return str(self.errors[0])
        lines = [f"{count} problems in the component spec:"]
        lines.extend(f"  - {issue}" for issue in self.errors)
        return "\n".join(lines)


@dataclass(frozen=True)
class GraphIssue:
    """One problem in a pipeline graph, pointing at the node, port or parameter it concerns."""

    code: str
    message: str
    node: str | None = None
    port: str | None = None
    param: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "node": self.node,
            "port": self.port,
            "param": self.param,
            "code": self.code,
            "message": self.message,
        }

"""What a step says while it runs in-process: printed lines, metrics and progress.

Components record metrics through `designer.runtime.log_metric` (the component contract). When
that runtime is importable (a checkout's built-in components need it anyway), the step's events
are routed here through its `active_sink`, the same hook the server's executor uses; without it
a component simply cannot log metrics. Output written with `print` is kept as log lines.
"""

from __future__ import annotations

import contextlib
import importlib
import io
from collections.abc import Iterator
from types import ModuleType
from typing import Any


class StepRecord:
    """Everything one step reported: log lines (stream, text), metrics, the last progress."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []
        self.metrics: list[dict[str, Any]] = []
        self.progress: dict[str, Any] | None = None

    def emit(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == "metric":
            self.metrics.append(
                {"name": event["name"], "value": event["value"], "step": event.get("step")}
            )
        elif kind == "progress":
            self.progress = {"current": event["current"], "total": event["total"]}
        elif kind == "log":
            self.lines.append((str(event.get("stream", "stdout")), str(event.get("line", ""))))


class _Lines(io.TextIOBase):
    """A text stream that hands each complete line to the record."""

    def __init__(self, record: StepRecord, stream: str) -> None:
        self.record, self.stream, self.pending = record, stream, ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pending += text
        *complete, self.pending = self.pending.split("\n")
        self.record.lines += [(self.stream, line) for line in complete]
        return len(text)

    def flush_rest(self) -> None:
        if self.pending:
            self.record.lines.append((self.stream, self.pending))
            self.pending = ""


def _runtime(module: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"designer.runtime.{module}")
    except ImportError:
        return None


@contextlib.contextmanager
def capturing(record: StepRecord, data_roots: list[str]) -> Iterator[StepRecord]:
    """Collect the step's output and events while the block runs."""
    out, err = _Lines(record, "stdout"), _Lines(record, "stderr")
    events, data_access = _runtime("events"), _runtime("data_access")
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        if events is not None:
            stack.enter_context(events.active_sink(record))
        if data_access is not None:
            stack.enter_context(data_access.active_data_roots(data_roots))
        try:
            yield record
        finally:
            out.flush_rest()
            err.flush_rest()

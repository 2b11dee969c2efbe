"""Where a running component's events go: the task's ``events.jsonl`` or an in-memory list.

Responsible for the event sinks, the one module-level "active sink" that ``log_metric`` and
``report_progress`` write to, and those two functions. It must not know about Django, the worker
or the artifact store: the worker reads the file this writes, and that is the whole interface.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from designer.runtime.jsonable import to_jsonable

EVENTS_FILE = "events.jsonl"


class EventSink(Protocol):
    def emit(self, event: dict[str, Any]) -> None: ...


class FileEventSink:
    """Appends one JSON object a line, flushed per line, from any number of threads."""

    def __init__(self, path: Path, fd: int | None = None) -> None:
        self.path = path
        # Line buffering plus an explicit flush: the worker tails this file while we run. `fd`:
        # the file opened already (a walled step readied ahead gets it from its worker).
        self._file = open(path if fd is None else fd, "a", encoding="utf-8", buffering=1)
        self._lock = threading.Lock()

    def emit(self, event: dict[str, Any]) -> None:
        line = json.dumps(to_jsonable(event, "event"), ensure_ascii=False, allow_nan=False)
        # One lock around write+flush so lines from stream readers and the component never mix.
        with self._lock:
            if self._file.closed:
                return
            self._file.write(line + "\n")
            self._file.flush()

    def fileno(self) -> int:
        return self._file.fileno()

    def close(self) -> None:
        with self._lock:
            self._file.close()

    def __enter__(self) -> FileEventSink:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class MemoryEventSink:
    """Keeps events in a list: for component tests and for calls made outside any task."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def emit(self, event: dict[str, Any]) -> None:
        # Normalised exactly like the file sink, so tests see what the worker would see.
        normalised = json.loads(json.dumps(to_jsonable(event, "event"), allow_nan=False))
        with self._lock:
            self.events.append(normalised)


# Module-level on purpose: a component calls `log_metric` without being handed any context, and
# threads it starts must reach the same sink.
_fallback = MemoryEventSink()
_active: EventSink | None = None


def emit(event: dict[str, Any]) -> None:
    """Send ``event`` to the active sink (the task's file), or to the in-memory fallback."""
    (_active or _fallback).emit(event)


def fallback_events() -> list[dict[str, Any]]:
    """Events recorded while no task was active (a component called directly, e.g. in a REPL)."""
    return _fallback.events


@contextmanager
def active_sink(sink: EventSink) -> Iterator[EventSink]:
    """Make ``sink`` receive every event until the block ends, then restore the previous one."""
    global _active
    previous, _active = _active, sink
    try:
        yield sink
    finally:
        _active = previous


def log_metric(name: str, value: float, step: int | None = None) -> None:
    """Record a metric of the running node, e.g. ``log_metric("r2", 0.91)``."""
    if not isinstance(name, str) or not name:
        raise ValueError("a metric needs a non-empty string name")
    number = float(value)
    if step is not None and int(step) != step:
        raise ValueError(f"metric step must be a whole number, not {step!r}")
    emit(
        {
            "type": "metric",
            "name": name,
            "value": number if math.isfinite(number) else None,
            "step": None if step is None else int(step),
        }
    )


def report_progress(current: float, total: float) -> None:
    """Record how far the running node has got, e.g. ``report_progress(3, 10)``."""
    current_value, total_value = _whole_if_integral(current), _whole_if_integral(total)
    if total_value <= 0 or current_value < 0:
        raise ValueError(f"progress must have total > 0 and current >= 0, got {current}/{total}")
    emit({"type": "progress", "current": current_value, "total": total_value})


def _whole_if_integral(value: float) -> int | float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"progress values must be finite numbers, not {value!r}")
    return int(number) if number.is_integer() else number

"""Checking what an executor child wrote to its events file before the worker records it.

The child runs user code, so each line is untrusted: a metric of NaN, a step past any integer
column, a progress of "abc" or an event type nobody knows. `check_event` turns one line into the
fields of the run event it becomes, or into the text of a warning that replaces it in the node's
log. It never raises: one bad line must not stop the worker from following the step. This module
must not touch the database; `step.py` records what it returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from designer.kernel.params import show_value
from designer.runs.serializers import LOG_STREAMS

MAX_LINE = 10_000
MAX_NAME = 200
# Metric.step is an integer column; Postgres's is 32 bits.
MAX_STEP = 2**31 - 1
OUTCOMES = ("result", "error")


@dataclass(frozen=True)
class Checked:
    """One usable event: its `kind` and the fields of its run event (without the node)."""

    kind: str
    fields: dict[str, Any]


def check_event(event: object) -> Checked | str:
    """What one line of the events file becomes: a Checked event, or the text of a warning."""
    if not isinstance(event, dict):
        return f"dropped a line of the events file that is not an event: {show_value(event)}"
    kind = event.get("type")
    if kind == "log":
        return _log(event)
    if kind == "metric":
        return _metric(event)
    if kind == "progress":
        return _progress(event)
    if kind in OUTCOMES:
        return Checked(str(kind), event)
    return f"dropped an event of unknown type {show_value(kind)}"


def warning(text: str) -> Checked:
    """The log line that stands in for a dropped event."""
    return Checked("log", {"stream": "stderr", "line": text[:MAX_LINE]})


def _log(event: dict[str, Any]) -> Checked:
    stream = event.get("stream")
    line = event.get("line", "")
    return Checked(
        "log",
        {
            "stream": stream if stream in LOG_STREAMS else "stdout",
            "line": (line if isinstance(line, str) else str(line))[:MAX_LINE],
        },
    )


def _metric(event: dict[str, Any]) -> Checked | str:
    name = event.get("name")
    if not isinstance(name, str) or not name:
        return f"dropped a metric without a name: name {show_value(name)} is not a text"
    label = f"dropped metric {name[:MAX_NAME]!r}"
    value = event.get("value")
    if value is None:
        return f"{label}: its value is not a finite number (NaN and infinity cannot be stored)"
    number = _finite(value)
    if number is None:
        return f"{label}: value {show_value(value)} is not a finite number"
    step = event.get("step")
    if step is not None and not _is_step(step):
        return f"{label}: step {show_value(step)} is not a whole number from 0 to {MAX_STEP}"
    return Checked(
        "metric",
        {"name": name[:MAX_NAME], "value": number, "step": None if step is None else int(step)},
    )


def _progress(event: dict[str, Any]) -> Checked | str:
    current, total = event.get("current"), event.get("total")
    numbers = _finite(current), _finite(total)
    if numbers[0] is None or numbers[1] is None or numbers[0] < 0 or numbers[1] <= 0:
        return (
            f"dropped progress {show_value(current)}/{show_value(total)}: "
            "current and total must be finite numbers, current at least 0 and total above 0"
        )
    label = event.get("label")
    if label is None:
        return Checked("progress", {"current": current, "total": total})
    if not isinstance(label, str):
        return f"dropped progress with label {show_value(label)}: a label must be a text"
    # A label says what is measured when it is not the step's own work ("preparing environment").
    return Checked("progress", {"current": current, "total": total, "label": label[:MAX_NAME]})


def _finite(value: object) -> float | None:
    """`value` as a float if it is a finite JSON number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer past the float range
        return None
    return number if math.isfinite(number) else None


def _is_step(value: object) -> bool:
    number = _finite(value)
    return number is not None and number.is_integer() and 0 <= number <= MAX_STEP

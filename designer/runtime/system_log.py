"""The handful of `system` log lines the executor writes for every step, whatever its code prints.

A built-in component prints nothing, so without these a node's log would be empty. The lines
say which component ran, what each input and output held (rows × columns of a dataframe, the
class of a model, the size of a file or folder, the kind of a json value), how long the step
took and its peak memory. Describing must never fail a step: anything odd becomes a short
note. No Django; it writes through the active event sink like `log_metric` does.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from designer.runtime.events import emit
from designer.runtime.models import TrainedModel

STREAM = "system"
# A folder with more files than this is described by what was counted so far.
MAX_FILES_COUNTED = 10_000


def say(line: str) -> None:
    """One system line in the node's log."""
    emit({"type": "log", "stream": STREAM, "line": line})


def start(task: Mapping[str, Any]) -> float:
    """Say which component runs; return the start time for `finish`."""
    environment = task.get("environment")
    where = ""
    if isinstance(environment, Mapping):
        # Only steps in a component's own environment say so; the default one goes unnamed.
        where = f" in environment {environment.get('digest')} ({environment.get('description')})"
    say(f"start {component_ref(task)}{where}")
    return time.monotonic()


def finish(started: float, failed: bool = False) -> None:
    """Say how long the step took and the most memory it (and what it started) held."""
    elapsed = time.monotonic() - started
    verb = "failed after" if failed else "finished in"
    say(f"{verb} {_duration(elapsed)}, peak memory {_bytes(peak_memory_bytes())}")


def values(label: str, ports: Mapping[str, tuple[str, Any]]) -> None:
    """One line describing Python values: `{port: (type, value)}`."""
    if ports:
        parts = [
            f"{name} = {_safely(describe_value, kind, value)}"
            for name, (kind, value) in ports.items()
        ]
        say(f"{label}: " + ", ".join(parts))


def paths(label: str, ports: Mapping[str, Mapping[str, Any] | None]) -> None:
    """One line describing stored ports: `{port: {"type", "path", "summary"?} | None}`."""
    if ports:
        parts = [f"{name} = {_safely(describe_port, port)}" for name, port in ports.items()]
        say(f"{label}: " + ", ".join(parts))


def component_ref(task: Mapping[str, Any]) -> str:
    """`name@version` from the task, else from the folder's component.yaml, else the folder."""
    if task.get("component"):
        return str(task["component"])
    folder = Path(str(task.get("component_dir", "")))
    try:
        import yaml

        spec = yaml.safe_load((folder / "component.yaml").read_text(encoding="utf-8"))
        return f"{spec['name']}@{spec['version']}"
    except Exception:
        return folder.name or "component"


def describe_value(port_type: str, value: Any) -> str:
    """A short shape of a value a component received or returned."""
    if value is None:
        return "not connected"
    if port_type == "dataframe" and hasattr(value, "shape"):
        rows, columns = value.shape
        return _table(rows, columns)
    if port_type == "model":
        return f"model {model_kind(value)}"
    if port_type in ("file", "folder"):
        return f"{port_type} {_stored_size(Path(value))}"
    if port_type == "json":
        return _json_kind(value)
    return type(value).__name__


def model_kind(value: Any) -> str:
    """The estimator's class (a pipeline's steps in order), and what a trained model predicts."""
    trained = value if isinstance(value, TrainedModel) else None
    inner = trained.estimator if trained is not None else value
    steps = getattr(inner, "steps", None)
    if isinstance(steps, list) and steps and all(isinstance(s, tuple) for s in steps):
        kind = " → ".join(type(step[-1]).__name__ for step in steps)
    else:
        kind = type(inner).__name__
    if trained is not None:
        kind += f" ({trained.task} of {trained.label_column!r})"
    return kind


def describe_port(port: Mapping[str, Any] | None) -> str:
    """A short shape of a stored port, read from its file without loading the data."""
    if port is None:
        return "not connected"
    kind, path = port.get("type"), Path(str(port.get("path")))
    if kind == "dataframe":
        import pyarrow.parquet as pq

        metadata = pq.read_metadata(path)
        return _table(metadata.num_rows, metadata.num_columns)
    if kind == "model" and isinstance(port.get("summary"), Mapping):
        return f"model {port['summary'].get('class')} ({_stored_size(path)})"
    return f"{kind} {_stored_size(path)}"


def peak_memory_bytes() -> int:
    """The larger peak resident size of this process and of the processes it waited for."""
    peaks = [
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    ]
    # Linux reports kilobytes, macOS bytes.
    return max(peaks) * (1 if sys.platform == "darwin" else 1024)


def _safely(describe: Any, *args: Any) -> str:
    try:
        return describe(*args)
    except Exception as exc:
        return f"(not described: {type(exc).__name__})"


def _table(rows: int, columns: int) -> str:
    return f"{rows:,} rows × {columns:,} columns"


def _json_kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return f"json object of {len(value)} keys"
    if isinstance(value, list):
        return f"json list of {len(value)} items"
    return f"json {type(value).__name__}"


def _stored_size(path: Path) -> str:
    if path.is_dir():
        files = 0
        size = 0
        for item in path.rglob("*"):
            if item.is_file():
                files += 1
                size += item.stat().st_size
                if files >= MAX_FILES_COUNTED:
                    return f"{files:,}+ files, {_bytes(size)}+"
        return f"{files:,} files, {_bytes(size)}"
    return _bytes(path.stat().st_size)


def _bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.2f} s"
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)} min {rest:.0f} s"

"""Running a ``command`` component: placeholders to paths, a child process, its output as logs.

Responsible for resolving ``$[[ ... ]]`` optional blocks (kept only when every placeholder in them
has a value), substituting ``${{inputs.x}}``, ``${{outputs.y}}`` and ``${{params.z}}``, running
the command without a shell in the component folder, streaming its stdout and stderr line by line
as log events, and checking that it wrote every output. It must not load or transform port values.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from designer.kernel.command_template import resolve_blocks
from designer.runtime.capture import LineWriter
from designer.runtime.events import EventSink
from designer.runtime.io import output_path

PLACEHOLDER = re.compile(r"\$\{\{\s*(inputs|outputs|params)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
STDERR_TAIL_LINES = 20
READER_JOIN_SECONDS = 5.0


class CommandError(RuntimeError):
    """The command failed; ``detail`` holds the last lines it wrote to stderr."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def param_text(value: Any) -> str:
    """A parameter as one command-line word: lists comma-joined, booleans lower-case."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(param_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def build_argv(template: str, values: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Substitute every placeholder (shell-quoted) and split into an argument list."""

    def substitute(match: re.Match[str]) -> str:
        section, name = match.groups()
        if name not in values[section]:
            raise ValueError(
                f"command placeholder {match.group(0)} names no declared {section[:-1]}"
            )
        return shlex.quote(values[section][name])

    argv = shlex.split(PLACEHOLDER.sub(substitute, template))
    if not argv:
        raise ValueError("the command is empty")
    # "python" means the executor's own interpreter: the venv's python need not be on PATH.
    if argv[0] in ("python", "python3"):
        argv[0] = sys.executable
    return argv


def plan_outputs(declared: Mapping[str, Mapping[str, Any]], outputs_dir: Path) -> dict[str, Path]:
    """The path each output must be written to; folders are created up front."""
    paths = {name: output_path(spec["type"], outputs_dir, name) for name, spec in declared.items()}
    for name, spec in declared.items():
        if spec["type"] == "folder":
            paths[name].mkdir(parents=True, exist_ok=True)
    return paths


def run_command(task: Mapping[str, Any], outputs_dir: Path, sink: EventSink) -> dict[str, Any]:
    """Run the task's command; return the ``result`` event's ``outputs`` mapping."""
    declared: Mapping[str, Mapping[str, Any]] = task.get("outputs") or {}
    paths = plan_outputs(declared, outputs_dir)
    values = {
        "inputs": {
            name: (port or {}).get("path", "") for name, port in (task.get("inputs") or {}).items()
        },
        "outputs": {name: str(path) for name, path in paths.items()},
        "params": {name: param_text(value) for name, value in (task.get("params") or {}).items()},
    }
    template = resolve_blocks(task["command"], _missing_in(task))
    argv = build_argv(template, values)
    returncode, stderr_tail = _stream_process(argv, Path(task["component_dir"]), sink)
    if returncode != 0:
        last = stderr_tail[-1] if stderr_tail else "no output on stderr"
        raise CommandError(f"command exited with code {returncode}: {last}", "\n".join(stderr_tail))
    written = {name: _checked_output(name, declared[name], path) for name, path in paths.items()}
    return {name: port for name, port in written.items() if port is not None}


def _missing_in(task: Mapping[str, Any]) -> Callable[[str, str], bool]:
    """Which placeholders have no value: an unconnected input, a parameter left empty."""
    inputs = task.get("inputs") or {}
    params = task.get("params") or {}

    def missing(section: str, name: str) -> bool:
        if section == "inputs":
            return not (inputs.get(name) or {}).get("path")
        if section == "params":
            return params.get(name) is None
        return False

    return missing


def _stream_process(argv: list[str], cwd: Path, sink: EventSink) -> tuple[int, list[str]]:
    tail: deque[str] = deque(maxlen=STDERR_TAIL_LINES)

    def on_stderr(line: str) -> None:
        tail.append(line)
        sink.emit({"type": "log", "stream": "stderr", "line": line})

    def on_stdout(line: str) -> None:
        sink.emit({"type": "log", "stream": "stdout", "line": line})

    process = subprocess.Popen(
        argv,
        cwd=cwd,
        # The executor has already scrubbed its own environment; hand on exactly that.
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # One reader per pipe: reading them in turn could deadlock when the other pipe fills up.
    readers = [
        threading.Thread(target=_pump, args=(process.stdout, on_stdout), daemon=True),
        threading.Thread(target=_pump, args=(process.stderr, on_stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()
    returncode = process.wait()
    for reader in readers:
        # Bounded: a background grandchild may keep the pipe open after the command exits.
        reader.join(READER_JOIN_SECONDS)
    return returncode, list(tail)


def _pump(pipe: IO[bytes] | None, on_line: Callable[[str], None]) -> None:
    if pipe is None:
        return
    writer = LineWriter(on_line)
    with pipe:
        for raw in pipe:
            writer.write(raw.decode("utf-8", errors="replace"))
    writer.close()


def _checked_output(name: str, spec: Mapping[str, Any], path: Path) -> dict[str, str] | None:
    port_type = spec["type"]
    if port_type == "folder" or path.exists():
        if port_type == "dataframe":
            import pyarrow.parquet as pq

            try:
                pq.read_metadata(path)
            except Exception as exc:
                raise CommandError(
                    f"output {name!r} at {path} is not a Parquet file: {exc}"
                ) from exc
        return {"type": port_type, "path": str(path)}
    if spec.get("optional"):
        return None
    raise CommandError(f"the command did not write output {name!r} to {path}")

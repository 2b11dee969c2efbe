"""The executor child: runs one node from its ``task.json`` and reports through ``events.jsonl``.

Responsible for the child's side of the worker contract in docs/internals.md: its own process
group, reading inputs, calling the python function or running the command, writing outputs to
``work_dir/outputs``, writing its own ``system`` log lines about the step (``system_log``), and
ending the events file with exactly one ``result`` or ``error`` event.
It must not import Django, touch the database, or know about the artifact store beyond paths.

Run it as ``python -m designer.runtime.executor TASK_PATH``; the exit code is 0 or 1.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from designer.runtime import io, system_log
from designer.runtime.capture import captured_output
from designer.runtime.commands import CommandError, run_command
from designer.runtime.component_code import collect_outputs, load_function
from designer.runtime.data_access import active_data_roots
from designer.runtime.environment import enter_work_dir
from designer.runtime.events import EVENTS_FILE, EventSink, FileEventSink, active_sink
from designer.runtime.isolation import (
    OLD,
    Isolation,
    IsolationError,
    Spare,
    become,
    enter_isolation,
    finish_wall,
)
from designer.runtime.limits import apply_limits
from designer.runtime.summaries import summarize_model, summarize_model_file

OUTPUTS_DIR = "outputs"
CRASH_FILE = "crash.log"


def run_task(task_path: str, spare: Spare | None = None) -> int:
    """Execute the task described by ``task_path``; 0 on success, 1 on failure. ``spare``:
    the cgroups this process joined before its task came (``isolation.prepare_spare``)."""
    _become_group_leader()
    task_file = Path(task_path).resolve()
    try:
        task = load_task(task_file)
    except Exception as exc:
        # No work_dir is known yet: report next to the task file so the worker still finds it.
        with FileEventSink(task_file.parent / EVENTS_FILE) as sink:
            sink.emit(error_event(exc))
        return 1
    work_dir = Path(task.get("work_dir") or task_file.parent).resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    enter_work_dir(work_dir)  # no server secrets, and relative paths land in the work folder
    with (
        FileEventSink(work_dir / EVENTS_FILE) as sink,
        active_sink(sink),
        (work_dir / CRASH_FILE).open("w") as crash_file,
        active_data_roots(task.get("data_roots") or []),
    ):
        # A segfault in native code cannot reach our events; its stack lands in crash.log.
        faulthandler.enable(crash_file)
        try:
            try:
                # Returns in the step's own process only (see isolation.py): the ones that
                # wait for it exit with its code.
                enter_isolation(task.get("isolation"), task, work_dir, sink.emit, spare)
            except Exception as exc:  # a step that cannot be walled in does not run
                sink.emit(error_event(exc))
                return 1
            apply_limits(task.get("limits"))
            return execute(task, work_dir, sink)
        finally:
            faulthandler.disable()


def run_task_ahead(spare: Spare) -> int:
    """`run_task` in a step's process readied ahead in its namespaces (see
    `isolation.ready_ahead`), once its task came: the worker has opened its events and crash
    files and made its cgroups the step's; the rest of the wall is put up here."""
    work_dir = Path(spare.work_dir)
    events, crash = spare.files
    with (
        FileEventSink(work_dir / EVENTS_FILE, events) as sink,
        active_sink(sink),
        open(crash, "w") as crash_file,
    ):
        faulthandler.enable(crash_file)
        try:
            try:
                if spare.problem:
                    raise IsolationError(spare.problem)
                if spare.task is not None:  # handed over with the message
                    task = check_task(spare.task, spare.task_file)
                else:
                    task = load_task(Path(OLD + spare.task_file))  # the host's root, at OLD
                isolation = Isolation.from_task(task.get("isolation"))
                assert isolation is not None and isolation.namespaces
                finish_wall(spare, isolation, task)
                enter_work_dir(work_dir)
                become(isolation, work_dir)
            except Exception as exc:  # a step that cannot be walled in does not run
                sink.emit(error_event(exc))
                return 1
            with active_data_roots(task.get("data_roots") or []):
                apply_limits(task.get("limits"))
                return execute(task, work_dir, sink)
        finally:
            faulthandler.disable()


def load_task(task_file: Path) -> dict[str, Any]:
    """``task.json`` as a dict, checked for the keys every task needs."""
    return check_task(json.loads(task_file.read_text(encoding="utf-8")), str(task_file))


def check_task(task: Any, name: str) -> dict[str, Any]:
    """`task` (the task `name`, as read or as handed over) checked for the keys every task
    needs."""
    if not isinstance(task, dict):
        raise ValueError(f"{name} must hold a JSON object")
    if not task.get("component_dir"):
        raise ValueError(f"{name} has no 'component_dir'")
    if not task.get("python") and not task.get("command"):
        raise ValueError(f"{name} names neither 'python' nor 'command'")
    roots = task.get("data_roots") or []
    if not isinstance(roots, list) or not all(isinstance(root, str) for root in roots):
        raise ValueError(f"{name}: 'data_roots' must be a list of folder paths")
    return task


def execute(task: Mapping[str, Any], work_dir: Path, sink: EventSink) -> int:
    """Run the component with output captured; emit the final ``result`` or ``error`` event."""
    outputs_dir = work_dir / OUTPUTS_DIR
    outputs_dir.mkdir(parents=True, exist_ok=True)
    started = system_log.start(task)
    try:
        with captured_output(sink):
            if task.get("python"):
                outputs = run_python(task, outputs_dir)
            else:
                system_log.paths("inputs", task.get("inputs") or {})
                outputs = with_file_summaries(run_command(task, outputs_dir, sink))
                system_log.paths("outputs", outputs)
    except BaseException as exc:  # user code may raise anything, SystemExit included
        # After the capture block, so every log line from the reader threads precedes this.
        system_log.finish(started, failed=True)
        sink.emit(error_event(exc))
        return 1
    system_log.finish(started)
    sink.emit({"type": "result", "outputs": outputs})
    return 0


def run_python(task: Mapping[str, Any], outputs_dir: Path) -> dict[str, Any]:
    """Call the component's function and write what it returns; the ``result`` outputs."""
    component_dir = Path(task["component_dir"]).resolve()
    # Helper modules next to the component's code must import by their plain names.
    sys.path.insert(0, str(component_dir))
    function = load_function(component_dir, task["python"])
    inputs = read_inputs(task.get("inputs") or {})
    ports = task.get("inputs") or {}
    system_log.values(
        "inputs", {n: ((ports[n] or {}).get("type", ""), v) for n, v in inputs.items()}
    )
    params = dict(task.get("params") or {})
    declared: Mapping[str, Mapping[str, Any]] = task.get("outputs") or {}
    values = collect_outputs(function(**inputs, **params), declared)
    system_log.values("outputs", {n: (declared[n]["type"], v) for n, v in values.items()})
    written = {}
    for name, value in values.items():
        port_type = declared[name]["type"]
        path = io.write_value(port_type, value, outputs_dir, name)
        written[name] = {"type": port_type, "path": str(path)}
        if port_type == "model":
            # The web process must not unpickle user objects; describe the model while we hold it.
            written[name]["summary"] = summarize_model(value)
    return written


def with_file_summaries(outputs: dict[str, Any]) -> dict[str, Any]:
    """A command's outputs, each model output with the summary of the pickle it wrote."""
    for port in outputs.values():
        if port.get("type") == "model":
            port["summary"] = summarize_model_file(port["path"])
    return outputs


def read_inputs(ports: Mapping[str, Mapping[str, Any] | None]) -> dict[str, Any]:
    """Each input's Python value; an unconnected optional input is None."""
    return {
        name: None if port is None else io.read_value(port["type"], port["path"])
        for name, port in ports.items()
    }


def error_event(exc: BaseException) -> dict[str, Any]:
    """``{"type": "error", "message": "TypeName: text", "traceback": ...}`` for ``exc``."""
    text = str(exc)
    message = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    if isinstance(exc, CommandError):
        # The command's own stderr says more than the executor's Python stack.
        detail = exc.detail
    else:
        detail = "".join(traceback.format_exception(exc))
    return {"type": "error", "message": message, "traceback": detail}


def _become_group_leader() -> None:
    # Cancel kills the process group; commands and helpers the component starts must be in it.
    try:
        os.setpgid(0, 0)
    except OSError:
        # Already a session leader (e.g. started with setsid): it already leads its group.
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one Pipewright node from its task.json.")
    parser.add_argument("task_path", help="path to the task.json the worker wrote")
    args = parser.parse_args(argv)
    return run_task(args.task_path)


if __name__ == "__main__":
    sys.exit(main())

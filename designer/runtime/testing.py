"""Running a component the way production does, from a test: ``run_component``.

Responsible for reading a component folder's ``component.yaml``, applying parameter defaults,
passing inputs through the same Parquet/pickle round trip the executor uses (so ``df.attrs`` and
picklability behave as in a real run), and returning the outputs and events. Python components run
in-process (errors surface as the component's own exceptions); command components, and any
component that declares its own ``environment:``, run in a real executor child (the latter in
that environment's interpreter, built first if need be: see ``virtualenv_build``). It must not
import Django and must not touch a database or artifact store.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from designer.runtime import io
from designer.runtime.capture import captured_output
from designer.runtime.component_code import collect_outputs, load_function
from designer.runtime.data_access import active_data_roots
from designer.runtime.events import EVENTS_FILE, MemoryEventSink, active_sink

REPO_ROOT = Path(__file__).resolve().parents[2]
_zygotes: Any = None  # the ZygotePool of this process's environment steps, made on first use


class ComponentFailed(RuntimeError):
    """A command component's executor child reported an error event."""


@dataclass(frozen=True)
class StoredValue:
    """An output this interpreter cannot load: a model pickled with a package that only the
    component's own environment has. Pass it as an input to another component as it is."""

    port_type: str
    path: Path
    reason: str


@dataclass(frozen=True)
class ComponentView:
    """What running a component needs from its spec, as plain dicts keyed by name."""

    python: str | None
    command: str | None
    inputs: dict[str, dict[str, Any]]
    outputs: dict[str, dict[str, Any]]
    parameters: dict[str, dict[str, Any]]
    # The kernel's EnvironmentSpec when the component declares one.
    environment: Any = None


def read_component(component_dir: Path) -> ComponentView:
    """The spec of ``component_dir``, validated by the kernel when it is importable."""
    text = (component_dir / "component.yaml").read_text(encoding="utf-8")
    try:
        from designer.kernel.spec import load_spec_text
    except ImportError:
        return _view_from_yaml(yaml.safe_load(text))
    spec = load_spec_text(text, str(component_dir / "component.yaml"))
    return ComponentView(
        python=spec.python,
        command=spec.command,
        inputs={p.name: {"type": p.type, "optional": p.optional} for p in spec.inputs},
        outputs={p.name: {"type": p.type, "optional": p.optional} for p in spec.outputs},
        parameters={
            p.name: {"has_default": p.has_default, "default": p.default, "optional": p.optional}
            for p in spec.parameters
        },
        environment=spec.environment,
    )


def _view_from_yaml(data: Mapping[str, Any]) -> ComponentView:
    def ports(section: str) -> dict[str, dict[str, Any]]:
        return {
            name: {"type": port["type"], "optional": bool(port.get("optional", False))}
            for name, port in (data.get(section) or {}).items()
        }

    parameters = {
        name: {
            "has_default": "default" in param,
            "default": param.get("default"),
            "optional": bool(param.get("optional", False)),
        }
        for name, param in (data.get("parameters") or {}).items()
    }
    return ComponentView(
        data.get("python"), data.get("command"), ports("inputs"), ports("outputs"), parameters
    )


def resolve_params(view: ComponentView, given: Mapping[str, Any]) -> dict[str, Any]:
    """Defaults overlaid with ``given``; unknown or missing required parameters are errors."""
    unknown = sorted(set(given) - set(view.parameters))
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(unknown)}")
    resolved = {}
    for name, param in view.parameters.items():
        if name in given:
            resolved[name] = given[name]
        elif param["has_default"]:
            resolved[name] = param["default"]
        elif param["optional"]:
            resolved[name] = None
        else:
            raise ValueError(f"parameter {name!r} is required and has no default")
    return resolved


def stage_inputs(
    view: ComponentView, given: Mapping[str, Any], stage_dir: Path
) -> dict[str, dict[str, str] | None]:
    """Write each given input where the executor would read it: ``{name: {type, path}}``."""
    unknown = sorted(set(given) - set(view.inputs))
    if unknown:
        raise ValueError(f"unknown input(s): {', '.join(unknown)}")
    staged: dict[str, dict[str, str] | None] = {}
    for name, port in view.inputs.items():
        value = given.get(name)
        if value is None:
            if not port["optional"]:
                raise ValueError(f"input {name!r} is required")
            staged[name] = None
        elif isinstance(value, StoredValue):
            staged[name] = {"type": value.port_type, "path": str(value.path)}
        elif port["type"] in ("file", "folder"):
            staged[name] = {"type": port["type"], "path": str(Path(value).resolve())}
        else:
            path = io.write_value(port["type"], value, stage_dir, name)
            staged[name] = {"type": port["type"], "path": str(path)}
    return staged


def run_component(
    component_dir: str | os.PathLike[str],
    inputs: Mapping[str, Any] | None = None,
    params: Mapping[str, Any] | None = None,
    tmp_dir: str | os.PathLike[str] | None = None,
    data_roots: Sequence[str | os.PathLike[str]] = (),
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Run a component on ``inputs`` with ``params``; return ``(outputs, events)``.

    Outputs are Python values read back from the files the executor would write (a dataframe
    with its attrs, a model unpickled, a file or folder as its Path). ``data_roots`` are the
    folders the component may reach through ``designer.runtime.resolve_data_path``, as the
    worker's ``task.json`` would list them.
    """
    directory = Path(component_dir).resolve()
    view = read_component(directory)
    work_dir = Path(tmp_dir) if tmp_dir else Path(tempfile.mkdtemp(prefix="pipewright-test-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    resolved = resolve_params(view, params or {})
    staged = stage_inputs(view, inputs or {}, work_dir / "inputs")
    if isinstance(data_roots, str | os.PathLike):
        data_roots = [data_roots]  # one folder given bare, not its characters one by one
    roots = [str(Path(root).resolve()) for root in data_roots]
    if view.environment is not None:
        start = _in_environment(directory, view.environment)
        return _run_in_child(directory, view, staged, resolved, work_dir, roots, start)
    if view.python:
        with active_data_roots(roots):
            return _run_in_process(directory, view, staged, resolved, work_dir)
    return _run_in_child(directory, view, staged, resolved, work_dir, roots, _run_executor)


def _run_executor(task_path: Path) -> None:
    """Run the task in a fresh interpreter like this one, to its end."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", "designer.runtime.executor", str(task_path)]
    subprocess.run(command, env=env, check=False, stdin=subprocess.DEVNULL)


def _in_environment(directory: Path, environment: Any) -> Callable[[Path], None]:
    """Runs a task in the component's environment (built now unless it is ready), forked from
    that environment's zygote, which stays for the rest of this process."""
    from designer.runtime.virtualenv_build import default_store
    from designer.runtime.virtualenv_recipe import recipe_for
    from designer.runtime.zygote_pool import ZygotePool

    global _zygotes
    if _zygotes is None:
        _zygotes = ZygotePool(lambda: math.inf)
    pool = _zygotes
    prepared = default_store().build(recipe_for(environment, directory))

    def start(task_path: Path) -> None:
        pool.child(prepared, environment.preload, str(task_path)).wait(None)

    return start


def _run_in_process(
    directory: Path,
    view: ComponentView,
    staged: Mapping[str, dict[str, str] | None],
    params: dict[str, Any],
    work_dir: Path,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    assert view.python is not None
    inputs = {
        name: None if port is None else io.read_value(port["type"], port["path"])
        for name, port in staged.items()
    }
    sink = MemoryEventSink()
    with _importable_from(directory), active_sink(sink), captured_output(sink, capture_fds=False):
        function = load_function(directory, view.python)
        returned = function(**inputs, **params)
    values = collect_outputs(returned, view.outputs)
    outputs = {}
    for name, value in values.items():
        port_type = view.outputs[name]["type"]
        path = io.write_value(port_type, value, work_dir / "outputs", name)
        outputs[name] = io.read_value(port_type, path)
    return outputs, sink.events


def _run_in_child(
    directory: Path,
    view: ComponentView,
    staged: Mapping[str, dict[str, str] | None],
    params: dict[str, Any],
    work_dir: Path,
    data_roots: list[str],
    start: Callable[[Path], None],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    task = {
        "component_dir": str(directory),
        "python": view.python,
        "command": view.command,
        "inputs": dict(staged),
        "params": params,
        "outputs": view.outputs,
        "work_dir": str(work_dir),
        "data_roots": data_roots,
    }
    task_path = work_dir / "task.json"
    task_path.write_text(json.dumps(task, indent=2), encoding="utf-8")
    start(task_path)
    events = read_events(work_dir / EVENTS_FILE)
    final: dict[str, Any] = (
        events[-1] if events else {"type": "error", "message": "no events", "traceback": ""}
    )
    if final["type"] != "result":
        raise ComponentFailed(f"{final.get('message')}\n{final.get('traceback', '')}")
    outputs = {
        name: _read_back(port["type"], port["path"]) for name, port in final["outputs"].items()
    }
    return outputs, events


def _read_back(port_type: str, path: str) -> Any:
    """An output's value, or a StoredValue for a model that needs another environment."""
    try:
        return io.read_value(port_type, path)
    except (ImportError, AttributeError) as exc:
        if port_type != "model":
            raise
        return StoredValue(port_type, Path(path), f"{type(exc).__name__}: {exc}")


def read_events(path: Path) -> list[dict[str, Any]]:
    """Every event in an ``events.jsonl`` file, in order."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@contextmanager
def _importable_from(directory: Path) -> Iterator[None]:
    """Put ``directory`` first on sys.path for the call, and forget its helper modules after.

    Two component folders may each have a ``helpers.py``; without forgetting, the second test
    to run would silently import the first one's.
    """
    before = set(sys.modules)
    sys.path.insert(0, str(directory))
    try:
        yield
    finally:
        sys.path.remove(str(directory))
        for name in set(sys.modules) - before:
            origin = getattr(sys.modules[name], "__file__", None) or ""
            if origin and Path(origin).resolve().is_relative_to(directory):
                del sys.modules[name]

"""Calling one component in-process the way the server's executor child calls it.

The `python: file.py:function` entry is loaded as a fresh module with the component folder first
on `sys.path` (so helper modules import by their plain names, and are forgotten afterwards: two
components may each have a `helpers.py`). Every declared input is passed (None when unconnected)
and every parameter, all by keyword, with the working directory set to the step's own folder.
What the function returns is matched to the declared outputs and written to `work/outputs`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import os
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pipewright.errors import PipewrightError
from pipewright.local.values import write_value

_counter = itertools.count(1)


class OutputError(ValueError):
    """A component returned something that does not match its declared outputs."""


def call_component(
    folder: Path,
    spec: Mapping[str, Any],
    inputs: Mapping[str, Any],
    params: Mapping[str, Any],
    work: Path,
) -> dict[str, tuple[str, Path]]:
    """Run the component; `{port: (type, written path)}` of what it returned."""
    declared_inputs = spec.get("inputs") or {}
    values = {name: inputs[name].value() if name in inputs else None for name in declared_inputs}
    declared = {name: dict(body or {}) for name, body in (spec.get("outputs") or {}).items()}
    written = {}
    with _importable_from(folder.resolve()), _working_in(work):
        function = load_function(folder.resolve(), str(spec["python"]))
        returned = function(**values, **params)
        # Still in the step's folder: a relative path returned means a file made there.
        for name, value in collect_outputs(returned, declared).items():
            port_type = str(declared[name]["type"])
            written[name] = (port_type, write_value(port_type, value, work / "outputs", name))
    return written


def load_function(folder: Path, entry: str):
    file_name, _, function_name = entry.partition(":")
    path = (folder / file_name).resolve()
    if not path.is_file():
        raise PipewrightError(f"component code {file_name!r} not found in {folder}")
    stem = re.sub(r"\W", "_", path.stem)
    module_name = f"_pipewright_local_{next(_counter)}_{stem}"
    loader_spec = importlib.util.spec_from_file_location(module_name, path)
    if loader_spec is None or loader_spec.loader is None:
        raise PipewrightError(f"cannot load {path} as a Python module")
    module = importlib.util.module_from_spec(loader_spec)
    sys.modules[module_name] = module  # dataclasses and pickling look modules up by name
    loader_spec.loader.exec_module(module)
    function = getattr(module, function_name, None)
    if not callable(function):
        raise PipewrightError(f"{file_name} has no function named {function_name!r}")
    return function


def collect_outputs(returned: Any, declared: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Map a return value to the declared outputs, as the server's executor does."""
    names = list(declared)
    if not names:
        if returned is None or (isinstance(returned, Mapping) and not returned):
            return {}
        raise OutputError(
            f"the component declares no outputs but returned {type(returned).__name__}"
        )
    if len(names) == 1 and not (isinstance(returned, Mapping) and set(returned) == set(names)):
        values: Mapping[str, Any] = {names[0]: returned}
    elif isinstance(returned, Mapping):
        values = returned
    else:
        raise OutputError(
            f"the component has outputs {', '.join(map(repr, names))} and must return a dict "
            f"keyed by them, not {type(returned).__name__}"
        )
    unexpected = [str(key) for key in values if key not in declared]
    if unexpected:
        raise OutputError(f"returned unknown output(s) {', '.join(map(repr, unexpected))}")
    missing = [n for n in names if not declared[n].get("optional") and values.get(n) is None]
    if missing:
        raise OutputError(f"did not return output(s) {', '.join(map(repr, missing))}")
    return {name: value for name, value in values.items() if value is not None}


@contextlib.contextmanager
def _importable_from(folder: Path) -> Iterator[None]:
    before = set(sys.modules)
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name in set(sys.modules) - before:
            origin = getattr(sys.modules[name], "__file__", None) or ""
            if (
                origin
                and Path(origin).resolve().is_relative_to(folder)
                and not name.startswith("_pipewright_local_")
            ):
                del sys.modules[name]


@contextlib.contextmanager
def _working_in(work: Path) -> Iterator[None]:
    # Relative paths a component writes land in its own folder, as on a worker.
    previous = os.getcwd()
    work.mkdir(parents=True, exist_ok=True)
    os.chdir(work)
    try:
        yield
    finally:
        os.chdir(previous)

"""Loading a python component's function and checking what it returns against its outputs.

Shared by the executor child and by ``testing.run_component`` so both call a component the same
way. It must not read or write port files (that is ``io``) and must not emit events.
"""

from __future__ import annotations

import ast
import compileall
import importlib.util
import itertools
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

_counter = itertools.count(1)
# Compiled here, in the zygote, not by each step's first load (about 0.3 ms a step).
NOT_IN_IDENTIFIER = re.compile(r"\W")


class OutputError(ValueError):
    """A component returned something that does not match its declared outputs."""


def split_entry_point(ref: str) -> tuple[str, str]:
    """``"split.py:run"`` → ``("split.py", "run")``."""
    file_name, sep, function = ref.partition(":")
    if not sep or not file_name.endswith(".py") or not function.isidentifier():
        raise ValueError(f"python entry point must look like 'file.py:function', not {ref!r}")
    return file_name, function


def precompile(component_dir: Path) -> None:
    """Write the bytecode of every Python file under `component_dir` into its `__pycache__`,
    as this interpreter would on import, over whatever is there. A walled step imports its
    component's code from a folder it cannot write to, so without this it compiles the code
    again at every step (about 1.5 ms for a small file with a helper module); and bytecode
    that came with the folder, which could say something else than the source, is replaced.
    A file that does not compile is left to fail at import, with its error. Each bytecode
    file gets its source's mode, each `__pycache__` its parent folder's, whatever this
    process's umask: a folder anyone may read stays so, and is bound into a step rather
    than copied."""
    compileall.compile_dir(component_dir, quiet=2, force=True, workers=1)
    for cache in Path(component_dir).rglob("__pycache__"):
        os.chmod(cache, os.stat(cache.parent).st_mode & 0o777)
        for compiled in cache.glob("*.pyc"):
            try:  # (a file named otherwise is not bytecode of a source here)
                source = Path(importlib.util.source_from_cache(str(compiled)))
            except ValueError:
                continue
            if source.is_file():
                os.chmod(compiled, os.stat(source).st_mode & 0o666)


def imported_modules(component_dir: Path, entry: str | None = None) -> frozenset[str] | None:
    """The top-level names of the modules a component's code imports: from its `entry` file
    (`split.py`) and the folder's own modules it imports in turn (a folder's own package: all
    of it), or from every Python file under `component_dir` without one; the folder's own
    modules are left out. None when that cannot be told from the text: a file that does not
    parse, or code that imports by name at run time (`__import__`, `importlib.import_module`)
    or runs code it was given (`exec`, `eval`, `compile`: Execute Python Script's user script
    may import anything)."""
    folder = Path(component_dir)
    every = sorted(folder.rglob("*.py"))
    own = {path.stem for path in every} | {path.name for path in folder.iterdir() if path.is_dir()}
    todo = every if entry is None else [folder / entry]
    seen: set[Path] = set()
    found: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            tree = ast.parse(path.read_bytes(), str(path))
        except (SyntaxError, ValueError, OSError):
            return None
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name.partition(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                # (A relative import: the folder's own modules beside this file, all of them.)
                names = [node.module.partition(".")[0]] if node.module and not node.level else []
                if node.level:
                    todo.extend(sorted(path.parent.rglob("*.py")))
            elif _runs_code_by_name(node):
                return None
            else:
                continue
            for name in names:
                if name in own:
                    todo.extend([folder / f"{name}.py", *sorted((folder / name).rglob("*.py"))])
                else:
                    found.add(name)
    return frozenset(found)


def _runs_code_by_name(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in ("__import__", "exec", "eval", "compile")
    return isinstance(node, ast.Attribute) and node.attr == "import_module"


def load_module(component_dir: Path, file_name: str) -> ModuleType:
    """Execute ``file_name`` from ``component_dir`` as a fresh module with a unique name."""
    path = (component_dir / file_name).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"component code {file_name!r} not found in {component_dir}")
    # Unique per load: two components may both have `main.py`, and a test may load one twice.
    stem = NOT_IN_IDENTIFIER.sub("_", path.stem)
    module_name = f"_pipewright_component_{next(_counter)}_{stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path} as a Python module")
    module = importlib.util.module_from_spec(spec)
    # Registered before running it: dataclasses and pickling look the module up by name.
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def load_function(component_dir: Path, ref: str) -> Callable[..., Any]:
    """The callable named by a ``python: file.py:function`` entry point."""
    file_name, function_name = split_entry_point(ref)
    module = load_module(component_dir, file_name)
    function = getattr(module, function_name, None)
    if not callable(function):
        raise AttributeError(f"{file_name} has no function named {function_name!r}")
    return function


def collect_outputs(returned: Any, declared: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Map a component's return value to its declared outputs, or raise ``OutputError``.

    With one output the value may be returned alone; a dict whose only key is that output's name
    is read as keyed by name. Optional outputs (``"optional": true``) may be missing or None.
    """
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
            f"the component has outputs {_quoted(names)} and must return a dict keyed by them, "
            f"not {type(returned).__name__}"
        )
    unexpected = [str(key) for key in values if key not in declared]
    if unexpected:
        raise OutputError(
            f"returned unknown output(s) {_quoted(unexpected)}; declared: {_quoted(names)}"
        )
    required = [name for name in names if not declared[name].get("optional")]
    missing = [name for name in required if values.get(name) is None]
    if missing:
        raise OutputError(f"did not return output(s) {_quoted(missing)}")
    return {name: value for name, value in values.items() if value is not None}


def _quoted(names: list[str]) -> str:
    return ", ".join(repr(name) for name in names)

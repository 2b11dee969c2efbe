"""A decorated function's code as a file that runs on its own: its source without decorators,
and the imports of the module-level names it uses.

A component runs on a worker that has none of the notebook's variables, so only what can be
imported there travels: modules (`import pandas as pd`), names importable from another module
(`from sklearn.linear_model import Ridge`) and plain constants. Anything else is refused here,
with the name, rather than failing later on the server. Hints are never evaluated in the
generated file (`from __future__ import annotations`), so names used only in hints need nothing.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import sys
import textwrap
import types
from collections.abc import Callable
from typing import Any

from pipewright.errors import ComponentDefinitionError

HEADER = "from __future__ import annotations\n"
CONSTANTS = (bool, int, float, str, bytes, type(None))


def function_module(function: Callable[..., Any]) -> str:
    """The text of a module that defines `function` exactly as written, minus decorators."""
    tree, lines = _parse(function)
    definition = tree.body[0]
    assert isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef)
    body = "\n".join(lines[definition.lineno - 1 :]).rstrip() + "\n"
    imports = [_import_line(function, name) for name in sorted(free_names(definition))]
    prelude = "".join(f"{line}\n" for line in imports if line)
    return f"{HEADER}\n{prelude}{chr(10) if prelude else ''}\n{body}"


def _parse(function: Callable[..., Any]) -> tuple[ast.Module, list[str]]:
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError) as exc:
        raise ComponentDefinitionError(
            f"cannot read the source of {function.__qualname__}: define it in a file or a "
            "notebook cell (not in an interactive prompt)"
        ) from exc
    tree = ast.parse(source)
    if not tree.body or not isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef):
        raise ComponentDefinitionError(f"{function.__qualname__} is not a plain function")
    if function.__code__.co_freevars:
        names = ", ".join(function.__code__.co_freevars)
        raise ComponentDefinitionError(
            f"{function.__qualname__} uses variables of an enclosing function ({names}); "
            "define components at the top level of a module"
        )
    return tree, source.splitlines()


def free_names(definition: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names the function's code reads that it does not define itself (hints left out)."""
    loaded: set[str] = set()
    bound = {a.arg for a in _arguments(definition.args)}
    for statement in definition.body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name):
                (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                bound.add(node.name)
            elif isinstance(node, ast.alias):
                bound.add((node.asname or node.name).split(".")[0])
    return loaded - bound - set(dir(builtins)) - {definition.name}


def _arguments(args: ast.arguments) -> list[ast.arg]:
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    return every + [a for a in (args.vararg, args.kwarg) if a is not None]


def _import_line(function: Callable[..., Any], name: str) -> str | None:
    """How the generated module gets `name`: an import, a constant, or nothing (not global)."""
    scope = function.__globals__
    if name not in scope:
        return None  # a local the scan could not see bound (e.g. via globals()); let it be
    value = scope[name]
    if isinstance(value, types.ModuleType):
        module = value.__name__
        return f"import {module}" if module == name else f"import {module} as {name}"
    if isinstance(value, CONSTANTS) or _is_constant_tuple(value):
        return f"{name} = {value!r}"
    origin = _importable_from(value, function.__module__)
    if origin is not None:
        module, attribute = origin
        alias = "" if attribute == name else f" as {name}"
        return f"from {module} import {attribute}{alias}"
    raise ComponentDefinitionError(
        f"{function.__qualname__} uses '{name}', defined in its own module, which does not "
        "travel with the component: move it inside the function, pass it as a parameter, or "
        "import it from an installed package"
    )


def _is_constant_tuple(value: Any) -> bool:
    return isinstance(value, tuple | frozenset) and all(isinstance(v, CONSTANTS) for v in value)


def _importable_from(value: Any, own_module: str) -> tuple[str, str] | None:
    module = getattr(value, "__module__", None)
    attribute = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    if not module or not attribute or module in (own_module, "__main__") or "." in attribute:
        return None
    loaded = sys.modules.get(module)
    if loaded is None or getattr(loaded, attribute, None) is not value:
        return None
    return module, attribute

"""Execute Python Script: run a user's ``main(data1, data2)`` and output what it returns.

The script is compiled under the name ``<script>`` and executed in a fresh namespace, so errors
point at the script's own line numbers; its print() output reaches the node's logs through the
executor's captured stdout. Must not give the script anything but the two inputs.
"""

from __future__ import annotations

import linecache
import traceback
from collections.abc import Callable
from typing import Any

import pandas as pd

SCRIPT_NAME = "<script>"


class ScriptError(Exception):
    """The user's script did not compile, define main, run, or return dataframes."""


def run(
    script: str, data1: pd.DataFrame | None = None, data2: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    main = load_main(script)
    try:
        returned = main(data1, data2)
    except Exception as error:
        raise ScriptError(
            f"main() failed at line {_script_line(error)} of the script: "
            f"{type(error).__name__}: {error}"
        ) from error
    result1, result2 = _results(returned)
    return {"result1": result1, "result2": result2}


def load_main(script: str) -> Callable[..., Any]:
    """The script's ``main``, from a fresh namespace; syntax errors name the line."""
    try:
        code = compile(script, SCRIPT_NAME, "exec")
    except SyntaxError as error:
        text = (error.text or "").strip()
        raise ScriptError(
            f"syntax error at line {error.lineno} of the script: {error.msg}"
            + (f": {text}" if text else "")
        ) from None
    # Tracebacks look source lines up by file name; this makes them show the script's lines.
    linecache.cache[SCRIPT_NAME] = (len(script), None, script.splitlines(True), SCRIPT_NAME)
    namespace: dict[str, Any] = {"__name__": "__script__"}
    try:
        exec(code, namespace)
    except Exception as error:
        raise ScriptError(
            f"the script failed at line {_script_line(error)} while loading: "
            f"{type(error).__name__}: {error}"
        ) from error
    main = namespace.get("main")
    if not callable(main):
        raise ScriptError("the script must define a function main(data1, data2)")
    return main


def _script_line(error: BaseException) -> int | None:
    """The line of the script where ``error`` was raised (its innermost frame in the script)."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename == SCRIPT_NAME]
    return lines[-1] if lines else None


def _results(returned: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    values = list(returned) if isinstance(returned, tuple | list) else [returned]
    if len(values) > 2:
        raise ScriptError(f"main() returned {len(values)} values; return at most two dataframes")
    values += [None] * (2 - len(values))
    for position, value in enumerate(values, start=1):
        if value is not None and not isinstance(value, pd.DataFrame):
            raise ScriptError(
                f"main() must return dataframes or None; result{position} is a "
                f"{type(value).__name__} (wrap a Series with .to_frame())"
            )
    first, second = (pd.DataFrame() if value is None else value for value in values)
    return first, second

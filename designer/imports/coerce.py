"""Values, names and versions from the text of a foreign file, by the type it declares.

Scalars arrive as the text written (see documents.py): `coerce` reads `'1000'` as 1000 for an
integer, `1e-3` as 0.001 for a number, `True` as the text "True" for a string, and refuses text
that does not fit, saying why. `infer` guesses the type of an untyped literal (a pipeline input
written as `20`). Names become ours (`Training data` → `training_data`); versions become semantic
versions (`01` → 1.0.0, `1.2` → 1.2.0). Plain Python: no Django.
"""

from __future__ import annotations

import math
import re
from typing import Any

from designer.imports.documents import Quoted, is_null

TRUE_WORDS = ("true", "yes", "on", "y")
FALSE_WORDS = ("false", "no", "off", "n")
INTEGER = re.compile(r"[-+]?[0-9][0-9_]*")
NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?")
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?")
NUMERIC_VERSION = re.compile(r"[0-9]+(\.[0-9]+){0,2}")
NAME_OK = re.compile(r"[a-z][a-z0-9_]*")


class CoerceError(ValueError):
    """A value does not fit its declared type; the message says what was expected."""


def coerce(value: Any, kind: str) -> Any:
    """`value` (text, or data already typed) as a value of `kind`: integer, number, boolean,
    string; None for a null."""
    if is_null(value) and kind != "string":
        return None
    if value is None:
        return None
    if kind == "string":
        return _text(value)
    if kind == "integer":
        return _integer(value)
    if kind == "number":
        return _number(value)
    if kind == "boolean":
        return _boolean(value)
    raise CoerceError(f"unknown value type {kind!r}")


def infer(value: Any) -> tuple[str, Any]:
    """(type, value) of an untyped literal: YAML's plain integers, numbers and booleans, else
    text. Quoted text stays text."""
    if isinstance(value, Quoted) or not isinstance(value, str):
        return "string", _text(value)
    if value.strip().lower() in ("true", "false"):  # YAML 1.2: not yes/no/on/off
        return "boolean", value.strip().lower() == "true"
    for kind in ("integer", "number"):
        try:
            return kind, coerce(value, kind)
        except CoerceError:
            continue
    return "string", value


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise CoerceError(
            f"expected text, got a {'mapping' if isinstance(value, dict) else 'list'}"
        )
    return str(value)


def _integer(value: Any) -> int:
    text = _scalar_text(value, "a whole number")
    if INTEGER.fullmatch(text):
        return int(text.replace("_", ""))
    if NUMBER.fullmatch(text) and float(text) == int(float(text)):
        return int(float(text))
    raise CoerceError(f"expected a whole number, got {text!r}")


def _number(value: Any) -> float | int:
    text = _scalar_text(value, "a number")
    if INTEGER.fullmatch(text):
        return int(text.replace("_", ""))
    if NUMBER.fullmatch(text):
        number = float(text.replace("_", ""))
        if math.isfinite(number):
            return number
    raise CoerceError(f"expected a number, got {text!r}")


def _boolean(value: Any) -> bool:
    text = _scalar_text(value, "true or false").lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CoerceError(f"expected true or false, got {text!r}")


def _scalar_text(value: Any, expected: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value).strip()
    raise CoerceError(f"expected {expected}, got {type(value).__name__}")


def to_name(text: str) -> str:
    """An identifier of ours from a foreign name: lower case, words joined by underscores."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(text)).lower())
    name = "_".join(words)
    if not name:
        raise CoerceError(f"{text!r} has no letters or digits to make a name of")
    return name if NAME_OK.fullmatch(name) else f"n_{name}"


def to_version(text: Any) -> str:
    """A semantic version from a foreign one: `3` → 3.0.0, `1.2` → 1.2.0, `01` → 1.0.0."""
    raw = str(text).strip()
    if SEMVER.fullmatch(raw):
        return raw
    if NUMERIC_VERSION.fullmatch(raw):
        parts = [str(int(part)) for part in raw.split(".")]
        return ".".join(parts + ["0"] * (3 - len(parts)))
    raise CoerceError(
        f"version {raw!r} cannot be read as a semantic version (like 1, 1.2 or 1.2.3); "
        "change it to one"
    )

"""Parameter declarations and the rules a parameter value must follow.

This module says whether a value fits a declared parameter and turns a fitting value into its
canonical Python type. It must not parse component.yaml (see `spec.py`) nor know about graphs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

PARAM_TYPES = (
    "integer",
    "number",
    "string",
    "boolean",
    "enum",
    "column",
    "columns",
    "code",
    "json",
)
# The types a `required_if` condition may look at: single values that compare by equality.
CONDITION_TYPES = ("integer", "number", "string", "boolean", "enum")


@dataclass(frozen=True)
class ParamSpec:
    """A declared parameter of a component.

    `has_default` tells a parameter whose spec gave a default apart from one that gave none; a
    non-null default always counts as given. A parameter with no default that is not optional is
    required: a pipeline node must set it.
    """

    name: str
    type: str
    default: Any = None
    optional: bool = False
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] = ()
    input: str | None = None
    language: str | None = None
    description: str = ""
    has_default: bool = False
    # `required_if`: (other parameter, its values) pairs; when any other parameter has one of
    # its listed values, this one needs a value too (checked by graph validation).
    required_if: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    # A column parameter that, left empty, falls back to the label column a step upstream
    # marks: a `required_if` rule is then met by such a step too (graph validation).
    label_fallback: bool = False
    # A boolean parameter that, when true, marks a column as the label for the steps downstream.
    marks_label: bool = False

    def __post_init__(self) -> None:
        if self.default is not None and not self.has_default:
            object.__setattr__(self, "has_default", True)

    @property
    def required(self) -> bool:
        return not self.has_default and not self.optional

    def to_dict(self) -> dict[str, Any]:
        data = {
            "type": self.type,
            "default": self.default,
            "optional": self.optional,
            "min": self.min,
            "max": self.max,
            "values": list(self.values),
            "input": self.input,
            "language": self.language,
            "description": self.description,
        }
        if self.required_if:
            # Only when set: specs stored before the field existed keep their exact shape.
            data["required_if"] = {name: list(values) for name, values in self.required_if}
        for flag in ("label_fallback", "marks_label"):
            if getattr(self, flag):
                data[flag] = True
        return data

    def required_by(self, values: Mapping[str, Any]) -> tuple[str, Any] | None:
        """The (parameter, value) among `values` that makes this parameter required, if any."""
        for name, allowed in self.required_if:
            if name in values and values[name] in allowed:
                return name, values[name]
        return None


def is_blank(value: object) -> bool:
    """No usable value: null, an empty or all-space string, or an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple) and not value


def check_param_value(param: ParamSpec, value: object) -> str | None:
    """Return None when `value` fits `param`, else a sentence saying what is wrong."""
    if value is None:
        if param.optional:
            return None
        return f"{param.name} needs a value; it is not optional"
    check = _CHECKS.get(param.type)
    if check is None:
        return f"{param.name} has unknown type '{param.type}'"
    return check(param, value)


def coerce_param_value(param: ParamSpec, value: object) -> object:
    """Turn a value that fits `param` into its canonical type: int for integer, float for number.

    A value that does not fit is returned unchanged; check it first with `check_param_value`.
    """
    if param.type == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if param.type == "number" and _is_int(value):
        return float(value)
    if param.type == "columns" and isinstance(value, list | tuple):
        return list(value)  # a copy, so callers never share the graph's own list
    return value


def show_value(value: object) -> str:
    """A short rendering of a value for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_whole(value: object) -> TypeGuard[int | float]:
    if _is_int(value):
        return True
    return isinstance(value, float) and math.isfinite(value) and value.is_integer()


def _is_number(value: object) -> TypeGuard[int | float]:
    if _is_int(value):
        return True
    return isinstance(value, float) and math.isfinite(value)


def _check_range(param: ParamSpec, value: float) -> str | None:
    low, high = param.min, param.max
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    if low is not None and high is not None:
        bounds = f"between {show_value(low)} and {show_value(high)}"
    elif low is not None:
        bounds = f"at least {show_value(low)}"
    else:
        bounds = f"at most {show_value(high)}"
    return f"{param.name} must be {bounds}, got {show_value(value)}"


def _check_integer(param: ParamSpec, value: object) -> str | None:
    if not _is_whole(value):
        return f"{param.name} must be a whole number, got {show_value(value)}"
    return _check_range(param, value)


def _check_number(param: ParamSpec, value: object) -> str | None:
    if not _is_number(value):
        return f"{param.name} must be a finite number, got {show_value(value)}"
    return _check_range(param, value)


def _check_text(param: ParamSpec, value: object) -> str | None:
    if isinstance(value, str):
        return None
    return f"{param.name} must be a string, got {show_value(value)}"


def _check_boolean(param: ParamSpec, value: object) -> str | None:
    if isinstance(value, bool):
        return None
    return f"{param.name} must be true or false, got {show_value(value)}"


def _check_enum(param: ParamSpec, value: object) -> str | None:
    if isinstance(value, str) and value in param.values:
        return None
    choices = ", ".join(param.values)
    return f"{param.name} must be one of {choices}; got {show_value(value)}"


def _check_column(param: ParamSpec, value: object) -> str | None:
    if isinstance(value, str) and value:
        return None
    return f"{param.name} must be the name of one column, got {show_value(value)}"


def _check_columns(param: ParamSpec, value: object) -> str | None:
    if isinstance(value, list | tuple) and all(isinstance(v, str) and v for v in value):
        return None
    return f"{param.name} must be a list of column names, got {show_value(value)}"


def _check_json(param: ParamSpec, value: object) -> str | None:
    # Structured settings written by a program, like a list of {name, dtype} columns.
    if _is_json(value):
        return None
    return (
        f"{param.name} must be plain JSON data (objects, lists, text, finite numbers, "
        f"true/false), got {show_value(value)}"
    )


def _is_json(value: object, depth: int = 0) -> bool:
    if depth > 32:
        return False
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list | tuple):
        return all(_is_json(item, depth + 1) for item in value)
    if isinstance(value, Mapping):
        items = value.items()
        return all(isinstance(key, str) and _is_json(item, depth + 1) for key, item in items)
    return False


_CHECKS: dict[str, Callable[[ParamSpec, object], str | None]] = {
    "integer": _check_integer,
    "number": _check_number,
    "string": _check_text,
    "boolean": _check_boolean,
    "enum": _check_enum,
    "column": _check_column,
    "columns": _check_columns,
    "code": _check_text,
    "json": _check_json,
}

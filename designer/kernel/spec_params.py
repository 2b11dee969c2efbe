"""Parsing the `parameters:` section of a component spec into ParamSpec values.

It checks each declaration (type, bounds, choices, column input, language) and each default
against its own declaration. It must not check values set on pipeline nodes; `graph.py` does
that with `check_param_value`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from designer.kernel.params import (
    CONDITION_TYPES,
    PARAM_TYPES,
    ParamSpec,
    check_param_value,
    coerce_param_value,
    show_value,
)
from designer.kernel.spec_fields import Report, check_keys, check_name, read_bool, read_text

PARAM_KEYS = (
    "type",
    "default",
    "optional",
    "min",
    "max",
    "values",
    "input",
    "language",
    "description",
    "required_if",
    "label_fallback",
    "marks_label",
)
NUMERIC_TYPES = ("integer", "number")
COLUMN_TYPES = ("column", "columns")


def parse_parameters(
    section: object, input_types: Mapping[str, str], report: Report
) -> tuple[ParamSpec, ...]:
    """Every well-formed parameter of the section, in order; `input_types` maps input -> type."""
    if section is None:
        return ()
    if not isinstance(section, Mapping):
        report(
            "parameters",
            "parameters must be a mapping of parameter name to its declaration, "
            f"like fraction: {{type: number, default: 0.5}}; got {show_value(section)}",
        )
        return ()
    params = []
    for name, body in section.items():
        param = _parse_parameter(name, body, input_types, report)
        if param is not None:
            params.append(param)
    # A condition names other parameters, so it is read once all of them are known.
    return tuple(_with_conditions(param, section[param.name], params, report) for param in params)


def _parse_parameter(
    name: Any, body: object, input_types: Mapping[str, str], report: Report
) -> ParamSpec | None:
    path = f"parameters.{name}"
    found: list[tuple[str, str]] = []

    def note(field: str, message: str) -> None:
        found.append((field, message))

    check_name(name, path, "parameter name", note)
    if name in input_types:
        note(
            path,
            f"parameter '{name}' has the same name as input '{name}'; both are passed "
            "to the code as keyword arguments, so rename one of them",
        )
    if not isinstance(body, Mapping):
        note(
            path,
            "a parameter must be a mapping like {type: integer, default: 0}, "
            f"got {show_value(body)}",
        )
        _flush(found, report)
        return None
    param = _declaration(str(name), body, input_types, note)
    if not found:
        param = _with_default(param, body, note)
    _flush(found, report)
    return None if found else param


def _declaration(
    name: str, body: Mapping[Any, Any], input_types: Mapping[str, str], report: Report
) -> ParamSpec:
    path = f"parameters.{name}"
    check_keys(body, PARAM_KEYS, path, report)
    kind = _read_type(body, path, report)
    low, high = _read_bounds(body, kind, path, report)
    return ParamSpec(
        name=name,
        type=kind or "",
        optional=read_bool(body, "optional", path, report, default=False),
        min=low,
        max=high,
        values=_read_values(body, kind, path, report),
        input=_read_input(body, kind, path, input_types, report),
        language=_read_language(body, kind, path, report),
        description=read_text(body, "description", path, report, default=""),
        label_fallback=_read_flag(body, "label_fallback", kind, "column", path, report),
        marks_label=_read_flag(body, "marks_label", kind, "boolean", path, report),
    )


def _read_flag(
    body: Mapping[Any, Any], key: str, kind: str | None, needs: str, path: str, report: Report
) -> bool:
    """A true/false key that only a parameter of type `needs` may set."""
    flag = read_bool(body, key, path, report, default=False)
    if flag and kind is not None and kind != needs:
        report(f"{path}.{key}", f"{key} applies only to a {needs} parameter, not a {kind} one")
        return False
    return flag


def _with_default(param: ParamSpec, body: Mapping[Any, Any], report: Report) -> ParamSpec:
    # A null default means "no default": that keeps to_dict() output parseable again.
    default = body.get("default")
    if default is None:
        return param
    problem = check_param_value(param, default)
    if problem is not None:
        report(f"parameters.{param.name}.default", f"invalid default: {problem}")
        return param
    value = coerce_param_value(param, default)
    return replace(param, default=value, has_default=True)


def _flush(found: list[tuple[str, str]], report: Report) -> None:
    for field, message in found:
        report(field, message)


def _read_type(body: Mapping[Any, Any], path: str, report: Report) -> str | None:
    kind = body.get("type")
    choices = ", ".join(PARAM_TYPES)
    if kind is None:
        report(f"{path}.type", f"missing type; use one of {choices}")
        return None
    if kind not in PARAM_TYPES:
        report(f"{path}.type", f"unknown parameter type {show_value(kind)}; use one of {choices}")
        return None
    return str(kind)


def _read_bounds(
    body: Mapping[Any, Any], kind: str | None, path: str, report: Report
) -> tuple[float | None, float | None]:
    bounds: dict[str, float | None] = {}
    for key in ("min", "max"):
        value = body.get(key)
        bounds[key] = None
        if value is None:
            continue
        if kind is not None and kind not in NUMERIC_TYPES:
            report(
                f"{path}.{key}", f"{key} only applies to integer and number parameters; remove it"
            )
        elif isinstance(value, bool) or not isinstance(value, int | float):
            report(f"{path}.{key}", f"{key} must be a number, got {show_value(value)}")
        else:
            bounds[key] = value
    low, high = bounds["min"], bounds["max"]
    if low is not None and high is not None and low > high:
        report(
            f"{path}.max",
            f"max ({show_value(high)}) is less than min ({show_value(low)}); make max at least min",
        )
    return low, high


def _read_values(
    body: Mapping[Any, Any], kind: str | None, path: str, report: Report
) -> tuple[str, ...]:
    values = body.get("values")
    if kind != "enum":
        if values not in (None, []) and kind is not None:
            report(f"{path}.values", "values only apply to enum parameters; remove them")
        return ()
    if values is None:
        report(
            f"{path}.values",
            "an enum parameter needs values: a non-empty list of choices, "
            "like [random, sequential]",
        )
        return ()
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        report(
            f"{path}.values",
            "values must be a non-empty list of strings, like "
            f"[random, sequential]; quote choices YAML reads as numbers or true/false; "
            f"got {show_value(values)}",
        )
        return ()
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        report(f"{path}.values", f"values lists {', '.join(repeated)} more than once")
    return tuple(values)


def _read_input(
    body: Mapping[Any, Any],
    kind: str | None,
    path: str,
    input_types: Mapping[str, str],
    report: Report,
) -> str | None:
    name = body.get("input")
    if name is None:
        return None
    frames = [port for port, port_type in input_types.items() if port_type == "dataframe"]
    hint = f"use one of {', '.join(frames)}" if frames else "this component has no dataframe input"
    if kind is not None and kind not in COLUMN_TYPES:
        report(f"{path}.input", "input only applies to column and columns parameters; remove it")
    elif not isinstance(name, str) or name not in input_types:
        report(
            f"{path}.input", f"input {show_value(name)} is not an input of this component; {hint}"
        )
    elif input_types[name] != "dataframe":
        report(
            f"{path}.input",
            f"input '{name}' is a {input_types[name]}, but columns come "
            f"from a dataframe input; {hint}",
        )
    else:
        return name
    return None


def _read_language(
    body: Mapping[Any, Any], kind: str | None, path: str, report: Report
) -> str | None:
    language = body.get("language")
    if language is None:
        return None
    if kind is not None and kind != "code":
        report(f"{path}.language", "language only applies to code parameters; remove it")
    elif not isinstance(language, str) or not language:
        report(
            f"{path}.language",
            f"language must be a non-empty string like python, got {show_value(language)}",
        )
    else:
        return language
    return None


def _with_conditions(
    param: ParamSpec, body: Mapping[Any, Any], params: list[ParamSpec], report: Report
) -> ParamSpec:
    """`param` with its `required_if` rule: {other: value} or {other: [values]}."""
    raw = body.get("required_if")
    if raw is None:
        return param
    path = f"parameters.{param.name}.required_if"
    if not isinstance(raw, Mapping) or not raw:
        report(
            path,
            "required_if must map another parameter to the value (or list of values) that "
            f"makes this one required, like {{mode: stratified}}; got {show_value(raw)}",
        )
        return param
    others = {other.name: other for other in params if other.name != param.name}
    conditions = []
    for name, given in raw.items():
        values = _condition_values(others, name, given, f"{path}.{name}", report)
        if values:
            conditions.append((str(name), values))
    return replace(param, required_if=tuple(conditions))


def _condition_values(
    others: Mapping[str, ParamSpec], name: Any, given: object, path: str, report: Report
) -> tuple[Any, ...]:
    """The checked values of one condition; empty (and reported) when it cannot be used."""
    other = others.get(name)
    if other is None:
        choices = ", ".join(others) or "none"
        report(
            path,
            f"required_if names {show_value(name)}, which is not another parameter of this "
            f"component; use one of: {choices}",
        )
        return ()
    if other.type not in CONDITION_TYPES:
        report(
            path,
            f"required_if cannot depend on '{other.name}', a {other.type} parameter; use one "
            f"of type {', '.join(CONDITION_TYPES)}",
        )
        return ()
    values = given if isinstance(given, list) else [given]
    # Checked as if required, so a null condition value is refused too.
    wrong = [check_param_value(replace(other, optional=False), value) for value in values]
    problem = next((text for text in wrong if text is not None), None)
    if not values or problem is not None:
        report(path, f"required_if on '{other.name}': {problem or 'list at least one value'}")
        return ()
    return tuple(coerce_param_value(other, value) for value in values)

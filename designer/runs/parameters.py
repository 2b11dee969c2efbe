"""Pipeline parameter values for a run: the pipeline's defaults overlaid with the caller's."""

from typing import Any

from designer.errors import GraphInvalid

_CHECKS = {
    "integer": lambda v: (
        isinstance(v, int) and not isinstance(v, bool) or (isinstance(v, float) and v.is_integer())
    ),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
}


def resolve_run_parameters(definitions: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise GraphInvalid([_issue(None, "malformed", "parameters must be an object.")])
    known = ", ".join(sorted(definitions)) or "none"
    errors = [
        _issue(
            name,
            "unknown_pipeline_param",
            f"The pipeline has no parameter '{name}'; its parameters are: {known}.",
        )
        for name in given
        if name not in definitions
    ]
    values: dict[str, Any] = {}
    for name, definition in definitions.items():
        value = given.get(name, definition.get("default"))
        kind = definition.get("type", "string")
        check = _CHECKS.get(kind)
        if value is None or check is None or check(value):
            values[name] = int(value) if kind == "integer" and value is not None else value
        else:
            errors.append(
                _issue(
                    name, "invalid_param", f"Parameter '{name}' must be a {kind}; got {value!r}."
                )
            )
    if errors:
        raise GraphInvalid(errors)
    return values


def with_run_values(definitions: dict[str, Any], values: dict[str, Any]) -> dict[str, Any] | None:
    """The pipeline parameters with the run's values as their defaults, so validating the graph
    against them checks every bound node parameter (type, range, choices, `required_if`) with
    the values this run will use; None when the run keeps every default."""
    if all(values.get(name) == body.get("default") for name, body in definitions.items()):
        return None
    return {name: {**body, "default": values.get(name)} for name, body in definitions.items()}


def _issue(param: str | None, code: str, message: str) -> dict[str, Any]:
    return {"node": None, "port": None, "param": param, "code": code, "message": message}

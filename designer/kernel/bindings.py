"""Parameter values in a pipeline: pipeline parameters, node values and `$param` bindings.

It checks the pipeline's parameter declarations and each node's parameter values against the
component spec, and resolves the final values a node runs with. It must not check graph
structure (nodes, edges, ports); `graph.py` does that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from designer.kernel.issues import GraphIssue
from designer.kernel.params import ParamSpec, check_param_value, coerce_param_value, show_value
from designer.kernel.spec import ComponentSpec

PIPELINE_PARAM_TYPES = ("integer", "number", "string", "boolean")
PIPELINE_PARAM_KEYS = ("type", "default", "description")
BINDING_KEY = "$param"

# Which pipeline parameter types can feed a node parameter of each type.
ACCEPTS: dict[str, tuple[str, ...]] = {
    "integer": ("integer",),
    "number": ("integer", "number"),
    "string": ("string",),
    "boolean": ("boolean",),
    "enum": ("string",),
    "column": ("string",),
    "columns": (),
    "code": ("string",),
    "json": (),
}


def binding_name(value: object) -> str | None:
    """The pipeline parameter a `{"$param": name}` value binds to, else None."""
    name = value.get(BINDING_KEY) if isinstance(value, Mapping) else None
    return name if isinstance(name, str) else None


def check_pipeline_parameters(parameters: object) -> tuple[dict[str, ParamSpec], list[GraphIssue]]:
    """The well-formed pipeline parameters by name, and a `malformed` issue for each other one."""
    if parameters is None:
        return {}, []
    if not isinstance(parameters, Mapping):
        message = (
            "pipeline parameters must be an object mapping each name to "
            f'{{"type", "default", "description"}}; got {show_value(parameters)}'
        )
        return {}, [GraphIssue("malformed", message)]
    declared: dict[str, ParamSpec] = {}
    issues: list[GraphIssue] = []
    for name, body in parameters.items():
        problem = _pipeline_param_problem(name, body)
        if problem is not None:
            issues.append(GraphIssue("malformed", problem, param=str(name)))
            continue
        param = ParamSpec(
            name=name, type=body["type"], optional=True, description=body.get("description") or ""
        )
        declared[name] = replace(param, default=coerce_param_value(param, body.get("default")))
    return declared, issues


def check_node_params(
    node_id: str, values: Mapping[Any, Any], spec: ComponentSpec, pipeline: Mapping[str, ParamSpec]
) -> list[GraphIssue]:
    """Issues with one node's parameter values: unknown, invalid, unbound or missing ones."""
    issues: list[GraphIssue] = []
    for name, value in values.items():
        param = spec.param(name) if isinstance(name, str) else None
        if param is None:
            known = ", ".join(p.name for p in spec.parameters) or "none"
            message = f"{node_id} has no parameter '{name}'; {spec.ref} takes: {known}"
            issues.append(GraphIssue("unknown_param", message, node=node_id, param=str(name)))
            continue
        issue = _value_issue(node_id, param, value, pipeline)
        if issue is not None:
            issues.append(issue)
    for param in spec.parameters:
        if param.required and values.get(param.name) is None:
            message = f"{node_id}.{param.name} needs a value: it has no default and is not optional"
            issues.append(GraphIssue("missing_param", message, node=node_id, param=param.name))
    return issues


def resolve_params(
    node: Mapping[str, Any], spec: ComponentSpec, pipeline_values: Mapping[str, Any]
) -> dict[str, Any]:
    """The value of every spec parameter for one node, coerced to its type.

    A value set on the node wins; a `$param` binding takes the pipeline value (pipeline defaults
    overlaid with the run's values); otherwise the spec default applies (None when it has none).
    """
    values = node.get("params") or {}
    resolved: dict[str, Any] = {}
    for param in spec.parameters:
        value = values.get(param.name)
        bound = binding_name(value)
        if bound is not None:
            value = pipeline_values.get(bound)
        if value is None:
            value = param.default
        resolved[param.name] = coerce_param_value(param, value)
    return resolved


def _pipeline_param_problem(name: object, body: object) -> str | None:
    if not isinstance(name, str) or not name:
        return f"a pipeline parameter name must be a non-empty string, got {show_value(name)}"
    if not isinstance(body, Mapping):
        return f'pipeline parameter \'{name}\' must be an object like {{"type": "integer"}}'
    unknown = [str(key) for key in body if key not in PIPELINE_PARAM_KEYS]
    if unknown:
        return (
            f"pipeline parameter '{name}' has unknown keys {', '.join(unknown)}; "
            f"allowed keys are {', '.join(PIPELINE_PARAM_KEYS)}"
        )
    kind = body.get("type")
    if kind not in PIPELINE_PARAM_TYPES:
        return (
            f"pipeline parameter '{name}' has type {show_value(kind)}; "
            f"use one of {', '.join(PIPELINE_PARAM_TYPES)}"
        )
    if not isinstance(body.get("description", ""), str | None):
        return f"the description of pipeline parameter '{name}' must be a string"
    problem = check_param_value(ParamSpec(name=name, type=kind, optional=True), body.get("default"))
    if problem is not None:
        return f"the default of pipeline parameter '{name}' does not fit its type: {problem}"
    return None


def _value_issue(
    node_id: str, param: ParamSpec, value: object, pipeline: Mapping[str, ParamSpec]
) -> GraphIssue | None:
    if isinstance(value, Mapping) and BINDING_KEY in value:
        return _binding_issue(node_id, param, value, pipeline)
    if value is None:
        return None  # a null value means "not set": the default applies, or missing_param
    problem = check_param_value(param, value)
    if problem is None:
        return None
    return GraphIssue("invalid_param", f"{node_id}.{problem}", node=node_id, param=param.name)


def _binding_issue(
    node_id: str, param: ParamSpec, value: Mapping[Any, Any], pipeline: Mapping[str, ParamSpec]
) -> GraphIssue | None:
    name = binding_name(value)
    where = f"{node_id}.{param.name}"
    if name is None or len(value) != 1:
        message = f'{where} has a malformed binding; write {{"$param": "<pipeline parameter>"}}'
        return GraphIssue("invalid_param", message, node=node_id, param=param.name)
    target = pipeline.get(name)
    if target is None:
        known = ", ".join(pipeline) or "none are defined"
        message = f"{where} is bound to pipeline parameter '{name}', which does not exist ({known})"
        return GraphIssue("unknown_pipeline_param", message, node=node_id, param=param.name)
    if target.type not in ACCEPTS.get(param.type, ()):
        message = (
            f"{where} is a {param.type} parameter and cannot take pipeline parameter "
            f"'{name}', which is a {target.type}"
        )
        return GraphIssue("invalid_param", message, node=node_id, param=param.name)
    problem = check_param_value(param, target.default) if target.default is not None else None
    if problem is not None:
        message = f"{where} is bound to '{name}', whose value does not fit: {problem}"
        return GraphIssue("invalid_param", message, node=node_id, param=param.name)
    return None

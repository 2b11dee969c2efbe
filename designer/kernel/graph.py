"""Validating a pipeline graph against the component specs it uses.

`validate_graph` never raises: it returns every problem as a GraphIssue with a stable code, so an
editor can mark each node, port and parameter at once. This module must not look components up
itself (the caller passes `resolve`) nor decide how a run is scheduled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from designer.kernel.bindings import (
    binding_name,
    check_node_params,
    check_pipeline_parameters,
    resolve_params,
)
from designer.kernel.issues import GraphIssue
from designer.kernel.names import node_id_problem
from designer.kernel.params import ParamSpec, coerce_param_value, is_blank, show_value
from designer.kernel.spec import ComponentSpec
from designer.kernel.traversal import downstream_closure, find_cycles, topological_order, upstream

__all__ = [
    "ISSUE_CODES",
    "GraphIssue",
    "downstream_closure",
    "resolve_params",
    "topological_order",
    "upstream",
    "validate_graph",
]

ISSUE_CODES = (
    "malformed",
    "duplicate_node",
    "invalid_node_id",
    "unknown_component",
    "unknown_port",
    "type_mismatch",
    "duplicate_edge",
    "missing_input",
    "cycle",
    "unknown_param",
    "invalid_param",
    "missing_param",
    "unknown_pipeline_param",
    "required_param",
)
COMPONENT_REF = re.compile(r"[^@\s]+@[^@\s]+")
EDGE_KEYS = ("source", "source_port", "target", "target_port")
# A node's own timeout and retry limit (null keeps its component's): (lowest, highest, unit).
NODE_LIMITS = {"timeout": (1, 7 * 24 * 3600, "seconds"), "max_retries": (0, 10, "retries")}

Resolver = Callable[[str], ComponentSpec | None]


@dataclass(frozen=True)
class _Edge:
    source: str
    source_port: str
    target: str
    target_port: str


def validate_graph(
    graph: object, resolve: Resolver, parameters: Mapping[str, Any] | None = None
) -> list[GraphIssue]:
    """Every problem of a pipeline graph and its pipeline parameters; empty when it is valid."""
    if not isinstance(graph, Mapping):
        message = (
            f'a graph must be an object with "nodes" and "edges" lists; got {show_value(graph)}'
        )
        return [GraphIssue("malformed", message)]
    pipeline, issues = check_pipeline_parameters(parameters)
    nodes = _list_field(graph, "nodes", issues)
    edges = _list_field(graph, "edges", issues)
    specs = _check_nodes(nodes, _cached(resolve), pipeline, issues)
    wired = _check_edges(edges, specs, issues)
    issues.extend(_missing_inputs(specs, wired))
    issues.extend(_conditional_issues(nodes, specs, wired, pipeline))
    for path in find_cycles(list(specs), [(edge.source, edge.target) for edge in wired]):
        message = f"nodes {' → '.join(path)} form a cycle; remove one of these edges"
        issues.append(GraphIssue("cycle", message, node=path[0]))
    return issues


def _cached(resolve: Resolver) -> Resolver:
    # A graph often uses one component many times; look each ref up once.
    found: dict[str, ComponentSpec | None] = {}

    def lookup(ref: str) -> ComponentSpec | None:
        if ref not in found:
            found[ref] = resolve(ref)
        return found[ref]

    return lookup


def _list_field(graph: Mapping[str, Any], key: str, issues: list[GraphIssue]) -> list[Any]:
    value = graph.get(key)
    if isinstance(value, list):
        return value
    message = f'the graph needs a list "{key}"; got {show_value(value)}'
    issues.append(GraphIssue("malformed", message))
    return []


def _check_nodes(
    nodes: list[Any], resolve: Resolver, pipeline: Mapping[str, ParamSpec], issues: list[GraphIssue]
) -> dict[str, ComponentSpec | None]:
    """Check each node on its own; return the spec (None if unknown) of each usable node id."""
    specs: dict[str, ComponentSpec | None] = {}
    for number, node in enumerate(nodes, start=1):
        node_id = _node_id(number, node, specs, issues)
        if node_id is None:
            continue
        spec = _node_spec(node_id, node.get("component"), resolve, issues)
        specs[node_id] = spec
        issues.extend(_node_field_issues(node_id, node))
        values = node.get("params")
        if values is not None and not isinstance(values, Mapping):
            message = f"{node_id}: params must be an object mapping parameter names to values"
            issues.append(GraphIssue("malformed", message, node=node_id))
        elif spec is not None:
            issues.extend(check_node_params(node_id, values or {}, spec, pipeline))
    return specs


def _node_id(
    number: int, node: object, seen: Mapping[str, Any], issues: list[GraphIssue]
) -> str | None:
    if not isinstance(node, Mapping):
        message = f"node #{number} must be an object with an id and a component"
        issues.append(GraphIssue("malformed", message))
        return None
    node_id = node.get("id")
    if not isinstance(node_id, str) or not node_id:
        message = f"node #{number} needs an id: a non-empty string; got {show_value(node_id)}"
        issues.append(GraphIssue("malformed", message))
        return None
    if node_id in seen:
        message = f"more than one node has the id '{node_id}'; give each node its own id"
        issues.append(GraphIssue("duplicate_node", message, node=node_id))
        return None
    problem = node_id_problem(node_id)
    if problem is not None:
        # Still checked as a node below, so its edges do not also report a missing node.
        issues.append(GraphIssue("invalid_node_id", f"node #{number}: {problem}", node=node_id))
    return node_id


def _node_spec(
    node_id: str, ref: object, resolve: Resolver, issues: list[GraphIssue]
) -> ComponentSpec | None:
    if not isinstance(ref, str) or COMPONENT_REF.fullmatch(ref) is None:
        message = (
            f"{node_id}: component must be name@version, like split_data@1.0.0; "
            f"got {show_value(ref)}"
        )
        issues.append(GraphIssue("malformed", message, node=node_id))
        return None
    spec = resolve(ref)
    if spec is None:
        message = f"{node_id} uses component '{ref}', which is not registered"
        issues.append(GraphIssue("unknown_component", message, node=node_id))
    return spec


def _node_field_issues(node_id: str, node: Mapping[str, Any]) -> list[GraphIssue]:
    problems = []
    compute = node.get("compute")
    if compute is not None and (not isinstance(compute, str) or not compute.strip()):
        problems.append("compute must be null (the pipeline default) or a compute target name")
    if "reuse" in node and not isinstance(node["reuse"], bool):
        problems.append("reuse must be true or false")
    if node.get("comment") is not None and not isinstance(node["comment"], str):
        problems.append("comment must be a string")
    if "position" in node and not _is_position(node["position"]):
        problems.append('position must be an object {"x": number, "y": number}')
    for key, (low, high, unit) in NODE_LIMITS.items():
        value = node.get(key)
        if value is not None and not _is_whole_within(value, low, high):
            problems.append(
                f"{key} must be a whole number of {unit} from {low} to {high}, "
                f"or null for the component's default; got {show_value(value)}"
            )
    return [GraphIssue("malformed", f"{node_id}: {problem}", node=node_id) for problem in problems]


def _is_whole_within(value: object, low: int, high: int) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return low <= value <= high and float(value).is_integer()


def _is_position(value: object) -> bool:
    if not isinstance(value, Mapping):
        return False
    return all(
        isinstance(value.get(axis), int | float) and not isinstance(value.get(axis), bool)
        for axis in ("x", "y")
    )


def _check_edges(
    edges: list[Any], specs: Mapping[str, ComponentSpec | None], issues: list[GraphIssue]
) -> list[_Edge]:
    """Check each edge; return those whose two nodes exist, for the whole-graph checks."""
    wired = []
    for number, raw in enumerate(edges, start=1):
        edge = _edge(number, raw, issues)
        if edge is None or not _ends_exist(number, edge, specs, issues):
            continue
        wired.append(edge)
        issues.extend(_port_issues(edge, specs))
    fan_in = Counter((edge.target, edge.target_port) for edge in wired)
    for (target, port), count in fan_in.items():
        if count > 1:
            message = f"input {target}.{port} has {count} incoming edges; an input takes one"
            issues.append(GraphIssue("duplicate_edge", message, node=target, port=port))
    return wired


def _edge(number: int, raw: object, issues: list[GraphIssue]) -> _Edge | None:
    if not isinstance(raw, Mapping):
        message = f"edge #{number} must be an object with {', '.join(EDGE_KEYS)}"
        issues.append(GraphIssue("malformed", message))
        return None
    lacking = [key for key in EDGE_KEYS if not isinstance(raw.get(key), str) or not raw.get(key)]
    if lacking:
        message = f"edge #{number} needs {', '.join(lacking)}: each a non-empty string"
        issues.append(GraphIssue("malformed", message))
        return None
    return _Edge(*(raw[key] for key in EDGE_KEYS))


def _ends_exist(
    number: int, edge: _Edge, specs: Mapping[str, Any], issues: list[GraphIssue]
) -> bool:
    # Point the issue at the end that does exist, so an editor can show it on that node.
    ends = [
        (edge.source, "comes from", edge.target, edge.target_port),
        (edge.target, "goes to", edge.source, edge.source_port),
    ]
    fine = True
    for missing, verb, other, other_port in ends:
        if missing not in specs:
            fine = False
            message = f"edge #{number} {verb} node '{missing}', which does not exist"
            known = other in specs
            issues.append(
                GraphIssue(
                    "malformed",
                    message,
                    node=other if known else None,
                    port=other_port if known else None,
                )
            )
    return fine


def _port_issues(edge: _Edge, specs: Mapping[str, ComponentSpec | None]) -> list[GraphIssue]:
    source_spec, target_spec = specs[edge.source], specs[edge.target]
    issues = []
    output = source_spec.output(edge.source_port) if source_spec else None
    if source_spec is not None and output is None:
        names = ", ".join(port.name for port in source_spec.outputs)
        message = f"{edge.source} has no output '{edge.source_port}'; its outputs are: {names}"
        issues.append(GraphIssue("unknown_port", message, node=edge.source, port=edge.source_port))
    port = target_spec.input(edge.target_port) if target_spec else None
    if target_spec is not None and port is None:
        names = ", ".join(p.name for p in target_spec.inputs) or "none"
        message = f"{edge.target} has no input '{edge.target_port}'; its inputs are: {names}"
        issues.append(GraphIssue("unknown_port", message, node=edge.target, port=edge.target_port))
    if output is not None and port is not None and output.type != port.type:
        message = (
            f"{edge.target}.{edge.target_port} expects {port.type} "
            f"but {edge.source}.{edge.source_port} gives {output.type}"
        )
        issues.append(GraphIssue("type_mismatch", message, node=edge.target, port=port.name))
    return issues


def _missing_inputs(
    specs: Mapping[str, ComponentSpec | None], wired: list[_Edge]
) -> list[GraphIssue]:
    connected = {(edge.target, edge.target_port) for edge in wired}
    issues = []
    for node_id, spec in specs.items():
        for port in spec.inputs if spec else ():
            if not port.optional and (node_id, port.name) not in connected:
                message = (
                    f"input {node_id}.{port.name} is not connected; "
                    f"connect an output of type {port.type} to it"
                )
                issues.append(GraphIssue("missing_input", message, node=node_id, port=port.name))
    return issues


# A value known only when a run starts: a binding to a pipeline parameter without a default.
_AT_RUN_TIME = object()


def _conditional_issues(
    nodes: list[Any],
    specs: Mapping[str, ComponentSpec | None],
    wired: list[_Edge],
    pipeline: Mapping[str, ParamSpec],
) -> list[GraphIssue]:
    """`required_param` issues of every node, once the edges (and so the ancestors) are known."""
    values = {
        node["id"]: node.get("params")
        for node in nodes
        if isinstance(node, Mapping) and isinstance(node.get("id"), str)
    }
    parents: dict[str, set[str]] = {}
    for edge in wired:
        parents.setdefault(edge.target, set()).add(edge.source)

    def marks_label_upstream(node_id: str) -> bool:
        seen: set[str] = set()
        queue = list(parents.get(node_id, ()))
        while queue:
            current = queue.pop()
            if current in seen:
                continue
            seen.add(current)
            if _marks_label(specs.get(current), values.get(current), pipeline):
                return True
            queue.extend(parents.get(current, ()))
        return False

    issues = []
    for node_id, spec in specs.items():
        params = values.get(node_id)
        if spec is not None and (params is None or isinstance(params, Mapping)):
            issues.extend(
                _conditional_param_issues(
                    node_id, params or {}, spec, pipeline, marks_label_upstream
                )
            )
    return issues


def _marks_label(
    spec: ComponentSpec | None, values: object, pipeline: Mapping[str, ParamSpec]
) -> bool:
    """Does this node mark a label column (a `marks_label` parameter that is, or may be, true)?"""
    if spec is None or not isinstance(values, Mapping):
        return False
    for param in spec.parameters:
        if param.marks_label:
            value = _effective_value(param, values.get(param.name), pipeline)
            if value is True or value is _AT_RUN_TIME:
                return True
    return False


def _conditional_param_issues(
    node_id: str,
    values: Mapping[Any, Any],
    spec: ComponentSpec,
    pipeline: Mapping[str, ParamSpec],
    marks_label_upstream: Callable[[str], bool] = lambda _node: False,
) -> list[GraphIssue]:
    """`required_param` for each parameter that another parameter's value makes required.

    Values are the node's, a bound pipeline parameter's default, or else the spec's default; a
    binding with no default is not known yet, so it neither triggers a rule nor breaks one. A
    `label_fallback` parameter left empty is fine when a step upstream marks a label column.
    """
    if not any(param.required_if for param in spec.parameters):
        return []
    effective = {p.name: _effective_value(p, values.get(p.name), pipeline) for p in spec.parameters}
    issues = []
    for param in spec.parameters:
        cause = param.required_by(effective)
        # A parameter required anyway already has its missing_param issue.
        if cause is None or param.required or not is_blank(effective[param.name]):
            continue
        if param.label_fallback and marks_label_upstream(node_id):
            continue
        other, value = cause
        fallback = ", or mark a label column upstream" if param.label_fallback else ""
        message = (
            f"{node_id}.{param.name} needs a value when {other} is {show_value(value)}; "
            f"set {param.name}{fallback}, or change {other}"
        )
        issues.append(GraphIssue("required_param", message, node=node_id, param=param.name))
    return issues


def _effective_value(param: ParamSpec, value: object, pipeline: Mapping[str, ParamSpec]) -> Any:
    bound = binding_name(value)
    if bound is not None:
        target = pipeline.get(bound)
        if target is None or target.default is None:
            return _AT_RUN_TIME
        value = target.default
    if value is None:
        return param.default
    return coerce_param_value(param, value)

"""The graph a local run executes and the values each node gets, by the server's rules.

Disabled nodes are bypassed (their outgoing edges re-attached to what feeds their first input of
the same type), pipeline parameters are the defaults overlaid with the run's values, and a
node's parameters are its own values, then its `$param` bindings, then the spec defaults, each
coerced to its type (an integer parameter given 3.0 gets 3). Pure: plain data in and out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pipewright.errors import PipelineDefinitionError

SpecOf = Callable[[str], Mapping[str, Any]]  # node id -> its component.yaml mapping

_CHECKS: dict[str, Callable[[Any], bool]] = {
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
}


def run_parameters(definitions: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(definitions))
    if unknown:
        known = ", ".join(sorted(definitions)) or "none"
        raise PipelineDefinitionError(
            f"the pipeline has no parameter {', '.join(unknown)}; its parameters are: {known}"
        )
    values: dict[str, Any] = {}
    for name, definition in definitions.items():
        value = given.get(name, definition.get("default"))
        kind = definition.get("type", "string")
        check = _CHECKS.get(kind)
        if value is not None and check is not None and not check(value):
            raise PipelineDefinitionError(f"parameter '{name}' must be a {kind}; got {value!r}")
        values[name] = int(value) if kind == "integer" and value is not None else value
    return values


def node_params(
    node: Mapping[str, Any], spec: Mapping[str, Any], pipeline_values: Mapping[str, Any]
) -> dict[str, Any]:
    values = node.get("params") or {}
    resolved: dict[str, Any] = {}
    for name, param in (spec.get("parameters") or {}).items():
        value = values.get(name)
        bound = value.get("$param") if isinstance(value, Mapping) else None
        if isinstance(bound, str):
            value = pipeline_values.get(bound)
        if value is None:
            value = (param or {}).get("default")
        resolved[name] = coerce(str((param or {}).get("type")), value)
    return resolved


def coerce(kind: str, value: Any) -> Any:
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "number" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind == "columns" and isinstance(value, list | tuple):
        return list(value)
    return value


def bypass_disabled(graph: Mapping[str, Any], spec_of: SpecOf) -> dict[str, Any]:
    nodes = list(graph.get("nodes") or [])
    disabled = {n["id"] for n in nodes if n.get("disabled")}
    edges = list(graph.get("edges") or [])
    if not disabled:
        return {"nodes": nodes, "edges": edges}
    feeds = {(e["target"], e["target_port"]): e for e in edges}

    def origin(node_id: str, port: str, seen: frozenset[str]) -> tuple[str, str] | None:
        if node_id not in disabled:
            return node_id, port
        if node_id in seen:
            return None
        spec = spec_of(node_id)
        out = (spec.get("outputs") or {}).get(port)
        if out is None:
            return None
        for name, body in (spec.get("inputs") or {}).items():
            edge = feeds.get((node_id, name))
            if edge is not None and (body or {}).get("type") == out.get("type"):
                return origin(edge["source"], edge["source_port"], seen | {node_id})
        return None

    kept = []
    for edge in edges:
        if edge["target"] in disabled:
            continue
        found = origin(edge["source"], edge["source_port"], frozenset())
        if found is not None:
            kept.append({**edge, "source": found[0], "source_port": found[1]})
    return {"nodes": [n for n in nodes if n["id"] not in disabled], "edges": kept}


def topological(graph: Mapping[str, Any]) -> list[str]:
    """Node ids, each after every node it reads from; a cycle is refused."""
    order = [n["id"] for n in graph["nodes"]]
    parents: dict[str, set[str]] = {node_id: set() for node_id in order}
    for edge in graph["edges"]:
        parents[edge["target"]].add(edge["source"])
    placed: list[str] = []
    while len(placed) < len(order):
        ready = [n for n in order if n not in placed and parents[n] <= set(placed)]
        if not ready:
            stuck = ", ".join(n for n in order if n not in placed)
            raise PipelineDefinitionError(f"the graph has a cycle through {stuck}")
        placed.append(ready[0])
    return placed

"""Design-time column schemas: the columns that reach every port of a pipeline before it runs.

`propagate_schemas` walks the graph parents first. An output's columns come from the last run
when the caller knows them (`known_outputs`), else from its component's `schema:` rule applied to
the columns reaching its inputs and to the node's parameter values, else they are unknown. It
tolerates any graph an editor may hold (unknown components, dangling edges, cycles): what cannot
be worked out is "unknown", never an error. Plain data in, plain data out; no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from designer.kernel.bindings import resolve_params
from designer.kernel.schema_parse import parse_rule
from designer.kernel.schema_rules import Column, SchemaRule, apply_rule
from designer.kernel.spec import ComponentSpec
from designer.kernel.traversal import tolerant_order

__all__ = [
    "Column",
    "SchemaRule",
    "apply_rule",
    "node_params",
    "parameter_defaults",
    "parse_rule",
    "propagate_schemas",
    "tolerant_order",
]

Resolver = Callable[[str], ComponentSpec | None]
PortKey = tuple[str, str]
ColumnDicts = list[dict[str, Any]]
PortSchema = dict[str, Any]
"""`{"columns": [{"name", "dtype"}] | None, "source": "run" | "rule" | "unknown"}`."""

UNKNOWN: PortSchema = {"columns": None, "source": "unknown"}


def propagate_schemas(
    graph: object,
    resolve: Resolver,
    known_outputs: Mapping[PortKey, Sequence[Mapping[str, Any]]],
    parameters: Mapping[str, Any] | None = None,
) -> dict[str, dict[str, dict[str, PortSchema]]]:
    """`{node_id: {"inputs": {port: S}, "outputs": {port: S}}}` for every node of `graph`.

    `known_outputs` maps `(node_id, output port)` to the columns a run produced there; they win
    over rules. `parameters` are the pipeline's parameter declarations, whose defaults feed
    `{"$param": name}` bindings.
    """
    if not isinstance(graph, Mapping):
        return {}
    nodes = _nodes_by_id(graph)
    incoming, outgoing = _wiring(graph, nodes)
    defaults = parameter_defaults(parameters)
    produced: dict[PortKey, PortSchema] = {}
    result: dict[str, dict[str, dict[str, PortSchema]]] = {}
    for node_id in tolerant_order(graph):
        node = nodes[node_id]
        spec = _spec_of(node, resolve)
        in_ports = [p.name for p in spec.inputs] if spec else _ports(incoming, node_id)
        inputs = {
            port: _copy(produced.get(incoming.get((node_id, port)) or ("", ""), UNKNOWN))
            for port in in_ports
        }
        out_ports = [p.name for p in spec.outputs] if spec else _ports(outgoing, node_id)
        outputs: dict[str, PortSchema] = {}
        for port in out_ports:
            known = known_outputs.get((node_id, port))
            if known is not None:
                outputs[port] = {"columns": _clean(known), "source": "run"}
            else:
                outputs[port] = _by_rule(spec, port, node, inputs, defaults)
            produced[(node_id, port)] = outputs[port]
        result[node_id] = {"inputs": inputs, "outputs": outputs}
    return result


def _by_rule(
    spec: ComponentSpec | None,
    port: str,
    node: Mapping[str, Any],
    inputs: Mapping[str, PortSchema],
    defaults: Mapping[str, Any],
) -> PortSchema:
    declared = spec.output(port) if spec else None
    rule = declared.schema if declared is not None and declared.type == "dataframe" else None
    if spec is None or rule is None:
        return _copy(UNKNOWN)
    columns = {name: _columns(schema["columns"]) for name, schema in inputs.items()}
    found = apply_rule(rule, columns, node_params(node, spec, defaults))
    if found is None:
        return _copy(UNKNOWN)
    return {"columns": [column.to_dict() for column in found], "source": "rule"}


def _columns(dicts: ColumnDicts | None) -> list[Column] | None:
    return None if dicts is None else [Column(c["name"], c["dtype"]) for c in dicts]


def node_params(
    node: Mapping[str, Any], spec: ComponentSpec, defaults: Mapping[str, Any]
) -> dict[str, Any]:
    """The node's parameter values, `$param` bindings taking `defaults`; {} if malformed."""
    values = node.get("params")
    usable = {"params": values if isinstance(values, Mapping) else {}}
    try:
        return resolve_params(usable, spec, defaults)
    except (TypeError, ValueError):  # a malformed value; validation reports it elsewhere
        return {}


def _nodes_by_id(graph: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    nodes = graph.get("nodes")
    for node in nodes if isinstance(nodes, list) else []:
        if isinstance(node, Mapping) and isinstance(node.get("id"), str) and node["id"]:
            found.setdefault(node["id"], node)
    return found


def _wiring(
    graph: Mapping[str, Any], nodes: Mapping[str, Any]
) -> tuple[dict[PortKey, PortKey], dict[PortKey, None]]:
    """Which output feeds each input (the first edge wins), and every output that has an edge."""
    incoming: dict[PortKey, PortKey] = {}
    outgoing: dict[PortKey, None] = {}
    edges = graph.get("edges")
    for edge in edges if isinstance(edges, list) else []:
        if not isinstance(edge, Mapping):
            continue
        ends = [edge.get(key) for key in ("source", "source_port", "target", "target_port")]
        if not all(isinstance(end, str) and end for end in ends):
            continue
        source, source_port, target, target_port = (str(end) for end in ends)
        if source in nodes and target in nodes:
            incoming.setdefault((target, target_port), (source, source_port))
            outgoing.setdefault((source, source_port), None)
    return incoming, outgoing


def _ports(wired: Mapping[PortKey, Any], node_id: str) -> list[str]:
    return [port for owner, port in wired if owner == node_id]


def _spec_of(node: Mapping[str, Any], resolve: Resolver) -> ComponentSpec | None:
    ref = node.get("component")
    if not isinstance(ref, str) or "@" not in ref:
        return None
    return resolve(ref)


def parameter_defaults(parameters: object) -> dict[str, Any]:
    """The default of each declared pipeline parameter, tolerating malformed declarations."""
    if not isinstance(parameters, Mapping):
        return {}
    return {
        name: body.get("default")
        for name, body in parameters.items()
        if isinstance(name, str) and isinstance(body, Mapping)
    }


def _clean(columns: Sequence[Mapping[str, Any]]) -> ColumnDicts:
    return [
        {"name": str(column.get("name")), "dtype": str(column.get("dtype"))}
        for column in columns
        if isinstance(column, Mapping)
    ]


def _copy(schema: PortSchema) -> PortSchema:
    columns = schema["columns"]
    return {
        "columns": None if columns is None else [dict(c) for c in columns],
        "source": schema["source"],
    }

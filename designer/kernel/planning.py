"""Which nodes a partial run involves.

`only` runs one node, `upto` a node and everything it needs, `from` a node and everything
downstream of it. Nodes a selection needs but does not include are "supporting": they
must come from earlier results (or run first if none exist). Plain functions, no I/O.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from designer.kernel.traversal import downstream_closure, edge_pairs, node_ids

SCOPES = ("only", "upto", "from")


@dataclass(frozen=True)
class Plan:
    selected: frozenset[str]
    supporting: frozenset[str]

    @property
    def nodes(self) -> frozenset[str]:
        return self.selected | self.supporting


def ancestors(graph: Mapping[str, Any], targets: set[str]) -> set[str]:
    parents: dict[str, list[str]] = {}
    for source, target in edge_pairs(graph):
        parents.setdefault(target, []).append(source)
    found: set[str] = set()
    queue = deque(targets)
    while queue:
        for parent in parents.get(queue.popleft(), ()):
            if parent not in found:
                found.add(parent)
                queue.append(parent)
    return found - targets


def plan_partial(graph: Mapping[str, Any], node_id: str, scope: str) -> Plan:
    """The nodes a partial run around `node_id` involves. Raises ValueError on bad input."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope '{scope}'; use one of {', '.join(SCOPES)}")
    if node_id not in node_ids(graph):
        raise ValueError(f"the pipeline has no node '{node_id}'")
    if scope == "only":
        selected = {node_id}
    elif scope == "upto":
        selected = {node_id} | ancestors(graph, {node_id})
    else:
        selected = {node_id} | downstream_closure(graph, node_id)
    supporting = ancestors(graph, selected) - selected
    return Plan(frozenset(selected), frozenset(supporting))


def bypass_disabled(graph: Mapping[str, Any], resolve: Any) -> dict[str, Any]:
    """The graph that actually runs: nodes marked `"disabled": true` are taken out, and each
    edge leaving one is re-attached to whatever feeds the disabled node's first input of
    the same port type (so a disabled transform passes its data straight through). An edge
    with nothing of that type to take over from is dropped, which leaves its target's input
    unconnected for validation to report.

    `resolve(ref)` returns a ComponentSpec or None, as for graph validation.
    """
    nodes = [n for n in graph.get("nodes", []) if isinstance(n, Mapping)]
    disabled = {n.get("id"): n for n in nodes if n.get("disabled")}
    if not disabled:
        return dict(graph)
    edges = [e for e in graph.get("edges", []) if isinstance(e, Mapping)]
    feeds = {(e.get("target"), e.get("target_port")): e for e in edges}

    def origin(node_id: str, port: str, seen: frozenset[str]) -> tuple[str, str] | None:
        if node_id not in disabled:
            return node_id, port
        if node_id in seen:
            return None
        spec = resolve(str(disabled[node_id].get("component", "")))
        out = spec.output(port) if spec else None
        if out is None:
            return None
        for candidate in spec.inputs:
            edge = feeds.get((node_id, candidate.name))
            if candidate.type == out.type and edge is not None:
                return origin(
                    str(edge.get("source")), str(edge.get("source_port")), seen | {node_id}
                )
        return None

    kept = []
    for edge in edges:
        if edge.get("target") in disabled:
            continue
        found = origin(str(edge.get("source")), str(edge.get("source_port")), frozenset())
        if found is not None:
            kept.append({**edge, "source": found[0], "source_port": found[1]})
    return {
        **graph,
        "nodes": [n for n in nodes if n.get("id") not in disabled],
        "edges": kept,
    }

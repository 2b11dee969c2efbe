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


def parent_map(graph: Mapping[str, Any]) -> dict[str, set[str]]:
    """Direct parents of every node, computed once for a whole pass over the graph."""
    parents: dict[str, set[str]] = {node_id: set() for node_id in node_ids(graph)}
    for source, target in edge_pairs(graph):
        parents.setdefault(target, set()).add(source)
    return parents

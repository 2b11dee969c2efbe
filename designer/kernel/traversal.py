"""Walking a pipeline graph: order, parents, descendants and cycles.

These functions read only node ids and the source/target of edges, and tolerate entries that are
not well formed by skipping them. They must not judge a graph; `graph.py` reports problems.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any


def node_ids(graph: Mapping[str, Any]) -> list[str]:
    """Ids of the graph's nodes in the order they appear; a repeated id counts once."""
    ids: dict[str, None] = {}
    for node in _items(graph, "nodes"):
        node_id = node.get("id")
        if isinstance(node_id, str) and node_id:
            ids.setdefault(node_id, None)
    return list(ids)


def edge_pairs(graph: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(source, target) of every edge whose two ends are strings."""
    pairs = []
    for edge in _items(graph, "edges"):
        source, target = edge.get("source"), edge.get("target")
        if isinstance(source, str) and isinstance(target, str):
            pairs.append((source, target))
    return pairs


def topological_order(graph: Mapping[str, Any]) -> list[str]:
    """Node ids, parents before children; ties go to the node that appears first in the graph.

    Raises ValueError when the graph has a cycle; validate the graph first.
    """
    ids = node_ids(graph)
    order = _acyclic_prefix(ids, edge_pairs(graph))
    if len(order) < len(ids):
        placed = set(order)
        stuck = [node_id for node_id in ids if node_id not in placed]
        raise ValueError(f"the graph has a cycle among nodes {', '.join(stuck)}")
    return order


def tolerant_order(graph: Mapping[str, Any]) -> list[str]:
    """Node ids, parents before children where possible; nodes on or after a cycle come last,
    in graph order. For work that must go on with a graph that is not valid yet."""
    ids = node_ids(graph)
    order = _acyclic_prefix(ids, [(s, t) for s, t in edge_pairs(graph) if s != t])
    placed = set(order)
    return order + [node_id for node_id in ids if node_id not in placed]


def _acyclic_prefix(ids: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Kahn's algorithm: every node not held back by a cycle, parents first, ties to the node
    that appears first in the graph."""
    position = {node_id: index for index, node_id in enumerate(ids)}
    children = children_of(ids, pairs)
    waiting = dict.fromkeys(ids, 0)
    for node_id in ids:
        for child in children[node_id]:
            waiting[child] += 1
    ready = [position[node_id] for node_id in ids if waiting[node_id] == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        node_id = ids[heapq.heappop(ready)]
        order.append(node_id)
        for child in children[node_id]:
            waiting[child] -= 1
            if waiting[child] == 0:
                heapq.heappush(ready, position[child])
    return order


def upstream(graph: Mapping[str, Any], node_id: str) -> set[str]:
    """Ids of the nodes with an edge into `node_id`."""
    return {source for source, target in edge_pairs(graph) if target == node_id}


def downstream_closure(graph: Mapping[str, Any], node_id: str) -> set[str]:
    """Ids of every node reachable from `node_id` along edges, not counting `node_id` itself."""
    children: dict[str, list[str]] = {}
    for source, target in edge_pairs(graph):
        children.setdefault(source, []).append(target)
    found: set[str] = set()
    queue = deque([node_id])
    while queue:
        for child in children.get(queue.popleft(), ()):
            if child not in found:
                found.add(child)
                queue.append(child)
    found.discard(node_id)
    return found


def children_of(ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Children of each id, keeping only edges between known ids."""
    children: dict[str, list[str]] = {node_id: [] for node_id in ids}
    for source, target in pairs:
        if source in children and target in children:
            children[source].append(target)
    return children


def find_cycles(ids: list[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """One cycle per strongly connected group, as a path that starts and ends at the same id.

    A path starts at the group's node that appears first, and groups come in that order too.
    """
    children = children_of(ids, pairs)
    position = {node_id: index for index, node_id in enumerate(ids)}
    cycles = []
    for group in _strong_components(ids, children):
        start = min(group, key=position.__getitem__)
        if len(group) > 1 or start in children[start]:
            cycles.append(_cycle_through(start, set(group), children))
    cycles.sort(key=lambda path: position[path[0]])
    return cycles


def _items(graph: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = graph.get(key) if isinstance(graph, Mapping) else None
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, Mapping)]


def _strong_components(ids: list[str], children: dict[str, list[str]]) -> list[list[str]]:
    # Tarjan's algorithm, iterative so that long chains do not hit the recursion limit.
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in ids:
        if root in order:
            continue
        work = [(root, iter(children[root]))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            child = next((c for c in pending if c not in order or c in on_stack), None)
            if child is not None and child not in order:
                order[child] = low[child] = len(order)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(children[child])))
                continue
            if child is not None:
                low[node] = min(low[node], order[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                groups.append(_pop_group(node, stack, on_stack))
    return groups


def _pop_group(root: str, stack: list[str], on_stack: set[str]) -> list[str]:
    group = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        group.append(member)
        if member == root:
            return group


def _cycle_through(start: str, members: set[str], children: dict[str, list[str]]) -> list[str]:
    # Breadth-first from `start` inside its group, until an edge leads back to `start`.
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in children[node]:
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child in members and child not in came_from:
                came_from[child] = node
                queue.append(child)
    return [start, start]

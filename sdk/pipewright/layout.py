"""Where nodes go on the canvas when a pipeline built in code does not say: left to right along
the edges, one column per step, like the designer's own "Auto layout".

Layered layout in three steps: a column for each node (the longest path from a source; a
source sits just before the first step it feeds), an
order within each column that follows the parents (barycentres, a few sweeps), and positions
in a grid of slots big enough for a node with five ports (the canvas draws a node about 200 px
wide, 50 px plus 20 a port tall). It reads the graph only, never the component specs, so a
pipeline fetched back from the server lays out exactly as the one that was pushed.
Pure: a pipeline in, `{node id: {"x", "y"}}` out.
"""

from __future__ import annotations

from typing import Any

NODE_WIDTH = 200
COLUMN_GAP = 120
SLOT_HEIGHT = 50 + 20 * 5
ROW_GAP = 40
SWEEPS = 4


def layout(pipeline: Any) -> dict[str, dict[str, int]]:
    """A position for every node: its own when set, else the computed one."""
    nodes = list(pipeline.nodes.values())
    parents = {n.id: [ref.node.id for ref in n.inputs.values()] for n in nodes}
    columns = _columns([n.id for n in nodes], parents)
    computed = _positions(_order(columns, parents))
    return {n.id: dict(n.position) if n.position else computed[n.id] for n in nodes}


def _columns(order: list[str], parents: dict[str, list[str]]) -> list[list[str]]:
    column: dict[str, int] = {}

    def depth(node_id: str, path: frozenset[str]) -> int:
        if node_id not in column:
            # A cycle is the server's to report; here it just stops the walk.
            ups = [p for p in parents.get(node_id, []) if p in parents and p not in path]
            column[node_id] = 1 + max((depth(p, path | {node_id}) for p in ups), default=-1)
        return column[node_id]

    for node_id in order:
        depth(node_id, frozenset())
    # A source feeding a later step sits just before it, not far off in the first column.
    for node_id in order:
        children = [c for c in order if node_id in parents.get(c, [])]
        if not parents.get(node_id) and children:
            column[node_id] = max(0, min(column[c] for c in children) - 1)
    layers: list[list[str]] = [[] for _ in range(max(column.values(), default=-1) + 1)]
    for node_id in order:
        layers[column[node_id]].append(node_id)
    return layers


def _order(columns: list[list[str]], parents: dict[str, list[str]]) -> list[list[str]]:
    """Reorder each column by the mean row of each node's parents, keeping ties stable."""
    rows = {node_id: i for layer in columns for i, node_id in enumerate(layer)}
    for _ in range(SWEEPS):
        for layer in columns[1:]:

            def centre(node_id: str) -> float:
                ups = [rows[p] for p in parents.get(node_id, []) if p in rows]
                return sum(ups) / len(ups) if ups else rows[node_id]

            layer.sort(key=lambda node_id: (centre(node_id), rows[node_id]))
            rows.update({node_id: i for i, node_id in enumerate(layer)})
    return columns


def _positions(columns: list[list[str]]) -> dict[str, dict[str, int]]:
    """Columns side by side, each stacked top to bottom and centred on the tallest one."""
    step = SLOT_HEIGHT + ROW_GAP
    tallest = max((len(layer) for layer in columns), default=0)
    placed: dict[str, dict[str, int]] = {}
    for index, layer in enumerate(columns):
        top = (tallest - len(layer)) * step // 2
        for row, node_id in enumerate(layer):
            placed[node_id] = {"x": index * (NODE_WIDTH + COLUMN_GAP), "y": top + row * step}
    return placed

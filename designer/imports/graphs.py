"""Graph pieces shared by the pipeline readers: nodes, edges, data sources and a readable layout.

A pipeline's data (an Azure `uri_folder` input, a Kubeflow pipeline artifact) enters our graph as
an Import Folder or Import File node whose path is a pipeline parameter, so a run can point it
at any folder or file inside the server's data roots. Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

IMPORT_FOLDER = "import_folder@1.0.0"
IMPORT_FILE = "import_file@1.0.0"
SOURCE_OUTPUT = "data"
SOURCES_BY_PORT_TYPE = {"file": IMPORT_FILE, "folder": IMPORT_FOLDER}
ROW_HEIGHT = 140
COLUMN_WIDTH = 320


def node(node_id: str, component: str, params: dict[str, Any] | None = None, **extra: Any) -> dict:
    return {
        "id": node_id,
        "component": component,
        "params": params or {},
        "compute": extra.pop("compute", None),
        "reuse": True,
        "comment": extra.pop("comment", ""),
        "position": {"x": 0, "y": 0},
        **extra,
    }


def edge(source: str, source_port: str, target: str, target_port: str) -> dict:
    return {
        "source": source,
        "source_port": source_port,
        "target": target,
        "target_port": target_port,
    }


def source_node(node_id: str, port_type: str, parameter: str) -> dict:
    """A node reading the folder or file named by pipeline parameter `parameter`."""
    component = SOURCES_BY_PORT_TYPE.get(port_type, IMPORT_FOLDER)
    return node(node_id, component, {"path": {"$param": parameter}})


def unique_id(wanted: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}_{number}" in taken:
        number += 1
    return f"{wanted}_{number}"


def lay_out(nodes: list[dict], edges: list[dict]) -> None:
    """Rows by depth from the sources (top to bottom), nodes of a row side by side."""
    upstream: dict[str, set[str]] = {n["id"]: set() for n in nodes}
    for link in edges:
        if link["target"] in upstream and link["source"] in upstream:
            upstream[link["target"]].add(link["source"])
    depth: dict[str, int] = {}

    def depth_of(node_id: str, seen: frozenset[str] = frozenset()) -> int:
        if node_id not in depth:
            parents = upstream[node_id] - seen
            depth[node_id] = 1 + max((depth_of(p, seen | {node_id}) for p in parents), default=-1)
        return depth[node_id]

    rows: dict[int, int] = {}
    for item in nodes:
        row = depth_of(item["id"])
        column = rows.get(row, 0)
        rows[row] = column + 1
        item["position"] = {"x": column * COLUMN_WIDTH, "y": row * ROW_HEIGHT}

"""What differs between two pipeline graphs.

`graph_diff` answers by node id and edge alone (the inference derivation reports its rewrite with
it); `compare_graphs` adds, for each node both graphs hold, what changed in it: the component, a
parameter value, or a setting that changes how it runs. Positions and comments are layout, not
differences. Plain data in, plain data out; no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Node settings that change how a step runs, with the value a node without the key has.
RUN_SETTINGS: dict[str, Any] = {
    "compute": None,
    "reuse": True,
    "disabled": False,
    "timeout": None,
    "max_retries": None,
}


def graph_diff(
    before: Mapping[str, Any], after: Mapping[str, Any], replaced: Mapping[str, str]
) -> dict[str, Any]:
    """What changed from `before` to `after`: node ids added, removed, replaced and kept, and
    edges added and removed. A node replaced by one that stayed is listed under `replaced`
    (its stand-in is also under `added`); any other node that went is under `removed`."""
    old = [node["id"] for node in before.get("nodes", [])]
    new = [node["id"] for node in after.get("nodes", [])]
    present, was = set(new), set(old)
    swaps = [
        {"node": node, "by": by}
        for node, by in replaced.items()
        if node in old and node not in present and by in present
    ]
    swapped = {swap["node"] for swap in swaps}
    old_edges = [_edge_key(edge) for edge in before.get("edges", [])]
    new_edges = [_edge_key(edge) for edge in after.get("edges", [])]
    old_set, new_set = set(old_edges), set(new_edges)
    return {
        "added": [node for node in new if node not in was],
        "removed": [node for node in old if node not in present and node not in swapped],
        "replaced": swaps,
        "kept": [node for node in old if node in present],
        "edges_added": [dict(edge) for edge in new_edges if edge not in old_set],
        "edges_removed": [dict(edge) for edge in old_edges if edge not in new_set],
    }


def _edge_key(edge: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((key, edge[key]) for key in ("source", "source_port", "target", "target_port"))


def compare_graphs(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    parameters_before: Mapping[str, Any] | None = None,
    parameters_after: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything that differs from `before` to `after`: nodes added and removed, nodes changed
    (component, parameter values, run settings), edges added and removed, and the pipeline
    parameters whose definition differs. `same` is true when nothing does."""
    ids = graph_diff(before, after, {})
    old = {node["id"]: node for node in before.get("nodes", [])}
    new = {node["id"]: node for node in after.get("nodes", [])}
    changed = [
        change
        for node_id in ids["kept"]
        if (change := _node_change(old[node_id], new[node_id])) is not None
    ]
    parameters = _value_changes(parameters_before or {}, parameters_after or {})
    result = {
        "added": ids["added"],
        "removed": ids["removed"],
        "changed": changed,
        "edges_added": ids["edges_added"],
        "edges_removed": ids["edges_removed"],
        "parameters": parameters,
    }
    result["same"] = not any(result.values())
    return result


def _node_change(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any] | None:
    component = None
    if before.get("component") != after.get("component"):
        component = {"before": before.get("component"), "now": after.get("component")}
    params = _value_changes(before.get("params") or {}, after.get("params") or {})
    settings = [
        {"name": name, "before": was, "now": now}
        for name, default in RUN_SETTINGS.items()
        if (was := before.get(name, default)) != (now := after.get(name, default))
    ]
    if component is None and not params and not settings:
        return None
    return {"node": before["id"], "component": component, "params": params, "settings": settings}


def _value_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each name whose value differs, in name order; a missing value is None."""
    names = sorted(set(before) | set(after))
    return [
        {"name": name, "before": before.get(name), "now": after.get(name)}
        for name in names
        if name not in before or name not in after or before[name] != after[name]
    ]

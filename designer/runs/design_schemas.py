"""Design-time column schemas of a pipeline: the kernel's propagation fed with the last runs.

For each node of the graph being edited, the last successful node run of this pipeline with the
same node id, the same component version and the same resolved parameters tells which columns its
dataframe outputs really had (the artifact's stored schema). A node whose parameters have changed
since is left to its component's `schema:` rule, since its last output no longer says what it
will produce. The walking and the rules are the kernel's (`designer.kernel.schemas`); this module
only looks things up. It reads run rows and never writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from designer.artifacts.models import Artifact
from designer.kernel.schemas import node_params, parameter_defaults, propagate_schemas
from designer.kernel.spec import ComponentSpec
from designer.pipelines.models import Pipeline
from designer.registry.services import resolver

from .choices import NodeStatus
from .models import NodeRun

PortKey = tuple[str, str]
Resolver = Callable[[str], ComponentSpec | None]
# Node runs looked at per request, newest first; older history no longer describes the draft.
MAX_SCANNED = 5000


def design_schemas(pipeline: Pipeline, graph: Any = None, parameters: Any = None) -> dict[str, Any]:
    """`{"nodes": {node_id: {"inputs": {port: S}, "outputs": {port: S}}}}` for a (draft) graph."""
    graph = pipeline.graph if graph is None else graph
    parameters = pipeline.parameters if parameters is None else parameters
    resolve = resolver()
    known = known_outputs(pipeline, graph, resolve, parameters)
    return {"nodes": propagate_schemas(graph, resolve, known, parameters)}


def known_outputs(
    pipeline: Pipeline, graph: Any, resolve: Resolver, parameters: Any
) -> dict[PortKey, list[dict[str, Any]]]:
    """`(node_id, port) -> columns` from the latest matching successful node runs."""
    wanted = _current_nodes(graph, resolve, parameters)
    if not wanted:
        return {}
    found: dict[str, dict[str, int]] = {}
    rows = (
        NodeRun.objects.filter(
            run__pipeline=pipeline,
            node_id__in=list(wanted),
            status__in=[NodeStatus.COMPLETED, NodeStatus.REUSED],
        )
        .order_by("-id")
        .values_list("node_id", "component__name", "component__version", "params", "outputs")
    )
    for node_id, name, version, params, outputs in rows[:MAX_SCANNED].iterator():
        if node_id in found:
            continue
        ref, current = wanted[node_id]
        if ref == f"{name}@{version}" and params == current and isinstance(outputs, Mapping):
            found[node_id] = {str(port): pk for port, pk in outputs.items() if isinstance(pk, int)}
        if len(found) == len(wanted):
            break
    return _artifact_schemas(found)


def _current_nodes(graph: Any, resolve: Resolver, parameters: Any) -> dict[str, tuple[str, dict]]:
    """node id -> (component ref, resolved params) for each node whose component is known."""
    defaults = parameter_defaults(parameters)
    current: dict[str, tuple[str, dict]] = {}
    nodes = graph.get("nodes") if isinstance(graph, Mapping) else None
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, Mapping) or not isinstance(node.get("id"), str):
            continue
        ref = node.get("component")
        spec = resolve(ref) if isinstance(ref, str) and "@" in ref else None
        if spec is None or node["id"] in current:
            continue
        current[node["id"]] = (ref, node_params(node, spec, defaults))
    return current


def _artifact_schemas(found: Mapping[str, Mapping[str, int]]) -> dict[PortKey, list[dict]]:
    ids = {pk for ports in found.values() for pk in ports.values()}
    schemas = dict(
        Artifact.objects.filter(pk__in=ids, kind="dataframe").values_list("pk", "schema")
    )
    known: dict[PortKey, list[dict]] = {}
    for node_id, ports in found.items():
        for port, pk in ports.items():
            schema = schemas.get(pk)
            if isinstance(schema, list):
                known[(node_id, port)] = schema
    return known

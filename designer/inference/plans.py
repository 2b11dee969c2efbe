"""Scoring plans: what a deployment runs for each request, and where its files are here.

At deploy time (`pipeline_plan`, `model_plan`, as the deploying user) a pipeline version or
a registered model version becomes a *spec*: the nodes that lead from Web Service Input to
the answer, in the order they run, each either a stored value (a source node bound now: Run
Output, Registered Model, Dataset; by artifact id) or a python component (by `name@version`,
with its resolved parameters). The spec names no path, so any machine can serve it.

When a serving process starts a scoring process (`local_plan`, trusted, with the database),
the spec becomes a *plan* for `designer.runtime.scoring`: artifacts fetched into this
machine's cache, components' folders, entry points and ports. The web process never loads a
model itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from designer.artifacts.cache import materialize
from designer.artifacts.models import Artifact
from designer.errors import InvalidInput, NotFound
from designer.kernel.graph import resolve_params
from designer.kernel.traversal import edge_pairs, topological_order
from designer.models.models import ModelVersion
from designer.pipelines.models import PipelineVersion
from designer.registry.models import Component
from designer.registry.services import latest, resolver
from designer.runs import sources
from designer.runs.orchestrator import effective_graph
from designer.runs.parameters import resolve_run_parameters

INPUT = "web_service_input"
OUTPUT = "web_service_output"
SCORER = "score_model"


class NotServable(InvalidInput):
    code = "not_servable"


@dataclass
class Built:
    """A deployment's spec and what people are shown about it."""

    spec: dict[str, Any]
    input_schema: list[dict[str, str]]
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return spec_key(self.spec)

    @property
    def artifacts(self) -> list[int]:
        return sorted(
            stored["artifact"]
            for node in self.spec["nodes"]
            for stored in (node.get("stored") or {}).values()
        )


def spec_key(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def pipeline_plan(actor, version: PipelineVersion) -> Built:
    """The spec of a pipeline version with one Web Service Input and one Web Service Output."""
    graph = effective_graph(version)
    entry, exit_ = _only(graph, INPUT, version), _only(graph, OUTPUT, version)
    rows_into = {"node": entry, "port": "data"}
    edges = [e for e in graph["edges"] if (e["target"], e["target_port"]) != (entry, "data")]
    needed = _ancestors(exit_, edges) | {exit_}
    nodes = {n["id"]: n for n in graph["nodes"] if n["id"] in needed}
    ordered = topological_order({"nodes": list(nodes.values()), "edges": edges})
    values = resolve_run_parameters(version.parameters, {})
    resolve = resolver()
    built = Built(
        spec={
            "nodes": [],
            "edges": [e for e in edges if e["source"] in needed and e["target"] in needed],
            "input": rows_into,
            "answer": {"node": exit_, "port": "data"},
        },
        input_schema=[],
    )
    for node_id in ordered:
        node = nodes[node_id]
        spec = resolve(node["component"])
        if spec is None:
            raise NotServable(
                f"Node {node_id} uses {node['component']}, which is not registered.", node=node_id
            )
        params = resolve_params(node, spec, values)
        built.spec["nodes"].append(
            _spec_node(actor, node, spec, params, built, version.pipeline.workspace_id)
        )
        if node_id == entry:
            built.input_schema = _columns(params.get("columns"))
    return built


def model_plan(actor, version: ModelVersion) -> Built:
    """Web Service Input (the version's feature columns) → Score Model with the version."""
    schema = _columns(version.input_schema)
    if not schema:
        raise NotServable(
            f"Version {version.number} of model '{version.model.name}' has no known feature "
            "columns (an uploaded model that is not a Pipewright trained model): deploy a "
            "pipeline that scores it instead.",
        )
    entry, scorer = _newest(actor, INPUT), _newest(actor, SCORER)
    spec = {
        "nodes": [
            {
                "id": "model",
                "component": "registered_model",
                "stored": {"model": {"type": "model", "artifact": version.artifact_id}},
            },
            {"id": INPUT, "component": entry, "params": {"columns": schema}},
            {"id": "score", "component": scorer, "params": {}},
        ],
        "edges": [
            {"source": "model", "source_port": "model", "target": "score", "target_port": "model"},
            {"source": INPUT, "source_port": "data", "target": "score", "target_port": "data"},
        ],
        "input": {"node": INPUT, "port": "data"},
        "answer": {"node": "score", "port": "scored"},
    }
    source = {
        "node": "model",
        "kind": "model",
        "name": version.model.name,
        "version": version.number,
        "digest": version.artifact.digest,
    }
    return Built(spec, schema, [source])


def local_plan(spec: dict[str, Any]) -> dict[str, Any]:
    """The plan a scoring process on this machine loads: paths instead of ids and refs."""
    ids = [s["artifact"] for n in spec["nodes"] for s in (n.get("stored") or {}).values()]
    artifacts = Artifact.objects.in_bulk(ids)
    nodes = []
    for node in spec["nodes"]:
        if "stored" in node:
            nodes.append({"id": node["id"], "values": _paths(node, artifacts)})
        else:
            nodes.append(_code_node(node))
    return {
        "nodes": nodes,
        "edges": spec["edges"],
        "input": spec["input"],
        "answer": spec["answer"],
    }


def _spec_node(
    actor, node: dict, spec, params: dict, built: Built, workspace_id: int | None
) -> dict[str, Any]:
    if sources.is_source(node["component"]):
        bound = sources.bind(actor, node["id"], node["component"], params, workspace_id)
        built.sources.append({"node": node["id"], **bound.source})
        stored = {
            port: {"type": spec.output(port).type, "artifact": int(artifact)}
            for port, artifact in bound.outputs.items()
        }
        return {"id": node["id"], "component": node["component"], "stored": stored}
    if not spec.python:
        raise NotServable(
            f"Node {node['id']} ({spec.ref}) runs a command; only python components are "
            "loaded into a scoring process.",
            node=node["id"],
        )
    return {"id": node["id"], "component": spec.ref, "params": params}


def _code_node(node: dict[str, Any]) -> dict[str, Any]:
    name, _, version = node["component"].partition("@")
    component = Component.objects.filter(name=name, version=version).first()
    if component is None:
        raise NotFound(f"Component {node['component']} of node {node['id']} is gone.")
    spec = component.parsed
    return {
        "id": node["id"],
        "component_dir": str(component.path),
        "python": spec.python,
        "params": node.get("params") or {},
        "inputs": {port.name: port.type for port in spec.inputs},
        "outputs": {
            port.name: {"type": port.type, "optional": port.optional} for port in spec.outputs
        },
    }


def _paths(node: dict[str, Any], artifacts: dict[int, Artifact]) -> dict[str, Any]:
    values = {}
    for port, stored in node["stored"].items():
        artifact = artifacts.get(stored["artifact"])
        if artifact is None:
            raise NotFound(f"The stored {port} of node {node['id']} is no longer kept.")
        values[port] = {"type": stored["type"], "path": str(materialize(artifact))}
    return values


def _only(graph: dict[str, Any], component: str, version: PipelineVersion) -> str:
    found = [n["id"] for n in graph["nodes"] if n["component"].partition("@")[0] == component]
    what = "Web Service Input" if component == INPUT else "Web Service Output"
    if len(found) != 1:
        raise NotServable(
            f"Pipeline {version.pipeline_id} version {version.number} has "
            f"{len(found) or 'no'} {what} node{'s' if len(found) > 1 else ''}; a real-time "
            "endpoint needs exactly one (derive a real-time inference pipeline from a run).",
        )
    return found[0]


def _ancestors(node_id: str, edges: list[dict[str, Any]]) -> set[str]:
    parents: dict[str, set[str]] = {}
    for source, target in edge_pairs({"edges": edges}):
        parents.setdefault(target, set()).add(source)
    found: set[str] = set()
    todo = [node_id]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def _columns(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        return []
    return [
        {"name": str(c["name"]), "dtype": str(c.get("dtype") or "")}
        for c in raw
        if isinstance(c, dict) and isinstance(c.get("name"), str)
    ]


def _newest(actor, name: str) -> str:
    """The newest version a scoring plan may use: never a yanked one."""
    return latest(actor, name).ref

"""Pipelines as documents: the API's JSON and the `pipewright: 1` YAML file, to and from `Pipeline`.

A Python file defining a pipeline is read by running it (`load_python`): the `Pipeline` objects
it leaves at module level are what it defines. This module must not talk to the server.
"""

from __future__ import annotations

import runpy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pipewright.components import Component
from pipewright.errors import PipelineDefinitionError

FORMAT_VERSION = 1
KNOWN_NODE_KEYS = ("id", "component", "params", "compute", "reuse", "comment", "position")


def pipeline_from_dict(cls: type, data: Mapping[str, Any], components: Mapping[str, Component]):
    """A `Pipeline` (of class `cls`) from `{name, description, parameters, graph, ...}`."""
    from pipewright.dsl import OutputRef, Parameter

    pipeline = cls(
        str(data.get("name") or ""),
        str(data.get("description") or ""),
        default_compute=str(data.get("default_compute") or "default"),
    )
    for name, body in (data.get("parameters") or {}).items():
        body = body or {}
        pipeline.add_parameter(
            Parameter(
                name,
                body.get("default"),
                type=body.get("type") or "string",
                description=body.get("description") or "",
            )
        )
    graph = data.get("graph") or {}
    for raw in graph.get("nodes") or []:
        ref = str(raw.get("component", ""))
        component = components.get(ref) or Component.from_ref(ref)
        node = pipeline.add_node(component, {})
        node.named(str(raw["id"]))
        node.params = dict(raw.get("params") or {})
        node.set(
            compute=raw.get("compute"),
            reuse=bool(raw.get("reuse", True)),
            comment=raw.get("comment") or "",
            position=raw.get("position"),
            **{k: v for k, v in raw.items() if k not in KNOWN_NODE_KEYS},
        )
    for edge in graph.get("edges") or []:
        target = pipeline.nodes.get(edge["target"])
        source = pipeline.nodes.get(edge["source"])
        if target is None or source is None:
            raise PipelineDefinitionError(
                f"an edge joins {edge['source']} to {edge['target']}, which is not a node"
            )
        target.inputs[edge["target_port"]] = OutputRef(source, edge["source_port"])
    return pipeline


def to_yaml(pipeline) -> str:
    """The pipeline as a `pipewright: 1` file, the format the server exports and imports."""
    data = pipeline.to_dict()
    document = {
        "pipewright": FORMAT_VERSION,
        "name": data["name"],
        "description": data["description"],
        "default_compute": data["default_compute"],
        "parameters": data["parameters"],
        "nodes": data["graph"]["nodes"],
        "edges": data["graph"]["edges"],
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def read_document(path: Path) -> dict[str, Any]:
    """`{name, description, default_compute, parameters, graph}` from a .yaml or .json file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PipelineDefinitionError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise PipelineDefinitionError(f"{path} must hold a mapping (a pipeline file)")
    if "graph" in data:  # the API's JSON shape
        return data
    if data.get("pipewright") != FORMAT_VERSION:
        raise PipelineDefinitionError(f"{path} is not a pipeline file: it needs 'pipewright: 1'")
    return {
        "name": data.get("name") or path.stem,
        "description": data.get("description") or "",
        "default_compute": data.get("default_compute") or "default",
        "parameters": data.get("parameters") or {},
        "graph": {"nodes": data.get("nodes") or [], "edges": data.get("edges") or []},
    }


def load_python(path: Path) -> list:
    """The pipelines a Python file defines (module-level `Pipeline` objects), in order."""
    from pipewright.dsl import Pipeline

    namespace = runpy.run_path(str(path), run_name="__pipewright__")
    found = [value for value in namespace.values() if isinstance(value, Pipeline)]
    unique = list({id(p): p for p in found}.values())
    if not unique:
        raise PipelineDefinitionError(f"{path} defines no Pipeline at module level")
    return unique


def load_pipelines(path: Path, name: str | None = None) -> list:
    """The pipelines in a .py, .yaml, .yml or .json file; `name` picks one by name."""
    from pipewright.dsl import Pipeline

    if not path.is_file():
        raise PipelineDefinitionError(f"{path} is not a file")
    if path.suffix == ".py":
        pipelines = load_python(path)
    else:
        pipelines = [Pipeline.from_dict(read_document(path))]
    if name is not None:
        pipelines = [p for p in pipelines if p.name == name]
        if not pipelines:
            raise PipelineDefinitionError(f"{path} defines no pipeline named '{name}'")
    return pipelines


def load_components(path: Path) -> list[Component]:
    """The components a path holds: a folder with component.yaml, or a .py file's @component
    functions (module-level)."""
    from pipewright.decorator import FunctionComponent

    if path.is_dir():
        return [Component.from_folder(path)]
    if path.suffix == ".py":
        namespace = runpy.run_path(str(path), run_name="__pipewright__")
        found: list[Component] = [v for v in namespace.values() if isinstance(v, FunctionComponent)]
        if not found:
            raise PipelineDefinitionError(f"{path} defines no @component function")
        return found
    raise PipelineDefinitionError(
        f"{path}: give a component folder (with component.yaml) or a .py file with @component"
    )

"""The pipeline DSL: call components like functions inside `with Pipeline(...)`, pass one node's
outputs to another's inputs, and `Parameter(...)` for pipeline parameters.

    with Pipeline("diabetes") as p:
        seed = Parameter("seed", 0)
        load = sample_dataset(dataset="diabetes")
        split = split_data(data=load.outputs["data"], fraction=0.7, seed=seed)

A `Pipeline` turns into the graph document of the REST API (`to_dict`, with a left-to-right
layout for nodes that have no position) and back (`from_dict`), and into Python (`to_python`).
This module must not talk to the server.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator, Mapping
from typing import Any

from pipewright.components import Component
from pipewright.errors import PipelineDefinitionError

NODE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
PARAM_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}
NODE_OPTIONS = ("compute", "reuse", "comment", "position", "disabled")

_current: contextvars.ContextVar[Pipeline | None] = contextvars.ContextVar(
    "pipewright_pipeline", default=None
)


def current_pipeline() -> Pipeline | None:
    """The pipeline of the innermost `with Pipeline(...)` block, if any."""
    return _current.get()


class Parameter:
    """A pipeline parameter; pass it as a node's parameter value to bind the two."""

    def __init__(
        self, name: str, default: Any = None, *, type: str | None = None, description: str = ""
    ) -> None:
        if not isinstance(name, str) or not name:
            raise PipelineDefinitionError("a pipeline parameter needs a non-empty name")
        self.name = name
        self.default = default
        self.type = type or _infer_type(name, default)
        self.description = description
        pipeline = current_pipeline()
        if pipeline is not None:
            pipeline.add_parameter(self)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "default": self.default, "description": self.description}

    def __repr__(self) -> str:
        return f"Parameter({self.name!r}, {self.default!r}, type={self.type!r})"


def _infer_type(name: str, default: Any) -> str:
    kind = PARAM_TYPES.get(type(default))
    if kind is None:
        raise PipelineDefinitionError(
            f"pipeline parameter '{name}' needs type= (integer, number, string or boolean) "
            "when its default does not say it"
        )
    return kind


class OutputRef:
    """One output port of a node: what an input of another node is connected to."""

    def __init__(self, node: Node, port: str) -> None:
        self.node = node
        self.port = port

    def __repr__(self) -> str:
        return f"<output {self.node.id}.{self.port}>"


class Outputs(Mapping[str, OutputRef]):
    """A node's outputs by port name: `node.outputs["scored"]`."""

    def __init__(self, node: Node) -> None:
        self._node = node

    def __getitem__(self, port: str) -> OutputRef:
        component = self._node.component
        if component.known and port not in component.outputs:
            names = ", ".join(component.outputs) or "none"
            raise PipelineDefinitionError(
                f"{self._node.id} ({component.ref}) has no output '{port}'; outputs: {names}"
            )
        return OutputRef(self._node, port)

    def __iter__(self) -> Iterator[str]:
        return iter(self._node.component.outputs)

    def __len__(self) -> int:
        return len(self._node.component.outputs)


class Node:
    """One component instance in a pipeline: its inputs, parameter values and options."""

    def __init__(self, pipeline: Pipeline, node_id: str, component: Component) -> None:
        self.pipeline = pipeline
        self.id = node_id
        self.component = component
        self.inputs: dict[str, OutputRef] = {}
        self.params: dict[str, Any] = {}
        self.compute: str | None = None
        self.reuse = True
        self.comment = ""
        self.position: dict[str, int] | None = None
        self.disabled = False
        self.extra: dict[str, Any] = {}

    @property
    def outputs(self) -> Outputs:
        return Outputs(self)

    def named(self, node_id: str) -> Node:
        """Give the node its id in the graph (by default the component's name)."""
        self.pipeline.rename(self, node_id)
        return self

    def set(self, **options: Any) -> Node:
        """Node options: compute, reuse, comment, position (x, y), disabled, and any other key
        the graph carries for a node (kept as given)."""
        for key, value in options.items():
            if key == "position" and value is not None:
                x, y = (value["x"], value["y"]) if isinstance(value, Mapping) else value
                value = {"x": x, "y": y}
            if key in NODE_OPTIONS:
                setattr(self, key, value)
            else:
                self.extra[key] = value
        return self

    def connect(self, name: str, value: Any) -> None:
        """Set an input (from an output or a single-output node) or a parameter value."""
        if isinstance(value, Node):
            value = _single_output(value)
        if isinstance(value, OutputRef):
            if self.component.known and name not in self.component.inputs:
                raise PipelineDefinitionError(
                    f"{self.id}: '{name}' is a parameter of {self.component.ref}, not an input"
                )
            self.inputs[name] = value
            return
        if self.component.known and name in self.component.inputs:
            raise PipelineDefinitionError(
                f"{self.id}: input '{name}' takes another node's output, not {value!r}"
            )
        if isinstance(value, Parameter):
            self.pipeline.add_parameter(value)
            value = {"$param": value.name}
        self.params[name] = value

    def to_dict(self, position: dict[str, int]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "component": self.component.ref,
            "params": dict(self.params),
            "compute": self.compute,
            "reuse": self.reuse,
            "comment": self.comment,
            "position": dict(self.position or position),
        }
        if self.disabled:
            data["disabled"] = True
        data.update(self.extra)
        return data

    def __repr__(self) -> str:
        return f"<Node {self.id}: {self.component.ref}>"


def _single_output(node: Node) -> OutputRef:
    outputs = list(node.component.outputs)
    if not node.component.known or len(outputs) != 1:
        raise PipelineDefinitionError(
            f"{node.id} has {'unknown' if not node.component.known else len(outputs)} outputs; "
            f'pass one of them: {node.id}.outputs["..."]'
        )
    return OutputRef(node, outputs[0])


class Pipeline:
    """A named graph of nodes plus pipeline parameters; `with Pipeline(...)` to build one."""

    def __init__(
        self, name: str, description: str = "", *, default_compute: str = "default"
    ) -> None:
        self.name = name
        self.description = description
        self.default_compute = default_compute
        self.nodes: dict[str, Node] = {}
        self.parameters: dict[str, Parameter] = {}
        # Set once the pipeline is on a server (pushed or fetched).
        self.id: int | None = None
        self.revision: int | None = None
        self._tokens: list[contextvars.Token] = []

    def __enter__(self) -> Pipeline:
        self._tokens.append(_current.set(self))
        return self

    def __exit__(self, *exc_info: object) -> None:
        _current.reset(self._tokens.pop())

    def __repr__(self) -> str:
        return f"<Pipeline {self.name!r}: {len(self.nodes)} nodes>"

    def __getitem__(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def add_parameter(self, parameter: Parameter) -> None:
        known = self.parameters.get(parameter.name)
        if known is not None and known is not parameter:
            raise PipelineDefinitionError(f"pipeline parameter '{parameter.name}' is defined twice")
        self.parameters[parameter.name] = parameter

    def add_node(self, component: Component, connections: dict[str, Any]) -> Node:
        component.check_names(connections)
        node = Node(self, self._free_id(component.name), component)
        self.nodes[node.id] = node
        for name, value in connections.items():
            if value is not None:
                node.connect(name, value)
        return node

    def rename(self, node: Node, node_id: str) -> None:
        if not NODE_ID.fullmatch(node_id) or ".." in node_id:
            raise PipelineDefinitionError(
                f"'{node_id}' is not a node id: use letters, digits, '_', '-' or '.'"
            )
        if node_id != node.id and node_id in self.nodes:
            raise PipelineDefinitionError(f"the pipeline already has a node '{node_id}'")
        self.nodes = {(node_id if k == node.id else k): v for k, v in self.nodes.items()}
        node.id = node_id

    def _free_id(self, base: str) -> str:
        candidate, number = base, 1
        while candidate in self.nodes:
            number += 1
            candidate = f"{base}_{number}"
        return candidate

    def components(self) -> list[Component]:
        """Each distinct component the nodes use, in node order."""
        seen: dict[str, Component] = {}
        for node in self.nodes.values():
            seen.setdefault(node.component.ref, node.component)
        return list(seen.values())

    def edges(self) -> list[dict[str, str]]:
        return [
            {
                "source": ref.node.id,
                "source_port": ref.port,
                "target": node.id,
                "target_port": port,
            }
            for node in self.nodes.values()
            for port, ref in node.inputs.items()
        ]

    def to_graph(self) -> dict[str, Any]:
        """The graph document: nodes (laid out where they have no position) and edges."""
        from pipewright.layout import layout

        placed = layout(self)
        return {
            "nodes": [node.to_dict(placed[node.id]) for node in self.nodes.values()],
            "edges": self.edges(),
        }

    def to_dict(self) -> dict[str, Any]:
        """What `POST /api/pipelines/` takes: name, description, parameters, graph, compute."""
        return {
            "name": self.name,
            "description": self.description,
            "default_compute": self.default_compute,
            "parameters": {name: p.to_dict() for name, p in self.parameters.items()},
            "graph": self.to_graph(),
        }

    def to_python(self) -> str:
        """Python that builds this pipeline again."""
        from pipewright.codegen import pipeline_code

        return pipeline_code(self)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], components: Mapping[str, Component] | None = None
    ) -> Pipeline:
        """From the API's pipeline JSON (or a pipeline file's mapping). `components` gives
        specs by `name@version`; others become bare references."""
        from pipewright.documents import pipeline_from_dict

        return pipeline_from_dict(cls, data, components or {})

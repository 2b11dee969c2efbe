"""The graph being rewritten into an inference pipeline, and the rewrite of each node mode.

`Work` holds nodes and edges as plain dicts and the few moves derivation makes: remove a node,
add one, re-wire the readers of an output. `drop`, `replace` and `apply` rewrite one node as its
component's `inference:` rule says (see `spec_inference.py`). They raise DeriveError naming the
node when the rule cannot be followed. This module must not pick the scoring node or the source;
`inference.py` does.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from designer.kernel.schema_rules import Column
from designer.kernel.spec import ComponentSpec
from designer.kernel.spec_inference import ApplyWith

RUN_OUTPUT = "run_output@1.0.0"
# A new node sits this far left of the node it takes the place of, when both are shown.
OFFSET_X = 260

Resolver = Callable[[str], ComponentSpec | None]


class DeriveError(ValueError):
    """Why no inference pipeline can be derived, for a person; `node` is the node concerned."""

    def __init__(self, message: str, node: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


@dataclass(frozen=True)
class RunOutput:
    """One stored output of the training run: its artifact and what is known about it."""

    artifact: int
    # A dataframe's columns as stored; None for other kinds.
    columns: tuple[Column, ...] | None = None
    # A model's summary as the step reported it: label_column, feature_columns, task.
    summary: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class TrainingRun:
    """The completed run a pipeline is derived from: its id and its node outputs."""

    run_id: int
    outputs: Mapping[tuple[str, str], RunOutput]


@dataclass
class Work:
    """The graph as derivation rewrites it, and what each new node stands for."""

    nodes: dict[str, dict[str, Any]]
    edges: list[dict[str, str]]
    specs: dict[str, ComponentSpec]
    resolve: Resolver
    # Each run_output node added -> the (training node, output port) it is bound to.
    bound: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Training node -> the node that took its place.
    replaced: dict[str, str] = field(default_factory=dict)
    # Ids a new node must not take: every id the training graph used, so a diff never
    # mistakes a new node for an old one.
    taken: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, graph: Mapping[str, Any], resolve: Resolver) -> Work:
        """The graph to rewrite; DeriveError for a node whose component is not registered."""
        nodes = {node["id"]: copy.deepcopy(dict(node)) for node in graph.get("nodes", [])}
        edges = [dict(edge) for edge in graph.get("edges", [])]
        specs = {node_id: require(resolve, node["component"]) for node_id, node in nodes.items()}
        return cls(nodes, edges, specs, resolve, taken=set(nodes))

    def feed(self, node_id: str, port: str) -> dict[str, str] | None:
        """The edge into input `port` of `node_id`, if one is connected."""
        return next(
            (e for e in self.edges if e["target"] == node_id and e["target_port"] == port), None
        )

    def readers(self, node_id: str, port: str | None = None) -> list[dict[str, str]]:
        """The edges out of `node_id` (out of its output `port` only, when given)."""
        return [
            e
            for e in self.edges
            if e["source"] == node_id and (port is None or e["source_port"] == port)
        ]

    def rewire(self, node_id: str, port: str, source: str, source_port: str) -> None:
        """Every reader of `node_id.port` reads `source.source_port` instead."""
        for edge in self.readers(node_id, port):
            edge["source"], edge["source_port"] = source, source_port

    def connect(self, source: str, source_port: str, target: str, target_port: str) -> None:
        self.edges.append(
            {
                "source": source,
                "source_port": source_port,
                "target": target,
                "target_port": target_port,
            }
        )

    def remove(self, node_id: str) -> None:
        self.nodes.pop(node_id, None)
        self.edges = [e for e in self.edges if node_id not in (e["source"], e["target"])]

    def add(self, wanted_id: str, ref: str, params: dict, near: str) -> str:
        """Add a node of `ref`, placed at the node `near`; returns the id it got."""
        spec = require(self.resolve, ref)
        node_id = self.free_id(wanted_id)
        position = dict(self.nodes[near].get("position") or {"x": 0, "y": 0})
        self.nodes[node_id] = {
            "id": node_id,
            "component": ref,
            "params": params,
            "compute": None,
            "reuse": True,
            "comment": "",
            "position": position,
        }
        self.specs[node_id] = spec
        return node_id

    def free_id(self, wanted: str) -> str:
        taken = set(self.nodes) | self.taken
        if wanted not in taken:
            return wanted
        number = 2
        while f"{wanted}_{number}" in taken:
            number += 1
        return f"{wanted}_{number}"

    def ancestors(self, node_id: str) -> set[str]:
        """`node_id` and every node it reads from, directly or not."""
        found = {node_id}
        queue = [node_id]
        while queue:
            current = queue.pop()
            for edge in self.edges:
                if edge["target"] == current and edge["source"] not in found:
                    found.add(edge["source"])
                    queue.append(edge["source"])
        return found

    def keep_only(self, wanted: set[str]) -> None:
        for node_id in [n for n in self.nodes if n not in wanted]:
            self.remove(node_id)


def require(resolve: Resolver, ref: str) -> ComponentSpec:
    """The spec of `ref`; DeriveError when it is not registered."""
    spec = resolve(ref)
    if spec is None:
        raise DeriveError(
            f"component {ref} is not registered; register it (built-ins: manage.py "
            "sync_components) and derive again"
        )
    return spec


def first_frame_input(spec: ComponentSpec) -> str | None:
    return next((port.name for port in spec.inputs if port.type == "dataframe"), None)


def first_frame_output(spec: ComponentSpec) -> str | None:
    return next((port.name for port in spec.outputs if port.type == "dataframe"), None)


def drop(work: Work, node_id: str) -> None:
    """Remove the node; readers of its dataframe outputs read what fed its first one."""
    spec = work.specs[node_id]
    frames = [port.name for port in spec.outputs if port.type == "dataframe"]
    _refuse_other_readers(work, node_id, frames, "is left out at inference")
    read = [port for port in frames if work.readers(node_id, port)]
    if read:
        source = _rows_into(work, node_id, spec, "is left out at inference")
        for port in read:
            work.rewire(node_id, port, *source)
    work.remove(node_id)


def replace(work: Work, node_id: str, port: str, run: TrainingRun) -> None:
    """The node gives way to a run_output bound to what its output `port` held in the run."""
    _refuse_other_readers(work, node_id, [port], "gives way to its trained output")
    stand_in = _bound_output(work, node_id, port, run, near=node_id)
    work.rewire(node_id, port, stand_in, "model")
    work.remove(node_id)
    work.replaced[node_id] = stand_in


def apply(work: Work, node_id: str, rule: ApplyWith, run: TrainingRun) -> None:
    """The node gives way to `rule.component`, fed the fitted artifact and the node's rows."""
    spec = work.specs[node_id]
    applier = _applier_spec(node_id, rule, work.resolve)
    data_out = first_frame_output(spec)
    assert data_out is not None  # the spec parser refuses apply_with without one
    _refuse_other_readers(work, node_id, [data_out, rule.fitted_output], "is applied at inference")
    fitted = _bound_output(work, node_id, rule.fitted_output, run, near=node_id)
    work.nodes[fitted]["position"]["x"] -= OFFSET_X
    applied = work.add(f"{node_id}_apply", applier.ref, {}, near=node_id)
    work.connect(fitted, "model", applied, rule.model_input)
    if work.readers(node_id, data_out):
        rows = _rows_into(work, node_id, spec, "is applied at inference")
        work.connect(*rows, applied, rule.data_input)
        work.rewire(node_id, data_out, applied, rule.data_output)
    work.rewire(node_id, rule.fitted_output, fitted, "model")
    work.remove(node_id)
    work.replaced[node_id] = applied


def _applier_spec(node_id: str, rule: ApplyWith, resolve: Resolver) -> ComponentSpec:
    applier = resolve(rule.component)
    if applier is None:
        raise DeriveError(
            f"{node_id} is applied at inference with {rule.component}, which is not "
            "registered; register it and derive again",
            node=node_id,
        )
    wanted = [
        ("model_input", applier.input(rule.model_input), "model"),
        ("data_input", applier.input(rule.data_input), "dataframe"),
        ("data_output", applier.output(rule.data_output), "dataframe"),
    ]
    for key, port, kind in wanted:
        if port is None or port.type != kind:
            name = getattr(rule, key)
            raise DeriveError(
                f"{node_id} is applied at inference with {rule.component}, whose {key} "
                f"'{name}' is not a {kind} port of it; fix the inference rule of "
                f"{node_id}'s component",
                node=node_id,
            )
    return applier


def _bound_output(work: Work, node_id: str, port: str, run: TrainingRun, near: str) -> str:
    """A new run_output node bound to `node_id.port` as the run stored it."""
    if (node_id, port) not in run.outputs:
        raise DeriveError(
            f"run {run.run_id} holds no output '{port}' of node {node_id}, so there is nothing "
            "to stand in for it; run the whole pipeline and derive from that run",
            node=node_id,
        )
    params = {"run": run.run_id, "node": node_id, "port": port}
    stand_in = work.add(f"{node_id}_{port}", RUN_OUTPUT, params, near=near)
    work.bound[stand_in] = (node_id, port)
    return stand_in


def _rows_into(work: Work, node_id: str, spec: ComponentSpec, what: str) -> tuple[str, str]:
    """What feeds the node's first dataframe input: the rows to pass on in its place."""
    port = first_frame_input(spec)
    edge = work.feed(node_id, port) if port is not None else None
    if edge is None:
        raise DeriveError(
            f"{node_id} {what}, and its readers would get what fed its first dataframe input, "
            "but nothing is connected there",
            node=node_id,
        )
    return edge["source"], edge["source_port"]


def _refuse_other_readers(work: Work, node_id: str, handled: list[str], what: str) -> None:
    for edge in work.readers(node_id):
        if edge["source_port"] not in handled:
            raise DeriveError(
                f"{node_id} {what}, but {edge['target']} reads its output "
                f"'{edge['source_port']}', which has no stand-in; change what "
                f"{edge['target']} reads, or the inference rule of {node_id}'s component",
                node=node_id,
            )

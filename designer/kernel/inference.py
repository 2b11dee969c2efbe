"""Deriving an inference pipeline from a training pipeline and one of its completed runs.

`derive` keeps what scoring needs and nothing else:

1. It picks the scoring node: the one the caller names, else the Score Model (or Assign Data
   to Clusters) node, else the one node that reads a model and rows and whose every reader is
   a dropped end node (an evaluation).
2. It keeps the nodes the scoring node reads from, directly or not.
3. It rewrites each kept node as its component's `inference:` rule says (keep, drop,
   replace_with_output, apply_with; see `spec_inference.py` and `inference_graph.py`): trained
   models and fitted transforms become `run_output` nodes bound to the run's artifacts, so what
   only fed a trainer falls away.
4. It replaces the source of the scored rows by `web_service_input` (realtime; its columns are
   the input schema, without the label) or by a `dataset` node bound to the pipeline parameter
   `input_dataset` (batch).
5. It appends what takes the predictions after the scoring node: `web_service_output`
   (realtime: what an endpoint answers) or `register_dataset` (batch), whose dataset name is
   the pipeline parameter `output_dataset`, by default `<pipeline name>-predictions`.

The graph given should hold each node's parameters as the run resolved them, so the derived
pipeline predicts exactly as the run scored. Plain data in, plain data out; no Django, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from designer.kernel.graph_diff import graph_diff
from designer.kernel.inference_graph import (
    DeriveError,
    RunOutput,
    TrainingRun,
    Work,
    apply,
    drop,
    first_frame_output,
    replace,
)
from designer.kernel.inference_schema import Hop, input_columns
from designer.kernel.schema_rules import Column
from designer.kernel.spec import ComponentSpec
from designer.kernel.spec_inference import APPLY, DROP, KEEP, REPLACE
from designer.kernel.traversal import topological_order

__all__ = ["KINDS", "DeriveError", "Derived", "RunOutput", "TrainingRun", "derive"]

REALTIME, BATCH = "realtime", "batch"
KINDS = (REALTIME, BATCH)
SCORING_COMPONENTS = ("score_model", "assign_data_to_clusters")
WEB_SERVICE_INPUT = "web_service_input@1.0.0"
WEB_SERVICE_OUTPUT = "web_service_output@1.0.0"
DATASET = "dataset@1.0.0"
REGISTER_DATASET = "register_dataset@1.0.0"
INPUT_PARAMETER = "input_dataset"
OUTPUT_PARAMETER = "output_dataset"
OUTPUT_SUFFIX = "-predictions"
# Dataset names: what designer.kernel.names allows, 64 characters at most.
NAME_LENGTH = 64
NOT_IN_NAMES = re.compile(r"[^a-z0-9_-]+")
# How far below the scoring node the node taking its predictions is placed.
OUTPUT_OFFSET_Y = 140

Resolver = Callable[[str], ComponentSpec | None]


@dataclass(frozen=True)
class Derived:
    """An inference pipeline: its graph and parameters, the change from the training graph,
    the columns a caller sends, and the node whose output is the prediction."""

    graph: dict[str, Any]
    parameters: dict[str, Any]
    diff: dict[str, Any]
    input_schema: list[dict[str, str]]
    scoring_node: str


def derive(
    graph: Mapping[str, Any],
    resolve: Resolver,
    run: TrainingRun,
    kind: str,
    *,
    label_column: str | None = None,
    scoring_node: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    pipeline_name: str = "",
) -> Derived:
    """The inference pipeline of a training `graph` run as `run`; DeriveError says why not.

    `label_column` defaults to the label of the model the scoring node reads; `parameters` are
    the training pipeline's declarations, kept for the bindings that remain; `pipeline_name`,
    the derived pipeline's, names a batch pipeline's output dataset by default.
    """
    if kind not in KINDS:
        raise DeriveError(f"kind must be {' or '.join(KINDS)}, got {kind!r}")
    work = Work.of(graph, resolve)
    scoring = _scoring_node(work, scoring_node)
    work.keep_only(work.ancestors(scoring))
    _rewrite(work, scoring, run)
    work.keep_only(work.ancestors(scoring))
    hops, source, source_port = _scored_path(work, scoring)
    model = _model_summary(work, scoring, run)
    label = label_column or model.get("label_column")
    columns = _source_columns(run, work, source, source_port)
    schema = input_columns(
        columns, hops, work.nodes, work.specs, label, model.get("feature_columns"), parameters
    )
    new_parameters = _kept_parameters(work, parameters)
    if kind == REALTIME:
        entry = _web_service_input(work, source, source_port, schema)
    else:
        entry = _input_dataset(work, source, source_port)
        new_parameters[INPUT_PARAMETER] = _input_parameter(work, source)
    work.replaced[source] = entry
    if kind == REALTIME:
        exit_node = _web_service_output(work, scoring)
    else:
        exit_node = _output_dataset(work, scoring)
        new_parameters[OUTPUT_PARAMETER] = _output_parameter(pipeline_name)
    work.keep_only(work.ancestors(exit_node))
    derived = {"nodes": list(work.nodes.values()), "edges": work.edges}
    return Derived(
        graph=derived,
        parameters=new_parameters,
        diff=graph_diff(graph, derived, work.replaced),
        input_schema=[column.to_dict() for column in schema],
        scoring_node=scoring,
    )


def _scoring_node(work: Work, chosen: str | None) -> str:
    if chosen is not None:
        if chosen not in work.nodes:
            raise DeriveError(f"the training pipeline has no node '{chosen}' to score with")
        return chosen
    named = [n for n, spec in work.specs.items() if spec.name in SCORING_COMPONENTS]
    found = named or [n for n in work.nodes if _feeds_only_evaluation(work, n)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise DeriveError(
            "the training pipeline has no scoring node: add Score Model after the trained "
            "model, run the pipeline, and derive from that run"
        )
    raise DeriveError(
        f"the training pipeline has several scoring nodes ({', '.join(found)}); name the one "
        "whose output the inference pipeline should answer with"
    )


def _feeds_only_evaluation(work: Work, node_id: str) -> bool:
    """A kept node that predicts (reads a model and rows, gives rows) and is read only by
    dropped end nodes: a scoring step followed by its evaluation."""
    spec, readers = work.specs[node_id], work.readers(node_id)
    if spec.inference.mode != KEEP or not readers or first_frame_output(spec) is None:
        return False
    wired = {port.type for port in spec.inputs if work.feed(node_id, port.name) is not None}
    if not {"model", "dataframe"} <= wired:
        return False
    return all(
        work.specs[edge["target"]].inference.mode == DROP and not work.readers(edge["target"])
        for edge in readers
    )


def _rewrite(work: Work, scoring: str, run: TrainingRun) -> None:
    """Rewrite every kept node by its rule, parents first; the scoring node stays itself."""
    if first_frame_output(work.specs[scoring]) is None:
        raise DeriveError(f"{scoring} has no dataframe output to answer with", node=scoring)
    order = topological_order({"nodes": list(work.nodes.values()), "edges": work.edges})
    for node_id in order:
        if node_id == scoring or node_id not in work.nodes:
            continue
        rule = work.specs[node_id].inference
        if rule.mode == DROP:
            drop(work, node_id)
        elif rule.mode == REPLACE and rule.output is not None:
            replace(work, node_id, rule.output, run)
        elif rule.mode == APPLY and rule.apply is not None:
            apply(work, node_id, rule.apply, run)


def _scored_path(work: Work, scoring: str) -> tuple[list[Hop], str, str]:
    """The scored rows' way from their source to the scoring node, through each node's first
    connected dataframe input; returns the hops (source side first), the source and its port."""
    hops: list[Hop] = []
    node_id, leaving = scoring, None
    while True:
        entering = _connected_frame_input(work, node_id)
        if entering is None:
            break
        hops.append(Hop(node_id, entering, leaving))
        edge = work.feed(node_id, entering)
        assert edge is not None
        node_id, leaving = edge["source"], edge["source_port"]
    if node_id == scoring or leaving is None:
        raise DeriveError(
            f"{scoring} reads no rows: connect its data input, run again and derive from that run",
            node=scoring,
        )
    return list(reversed(hops)), node_id, leaving


def _connected_frame_input(work: Work, node_id: str) -> str | None:
    for port in work.specs[node_id].inputs:
        if port.type == "dataframe" and work.feed(node_id, port.name) is not None:
            return port.name
    return None


def _model_summary(work: Work, scoring: str, run: TrainingRun) -> Mapping[str, Any]:
    """The summary of the trained model the scoring node reads, when the run stored one."""
    for port in work.specs[scoring].inputs:
        edge = work.feed(scoring, port.name) if port.type == "model" else None
        bound = work.bound.get(edge["source"]) if edge is not None else None
        output = run.outputs.get(bound) if bound is not None else None
        if output is not None and output.summary:
            return output.summary
    return {}


def _source_columns(run: TrainingRun, work: Work, source: str, port: str) -> tuple[Column, ...]:
    output = run.outputs.get((source, port))
    if output is None or output.columns is None:
        raise DeriveError(
            f"run {run.run_id} holds no rows from {source}.{port}, so the input schema is "
            "unknown; run the whole pipeline and derive from that run",
            node=source,
        )
    return output.columns


def _web_service_input(work: Work, source: str, port: str, schema: list[Column]) -> str:
    columns = [column.to_dict() for column in schema]
    entry = work.add("web_service_input", WEB_SERVICE_INPUT, {"columns": columns}, near=source)
    work.rewire(source, port, entry, "data")
    return entry


def _input_dataset(work: Work, source: str, port: str) -> str:
    params = {"name": {"$param": INPUT_PARAMETER}, "version": "latest"}
    entry = work.add(INPUT_PARAMETER, DATASET, params, near=source)
    work.rewire(source, port, entry, "data")
    return entry


def _input_parameter(work: Work, source: str) -> dict[str, Any]:
    """The batch pipeline's input: a dataset name, by default the one the run read if any."""
    declaration: dict[str, Any] = {
        "type": "string",
        "description": "Name of the registered dataset whose rows are scored",
    }
    node = work.nodes.get(source) or {}
    if work.specs[source].name == "dataset" and isinstance(node.get("params", {}).get("name"), str):
        declaration["default"] = node["params"]["name"]
    return declaration


def _web_service_output(work: Work, scoring: str) -> str:
    return _after_scoring(work, scoring, "web_service_output", WEB_SERVICE_OUTPUT, {})


def _output_dataset(work: Work, scoring: str) -> str:
    params = {"name": {"$param": OUTPUT_PARAMETER}}
    return _after_scoring(work, scoring, OUTPUT_PARAMETER, REGISTER_DATASET, params)


def _after_scoring(work: Work, scoring: str, wanted_id: str, ref: str, params: dict) -> str:
    """A node of `ref` fed the scoring node's predictions, placed below it."""
    port = first_frame_output(work.specs[scoring])
    assert port is not None  # checked before rewriting
    exit_node = work.add(wanted_id, ref, params, near=scoring)
    work.nodes[exit_node]["position"]["y"] += OUTPUT_OFFSET_Y
    work.connect(scoring, port, exit_node, "data")
    return exit_node


def _output_parameter(pipeline_name: str) -> dict[str, Any]:
    """The batch pipeline's output: the dataset its predictions become a new version of."""
    return {
        "type": "string",
        "default": output_dataset_name(pipeline_name),
        "description": "Name of the dataset the predictions are registered as (a new version "
        "each run)",
    }


def output_dataset_name(pipeline_name: str) -> str:
    """`Diabetes nightly (batch)` -> `diabetes-nightly-batch-predictions`: the pipeline's name
    made a dataset name, within its length."""
    stem = NOT_IN_NAMES.sub("-", pipeline_name.lower()).strip("-_")
    stem = stem[: NAME_LENGTH - len(OUTPUT_SUFFIX)].rstrip("-_")
    return f"{stem}{OUTPUT_SUFFIX}" if stem else OUTPUT_SUFFIX.lstrip("-")


def _kept_parameters(work: Work, parameters: Mapping[str, Any] | None) -> dict[str, Any]:
    """The training pipeline's parameters still bound by a node of the derived graph."""
    bound = {
        value["$param"]
        for node in work.nodes.values()
        for value in (node.get("params") or {}).values()
        if isinstance(value, Mapping) and isinstance(value.get("$param"), str)
    }
    return {name: body for name, body in (parameters or {}).items() if name in bound}

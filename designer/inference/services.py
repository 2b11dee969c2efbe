"""Deriving an inference pipeline from a completed training run, and saving it.

The derivation itself is the kernel's (`designer.kernel.inference`); this module hands it the
graph as the run ran it (disabled nodes bypassed, each node's parameters as the run resolved
them, so the derived pipeline predicts exactly as the run scored) and the run's stored outputs,
then saves the result as a new pipeline when asked. It must not change the training pipeline
or its run.

Whoever can see the run may derive from it; saving puts the new pipeline in the run's workspace,
beside the models it reads, and so asks for a contributor there, whatever workspace the request
chose.
"""

from dataclasses import dataclass
from typing import Any

from designer.accounts.acting import Action, check, user_of
from designer.artifacts.models import Artifact
from designer.errors import GraphInvalid, InvalidInput, NotFound
from designer.kernel.inference import BATCH, Derived, DeriveError, RunOutput, TrainingRun, derive
from designer.kernel.schema_rules import Column
from designer.pipelines.models import Pipeline
from designer.pipelines.services import NAME_LENGTH, check_graph
from designer.registry.services import resolver
from designer.runs.choices import NODE_SUCCEEDED, RunStatus
from designer.runs.models import NodeRun, Run
from designer.runs.orchestrator import effective_graph

KIND_WORDS = {"realtime": "real-time inference", "batch": "batch inference"}


@dataclass(frozen=True)
class DerivedPipeline:
    """A derivation's result: the saved pipeline (None when not saved) and what was derived."""

    run: int
    kind: str
    pipeline: Pipeline | None
    graph: dict[str, Any]
    parameters: dict[str, Any]
    diff: dict[str, Any]
    input_schema: list[dict[str, str]]
    scoring_node: str


def derive_pipeline(
    actor,
    run_id: int,
    kind: str = "realtime",
    name: str = "",
    save: bool = True,
    node: str | None = None,
) -> DerivedPipeline:
    """Derive the inference pipeline of completed run `run_id`; save it unless told not to."""
    run = _completed_run(actor, run_id)
    title = (name.strip() or _default_name(run, kind))[:NAME_LENGTH]
    derived = _derive(run, kind, node, title)
    pipeline = None
    if save:
        check(actor, Action.EDIT, run.pipeline.workspace)
        errors = check_graph(derived.graph, derived.parameters)
        if errors:  # a component it needs is missing, or a rule led somewhere unexpected
            raise GraphInvalid(errors)
        pipeline = Pipeline.objects.create(
            workspace=run.pipeline.workspace,
            owner=user_of(actor),
            name=title,
            description=_description(run, kind),
            graph=derived.graph,
            parameters=derived.parameters,
            default_compute=run.version.default_compute,
        )
    return DerivedPipeline(
        run=run.pk,
        kind=kind,
        pipeline=pipeline,
        graph=derived.graph,
        parameters=derived.parameters,
        diff=derived.diff,
        input_schema=derived.input_schema,
        scoring_node=derived.scoring_node,
    )


def _completed_run(actor, run_id: int) -> Run:
    run = (
        Run.objects.select_related("pipeline__workspace", "version")
        .filter(pk=run_id, deleted_at__isnull=True)
        .first()
    )
    if run is None:
        raise NotFound(f"No run {run_id}.")
    check(actor, Action.VIEW, run)
    if run.status != RunStatus.COMPLETED:
        raise InvalidInput(
            f"Run {run_id} is {run.status}; an inference pipeline is derived from a completed "
            "run, whose trained models it uses. Derive from a completed run of this pipeline.",
            code="run_not_completed",
        )
    return run


def _derive(run: Run, kind: str, node: str | None, title: str) -> Derived:
    node_runs = list(run.node_runs.all())
    try:
        return derive(
            _graph_as_run(run, node_runs),
            resolver(),
            _training_run(run, node_runs),
            kind,
            scoring_node=node,
            parameters=run.version.parameters,
            pipeline_name=title,
        )
    except DeriveError as exc:
        raise InvalidInput(
            f"Cannot derive an inference pipeline from run {run.pk}: {exc.message}.",
            code="cannot_derive",
            node=exc.node,
        ) from exc


def _graph_as_run(run: Run, node_runs: list[NodeRun]) -> dict[str, Any]:
    """The version's graph as it ran: disabled nodes bypassed, parameters as resolved."""
    graph = effective_graph(run.version)
    used = {node_run.node_id: node_run.params for node_run in node_runs}
    nodes = [
        {**node, "params": used[node["id"]]} if node["id"] in used else node
        for node in graph.get("nodes", [])
    ]
    return {"nodes": nodes, "edges": list(graph.get("edges", []))}


def _training_run(run: Run, node_runs: list[NodeRun]) -> TrainingRun:
    """Every output the run stored, with the columns of dataframes and models' summaries."""
    finished = [n for n in node_runs if n.status in NODE_SUCCEEDED]
    ids = {int(a) for n in finished for a in n.outputs.values() if a is not None}
    artifacts = Artifact.objects.in_bulk(list(ids))
    outputs = {}
    for node_run in finished:
        for port, artifact_id in node_run.outputs.items():
            artifact = artifacts.get(int(artifact_id)) if artifact_id is not None else None
            if artifact is not None:
                outputs[(node_run.node_id, port)] = _run_output(artifact)
    return TrainingRun(run.pk, outputs)


def _run_output(artifact: Artifact) -> RunOutput:
    columns = None
    if artifact.kind == "dataframe" and artifact.schema is not None:
        columns = tuple(Column(str(c["name"]), str(c["dtype"])) for c in artifact.schema)
    summary = artifact.summary if isinstance(artifact.summary, dict) else None
    return RunOutput(artifact.pk, columns=columns, summary=summary)


def _default_name(run: Run, kind: str) -> str:
    return f"{run.pipeline.name} ({KIND_WORDS[kind]})"


def _description(run: Run, kind: str) -> str:
    reads = "rows from the dataset named by input_dataset" if kind == BATCH else "request rows"
    return (
        f"Derived from run {run.pk} of {run.pipeline.name} (version {run.version.number}): "
        f"predicts {reads} with the models that run trained."
    )

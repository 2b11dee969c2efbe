"""Binding Run Output nodes: a stored output of an earlier run, as a source node.

A derived inference pipeline stands a `run_output` node where the training pipeline trained a
model or fitted a transform. When a run of it starts, the engine (`designer/runs/sources.py`)
asks this module for the artifact: the output `port` of node `node` in run `run`, which the
acting user must be able to read. The node run then starts completed with that artifact, and
records it as its `source`, so downstream steps reuse exactly when the model is the same.
"""

from typing import Any

from designer.accounts.acting import Action, check
from designer.artifacts.models import Artifact
from designer.errors import InvalidInput, NotFound
from designer.runs.choices import NODE_SUCCEEDED
from designer.runs.models import Run
from designer.runs.sources import Bound


def bind_run_output(actor, params: dict[str, Any], workspace_id: int | None = None) -> Bound:
    """The artifact a run_output node stands for; NotFound or InvalidInput naming what is off.
    A run of another workspace than the pipeline's (`workspace_id`) answers as a missing one."""
    run_id, node, port = params.get("run"), params.get("node"), params.get("port") or "model"
    run = Run.objects.filter(pk=run_id, deleted_at__isnull=True).select_related("pipeline").first()
    if run is not None and workspace_id is not None and run.pipeline.workspace_id != workspace_id:
        run = None
    if run is None:
        raise NotFound(
            f"run {run_id} does not exist or was deleted; derive the inference pipeline again "
            "from a run that is kept, or register the model and use Registered Model"
        )
    check(actor, Action.VIEW, run)
    node_run = run.node_runs.filter(node_id=node).first()
    if node_run is None:
        raise NotFound(f"run {run_id} has no node '{node}'")
    artifact_id = node_run.outputs.get(port) if node_run.status in NODE_SUCCEEDED else None
    if artifact_id is None:
        raise InvalidInput(
            f"node {node} of run {run_id} stored no output '{port}' (the node is "
            f"{node_run.status}; its outputs are: {', '.join(node_run.outputs) or 'none'})",
            code="no_run_output",
        )
    artifact = Artifact.objects.filter(pk=artifact_id).first()
    if artifact is None:
        raise NotFound(f"the output '{port}' of node {node} in run {run_id} is no longer stored")
    if artifact.kind != "model":
        raise InvalidInput(
            f"output '{port}' of node {node} in run {run_id} is a {artifact.kind}; a Run "
            "Output node gives a model (a trained model or a fitted transform)",
            code="not_a_model",
        )
    return Bound(
        params={"run": run.pk, "node": node, "port": port},
        outputs={"model": artifact.pk},
        source={
            "kind": "run_output",
            "name": f"{run.pk}/{node}/{port}",
            "version": run.pk,
            "digest": artifact.digest,
        },
    )

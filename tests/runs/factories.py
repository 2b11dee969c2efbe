"""Builders for run tests: runs submitted in-process, node runs finished by hand (as a worker
would), and artifacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from designer.accounts.acting import SYSTEM
from designer.artifacts.models import Artifact
from designer.compute.models import ComputeTarget
from designer.execution import lifecycle
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, Run
from tests.pipelines.factories import pipeline


def submitted(graph: dict, name: str = "p", **submit: Any) -> Run:
    """A run of a new pipeline holding `graph`; `submit` goes to `orchestrator.submit_run`."""
    return orchestrator.submit_run(SYSTEM, pipeline(graph, name).pk, **submit)


def claimed_script(script: str, name: str = "p") -> NodeRun:
    """The node run of a new one-node run, an Execute Python Script step running `script`,
    claimed as a worker claims it (on the default compute target)."""
    ComputeTarget.objects.get_or_create(name="default")
    node = {"id": "script", "component": "execute_python_script@1.0.0"}
    node["params"] = {"script": script}
    run = submitted({"nodes": [node], "edges": []}, name)
    node_run = lifecycle.claim_node_run(NodeRun.objects.get(run=run).pk, "test")
    assert node_run is not None
    return node_run


def statuses(run: Run) -> dict[str, str]:
    return {n.node_id: n.status for n in NodeRun.objects.filter(run=run)}


def finish(run: Run, node_id: str, status: str = NodeStatus.COMPLETED, **fields: Any) -> None:
    """Claim the node run and end it with `status`, as a worker does."""
    node_run = NodeRun.objects.get(run=run, node_id=node_id)
    assert lifecycle.claim_node_run(node_run.pk, "test") is not None
    lifecycle.finish_node_run(node_run.pk, status, **fields)


def artifact(**fields: Any) -> Artifact:
    """An artifact row with no file behind it, for decisions that only look at its id."""
    return Artifact.objects.create(
        **{"digest": "d" * 64, "kind": "dataframe", "size": 1, "uri": "x", **fields}
    )


def output_of_a_run(artifact: Artifact, workspace: Any = None, port: str = "data") -> NodeRun:
    """A finished node run with `artifact` as its output, in a run of a new pipeline of
    `workspace` (else `default`): what lets that workspace's members see the artifact."""
    from designer.pipelines.models import PipelineVersion
    from designer.registry.models import Component
    from designer.runs.models import Experiment

    where = {} if workspace is None else {"workspace": workspace}
    owner = pipeline(name=f"holds {artifact.pk}", **where)
    version = PipelineVersion.objects.create(pipeline=owner, number=1, digest="v1", graph={})
    run = Run.objects.create(
        pipeline=owner,
        version=version,
        experiment=Experiment.objects.get_or_create(
            workspace_id=owner.workspace_id, name="holders"
        )[0],
        status="completed",
    )
    return NodeRun.objects.create(
        run=run,
        node_id="make",
        component=Component.objects.order_by("pk").first(),
        status=NodeStatus.COMPLETED,
        outputs={"other": artifact.pk + 1000, port: artifact.pk},
    )


def dataframe_artifact(frame, folder: Path, name: str = "frame") -> Artifact:
    """`frame` written as Parquet and stored for real (the artifact store must be set)."""
    from designer.artifacts.services import ingest
    from designer.runtime.io import write_dataframe

    return ingest(write_dataframe(frame, Path(folder) / f"{name}.parquet"), "dataframe")


def run_to_end(run: Run) -> Run:
    """Execute the run's queued node runs in this process, as a worker does (a real executor
    child each), until none is left; the run as it ended."""
    from designer.execution import step

    while True:
        queued = NodeRun.objects.filter(run=run, status=NodeStatus.QUEUED).order_by("pk").first()
        if queued is None:
            break
        claimed = lifecycle.claim_node_run(queued.pk, "test")
        assert claimed is not None
        step.execute(claimed)
    run.refresh_from_db()
    return run

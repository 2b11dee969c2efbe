"""Builders for model registry tests: the sample pipeline run for real in this process (each
step in an executor child, as a worker runs it), and model versions registered from it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from designer.accounts.acting import SYSTEM
from designer.execution import lifecycle
from designer.execution import step as execution
from designer.runs import orchestrator
from designer.runs.choices import RUN_FINAL, NodeStatus
from designer.runs.models import NodeRun, Run
from tests.pipelines.factories import pipeline

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "designer" / "pipelines" / "samples" / "diabetes_regression.json"


def sample_graph() -> dict[str, Any]:
    """load → split → (learner) train → score → evaluate, on the diabetes data."""
    return copy.deepcopy(json.loads(SAMPLE.read_text())["graph"])


def sample_parameters() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text())["parameters"]


def run_to_end(run: Run, actor=SYSTEM) -> Run:
    """Execute every queued node of `run`, as a worker would, until the run ends."""
    for _ in range(100):
        run.refresh_from_db()
        if run.status in RUN_FINAL:
            return run
        queued = NodeRun.objects.filter(run=run, status=NodeStatus.QUEUED).order_by("pk")
        for node_run in queued:
            claimed = lifecycle.claim_node_run(node_run.pk, "test")
            if claimed is not None:
                execution.execute(claimed)
    raise AssertionError(f"run {run.pk} did not end: {run.status}")


def trained_run(graph: dict | None = None, name: str = "diabetes", actor=SYSTEM) -> Run:
    """A finished run of `graph` (the sample pipeline by default)."""
    owner = pipeline(graph or sample_graph(), name, parameters=sample_parameters())
    run = run_to_end(orchestrator.submit_run(actor, owner.pk), actor)
    failed = {n.node_id: n.error for n in run.node_runs.exclude(status__in=["completed", "reused"])}
    assert run.status == "completed", failed
    return run

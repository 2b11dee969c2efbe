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


def fitted_model(features: int = 3, rows: int = 40, seed: int = 0):
    """A TrainedModel as Train Model makes it: a linear regression on columns x0, x1, ...
    (each seed gives other rows, so another fit and other bytes)."""
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LinearRegression

    from designer.runtime.models import TrainedModel

    rng = np.random.default_rng(seed)
    columns = [f"x{i}" for i in range(features)]
    frame = pd.DataFrame(rng.normal(size=(rows, features)), columns=columns)
    frame["y"] = frame.sum(axis=1) * 2 + 1
    estimator = LinearRegression().fit(frame[columns], frame["y"])
    return TrainedModel(estimator, "y", columns, "regression"), frame


def model_artifact(folder: Path, value: Any = None):
    """`value` (a fitted model by default) pickled and stored as a model artifact, with the
    summary the executor would report (the artifact store must be set)."""
    import pickle

    from designer.artifacts.services import ingest
    from designer.runtime.summaries import summarize_model

    value = value if value is not None else fitted_model()[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"model-{id(value)}.pkl"
    path.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return ingest(path, "model", summary=summarize_model(value))


def registered_version(name: str, folder: Path, actor=SYSTEM, seed: int = 0, **fields: Any):
    """A new version of model `name` holding a fitted model, as an upload registers it."""
    from designer.models.choices import VersionSource
    from designer.models.services.registration import add_version

    artifact = model_artifact(folder, fitted_model(seed=seed)[0])
    fields = {"description": "", "tags": [], "source": VersionSource.UPLOAD, **fields}
    return add_version(actor, name, artifact, **fields)

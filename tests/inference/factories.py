"""Builders for inference tests: training runs executed for real in this process, derivations
over the REST API, and the rows a run stored."""

from __future__ import annotations

import pandas as pd

from designer.artifacts.cache import materialize
from designer.artifacts.models import Artifact
from designer.runs.choices import RunStatus
from designer.runs.models import NodeRun, Run
from designer.runtime.io import read_dataframe
from tests.pipelines.factories import edge, post_pipeline
from tests.runs.factories import run_to_end


def run_pipeline(api, pipeline_id: int) -> Run:
    """Submit the pipeline over the API and execute it to the end; it must complete."""
    response = api.post(f"/api/pipelines/{pipeline_id}/runs/", {}, format="json")
    assert response.status_code == 201, response.content
    run = run_to_end(Run.objects.get(pk=response.json()["id"]))
    failed = NodeRun.objects.filter(run=run).exclude(error="").values_list("node_id", "error")
    assert run.status == RunStatus.COMPLETED, list(failed)
    return run


def trained(api, graph: dict, name: str, parameters: dict | None = None) -> Run:
    """A completed run of a new pipeline holding `graph`."""
    created = post_pipeline(api, graph, name, parameters=parameters or {})
    return run_pipeline(api, created["id"])


def derive(api, run: Run, **body) -> dict:
    response = api.post(f"/api/runs/{run.pk}/inference-pipeline/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def frame(run: Run, node_id: str, port: str) -> pd.DataFrame:
    """The rows a node of the run stored on one output."""
    node_run = NodeRun.objects.get(run=run, node_id=node_id)
    return read_dataframe(materialize(Artifact.objects.get(pk=node_run.outputs[port])))


def fed_with_test_rows(derived: dict, run: Run, source: str = "load", split: str = "split") -> dict:
    """The derived graph with the training run's test rows connected to Web Service Input:
    the run's source and split nodes again, with the parameters the run used (a split picks
    its rows by row count and parameters alone), the split's second output into `data`."""
    used = {n.node_id: n.params for n in NodeRun.objects.filter(run=run)}
    nodes = {n["id"]: n for n in run.version.graph["nodes"]}
    feed = [
        {**nodes[source], "id": "test_source", "params": used[source]},
        {**nodes[split], "id": "test_split", "params": used[split]},
    ]
    graph = derived["graph"]
    return {
        "nodes": [*graph["nodes"], *feed],
        "edges": [
            *graph["edges"],
            edge("test_source", "data", "test_split", "data"),
            edge("test_split", "second", "web_service_input", "data"),
        ],
    }


def run_fed(api, derived: dict, run: Run, **nodes: str) -> Run:
    """Save the derived pipeline fed with the training run's test rows, and run it."""
    pipeline = derived["pipeline"]
    body = {"graph": fed_with_test_rows(derived, run, **nodes), "revision": pipeline["revision"]}
    response = api.patch(f"/api/pipelines/{pipeline['id']}/", body, format="json")
    assert response.status_code == 200, response.content
    return run_pipeline(api, pipeline["id"])

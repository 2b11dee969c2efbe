"""A reused node shows the work it reused: its origin's metrics and log lines, with the origin
run named, in the run description, the metrics and logs endpoints and the websocket snapshot;
and describing a run with many reused nodes costs no query per node."""

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from designer.accounts.acting import SYSTEM
from designer.artifacts.services import ingest
from designer.execution import lifecycle
from designer.execution import step as execution
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.describe import describe_run
from designer.runs.event_types import check
from designer.runs.models import NodeRun, Run, RunEvent
from designer.runs.serializers import LogsSerializer, MetricPointSerializer, RunSerializer
from designer.runtime.io import write_dataframe
from tests.pipelines.factories import pipeline

pytestmark = pytest.mark.django_db

CHILD_EVENTS = [
    {"type": "log", "stream": "stdout", "line": "scored 4 rows"},
    {"type": "metric", "name": "accuracy", "value": 0.75, "step": None},
    {"type": "metric", "name": "accuracy", "value": 0.8, "step": None},
]


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


def loaders(count: int) -> dict:
    """`count` independent sample-dataset nodes: each runs once, then is reused."""
    return {
        "nodes": [
            {"id": f"load{i}", "component": "sample_dataset@1.0.0", "params": {"dataset": "iris"}}
            for i in range(count)
        ],
        "edges": [],
    }


def complete(run: Run, node_id: str, folder, child_events=()) -> None:
    """Finish a node run as a worker does: its child's events recorded, then its output."""
    node_run = NodeRun.objects.get(run=run, node_id=node_id)
    assert lifecycle.claim_node_run(node_run.pk, "test") is not None
    execution._take_events(node_run, list(child_events), execution.Outcome())
    frame = pd.DataFrame({"x": [1.0, 2.0]})
    path = write_dataframe(frame, folder / f"{run.pk}-{node_id}.parquet")
    outputs = {"data": ingest(path, "dataframe").pk}
    lifecycle.finish_node_run(node_run.pk, NodeStatus.COMPLETED, outputs=outputs)


def first_and_reused(count: int, folder) -> tuple[Run, Run]:
    folder.mkdir(parents=True, exist_ok=True)
    owner = pipeline(loaders(count), f"reuse {count}")
    first = orchestrator.submit_run(SYSTEM, owner.pk, force_rerun=True)
    for i in range(count):
        complete(first, f"load{i}", folder, CHILD_EVENTS)
    second = orchestrator.submit_run(SYSTEM, owner.pk)
    assert {n.status for n in NodeRun.objects.filter(run=second)} == {NodeStatus.REUSED}
    return first, second


def test_a_reused_node_shows_its_origins_metrics_and_logs(api, builtins, tmp_path):
    first, second = first_and_reused(1, tmp_path)

    shown = api.get(f"/api/runs/{second.pk}/").json()
    (node,) = shown["nodes"]
    assert node["status"] == "reused"
    assert node["metrics"] == {"accuracy": 0.8}
    assert node["from_run"] == first.pk
    check(RunSerializer, shown, "run")

    points = api.get(f"/api/runs/{second.pk}/nodes/load0/metrics/").json()
    assert [(p["name"], p["value"], p["from_run"]) for p in points] == [
        ("accuracy", 0.75, first.pk),
        ("accuracy", 0.8, first.pk),
    ]
    assert set(points[0]) == set(MetricPointSerializer().fields)

    logs = api.get(f"/api/runs/{second.pk}/nodes/load0/logs/").json()
    assert [line["line"] for line in logs["lines"]] == ["scored 4 rows"]
    assert logs["from_run"] == first.pk
    assert set(logs) == set(LogsSerializer().fields)
    # `after` pages through the origin run's lines.
    again = api.get(f"/api/runs/{second.pk}/nodes/load0/logs/?after={logs['last_seq']}").json()
    assert again["lines"] == [] and again["last_seq"] == logs["last_seq"]


def test_a_node_that_ran_names_its_own_run(api, builtins, tmp_path):
    first, _ = first_and_reused(1, tmp_path)
    (node,) = api.get(f"/api/runs/{first.pk}/").json()["nodes"]
    assert node["from_run"] == first.pk and node["metrics"] == {"accuracy": 0.8}
    logs = api.get(f"/api/runs/{first.pk}/nodes/load0/logs/").json()
    assert logs["from_run"] == first.pk and len(logs["lines"]) == 1
    points = api.get(f"/api/runs/{first.pk}/nodes/load0/metrics/").json()
    assert {p["from_run"] for p in points} == {first.pk}


def describe_queries(run: Run) -> int:
    run = Run.objects.select_related("pipeline", "version", "experiment").get(pk=run.pk)
    with CaptureQueriesContext(connection) as queries:
        described = describe_run(run)
    assert all(n["metrics"] == {"accuracy": 0.8} for n in described["nodes"])
    return len(queries)


def test_describing_many_reused_nodes_costs_no_query_per_node(builtins, tmp_path):
    _, few = first_and_reused(1, tmp_path / "few")
    _, many = first_and_reused(6, tmp_path / "many")
    assert describe_queries(many) == describe_queries(few)


def test_the_event_of_a_node_becoming_reused_carries_its_origins_metrics(builtins, tmp_path):
    first, second = first_and_reused(1, tmp_path)
    (event,) = [e.payload for e in RunEvent.objects.filter(run=second, type="node")]
    assert event["status"] == "reused"
    assert event["metrics"] == {"accuracy": 0.8}
    assert event["from_run"] == first.pk
    # A node event of work done in the run itself names that run and carries no metrics.
    ran = [e.payload for e in RunEvent.objects.filter(run=first, type="node")]
    assert {e["from_run"] for e in ran} == {first.pk}
    assert all("metrics" not in e for e in ran)


def test_rerunning_failed_nodes_carries_the_kept_nodes_metrics(builtins, tmp_path):
    first, _ = first_and_reused(2, tmp_path)
    again = orchestrator.rerun(SYSTEM, first.pk, failed_only=True)
    shown = describe_run(Run.objects.get(pk=again.pk))
    assert {(n["status"], n["from_run"]) for n in shown["nodes"]} == {("reused", first.pk)}
    assert all(n["metrics"] == {"accuracy": 0.8} for n in shown["nodes"])
    events = [e.payload for e in RunEvent.objects.filter(run=again, type="node")]
    assert events and all(e["metrics"] == {"accuracy": 0.8} for e in events)


def test_the_runs_list_shows_each_runs_latest_metrics_a_reused_nodes_from_its_origin(
    api, builtins, tmp_path
):
    first, second = first_and_reused(3, tmp_path)
    rows = {row["id"]: row for row in api.get("/api/runs/", params={"limit": 10}).json()}
    expected = {f"load{i}.accuracy": 0.8 for i in range(3)}
    assert rows[first.pk]["metrics"] == expected
    assert rows[second.pk]["metrics"] == expected


def test_the_runs_list_reads_metric_rows_not_every_node_run(api, builtins, tmp_path):
    first_and_reused(2, tmp_path)
    seen: list[int] = []

    def note(sender, instance, **kwargs):
        seen.append(instance.pk)

    from django.db.models.signals import post_init

    post_init.connect(note, sender=NodeRun)
    try:
        assert api.get("/api/runs/").status_code == 200
    finally:
        post_init.disconnect(note, sender=NodeRun)
    assert seen == []

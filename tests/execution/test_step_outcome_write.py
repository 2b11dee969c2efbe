"""A finished step's last log lines, metrics and progress are written with its outcome: one
transaction and one reservation of event numbers for all of them, not one for the lines and
another for the finish. Real Execute Python Script steps, run by the worker's own `execute`
in this process; and the finish itself, given the lines the worker read after the step was
done (which lines those are depends on when the worker last looked while it ran)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from designer.accounts.acting import SYSTEM
from designer.execution import lifecycle, step
from designer.pipelines.models import Pipeline
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import Metric, NodeRun, RunEvent

SCRIPT = """\
import pandas as pd

from designer.runtime import log_metric, report_progress


def main(data1, data2):
    print("one line")
    log_metric("score", 0.5)
    report_progress(3, 4)
    {ending}
"""


def claimed(script: str) -> NodeRun:
    node = {
        "id": "script",
        "component": "execute_python_script@1.0.0",
        "params": {"script": script},
    }
    pipeline = Pipeline.objects.create(name="one write", graph={"nodes": [node], "edges": []})
    run = orchestrator.submit_run(SYSTEM, pipeline.pk)
    node_run = lifecycle.claim_node_run(NodeRun.objects.get(run=run).pk, "test")
    assert node_run is not None
    return node_run


@pytest.fixture
def folders(builtins, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")


def reservations(captured) -> int:
    return sum("SET last_seq" in q["sql"] for q in captured.captured_queries)


@pytest.mark.django_db
def test_a_completed_steps_last_lines_go_out_with_its_completion(folders):
    node_run = claimed(SCRIPT.format(ending="return pd.DataFrame({'x': [1]}), None"))
    step.execute(node_run)
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    seen = list(RunEvent.objects.filter(run=node_run.run).order_by("seq"))
    lines = [e.payload.get("line", "") for e in seen if e.type == "log"]
    assert any("one line" in line for line in lines)
    kinds = [(e.type, e.payload.get("status")) for e in seen]
    # The step's lines come before the event that says it completed.
    assert kinds.index(("node", "completed")) > max(
        i for i, e in enumerate(seen) if e.type == "log" and "one line" in e.payload.get("line", "")
    )
    assert Metric.objects.filter(node_run=node_run, name="score").count() == 1


@pytest.mark.django_db
def test_a_failed_steps_progress_and_lines_are_kept_with_its_failure(folders):
    node_run = claimed(SCRIPT.format(ending="raise ValueError('no good')"))
    step.execute(node_run)
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.FAILED
    assert "no good" in node_run.error
    assert node_run.progress == {"current": 3, "total": 4}
    lines = [
        e.payload.get("line", "")
        for e in RunEvent.objects.filter(run=node_run.run, type="log").order_by("seq")
    ]
    assert any("one line" in line for line in lines)


def last_read(node_run: NodeRun) -> step.Pending:
    """What a worker read from the step's events file after it was done."""
    pending = step.Pending(node_run)
    pending.batch.append(
        ("log", {"node": node_run.node_id, "stream": "stdout", "line": "last"}, node_run.node_id)
    )
    pending.metrics.append(Metric(node_run=node_run, name="score", value=0.75))
    pending.progress = {"current": 4, "total": 4}
    return pending


@pytest.mark.django_db
@pytest.mark.parametrize("status", [NodeStatus.COMPLETED, NodeStatus.FAILED])
def test_the_finish_writes_the_last_lines_in_its_own_event_batch(folders, status):
    node_run = claimed(SCRIPT.format(ending="return None, None"))
    fields = {"outputs": {}} if status == NodeStatus.COMPLETED else {"error": "no good"}
    with CaptureQueriesContext(connection) as captured:
        lifecycle.finish_node_run(
            node_run.pk, status, None, last_read(node_run).write_with, **fields
        )
    assert reservations(captured) == 1
    seen = [
        (e.type, e.payload.get("line") or e.payload.get("status"))
        for e in RunEvent.objects.filter(run=node_run.run).order_by("seq")
    ]
    assert seen.index(("log", "last")) < seen.index(("node", status))
    node_run.refresh_from_db()
    assert node_run.status == status
    assert Metric.objects.get(node_run=node_run).value == 0.75
    if status == NodeStatus.FAILED:
        assert node_run.progress == {"current": 4, "total": 4}

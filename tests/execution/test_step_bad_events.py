"""A step that reports nonsense (a NaN metric, a step past any integer, progress of "abc", an
event type nobody knows) still finishes: each bad event is dropped with a warning in its log.

A real Execute Python Script step, run by the worker's own `execute` in this process."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.execution import lifecycle, step
from designer.execution.child_events import check_event
from designer.pipelines.models import Pipeline
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import Metric, NodeRun, RunEvent

SCRIPT = """\
import json

import pandas as pd

from designer.runtime import events, log_metric, report_progress


def main(data1, data2):
    log_metric("loss", float("nan"))
    log_metric("loss", float("inf"), step=3)
    log_metric("huge", 1.0, step=10**30)
    log_metric("kept", 0.5, step=2)
    report_progress(1, 4)
    events.emit({"type": "mystery", "x": 1})
    events.emit({"type": "progress", "current": "abc", "total": 10})
    events.emit({"type": "log", "stream": "elsewhere", "line": "odd stream"})
    # What json.dumps refuses to write but a hand-written line may hold: NaN and 1e400.
    with open(events._active.path, "a") as raw:
        raw.write('{"type": "metric", "name": "loss", "value": NaN}\\n')
        raw.write('{"type": "metric", "name": "loss", "value": 1.0, "step": 1e400}\\n')
        raw.write('{"type": "progress", "current": -1, "total": 4}\\n')
        raw.write('[1, 2]\\n')
    return pd.DataFrame({"x": [1]}), None
"""


@pytest.fixture
def node_run(builtins, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node = {"id": "script", "component": "execute_python_script@1.0.0"}
    node["params"] = {"script": SCRIPT}
    pipeline = Pipeline.objects.create(name="bad events", graph={"nodes": [node], "edges": []})
    run = orchestrator.submit_run(SYSTEM, pipeline.pk)
    claimed = lifecycle.claim_node_run(NodeRun.objects.get(run=run).pk, "test")
    assert claimed is not None
    return claimed


@pytest.mark.django_db
def test_bad_events_are_dropped_with_a_warning_and_the_step_completes(node_run):
    step.execute(node_run)
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    assert node_run.progress is None
    kept = list(Metric.objects.filter(node_run=node_run).values_list("name", "value", "step"))
    assert kept == [("kept", 0.5, 2)]
    logs = [
        e.payload
        for e in RunEvent.objects.filter(run_id=node_run.run_id, type="log").order_by("seq")
    ]
    warnings = [e["line"] for e in logs if e["stream"] == "stderr"]
    assert warnings == [
        "dropped metric 'loss': its value is not a finite number "
        "(NaN and infinity cannot be stored)",
        "dropped metric 'loss': its value is not a finite number "
        "(NaN and infinity cannot be stored)",
        "dropped metric 'huge': step 1000000000000000000000000000000 is not a whole number "
        "from 0 to 2147483647",
        "dropped an event of unknown type 'mystery'",
        "dropped progress 'abc'/10: current and total must be finite numbers, "
        "current at least 0 and total above 0",
        "dropped metric 'loss': value nan is not a finite number",
        "dropped metric 'loss': step inf is not a whole number from 0 to 2147483647",
        "dropped progress -1/4: current and total must be finite numbers, "
        "current at least 0 and total above 0",
        "dropped a line of the events file that is not an event: [1, 2]",
    ]
    assert ("stdout", "odd stream") in [(e["stream"], e["line"]) for e in logs]


@pytest.mark.parametrize(
    "event",
    [
        {"type": "metric", "name": "m", "value": True},
        {"type": "metric", "name": "m", "value": "1.0"},
        {"type": "metric", "name": "m", "value": 10**400},
        {"type": "metric", "name": "m", "value": 1.0, "step": -1},
        {"type": "metric", "name": "m", "value": 1.0, "step": 1.5},
        {"type": "metric", "name": 7, "value": 1.0},
        {"type": "progress", "current": 1, "total": 0},
        {"type": "progress", "current": float("inf"), "total": 1},
        {"type": "progress", "current": None, "total": 1},
        {"type": "progress", "current": 1, "total": 2, "label": 3},
        {"type": None},
        "a string",
    ],
)
def test_malformed_events_become_warnings(event):
    assert isinstance(check_event(event), str)


def test_a_progress_label_is_kept_and_bounded():
    checked = check_event({"type": "progress", "current": 40, "total": 100, "label": "x" * 500})
    assert not isinstance(checked, str)
    assert checked.fields == {"current": 40, "total": 100, "label": "x" * 200}

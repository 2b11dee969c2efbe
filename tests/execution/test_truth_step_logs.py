"""A built-in step that prints nothing still has a log: a worker runs it for real (an executor
child forked from the zygote) and `/logs/` shows the executor's `system` lines."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.execution import lifecycle
from designer.execution import step as execution
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun
from tests.pipelines.factories import pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


def test_a_completed_builtin_step_logs_its_shapes(api, builtins):
    graph = {
        "nodes": [
            {"id": "load", "component": "sample_dataset@1.0.0", "params": {"dataset": "iris"}}
        ],
        "edges": [],
    }
    run = orchestrator.submit_run(SYSTEM, pipeline(graph, "system log").pk, force_rerun=True)
    node_run = NodeRun.objects.get(run=run, node_id="load")
    claimed = lifecycle.claim_node_run(node_run.pk, "test")
    assert claimed is not None
    execution.execute(NodeRun.objects.get(pk=node_run.pk))
    assert NodeRun.objects.get(pk=node_run.pk).status == NodeStatus.COMPLETED

    logs = api.get(f"/api/runs/{run.pk}/nodes/load/logs/").json()
    system = [line["line"] for line in logs["lines"] if line["stream"] == "system"]
    assert system[0] == "start sample_dataset@1.0.0"
    assert system[1] == "outputs: data = 150 rows × 5 columns"
    assert system[2].startswith("finished in ") and "peak memory" in system[2]
    assert len(system) == 3  # no inputs, so no inputs line

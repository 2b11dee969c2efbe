"""One retry policy for a failed step and for a lost worker, every attempt counted: the
worker's finish and the reconciler's take-back, driven in-process without a worker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from designer.accounts.acting import SYSTEM
from designer.execution import lifecycle, reconciler
from designer.pipelines.models import Pipeline
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(builtins, settings):
    settings.DESIGNER_LOST_WORKER_RETRIES = 2
    settings.DESIGNER_RETRY_BACKOFF_MS = 10
    node = {"id": "load", "component": "sample_dataset@1.0.0", "params": {}}
    pipeline = Pipeline.objects.create(name="one", graph={"nodes": [node], "edges": []})
    return orchestrator.submit_run(SYSTEM, pipeline.pk)


def load(run) -> NodeRun:
    return NodeRun.objects.get(run=run, node_id="load")


def claim(run) -> None:
    assert lifecycle.claim_node_run(load(run).pk, "w") is not None


def test_a_lost_worker_is_retried_within_the_allowance_then_failed(run):
    for attempt in (1, 2):
        claim(run)
        assert lifecycle.take_back(load(run).pk)
        node_run = load(run)
        assert (node_run.status, node_run.attempts) == (NodeStatus.QUEUED, attempt)
    claim(run)
    assert lifecycle.take_back(load(run).pk)
    node_run = load(run)
    assert (node_run.status, node_run.attempts) == (NodeStatus.FAILED, 3)
    assert "stopped responding 3 time(s)" in node_run.error
    run.refresh_from_db()
    assert run.status == "failed"


def test_the_reconciler_counts_its_take_backs(run, settings):
    settings.DESIGNER_LOST_WORKER_RETRIES = 0
    claim(run)
    NodeRun.objects.filter(pk=load(run).pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert reconciler.reconcile() == 1
    node_run = load(run)
    assert node_run.status == NodeStatus.FAILED, "max_retries 0 and no allowance: no re-run"
    assert node_run.attempts == 1


def test_a_failed_step_is_retried_up_to_max_retries(run):
    NodeRun.objects.filter(pk=load(run).pk).update(max_retries=1)
    claim(run)
    lifecycle.finish_node_run(load(run).pk, NodeStatus.FAILED, error="boom")
    node_run = load(run)
    assert (node_run.status, node_run.attempts, node_run.error) == (NodeStatus.QUEUED, 1, "boom")
    claim(run)
    lifecycle.finish_node_run(load(run).pk, NodeStatus.FAILED, error="boom again")
    node_run = load(run)
    assert (node_run.status, node_run.attempts) == (NodeStatus.FAILED, 2)
    run.refresh_from_db()
    assert run.status == "failed"


def test_a_late_outcome_after_take_back_is_dropped(run):
    claim(run)
    lifecycle.take_back(load(run).pk)
    assert lifecycle.finish_node_run(load(run).pk, NodeStatus.COMPLETED, outputs={}) == []
    assert load(run).status == NodeStatus.QUEUED

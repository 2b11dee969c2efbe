"""Run and node-run states, and the transitions allowed between them."""

from django.db import models


class RunStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELED = "canceled"


class NodeStatus(models.TextChoices):
    PENDING = "pending"
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    REUSED = "reused"
    FAILED = "failed"
    CANCELED = "canceled"
    SKIPPED = "skipped"


RUN_FINAL = {RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELED}
NODE_FINAL = {
    NodeStatus.COMPLETED,
    NodeStatus.REUSED,
    NodeStatus.FAILED,
    NodeStatus.CANCELED,
    NodeStatus.SKIPPED,
}
NODE_SUCCEEDED = {NodeStatus.COMPLETED, NodeStatus.REUSED}

RUN_TRANSITIONS: dict[str, set[str]] = {
    RunStatus.QUEUED: {
        RunStatus.RUNNING,
        RunStatus.COMPLETED,
        RunStatus.FAILED,
        RunStatus.CANCELED,
    },
    RunStatus.RUNNING: {RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELED},
}

# running -> queued: a retry, or the reconciler handing an orphaned node run to another
# worker. queued -> skipped: the run stopped at a failure before this node started.
NODE_TRANSITIONS: dict[str, set[str]] = {
    NodeStatus.PENDING: {
        NodeStatus.QUEUED,
        NodeStatus.REUSED,
        NodeStatus.SKIPPED,
        NodeStatus.CANCELED,
    },
    NodeStatus.QUEUED: {
        NodeStatus.RUNNING,
        NodeStatus.CANCELED,
        NodeStatus.FAILED,
        NodeStatus.SKIPPED,
    },
    NodeStatus.RUNNING: {
        NodeStatus.COMPLETED,
        NodeStatus.FAILED,
        NodeStatus.CANCELED,
        NodeStatus.QUEUED,
    },
}

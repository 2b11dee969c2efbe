"""Run and node states, and the moves allowed between them.

The one definition of the state names: the database's choices, the orchestrator, the
reconciler and the API schema all derive from it. Plain data, no I/O.
"""

from __future__ import annotations

from enum import StrEnum


class RunState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELED = "canceled"


class NodeState(StrEnum):
    PENDING = "pending"
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    REUSED = "reused"
    FAILED = "failed"
    CANCELED = "canceled"
    SKIPPED = "skipped"


RUN_FINAL = frozenset({RunState.COMPLETED, RunState.FAILED, RunState.CANCELED})
NODE_FINAL = frozenset(
    {
        NodeState.COMPLETED,
        NodeState.REUSED,
        NodeState.FAILED,
        NodeState.CANCELED,
        NodeState.SKIPPED,
    }
)
NODE_SUCCEEDED = frozenset({NodeState.COMPLETED, NodeState.REUSED})

RUN_TRANSITIONS: dict[str, frozenset[str]] = {
    RunState.QUEUED: frozenset(
        {RunState.RUNNING, RunState.COMPLETED, RunState.FAILED, RunState.CANCELED}
    ),
    RunState.RUNNING: frozenset({RunState.COMPLETED, RunState.FAILED, RunState.CANCELED}),
}

# running -> queued: a retry, or the reconciler handing an orphaned node run to another
# worker. queued -> skipped: the run stopped at a failure before this node started.
# running -> failed also covers a worker lost more often than the retry policy allows.
NODE_TRANSITIONS: dict[str, frozenset[str]] = {
    NodeState.PENDING: frozenset(
        {NodeState.QUEUED, NodeState.REUSED, NodeState.SKIPPED, NodeState.CANCELED}
    ),
    NodeState.QUEUED: frozenset(
        {NodeState.RUNNING, NodeState.CANCELED, NodeState.FAILED, NodeState.SKIPPED}
    ),
    NodeState.RUNNING: frozenset(
        {NodeState.COMPLETED, NodeState.FAILED, NodeState.CANCELED, NodeState.QUEUED}
    ),
}

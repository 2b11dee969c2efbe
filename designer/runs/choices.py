"""Run and node-run states as database choices, derived from the kernel's one definition."""

from django.db import models

from designer.kernel.states import (
    NODE_FINAL,
    NODE_SUCCEEDED,
    NODE_TRANSITIONS,
    RUN_FINAL,
    RUN_TRANSITIONS,
    NodeState,
    RunState,
)


class RunStatus(models.TextChoices):
    QUEUED = RunState.QUEUED.value
    RUNNING = RunState.RUNNING.value
    COMPLETED = RunState.COMPLETED.value
    FAILED = RunState.FAILED.value
    CANCELED = RunState.CANCELED.value


class NodeStatus(models.TextChoices):
    PENDING = NodeState.PENDING.value
    QUEUED = NodeState.QUEUED.value
    RUNNING = NodeState.RUNNING.value
    COMPLETED = NodeState.COMPLETED.value
    REUSED = NodeState.REUSED.value
    FAILED = NodeState.FAILED.value
    CANCELED = NodeState.CANCELED.value
    SKIPPED = NodeState.SKIPPED.value


# A member added to the kernel's enums without one here would be a state the database
# refuses; fail at import rather than at the first run that reaches it.
if {s.value for s in RunStatus} != set(RunState) or {s.value for s in NodeStatus} != set(NodeState):
    raise RuntimeError("runs.choices is out of step with designer.kernel.states")

# What can start a run (Run.trigger["kind"]).
TRIGGER_KINDS = ("manual", "endpoint", "schedule", "data")

__all__ = [
    "TRIGGER_KINDS",
    "NODE_FINAL",
    "NODE_SUCCEEDED",
    "NODE_TRANSITIONS",
    "RUN_FINAL",
    "RUN_TRANSITIONS",
    "NodeStatus",
    "RunStatus",
]

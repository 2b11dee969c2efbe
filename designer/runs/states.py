"""The one way a run or node run changes state.

Every change is checked against the transitions table in `choices.py`, saved, and
appended to the run's event log in the same transaction. Callers hold the transaction.
"""

from typing import Any

from django.utils import timezone

from designer.errors import Conflict

from . import events
from .choices import NODE_FINAL, NODE_TRANSITIONS, RUN_FINAL, RUN_TRANSITIONS, NodeStatus, RunStatus
from .describe import describe_run_summary, node_state, run_state
from .models import NodeRun, Run


class IllegalTransition(Conflict):
    code = "illegal_transition"


def move_node(
    node_run: NodeRun, status: str, *, metrics: dict[str, float] | None = None, **fields: Any
) -> dict:
    """Move `node_run` to `status`, setting `fields`; `metrics` go out with the event (see
    `describe.node_state`: a reused node shows its origin's)."""
    allowed = NODE_TRANSITIONS.get(node_run.status, set())
    if status not in allowed:
        raise IllegalTransition(
            f"Node {node_run.node_id} cannot go from {node_run.status} to {status}."
        )
    now = timezone.now()
    node_run.status = status
    if status == NodeStatus.RUNNING:
        node_run.started_at = now
        node_run.heartbeat_at = now
    if status in NODE_FINAL:
        node_run.finished_at = now
    for key, value in fields.items():
        setattr(node_run, key, value)
    node_run.save()
    return events.record(node_run.run_id, "node", node_state(node_run, metrics), node_run.node_id)


def move_run(run: Run, status: str) -> dict | None:
    if run.status == status:
        return None
    if status not in RUN_TRANSITIONS.get(run.status, set()):
        raise IllegalTransition(f"Run {run.pk} cannot go from {run.status} to {status}.")
    now = timezone.now()
    run.status = status
    if status == RunStatus.RUNNING or (status in RUN_FINAL and run.started_at is None):
        run.started_at = run.started_at or now
    if status in RUN_FINAL:
        run.finished_at = now
    run.save(update_fields=["status", "started_at", "finished_at"])
    events.announce_run(describe_run_summary(run))
    return events.record(run.pk, "run", run_state(run))

"""The one way a run or node run changes state.

Every change is checked against the transitions table in `choices.py`, saved, and
appended to the run's event log in the same transaction. Callers hold the transaction.
"""

from functools import cache
from typing import Any

from django.db import connection
from django.utils import timezone

from designer.errors import Conflict

from . import events
from .choices import NODE_FINAL, NODE_TRANSITIONS, RUN_FINAL, RUN_TRANSITIONS, NodeStatus, RunStatus
from .describe import describe_run_summary, node_state, run_state
from .models import NodeRun, Run


class IllegalTransition(Conflict):
    code = "illegal_transition"


# What `stage_node` may change: the fields an advance writes back with one bulk update.
STAGED_FIELDS = (
    "status",
    "started_at",
    "finished_at",
    "heartbeat_at",
    "queued_at",
    "inputs",
    "outputs",
    "cache_key",
    "cache_parts",
    "reuse_info",
    "reused_from",
    "error",
)


def move_node(
    node_run: NodeRun, status: str, *, metrics: dict[str, float] | None = None, **fields: Any
) -> dict:
    """Move `node_run` to `status`, setting `fields`; `metrics` go out with the event (see
    `describe.node_state`: a reused node shows its origin's)."""
    event = stage_node(node_run, status, metrics=metrics, **fields)
    save_whole(node_run)
    return event


def save_whole(node_run: NodeRun) -> None:
    """`node_run.save()` of a row that exists, every column written, with a statement made
    once per database (the ORM compiles its UPDATE at every save; this runs at every
    state change of every step)."""
    _write([node_run], None)


def save_staged(node_runs: list[NodeRun]) -> None:
    """Write what `stage_node` changed on `node_runs`: one statement, sent once per row with
    the database's `executemany` (a fully reused run writes a thousand rows this way; a bulk
    update would build a CASE per field and row, slower than the statements themselves)."""
    _write(node_runs, STAGED_FIELDS)


def _write(node_runs: list[NodeRun], names: tuple[str, ...] | None) -> None:
    if not node_runs:
        return
    sql, fields = _update(connection.vendor, names)
    rows = [
        [f.get_db_prep_save(getattr(n, f.attname), connection) for f in fields] + [n.pk]
        for n in node_runs
    ]
    with connection.cursor() as cursor:
        if len(rows) == 1:
            cursor.execute(sql, rows[0])
        else:
            cursor.executemany(sql, rows)


@cache
def _update(vendor: str, names: tuple[str, ...] | None) -> tuple[str, list]:
    """`UPDATE` of the node run columns `names` (None: all of them) by id, made once per
    database."""
    if names is None:
        fields = [f for f in NodeRun._meta.concrete_fields if not f.primary_key]
    else:
        fields = [NodeRun._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    return f"UPDATE {quote(NodeRun._meta.db_table)} SET {assignments} WHERE id = %s", fields


def stage_node(
    node_run: NodeRun, status: str, *, metrics: dict[str, float] | None = None, **fields: Any
) -> dict:
    """`move_node` without the save: the caller writes the row (`save_staged`) in the same
    transaction. `fields` must be among STAGED_FIELDS."""
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
    return events.record(node_run.run_id, "node", node_state(node_run, metrics), node_run.node_id)


def move_nodes(node_runs: list[NodeRun], status: str, **fields: Any) -> None:
    """`move_node` for many node runs at once, with the same fields: one UPDATE and one
    batch of events, however many there are. `node_runs` may be model instances or plain
    ones (`describe.plain_node_runs`): only their attributes are read and set."""
    if not node_runs:
        return
    for node_run in node_runs:
        if status not in NODE_TRANSITIONS.get(node_run.status, set()):
            raise IllegalTransition(
                f"Node {node_run.node_id} cannot go from {node_run.status} to {status}."
            )
    now = timezone.now()
    changes = {"status": status, **fields}
    if status in NODE_FINAL:
        changes["finished_at"] = now
    for node_run in node_runs:
        for key, value in changes.items():
            setattr(node_run, key, value)
    NodeRun.objects.filter(pk__in=[n.pk for n in node_runs]).update(**changes)
    run_ids = {n.run_id for n in node_runs}
    for run_id in run_ids:
        events.record_many(
            run_id,
            [("node", node_state(n), n.node_id) for n in node_runs if n.run_id == run_id],
        )


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

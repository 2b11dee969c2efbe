"""Plain-dict views of runs and node runs, shared by the REST API and the live stream.

A reused node run did no work of its own: its metrics and logs are its origin's
(`origin_of`), and every reader here and in `queries.py` goes through that one rule.
"""

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet

from .models import Metric, NodeRun, Run


def _time(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def node_state(node_run: NodeRun, metrics: dict[str, float] | None = None) -> dict[str, Any]:
    """What a `node` event carries: enough for a viewer to redraw the node.

    `from_run` names the run whose metrics and logs the node shows (`origin_of`). A node that
    becomes reused has no metric events of its own, so its event carries its origin's latest
    `metrics` (read by the caller, for many nodes at once).
    """
    state = {
        "node": node_run.node_id,
        "status": node_run.status,
        "attempts": node_run.attempts,
        "started_at": _time(node_run.started_at),
        "finished_at": _time(node_run.finished_at),
        "reused": node_run.reused_from_id is not None,
        "outputs": node_run.outputs,
        "error": node_run.error or None,
        "reuse": node_run.reuse_info,
        "traceback": node_run.traceback or None,
        "source": node_run.source,
        "from_run": origin_of(node_run).run_id,
    }
    if metrics is not None:
        state["metrics"] = metrics
    return state


def run_state(run: Run) -> dict[str, Any]:
    return {
        "status": run.status,
        "started_at": _time(run.started_at),
        "finished_at": _time(run.finished_at),
    }


def origin_of(node_run: NodeRun) -> NodeRun:
    """The node run whose work `node_run` shows: the one it reused, else itself.

    `reused_from` always points at the node run that executed, never at another reuse, so one
    step is enough. Callers that handle many node runs `select_related("reused_from")`, so this
    costs no query.
    """
    return node_run.reused_from or node_run


def latest_metrics(node_run_ids: list[int]) -> dict[int, dict[str, float]]:
    return _latest(Metric.objects.filter(node_run_id__in=node_run_ids))


def _latest(
    rows: Any, latest: dict[int, dict[str, float]] | None = None
) -> dict[int, dict[str, float]]:
    latest = {} if latest is None else latest
    for node_run_id, name, value in rows.order_by("id").values_list("node_run_id", "name", "value"):
        latest.setdefault(node_run_id, {})[name] = value
    return latest


def _run_metrics(run: Run, borrowed: list[int]) -> dict[int, dict[str, float]]:
    """The latest metrics of the run's own node runs (found by run, not by listing thousands
    of ids) and of the node runs `borrowed` from (reused nodes' origins, in other runs)."""
    latest = _latest(Metric.objects.filter(node_run__run_id=run.pk))
    return _latest(Metric.objects.filter(node_run_id__in=borrowed), latest) if borrowed else latest


def _origin(node_run: NodeRun) -> dict[str, Any] | None:
    origin = node_run.reused_from
    return {"run": origin.run_id, "node": origin.node_id} if origin else None


# The columns `describe_run` shows of each node run besides what `node_state` shows.
_DESCRIBED = (
    "compute",
    "params",
    "progress",
    "max_retries",
    "component__name",
    "component__version",
)
# What `node_state` reads of a node run (and `origin_of` of the one it reused).
STATE_FIELDS = (
    "run_id",
    "node_id",
    "status",
    "attempts",
    "started_at",
    "finished_at",
    "outputs",
    "error",
    "reuse_info",
    "traceback",
    "source",
)
_ORIGIN = ("reused_from_id", "reused_from__run_id", "reused_from__node_id")


def plain_node_runs(node_runs: QuerySet[NodeRun], fields: tuple[str, ...] = ()) -> list[Any]:
    """`node_runs` read as plain values, for thousands at once: objects with their `pk`,
    what `node_state` reads and `fields`, and `reused_from` an object with the origin's `pk`,
    `run_id` and `node_id` (or None). No model instances: a 5,000-node run would build
    10,000 of them, and decode every component's spec."""
    names = ("id", *STATE_FIELDS, *fields, *_ORIGIN)
    rows = []
    for row in node_runs.values_list(*names):
        values = dict(zip(names, row, strict=True))
        origin = values["reused_from_id"]
        run_id, node_id = values.pop("reused_from__run_id"), values.pop("reused_from__node_id")
        values["pk"] = values["id"]
        values["reused_from"] = None
        if origin is not None:
            values["reused_from"] = SimpleNamespace(pk=origin, run_id=run_id, node_id=node_id)
        rows.append(SimpleNamespace(**values))
    return rows


def describe_run(run: Run) -> dict[str, Any]:
    """The whole run as GET /api/runs/{id}/ and the websocket snapshot show it."""
    node_runs = plain_node_runs(run.node_runs.order_by("id"), _DESCRIBED)
    origins = {n.pk: origin_of(n) for n in node_runs}
    # Every node's metrics, a reused node's read from its origin.
    metrics = _run_metrics(run, [n.reused_from.pk for n in node_runs if n.reused_from])
    graph = run.version.graph
    order = {node["id"]: i for i, node in enumerate(graph.get("nodes", []))}
    node_runs.sort(key=lambda n: order.get(n.node_id, len(order)))
    return {
        "id": run.pk,
        "workspace": run.pipeline.workspace.name,
        "pipeline": run.pipeline_id,
        "pipeline_name": run.pipeline.name,
        "version": run.version.number,
        "experiment": run.experiment.name,
        "description": run.description,
        "tags": run.tags,
        **run_state(run),
        "trigger": run.trigger,
        "parameters": run.parameters,
        "force_rerun": run.force_rerun,
        "continue_on_failure": run.continue_on_failure,
        "partial": run.partial,
        "rerun_of": run.rerun_of_id,
        "created_at": _time(run.created_at),
        "submitted_by": _username(run),
        "graph": graph,
        "seq": run.last_seq,
        "nodes": [
            {
                **node_state(n, metrics.get(origins[n.pk].pk, {})),
                "component": f"{n.component__name}@{n.component__version}",
                "compute": n.compute,
                "params": n.params,
                "progress": n.progress,
                "max_retries": n.max_retries,
                "reused_from": _origin(n),
            }
            for n in node_runs
        ],
    }


def describe_run_summary(run: Run) -> dict[str, Any]:
    """A run as the runs list shows it; its `workspace` also tells the list stream whom to
    send it to."""
    return {
        "id": run.pk,
        "workspace": run.pipeline.workspace.name,
        "pipeline": run.pipeline_id,
        "pipeline_name": run.pipeline.name,
        "version": run.version.number,
        "experiment": run.experiment.name,
        "description": run.description,
        "tags": run.tags,
        **run_state(run),
        "trigger": run.trigger,
        "created_at": _time(run.created_at),
        "submitted_by": _username(run),
    }


def _username(run: Run) -> str | None:
    return run.created_by.username if run.created_by_id is not None else None


def run_metrics(runs: list[Run]) -> dict[int, dict[str, float]]:
    """Each run's latest metric values as `{"node.metric": value}`, a reused node's read from
    its origin; two queries for any number of runs, reading metric rows only (a page of big
    runs has thousands of node runs, few of them with metrics)."""
    found: dict[int, dict[str, float]] = {run.pk: {} for run in runs}
    executed = Metric.objects.filter(
        node_run__run__in=runs, node_run__reused_from__isnull=True
    ).values_list("node_run__run_id", "node_run__node_id", "name", "value", "id")
    reused = NodeRun.objects.filter(run__in=runs, reused_from__metrics__isnull=False).values_list(
        "run_id",
        "node_id",
        "reused_from__metrics__name",
        "reused_from__metrics__value",
        "reused_from__metrics__id",
    )
    # The latest value of each metric wins: rows in the order they were recorded.
    for run_id, node_id, name, value, _ in sorted([*executed, *reused], key=lambda row: row[4]):
        found[run_id][f"{node_id}.{name}"] = value
    return found

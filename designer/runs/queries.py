"""Read-side services for runs: lists, one run, log lines and metrics.

A reused node's log lines and metrics are read from the node run it reused (`origin_of`)."""

from django.db.models import Count, F, Max, Q, QuerySet

from designer.accounts.acting import Action, check, scoped
from designer.errors import InvalidInput, NotFound
from designer.keyset import Keyset
from designer.query_params import whole_number

from .choices import TRIGGER_KINDS, RunStatus
from .describe import describe_run, describe_run_summary, origin_of, run_metrics
from .models import NodeRun, Run, RunEvent

# Newest first; ids only grow, so the newest run has the highest.
RUN_ORDER = Keyset("runs", ("id",), descending=True)
METRIC_ORDER = Keyset("metrics", ("id",))
MAX_LOG_LINES = 5000


# Of the pipeline and the version of each run, what the runs list does not show (not loaded).
SUMMARY_DEFERRED = (
    "pipeline__graph",
    "pipeline__parameters",
    "version__graph",
    "version__parameters",
)


def list_runs(
    actor, pipeline: str = "", experiment: str = "", status: str = "", trigger: str = ""
) -> QuerySet[Run]:
    """Runs that pass every filter given, newest first (page them by `RUN_ORDER`)."""
    check(actor, Action.VIEW)
    qs: QuerySet[Run] = scoped(
        actor,
        Run.objects.filter(deleted_at__isnull=True)
        .select_related("pipeline__workspace", "version", "experiment", "created_by")
        # A row of the list shows neither graph: a 1,000-node one costs a poll of the list
        # milliseconds to decode, twice (the pipeline's and the run's version's).
        .defer(*SUMMARY_DEFERRED),
        "pipeline__workspace",
    )
    if pipeline:
        qs = qs.filter(pipeline_id=whole_number(pipeline, "pipeline (a pipeline id)"))
    if experiment:
        qs = qs.filter(experiment__name=experiment)
    if status:
        if status not in RunStatus.values:
            raise InvalidInput(
                f"Unknown status '{status}'; use one of {', '.join(RunStatus.values)}."
            )
        qs = qs.filter(status=status)
    if trigger:
        if trigger not in TRIGGER_KINDS:
            raise InvalidInput(
                f"Unknown trigger '{trigger}'; use one of {', '.join(TRIGGER_KINDS)}."
            )
        qs = qs.filter(trigger__kind=trigger)
    return qs.order_by("-id")


def describe_runs(runs: list[Run]) -> list[dict]:
    """Rows of the runs list: each run's summary and its latest metric values."""
    metrics = run_metrics(runs)
    return [{**describe_run_summary(run), "metrics": metrics[run.pk]} for run in runs]


def get_run(actor, run_id: int) -> Run:
    run = (
        Run.objects.select_related("pipeline__workspace", "version", "experiment")
        .filter(pk=run_id, deleted_at__isnull=True)
        .first()
    )
    if run is None:
        raise NotFound(f"No run {run_id}.")
    check(actor, Action.VIEW, run)
    return run


def run_detail(actor, run_id: int) -> dict:
    return describe_run(get_run(actor, run_id))


def _node_origin(actor, run_id: int, node_id: str) -> NodeRun:
    """The node run whose metrics and logs `run_id`'s node shows (see `describe.origin_of`)."""
    get_run(actor, run_id)
    node_run = (
        NodeRun.objects.select_related("reused_from").filter(run_id=run_id, node_id=node_id).first()
    )
    if node_run is None:
        raise NotFound(f"Run {run_id} has no node '{node_id}'.")
    return origin_of(node_run)


def node_logs(actor, run_id: int, node_id: str, after: int = 0) -> dict:
    """Log lines of a node run after `after`: a reused node's are its origin run's."""
    origin = _node_origin(actor, run_id, node_id)
    rows = RunEvent.objects.filter(
        run_id=origin.run_id, node_id=origin.node_id, type="log", seq__gt=after
    )
    lines = [
        {
            "seq": r.seq,
            "stream": r.payload.get("stream", "stdout"),
            "line": r.payload.get("line", ""),
            "time": r.created_at,
        }
        for r in rows.order_by("seq")[:MAX_LOG_LINES]
    ]
    return {
        "lines": lines,
        "last_seq": lines[-1]["seq"] if lines else after,
        "from_run": origin.run_id,
    }


def experiments(actor) -> list[dict]:
    """The experiments of the actor's workspaces (or the chosen one) with their runs counted.

    Names are per workspace, so two workspaces' "baseline" are two entries."""
    check(actor, Action.VIEW)
    rows = (
        scoped(actor, Run.objects.filter(deleted_at__isnull=True), "experiment__workspace")
        .values("experiment__name", "experiment__workspace__name", "status")
        .annotate(count=Count("id"), last=Max("created_at"))
        .order_by()
    )
    found: dict[tuple[str, str], dict] = {}
    for row in rows:
        name, workspace = row["experiment__name"], row["experiment__workspace__name"]
        entry = found.setdefault(
            (workspace, name),
            {
                "name": name,
                "workspace": workspace,
                "run_count": 0,
                "last_run_at": None,
                "statuses": {},
            },
        )
        entry["run_count"] += row["count"]
        entry["statuses"][row["status"]] = row["count"]
        if entry["last_run_at"] is None or row["last"] > entry["last_run_at"]:
            entry["last_run_at"] = row["last"]
    return sorted(found.values(), key=lambda e: e["last_run_at"], reverse=True)


def node_runs_holding(artifact_id: int, workspace_ids: list[int]) -> QuerySet[NodeRun]:
    """Node runs of visible runs in `workspace_ids` with `artifact_id` among their outputs.

    Outputs are a JSON object of port → artifact id; its text is matched, `"port": 12` being
    followed by a comma or the closing brace, which works alike on SQLite and PostgreSQL."""
    return NodeRun.objects.filter(
        Q(outputs__icontains=f": {artifact_id},") | Q(outputs__icontains=f": {artifact_id}}}"),
        run__pipeline__workspace_id__in=workspace_ids,
        run__deleted_at__isnull=True,
    )


def node_metrics(actor, run_id: int, node_id: str) -> QuerySet:
    """Every metric point of a node run, oldest first (page them by `METRIC_ORDER`): a reused
    node's are its origin's. Rows are dicts shaped as the API shows them."""
    origin = _node_origin(actor, run_id, node_id)
    return (
        origin.metrics.annotate(time=F("created_at"), from_run=F("node_run__run_id"))
        .values("id", "name", "value", "step", "time", "from_run")
        .order_by("id")
    )

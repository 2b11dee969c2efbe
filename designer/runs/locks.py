"""Row locks in one order: a run first, then its node runs.

Every transaction that changes a node run also appends to its run's event log, which
updates the run row; taking the run's lock first everywhere is what keeps two workers
finishing sibling nodes from deadlocking each other.

Both are taken at every step of every run, so their statements are prepared once
(`designer.prepared`).
"""

from designer.prepared import Prepared

from .models import NodeRun, Run

_RUN_OF = Prepared(
    lambda node_run_id: NodeRun.objects.filter(pk=node_run_id).values_list("run_id", flat=True)
)
_NODE_RUN = Prepared(
    lambda node_run_id, run_id: (
        NodeRun.objects.select_for_update(of=("self",))
        .select_related("component")
        .filter(pk=node_run_id, run_id=run_id)
    )
)
# The version's graph (big for a big pipeline) is read only when it is used.
_RUN = Prepared(
    lambda run_id: (
        Run.objects.select_for_update(of=("self",))
        .select_related("version")
        .defer("version__graph")
        .filter(pk=run_id)
    )
)


def lock_node_run(node_run_id: int, run_id: int | None = None) -> NodeRun | None:
    """Lock the node run's run (`run_id`, when the caller knows it), then the node run. Call
    inside a transaction."""
    if run_id is None:
        run_id = _RUN_OF.first(node_run_id)
    if run_id is None:
        return None
    run = lock_run(run_id)
    node_run = _NODE_RUN.first(node_run_id, run_id)
    if node_run is None:
        return None
    node_run.run = run
    return node_run


def lock_run(run_id: int) -> Run | None:
    return _RUN.first(run_id)

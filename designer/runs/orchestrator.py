"""The orchestrator: submit a run, advance it, claim and finish node runs, cancel.

The database is the source of truth. Advancing a run happens in one transaction with the
run row locked; messages to workers are sent only after that transaction commits, and
say no more than "look at node run N".
"""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from designer.compute.broker import enqueue
from designer.compute.models import ComputeTarget, queue_for
from designer.errors import GraphInvalid, InvalidInput, NotFound
from designer.kernel.graph import resolve_params, upstream
from designer.pipelines.services import ensure_valid, freeze_version, get_pipeline
from designer.registry.services import resolver

from . import events, states
from .choices import NODE_FINAL, NODE_SUCCEEDED, RUN_FINAL, NodeStatus, RunStatus
from .describe import run_state
from .models import Experiment, NodeRun, Run
from .parameters import resolve_run_parameters

log = logging.getLogger(__name__)


def submit_run(
    pipeline_id: int,
    user=None,
    experiment: str | None = None,
    parameters: dict[str, Any] | None = None,
    force_rerun: bool = False,
    continue_on_failure: bool = False,
) -> Run:
    """Freeze the pipeline, create the run and its node runs, and start it."""
    pipeline = get_pipeline(pipeline_id)
    ensure_valid(pipeline.graph, pipeline.parameters)
    values = resolve_run_parameters(pipeline.parameters, parameters or {})
    components: dict = {}
    resolve = resolver(components)
    _check_compute(pipeline.graph, pipeline.default_compute)
    with transaction.atomic():
        version = freeze_version(pipeline)
        exp, _ = Experiment.objects.get_or_create(name=(experiment or pipeline.name).strip()[:200])
        run = Run.objects.create(
            pipeline=pipeline,
            version=version,
            experiment=exp,
            parameters=values,
            force_rerun=force_rerun,
            continue_on_failure=continue_on_failure,
            created_by=user,
        )
        for node in version.graph["nodes"]:
            spec = resolve(node["component"])
            NodeRun.objects.create(
                run=run,
                node_id=node["id"],
                component=components[node["component"]],
                compute=node.get("compute") or version.default_compute,
                params=resolve_params(node, spec, values),
            )
        events.record(run.pk, "run", run_state(run))
    advance_run(run.pk)
    run.refresh_from_db()
    return run


def _check_compute(graph: dict, default: str) -> None:
    known = set(ComputeTarget.objects.values_list("name", flat=True))
    errors = [
        {
            "node": node["id"],
            "port": None,
            "param": "compute",
            "code": "unknown_compute",
            "message": f"Node {node['id']} asks for compute target '{target}', which does not "
            f"exist; known targets: {', '.join(sorted(known)) or 'none'}.",
        }
        for node in graph.get("nodes", [])
        if (target := node.get("compute") or default) not in known
    ]
    if errors:
        raise GraphInvalid(errors)


def advance_run(run_id: int) -> None:
    """Move every node whose inputs are ready, skip what cannot run, finish the run."""
    to_send: list[tuple[int, str]] = []
    with transaction.atomic():
        run = Run.objects.select_for_update().select_related("version").get(pk=run_id)
        if run.status in RUN_FINAL:
            return
        node_runs = {n.node_id: n for n in run.node_runs.select_for_update()}
        graph = run.version.graph
        progressed = True
        while progressed:
            progressed = _advance_once(run, graph, node_runs, to_send)
        _maybe_finish(run, node_runs.values())
        for node_run_id, target in to_send:
            transaction.on_commit(lambda i=node_run_id, t=target: _send(i, t))


def _advance_once(run: Run, graph: dict, node_runs: dict[str, NodeRun], to_send: list) -> bool:
    progressed = False
    for node_run in node_runs.values():
        if node_run.status != NodeStatus.PENDING:
            continue
        parents = [node_runs[p] for p in upstream(graph, node_run.node_id)]
        if any(p.status in NODE_FINAL - NODE_SUCCEEDED for p in parents):
            states.move_node(node_run, NodeStatus.SKIPPED, error="An upstream node did not finish.")
            progressed = True
        elif all(p.status in NODE_SUCCEEDED for p in parents):
            node_run.inputs = _inputs_of(graph, node_run.node_id, node_runs)
            states.move_node(node_run, NodeStatus.QUEUED)
            states.move_run(run, RunStatus.RUNNING)
            to_send.append((node_run.pk, node_run.compute))
            progressed = True
    return progressed


def _inputs_of(graph: dict, node_id: str, node_runs: dict[str, NodeRun]) -> dict[str, int]:
    return {
        edge["target_port"]: node_runs[edge["source"]].outputs[edge["source_port"]]
        for edge in graph.get("edges", [])
        if edge["target"] == node_id
    }


def _maybe_finish(run: Run, node_runs) -> None:
    statuses = [n.status for n in node_runs]
    if any(s not in NODE_FINAL for s in statuses):
        return
    if any(s == NodeStatus.CANCELED for s in statuses):
        states.move_run(run, RunStatus.CANCELED)
    elif all(s in NODE_SUCCEEDED for s in statuses):
        states.move_run(run, RunStatus.COMPLETED)
    else:
        states.move_run(run, RunStatus.FAILED)


def _send(node_run_id: int, target: str) -> None:
    from .actors import execute_node

    enqueue(execute_node, queue_for(target), node_run_id)


def claim_node_run(node_run_id: int, worker: str) -> NodeRun | None:
    """Take a queued node run for this worker; None if it is not (or no longer) queued."""
    with transaction.atomic():
        node_run = (
            NodeRun.objects.select_for_update()
            .select_related("component", "run")
            .filter(pk=node_run_id)
            .first()
        )
        if node_run is None or node_run.status != NodeStatus.QUEUED:
            return None
        states.move_node(
            node_run, NodeStatus.RUNNING, worker=worker, attempts=node_run.attempts + 1
        )
    return node_run


def finish_node_run(node_run_id: int, status: str, **fields: Any) -> None:
    """Record the outcome of a node run (if it is still running) and advance its run."""
    with transaction.atomic():
        node_run = NodeRun.objects.select_for_update().get(pk=node_run_id)
        if node_run.status != NodeStatus.RUNNING:
            log.info("node run %s is %s; outcome %s dropped", node_run_id, node_run.status, status)
            return
        states.move_node(node_run, status, **fields)
    advance_run(node_run.run_id)


def cancel_run(run_id: int) -> Run:
    with transaction.atomic():
        run = Run.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise NotFound(f"No run {run_id}.")
        if run.status in RUN_FINAL:
            raise InvalidInput(f"Run {run_id} has already {run.status}.", code="run_finished")
        for node_run in run.node_runs.select_for_update().exclude(status__in=NODE_FINAL):
            # A running child is killed by its worker, which watches for this status.
            states.move_node(node_run, NodeStatus.CANCELED, error="Canceled by a user.")
        states.move_run(run, RunStatus.CANCELED)
    run.refresh_from_db()
    return run


def heartbeat(node_run_id: int) -> str | None:
    """Note that the worker is alive; returns the node run's current status."""
    NodeRun.objects.filter(pk=node_run_id, status=NodeStatus.RUNNING).update(
        heartbeat_at=timezone.now()
    )
    return NodeRun.objects.filter(pk=node_run_id).values_list("status", flat=True).first()

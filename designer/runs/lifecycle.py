"""The worker's side of a node run: claim it, heartbeat, finish it (or retry it).

Claiming only succeeds for a queued node run, so a redelivered message never runs a step
twice at once; finishing only applies to a running one, so a late worker cannot overwrite
what the reconciler or a cancel already decided.
"""

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import orchestrator, states
from .choices import NodeStatus
from .locks import lock_node_run
from .models import NodeRun

log = logging.getLogger(__name__)


def claim_node_run(node_run_id: int, worker: str) -> NodeRun | None:
    """Take a queued node run for this worker; None if it is not (or no longer) queued."""
    with transaction.atomic():
        node_run = lock_node_run(node_run_id)
        if node_run is None or node_run.status != NodeStatus.QUEUED:
            return None
        states.move_node(
            node_run,
            NodeStatus.RUNNING,
            worker=worker,
            attempts=node_run.attempts + 1,
            error="",
            traceback="",
        )
    return node_run


def finish_node_run(node_run_id: int, status: str, **fields: Any) -> list[tuple[int, str]]:
    """Record the outcome of a node run (if it is still running) and advance its run.

    Returns the node runs this queued, as (id, compute target) pairs."""
    retry_in: int | None = None
    with transaction.atomic():
        node_run = lock_node_run(node_run_id)
        if node_run is None or node_run.status != NodeStatus.RUNNING:
            log.info("node run %s is %s; outcome %s dropped", node_run_id, node_run.status, status)
            return []
        if status == NodeStatus.FAILED and node_run.attempts <= node_run.max_retries:
            retry_in = backoff_ms(node_run.attempts)
            states.move_node(
                node_run, NodeStatus.QUEUED, queued_at=timezone.now(), worker="", **fields
            )
        else:
            states.move_node(node_run, status, **fields)
    if retry_in is not None:
        log.info(
            "node run %s failed attempt %s; retrying in %sms",
            node_run_id,
            node_run.attempts,
            retry_in,
        )
        orchestrator.send_node(node_run.pk, node_run.compute, delay_ms=retry_in)
        return []
    return orchestrator.advance_run(node_run.run_id)


def backoff_ms(attempt: int) -> int:
    """Exponential backoff between attempts, capped at a minute."""
    return min(settings.DESIGNER_RETRY_BACKOFF_MS * 2 ** (attempt - 1), 60_000)


def heartbeat(node_run_id: int) -> str | None:
    """Note that the worker is alive; returns the node run's current status."""
    NodeRun.objects.filter(pk=node_run_id, status=NodeStatus.RUNNING).update(
        heartbeat_at=timezone.now()
    )
    return NodeRun.objects.filter(pk=node_run_id).values_list("status", flat=True).first()

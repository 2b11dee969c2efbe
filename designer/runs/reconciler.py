"""The reconciler: the database, not the broker, decides what has run.

Re-sends queued node runs whose message may have been lost, and takes back running node
runs whose worker stopped heartbeating, so that another worker runs them.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import orchestrator, states
from .choices import RUN_FINAL, NodeStatus
from .models import NodeRun, Run

log = logging.getLogger(__name__)

HEARTBEAT_LAPSE = timedelta(seconds=15)


def reconcile(orphan_all_running: bool = False) -> int:
    """One pass. Returns how many node runs were handed out again."""
    lapsed = timezone.now() - HEARTBEAT_LAPSE
    running = NodeRun.objects.filter(status=NodeStatus.RUNNING)
    if not orphan_all_running:
        running = running.filter(heartbeat_at__lt=lapsed)
    count = 0
    for node_run_id in list(running.values_list("pk", flat=True)):
        with transaction.atomic():
            node_run = NodeRun.objects.select_for_update().get(pk=node_run_id)
            if node_run.status != NodeStatus.RUNNING:
                continue
            log.warning("node run %s lost its worker; queueing it again", node_run_id)
            states.move_node(node_run, NodeStatus.QUEUED, worker="")
        count += 1
    queued = NodeRun.objects.filter(status=NodeStatus.QUEUED).exclude(run__status__in=RUN_FINAL)
    for node_run_id, target in queued.values_list("pk", "compute"):
        orchestrator._send(node_run_id, target)
    for run_id in Run.objects.exclude(status__in=RUN_FINAL).values_list("pk", flat=True):
        orchestrator.advance_run(run_id)
    return count

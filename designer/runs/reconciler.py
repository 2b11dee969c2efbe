"""The reconciler: the database, not the broker, decides what has run.

Takes back running node runs whose worker stopped heartbeating (so another worker runs
them), re-sends queued node runs whose message may have been lost, and advances runs that
are waiting on nothing. Safe to run in several processes at once: every change is made
under a row lock and a duplicate message is dropped by the claim.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from . import orchestrator, states
from .choices import RUN_FINAL, NodeStatus
from .locks import lock_node_run
from .models import NodeRun, Run

log = logging.getLogger(__name__)


def reconcile(orphan_all_running: bool = False) -> int:
    """One pass. Returns how many running node runs were taken back."""
    lapse = timedelta(seconds=settings.DESIGNER_HEARTBEAT_LAPSE)
    cutoff = timezone.now() - lapse
    running = NodeRun.objects.filter(status=NodeStatus.RUNNING)
    if not orphan_all_running:
        running = running.filter(heartbeat_at__lt=cutoff)
    taken = sum(_take_back(pk) for pk in list(running.values_list("pk", flat=True)))
    queued = NodeRun.objects.filter(status=NodeStatus.QUEUED).exclude(run__status__in=RUN_FINAL)
    if not orphan_all_running:
        # A message younger than the lapse is most likely still on its way.
        queued = queued.filter(queued_at__lt=cutoff)
    for node_run_id, target in queued.values_list("pk", "compute"):
        orchestrator.send_node(node_run_id, target)
        NodeRun.objects.filter(pk=node_run_id, status=NodeStatus.QUEUED).update(
            queued_at=timezone.now()
        )
    for run_id in Run.objects.exclude(status__in=RUN_FINAL).values_list("pk", flat=True):
        orchestrator.advance_run(run_id)
    return taken


def _take_back(node_run_id: int) -> bool:
    with transaction.atomic():
        node_run = lock_node_run(node_run_id)
        if node_run is None or node_run.status != NodeStatus.RUNNING:
            return False
        log.warning(
            "node run %s lost its worker %s; queueing it again", node_run_id, node_run.worker
        )
        states.move_node(node_run, NodeStatus.QUEUED, worker="", queued_at=timezone.now())
    orchestrator.send_node(node_run.pk, node_run.compute)
    return True


class Loop:
    """Runs `reconcile` every few seconds on a daemon thread until stopped."""

    def __init__(self, every: float | None = None) -> None:
        self.every = every or settings.DESIGNER_RECONCILE_EVERY
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="reconciler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                reconcile()
            except Exception:
                log.exception("reconcile pass failed; trying again shortly")
            finally:
                close_old_connections()

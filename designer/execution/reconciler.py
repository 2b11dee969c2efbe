"""The reconciler: the database, not the broker, decides what has run.

Takes back running node runs whose worker stopped heartbeating (another worker runs them,
within the retry policy's attempts, or they fail), re-sends queued node runs whose message
may have been lost, and advances runs that are waiting on nothing. Safe to run in several
processes at once: every change is made under a row lock and a duplicate message is dropped
by the claim.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from designer.runs import dispatch, orchestrator
from designer.runs.choices import RUN_FINAL, NodeStatus
from designer.runs.models import NodeRun, Run

from .lifecycle import take_back

log = logging.getLogger(__name__)


def reconcile(orphan_all_running: bool = False) -> int:
    """One pass. Returns how many running node runs were taken back."""
    lapse = timedelta(seconds=settings.DESIGNER_HEARTBEAT_LAPSE)
    cutoff = timezone.now() - lapse
    running = NodeRun.objects.filter(status=NodeStatus.RUNNING)
    if not orphan_all_running:
        running = running.filter(heartbeat_at__lt=cutoff)
    taken = sum(take_back(pk) for pk in list(running.values_list("pk", flat=True)))
    queued = NodeRun.objects.filter(status=NodeStatus.QUEUED).exclude(run__status__in=RUN_FINAL)
    if not orphan_all_running:
        # A message younger than the lapse is most likely still on its way.
        queued = queued.filter(queued_at__lt=cutoff)
    for node_run_id, target in queued.values_list("pk", "compute"):
        dispatch.send_node(node_run_id, target)
        NodeRun.objects.filter(pk=node_run_id, status=NodeStatus.QUEUED).update(
            queued_at=timezone.now()
        )
    for run_id in Run.objects.exclude(status__in=RUN_FINAL).values_list("pk", flat=True):
        orchestrator.advance_run(run_id)
    return taken


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

"""Deleting runs, and the sweep that reclaims what deleted runs held.

Deleting a run hides it at once (`deleted_at`); its rows, its work folder and the artifacts
only it referred to go later, in `sweep`, run by `manage.py gc` and by the scheduler every
DESIGNER_RETENTION_EVERY seconds. A deleted run whose node runs a live run reused stays
(hidden) as long as that run shows their logs and metrics, and artifacts are collected
only when no node run, dataset version or model version holds them
(`artifacts.retention`). Step reuse never picks a deleted run's node runs and still checks
that an origin's artifacts exist before reusing.
"""

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from designer.accounts.acting import Action, check
from designer.artifacts.retention import Collected, collect_artifacts, register_keeper
from designer.errors import Conflict, NotFound

from .choices import RUN_FINAL
from .locks import lock_run
from .models import NodeRun, Run

log = logging.getLogger(__name__)


def delete_run(actor, run_id: int) -> None:
    """Hide a finished run now; `sweep` removes it and what only it held later."""
    with transaction.atomic():
        run = lock_run(run_id)
        if run is None or run.deleted_at is not None:
            raise NotFound(f"No run {run_id}.")
        check(actor, Action.EDIT, run)
        if run.status not in RUN_FINAL:
            raise Conflict(
                f"Run {run_id} is still {run.status}; cancel it before deleting it.",
                code="run_not_finished",
            )
        run.deleted_at = timezone.now()
        run.save(update_fields=["deleted_at"])


def artifacts_of_node_runs() -> set[int]:
    """Every artifact a node run still refers to, as input or output."""
    held: set[int] = set()
    for inputs, outputs in NodeRun.objects.values_list("inputs", "outputs").iterator():
        held.update(int(i) for i in (inputs or {}).values() if i is not None)
        held.update(int(i) for i in (outputs or {}).values() if i is not None)
    return held


register_keeper("node runs", artifacts_of_node_runs)


@dataclass
class Swept:
    runs: int
    runs_kept: int
    work_folders: int
    artifacts: int
    bytes: int


def purge_deleted_runs(dry_run: bool = False) -> tuple[int, int, int]:
    """Remove deleted runs nothing live depends on: (removed, kept, work folders removed)."""
    removed = kept = folders = 0
    for run_id in Run.objects.filter(deleted_at__isnull=False).values_list("pk", flat=True):
        relied_on = NodeRun.objects.filter(
            reused_from__run_id=run_id, run__deleted_at__isnull=True
        ).exists()
        if relied_on:
            kept += 1
            continue
        removed += 1
        folder = Path(settings.DESIGNER_WORK_DIR) / f"run-{run_id}"
        if folder.is_dir():
            folders += 1
            if not dry_run:
                shutil.rmtree(folder, ignore_errors=True)
        if not dry_run:
            Run.objects.filter(pk=run_id, deleted_at__isnull=False).delete()
    return removed, kept, folders


def sweep(now: datetime | None = None, dry_run: bool = False, grace: float | None = None) -> Swept:
    """Purge deleted runs, then collect the artifacts nothing has held for `grace` seconds
    (DESIGNER_RETENTION_GRACE unless told)."""
    now = now or timezone.now()
    removed, kept, folders = purge_deleted_runs(dry_run)
    seconds = settings.DESIGNER_RETENTION_GRACE if grace is None else grace
    collected: Collected = collect_artifacts(now - timedelta(seconds=seconds), dry_run)
    return Swept(removed, kept, folders, collected.artifacts, collected.bytes)

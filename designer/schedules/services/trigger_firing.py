"""Firing a data trigger: one run per settled change set, never the same set twice.

Each pass lists the folder (outside any transaction), then, with the trigger row locked, compares
the listing with the snapshot. The new or modified files are the pending change set; whenever it
(or a file's size or time in it) differs from the last pass, the debounce window restarts. Once it
has been quiet for `debounce_seconds`, one run gets every changed path, and the snapshot moves on
in the same transaction. The firing row is unique per (trigger, digest of the set): a second
scheduler that reaches the same set cannot insert it again, and skips.
"""

import json
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from designer.errors import DomainError
from designer.runs.models import Run

from .. import watching
from ..models import Trigger, TriggerFiring
from .calls import acting_as, start_call
from .firing import Fired


def watch(trigger_id: int, now: datetime) -> Fired | None:
    """Look at the trigger's folder at `now`; fire if a change set has settled."""
    trigger = Trigger.objects.filter(pk=trigger_id, paused=False).first()
    if trigger is None:
        return None
    roots = settings.DESIGNER_DATA_ROOTS
    current = watching.list_files(trigger.path, trigger.glob, trigger.recursive, roots)
    with transaction.atomic():
        trigger = (
            Trigger.objects.select_for_update()
            .select_related("endpoint")
            .filter(pk=trigger_id, paused=False)
            .first()
        )
        if trigger is None:
            return None
        changed = watching.changes(trigger.snapshot, current)
        if changed != trigger.pending:  # new, grown or touched files: wait again
            trigger.pending = changed
            trigger.pending_since = now if changed else None
            trigger.save(update_fields=["pending", "pending_since", "updated_at"])
        if not changed or trigger.pending_since is None:
            return None
        if now - trigger.pending_since < timedelta(seconds=trigger.debounce_seconds):
            return None
        fired = _fire(trigger, changed, now)
        trigger.snapshot, trigger.pending, trigger.pending_since = current, {}, None
        trigger.save()
    return fired


def _fire(trigger: Trigger, changed: watching.Listing, now: datetime) -> Fired | None:
    paths = sorted(changed)
    try:
        with transaction.atomic():
            firing = TriggerFiring.objects.create(
                trigger=trigger, digest=watching.digest(changed), paths=paths, created_at=now
            )
    except IntegrityError:
        return None  # this very change set has fired already
    run: Run | None = None
    reason = ""
    try:
        with transaction.atomic():
            run = start_call(
                acting_as(trigger),
                trigger.endpoint,
                trigger.version,
                parameters={**trigger.parameters, trigger.paths_parameter: json.dumps(paths)},
                experiment=trigger.experiment,
                trigger={"kind": "data", "trigger": trigger.pk},
            )
    except DomainError as exc:
        reason = f"refused: {exc.message}"
    firing.run, firing.skipped_reason = run, reason
    firing.save(update_fields=["run", "skipped_reason"])
    trigger.last_fire_at, trigger.last_fire_run, trigger.last_fire_skipped_reason = now, run, reason
    return Fired("trigger", trigger.pk, now, run.pk if run else None, reason)

"""Firing a schedule's ticks: one transaction per schedule and pass, never a tick twice.

The pass locks the schedule row and recomputes what is due from its `evaluated_at`, so a second
scheduler waiting on the lock then finds nothing owed. The backstop is the firing row: it is
unique per (schedule, tick) and inserted in a savepoint of the transaction that creates the run,
so if two passes ever reach one tick, the second insert fails and that pass skips the tick. A
crash mid-pass rolls back the firing and the run together, and the next pass fires it again.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from designer.errors import Conflict, DomainError
from designer.kernel.timing import ScheduleSpec, due_ticks
from designer.runs.choices import RUN_FINAL
from designer.runs.models import Run

from ..models import Firing, Schedule
from .calls import acting_as, start_call


@dataclass(frozen=True)
class Fired:
    """What one firing came to: a run, or the reason it was refused.

    `source` is "schedule" or "trigger", `owner` its id, `at` the tick (or the trigger's pass)."""

    source: str
    owner: int
    at: datetime
    run: int | None
    skipped_reason: str = ""


def fire_due(schedule_id: int, now: datetime) -> list[Fired]:
    """Fire what the schedule owes at `now` under its catch-up policy; store the next fire."""
    with transaction.atomic():
        schedule = (
            Schedule.objects.select_for_update()
            .select_related("endpoint")
            .filter(pk=schedule_id, paused=False)
            .first()
        )
        if schedule is None or now <= schedule.evaluated_at:
            return []  # paused, deleted, or another pass has already been here
        due = due_ticks(
            spec_of(schedule),
            schedule.evaluated_at,
            now,
            schedule.catch_up,
            schedule.max_catch_up,
            timedelta(seconds=settings.DESIGNER_SCHEDULER_GRACE),
        )
        fired = [f for tick in due.fire if (f := _fire_owed(schedule, tick)) is not None]
        if due.skipped_reason:
            if not fired:
                schedule.last_fire_at, schedule.last_fire_run = now, None
            schedule.last_fire_skipped_reason = "; ".join(
                r for r in (due.skipped_reason, fired[-1].skipped_reason if fired else "") if r
            )
        schedule.evaluated_at, schedule.next_fire_at = now, due.next_at
        schedule.save()
    return fired


def fire_tick(schedule: Schedule, tick: datetime, actor: Any, *, manual: bool) -> Run:
    """Fire `tick` of the (locked) schedule as `actor`; a refusal raises and records nothing."""
    try:
        with transaction.atomic():
            firing = Firing.objects.create(schedule=schedule, tick=tick, manual=manual)
    except IntegrityError as exc:
        raise Conflict("That tick has just fired; try again.", code="already_fired") from exc
    run = _start(schedule, actor)
    firing.run = run
    firing.save(update_fields=["run"])
    _remember(schedule, tick, run, "")
    return run


def _fire_owed(schedule: Schedule, tick: datetime) -> Fired | None:
    """Fire a tick the timing owes, recording a refusal; None if another pass fired it."""
    try:
        with transaction.atomic():
            firing = Firing.objects.create(schedule=schedule, tick=tick)
    except IntegrityError:
        return None
    run, reason = None, _over_limit(schedule)
    if not reason:
        try:
            with transaction.atomic():
                run = _start(schedule, acting_as(schedule))
        except DomainError as exc:
            reason = f"refused: {exc.message}"
    firing.run, firing.skipped_reason = run, reason
    firing.save(update_fields=["run", "skipped_reason"])
    _remember(schedule, tick, run, reason)
    return Fired("schedule", schedule.pk, tick, run.pk if run else None, reason)


def _start(schedule: Schedule, actor: Any) -> Run:
    return start_call(
        actor,
        schedule.endpoint,
        schedule.version,
        parameters=schedule.parameters,
        experiment=schedule.experiment,
        trigger={"kind": "schedule", "schedule": schedule.pk},
    )


def _over_limit(schedule: Schedule) -> str:
    if schedule.max_concurrent is None:
        return ""
    unfinished = list(
        Firing.objects.filter(schedule=schedule, run__isnull=False)
        .exclude(run__status__in=RUN_FINAL)
        .order_by("run_id")
        .values_list("run_id", flat=True)
    )
    if len(unfinished) < schedule.max_concurrent:
        return ""
    runs = ", ".join(str(pk) for pk in unfinished)
    return f"max_concurrent={schedule.max_concurrent} reached: run(s) {runs} not finished yet"


def _remember(schedule: Schedule, tick: datetime, run: Run | None, reason: str) -> None:
    schedule.last_fire_at, schedule.last_fire_run, schedule.last_fire_skipped_reason = (
        tick,
        run,
        reason,
    )


def spec_of(schedule: Schedule) -> ScheduleSpec:
    return ScheduleSpec.from_fields(
        cron=schedule.cron,
        recurrence=schedule.recurrence,
        time_zone=schedule.time_zone,
        start_at=schedule.start_at,
        end_at=schedule.end_at,
    )

"""Create, list, change, delete and run-now schedules.

Timing is the kernel's (`designer.kernel.timing`): a bad cron, recurrence, zone or window is a
400 naming the field. A schedule owes only ticks after its `evaluated_at`, which creation,
resuming and retiming set to now: none of them ever fires what was missed before.
"""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from designer.accounts.acting import Action, check, scoped, user_of
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem
from designer.kernel.timezones import zone
from designer.kernel.timing import CatchUp, Recurrence, next_fire
from designer.runs.models import Run

from ..models import Schedule
from .calls import check_parameters, find_endpoint, find_version
from .firing import fire_tick, spec_of

TIMING = ("cron", "recurrence", "time_zone", "start_at", "end_at")
EDITABLE = (
    *TIMING,
    "name",
    "endpoint",
    "version",
    "parameters",
    "experiment",
    "catch_up",
    "max_catch_up",
    "max_concurrent",
    "paused",
)


def list_schedules(actor, endpoint: str | None = None) -> QuerySet[Schedule]:
    """The schedules of the actor's workspaces (their endpoints'), or of the chosen one."""
    schedules = scoped(
        actor, Schedule.objects.select_related("endpoint__workspace"), "endpoint__workspace"
    )
    return schedules.filter(endpoint__name=endpoint) if endpoint else schedules


def get_schedule(actor, pk: int) -> Schedule:
    """Schedule `pk`; outside its endpoint's workspace, the same 404 as for an id never used."""
    schedule = Schedule.objects.select_related("endpoint__workspace").filter(pk=pk).first()
    missing = NotFound(f"No schedule {pk}.")
    if schedule is None:
        raise missing
    try:
        check(actor, Action.VIEW, schedule)
    except NotFound:
        raise missing from None
    return schedule


def create_schedule(
    actor, *, name: str, endpoint: str, now: datetime | None = None, **values: Any
) -> Schedule:
    """A new schedule; it fires nothing until its first tick after `now` (the clock's)."""
    check(actor, Action.EDIT)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Unknown schedule field(s): {', '.join(sorted(unknown))}.")
    now = now or timezone.now()
    schedule = Schedule(created_by=user_of(actor), evaluated_at=now)
    _apply(actor, schedule, {"name": name, "endpoint": endpoint, **values}, now)
    try:
        schedule.save()
    except IntegrityError as exc:
        raise Conflict(f"A schedule named '{name}' exists already.", field="name") from exc
    return schedule


def update_schedule(actor, pk: int, *, now: datetime | None = None, **values: Any) -> Schedule:
    """Pause, resume, retime, or change what a schedule calls (at `now`, the clock's)."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))} of a schedule.")
    with transaction.atomic():
        schedule = get_schedule(actor, pk)
        check(actor, Action.EDIT, schedule)
        schedule = Schedule.objects.select_for_update().select_related("endpoint").get(pk=pk)
        _apply(actor, schedule, values, now or timezone.now())
        try:
            with transaction.atomic():
                schedule.save()
        except IntegrityError as exc:
            raise Conflict("Another schedule has that name.", field="name") from exc
    return schedule


def delete_schedule(actor, pk: int) -> None:
    """Remove the schedule and its firings; the runs it started stay."""
    schedule = get_schedule(actor, pk)
    check(actor, Action.EDIT, schedule)
    schedule.delete()


def run_now(actor, pk: int) -> Run:
    """Fire once now, as the person asking; refusals (disabled endpoint…) are their answer."""
    with transaction.atomic():
        schedule = get_schedule(actor, pk)
        check(actor, Action.RUN, schedule)
        schedule = Schedule.objects.select_for_update().select_related("endpoint").get(pk=pk)
        run = fire_tick(schedule, timezone.now(), actor, manual=True)
        schedule.save(update_fields=["last_fire_at", "last_fire_run", "last_fire_skipped_reason"])
    return run


def _apply(actor: Any, schedule: Schedule, values: dict[str, Any], now: datetime) -> None:
    """Check `values` and set them on `schedule`, recomputing its next fire."""
    if "name" in values:
        problem = name_problem(values["name"])
        if problem:
            raise InvalidInput(f"name: schedule {problem}.", code="bad_name", field="name")
        schedule.name = values["name"]
    _apply_call(actor, schedule, values)
    if "experiment" in values:
        schedule.experiment = values["experiment"] or ""
    for key in ("max_catch_up", "max_concurrent"):
        if key in values:
            setattr(schedule, key, _limit(key, values[key]))
    if "catch_up" in values:
        schedule.catch_up = _catch_up(values["catch_up"])
    if set(TIMING) & set(values) or schedule.pk is None:
        _apply_timing(schedule, values, now)
        schedule.evaluated_at = max(schedule.evaluated_at, now)
    if "paused" in values and values["paused"] != schedule.paused:
        schedule.paused = bool(values["paused"])
        if not schedule.paused:  # resumed: what was missed while paused is not owed
            schedule.evaluated_at = max(schedule.evaluated_at, now)
    schedule.next_fire_at = (
        None if schedule.paused else next_fire(spec_of(schedule), schedule.evaluated_at)
    )


def _apply_call(actor: Any, schedule: Schedule, values: dict[str, Any]) -> None:
    if "endpoint" in values:
        schedule.endpoint = find_endpoint(actor, values["endpoint"])
    if "version" in values:
        schedule.version = values["version"]
    if "parameters" in values:
        schedule.parameters = values["parameters"] if values["parameters"] is not None else {}
    if {"endpoint", "version", "parameters"} & set(values):
        check_parameters(find_version(schedule.endpoint, schedule.version), schedule.parameters)


def _limit(key: str, value: Any) -> int | None:
    if value is not None and (type(value) is not int or value < 1):
        raise InvalidInput(f"{key}: a whole number ≥ 1, or null for no limit.", field=key)
    return value


def _catch_up(value: Any) -> str:
    try:
        return CatchUp(value).value
    except ValueError:
        choices = ", ".join(policy.value for policy in CatchUp)
        raise InvalidInput(
            f"catch_up: {value!r} is not one of {choices}.", field="catch_up"
        ) from None


def _apply_timing(schedule: Schedule, values: dict[str, Any], now: datetime) -> None:
    if values.get("cron") is not None:
        schedule.cron, schedule.recurrence = values["cron"], None
    if values.get("recurrence") is not None:
        schedule.recurrence, schedule.cron = values["recurrence"], None
        if values.get("cron") is not None:
            raise InvalidInput(
                "cron: give either cron or recurrence, not both.", code="bad_timing", field="cron"
            )
    for key in ("start_at", "end_at"):
        if key in values:
            setattr(schedule, key, values[key])
    if "time_zone" in values:
        schedule.time_zone = _zone_name(values["time_zone"])
    if schedule.recurrence is not None and schedule.start_at is None:
        schedule.start_at = now  # a recurrence counts from start_at: from creation, by default
    try:
        spec = spec_of(schedule)
    except ValueError as exc:
        raise InvalidInput(str(exc), code="bad_timing", field=_field_of(str(exc))) from None
    if spec.recurrence is not None:
        schedule.recurrence = _recurrence_dict(spec.recurrence)
    if spec.cron is not None:
        schedule.cron = spec.cron.text


def _zone_name(name: Any) -> str:
    """The IANA name of a zone given by its IANA or Windows name."""
    try:
        return zone(name or "UTC").key
    except ValueError as exc:
        raise InvalidInput(str(exc), code="bad_timing", field="time_zone") from None


def _recurrence_dict(recurrence: Recurrence) -> dict[str, Any]:
    return {key: list(v) if isinstance(v, tuple) else v for key, v in asdict(recurrence).items()}


def _field_of(message: str) -> str:
    """The input a kernel timing message is about: its text starts with the field's name."""
    head = message.split(":", 1)[0]
    for field in ("start_at", "end_at", "recurrence", "cron"):
        if field in head:
            return field
    return "time_zone" if "zone" in head else "cron"

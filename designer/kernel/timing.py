"""When a pipeline schedule fires: recurrences, the next firing instant, catch-up after downtime.

A schedule is a cron expression or a recurrence, read as wall-clock times in its time zone, between
`start_at` and `end_at`. `next_fire` answers "when next?"; `due_ticks` answers "what do I fire now,
after being away since the last fire?". The scheduler process applies the answers; the rules live
here so the web process, the scheduler and the tests agree. Plain Python: no Django, no I/O, and no
reading of the clock (callers pass `now`). Instants go in aware and come out in UTC.
"""

from __future__ import annotations

import calendar
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from designer.kernel.cron import Cron, parse_cron
from designer.kernel.timezones import wall_to_utc, zone

FREQUENCIES = ("minute", "hour", "day", "week", "month")
WEEK_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_BY_NAME = {name.lower(): name for name in WEEK_DAYS} | {
    name[:3].lower(): name for name in WEEK_DAYS
}
# What each frequency may narrow, and why the rest is refused (shown in the error message).
_ALLOWED = {
    "minute": (set(), "it fires every N minutes counted from start_at"),
    "hour": (set(), "it fires every N hours counted from start_at"),
    "day": ({"hours", "minutes"}, "it fires every N days counted from start_at's date"),
    "week": ({"hours", "minutes", "week_days"}, ""),
    "month": ({"hours", "minutes"}, "it fires on start_at's day of the month"),
}
_RESOLUTION = timedelta(microseconds=1)


class CatchUp(StrEnum):
    NONE = "none"  # fire only a tick that is due right now; skip what was missed
    LATEST = "latest"  # fire the most recent missed tick only
    ALL = "all"  # fire every missed tick, up to max_catch_up of the most recent


@dataclass(frozen=True)
class Recurrence:
    """Every `interval` minutes, hours, days, weeks or months.

    Minute and hour recurrences count elapsed time from start_at, so "every 2 hours" stays two
    hours apart across a clock change. Day, week and month recurrences fire at wall-clock times of
    day: `hours` × `minutes` (hours alone mean on the hour, minutes alone mean in start_at's
    hour, neither means start_at's time of day). Week recurrences fire on `week_days` (default:
    start_at's weekday).
    """

    frequency: str
    interval: int = 1
    hours: tuple[int, ...] | None = None
    minutes: tuple[int, ...] | None = None
    week_days: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        frequency = str(self.frequency).lower()
        if frequency not in FREQUENCIES:
            raise ValueError(
                f"recurrence frequency: {self.frequency!r} is not one of {', '.join(FREQUENCIES)}"
            )
        object.__setattr__(self, "frequency", frequency)
        if type(self.interval) is not int or self.interval < 1:
            raise ValueError(
                f"recurrence interval: must be a whole number ≥ 1, not {self.interval!r}"
            )
        object.__setattr__(self, "hours", _numbers(self.hours, "hours", 23))
        object.__setattr__(self, "minutes", _numbers(self.minutes, "minutes", 59))
        object.__setattr__(self, "week_days", _day_names(self.week_days))
        allowed, why = _ALLOWED[frequency]
        for name in ("hours", "minutes", "week_days"):
            if getattr(self, name) is not None and name not in allowed:
                raise ValueError(
                    f"recurrence {name}: not allowed with frequency {frequency!r}, because {why}; "
                    f"use {_suggestion(name)} or a cron expression"
                )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recurrence:
        known = ("frequency", "interval", "hours", "minutes", "week_days")
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"recurrence {unknown[0]}: unknown field (known: {', '.join(known)})")
        if "frequency" not in data:
            raise ValueError("recurrence frequency: required")
        values = {key: data[key] for key in known if data.get(key) is not None}
        return cls(**values)


def _suggestion(name: str) -> str:
    return "frequency 'week' with week_days" if name == "week_days" else "frequency 'day'"


def _numbers(values: Sequence[int] | None, name: str, highest: int) -> tuple[int, ...] | None:
    if values is None:
        return None
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"recurrence {name}: must be a list of whole numbers 0-{highest}")
    if not values:
        raise ValueError(f"recurrence {name}: give at least one value, or leave it out")
    for value in values:
        if type(value) is not int or not 0 <= value <= highest:
            raise ValueError(f"recurrence {name}: {value!r} is not a whole number 0-{highest}")
    return tuple(sorted(set(values)))


def _day_names(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise ValueError("recurrence week_days: must be a non-empty list of day names")
    names = set()
    for value in values:
        name = _DAY_BY_NAME.get(str(value).strip().lower())
        if name is None:
            raise ValueError(
                f"recurrence week_days: {value!r} is not a day name (Monday…Sunday or Mon…Sun)"
            )
        names.add(name)
    return tuple(day for day in WEEK_DAYS if day in names)


@dataclass(frozen=True)
class ScheduleSpec:
    """What the timing rules need to know about a schedule. Exactly one of cron or recurrence.

    A recurrence needs start_at, because its intervals count from it; a cron schedule does not.
    """

    cron: Cron | None = None
    recurrence: Recurrence | None = None
    time_zone: str = "UTC"
    start_at: datetime | None = None
    end_at: datetime | None = None
    tz: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if (self.cron is None) == (self.recurrence is None):
            raise ValueError("schedule: give either cron or recurrence, not both or neither")
        object.__setattr__(self, "tz", zone(self.time_zone))
        object.__setattr__(self, "start_at", _utc(self.start_at, "start_at"))
        object.__setattr__(self, "end_at", _utc(self.end_at, "end_at"))
        if self.recurrence is not None and self.start_at is None:
            raise ValueError("schedule start_at: a recurrence counts its intervals from start_at")
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            raise ValueError("schedule end_at: must be later than start_at")

    @classmethod
    def from_fields(
        cls,
        *,
        cron: str | None = None,
        recurrence: Mapping[str, Any] | None = None,
        time_zone: str | None = None,
        start_at: datetime | None = None,
        end_at: datetime | None = None,
    ) -> ScheduleSpec:
        """Build from the stored or posted fields: cron text, recurrence as a dict."""
        return cls(
            cron=parse_cron(cron) if cron is not None else None,
            recurrence=Recurrence.from_dict(recurrence) if recurrence is not None else None,
            time_zone=time_zone or "UTC",
            start_at=start_at,
            end_at=end_at,
        )


def _utc(moment: datetime | None, name: str) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name}: needs a time zone (an aware datetime), got {moment.isoformat()}")
    return moment.astimezone(UTC)


def _aware(moment: datetime, name: str) -> datetime:
    result = _utc(moment, name)
    assert result is not None
    return result


def fire_times(spec: ScheduleSpec, after: datetime) -> Iterator[datetime]:
    """Every firing instant strictly after `after`, in order (UTC), until end_at.

    Never before start_at: a start_at in the future makes it the earliest possible fire.
    """
    floor = _aware(after, "after")
    if spec.start_at is not None and floor < spec.start_at:
        floor = spec.start_at - _RESOLUTION  # start_at itself may fire
    previous = floor
    for instant in _candidates(spec, floor):
        # Wall times in a spring-forward gap all land on the gap's end: fire that instant once.
        if instant <= previous:
            continue
        if spec.end_at is not None and instant > spec.end_at:
            return
        yield instant
        previous = instant


def next_fire(spec: ScheduleSpec, after: datetime) -> datetime | None:
    """The first firing instant strictly after `after` (UTC), or None once end_at has passed."""
    return next(fire_times(spec, after), None)


def _candidates(spec: ScheduleSpec, floor: datetime) -> Iterator[datetime]:
    """Non-decreasing instants that include every fire after `floor` (and possibly a few before).

    Walls are listed from `floor`'s own wall-clock time: an earlier wall time always maps to an
    instant at or before `floor`, because the first showing of a repeated time is the one used.
    """
    wall_floor = floor.astimezone(spec.tz).replace(tzinfo=None)
    if spec.cron is not None:
        for wall in spec.cron.walls_after(wall_floor):
            yield wall_to_utc(wall, spec.tz)
        return
    recurrence, start = spec.recurrence, spec.start_at
    assert recurrence is not None and start is not None  # ScheduleSpec guarantees both
    if recurrence.frequency in ("minute", "hour"):
        yield from _elapsed_steps(recurrence, start, floor)
        return
    start_wall = start.astimezone(spec.tz).replace(tzinfo=None)
    times = _times_of_day(recurrence, start_wall)
    for day in _fire_dates(recurrence, start_wall.date(), wall_floor.date()):
        for moment in times:
            yield wall_to_utc(datetime.combine(day, moment), spec.tz)


def _elapsed_steps(recurrence: Recurrence, start: datetime, floor: datetime) -> Iterator[datetime]:
    # Arithmetic on UTC datetimes: adding to a zoned datetime would add wall-clock time instead.
    step = timedelta(minutes=recurrence.interval)
    if recurrence.frequency == "hour":
        step *= 60
    count = 0 if floor < start else (floor - start) // step + 1
    while True:
        yield start + count * step
        count += 1


def _times_of_day(recurrence: Recurrence, start_wall: datetime) -> list[time]:
    hours = recurrence.hours or (start_wall.hour,)
    minutes = recurrence.minutes or ((0,) if recurrence.hours else (start_wall.minute,))
    return [time(hour, minute) for hour in hours for minute in minutes]


def _fire_dates(recurrence: Recurrence, start: date, first: date) -> Iterator[date]:
    """The dates a day, week or month recurrence fires on, from `first` on (never before start)."""
    first = max(first, start)
    interval = recurrence.interval
    if recurrence.frequency == "day":
        day = first + timedelta(days=-(first - start).days % interval)
        while True:
            yield day
            day += timedelta(days=interval)
    elif recurrence.frequency == "week":
        start_monday = start - timedelta(days=start.weekday())
        week_days = recurrence.week_days or (WEEK_DAYS[start.weekday()],)
        offsets = [WEEK_DAYS.index(name) for name in week_days]
        weeks = -(-((first - start_monday).days // 7) // interval) * interval  # round up
        while True:
            monday = start_monday + timedelta(weeks=weeks)
            yield from (monday + timedelta(days=offset) for offset in offsets)
            weeks += interval
    else:
        months = (first.year - start.year) * 12 + first.month - start.month
        months = -(-months // interval) * interval
        while True:
            year, month = divmod(start.month - 1 + months, 12)
            year += start.year
            yield date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))
            months += interval


@dataclass(frozen=True)
class DueTicks:
    """What to fire now: `fire` (oldest first), how many missed ticks were `skipped` and why, and
    the next tick after now (`next_at`, None once end_at has passed)."""

    fire: list[datetime]
    skipped: int
    next_at: datetime | None
    skipped_reason: str | None = None


def due_ticks(
    spec: ScheduleSpec,
    last_fire: datetime | None,
    now: datetime,
    catch_up: CatchUp | str = CatchUp.NONE,
    max_catch_up: int | None = None,
    grace: timedelta = timedelta(seconds=60),
) -> DueTicks:
    """The ticks in (last_fire, now] to fire under the catch-up policy, and what is skipped.

    `none` fires the latest tick if it is less than `grace` late; `latest` fires the most recent
    tick however late; `all` fires them all, or the `max_catch_up` most recent. Pass as `last_fire`
    the last tick fired or evaluated (or when the schedule was created or resumed): ticks before it
    are never owed. None means nothing is owed and only a tick less than `grace` late fires.
    Every missed tick is counted, so the cost grows with the outage (a few seconds for a year
    of minutes).
    """
    now = _aware(now, "now")
    policy = _policy(catch_up)
    if grace <= timedelta(0):
        raise ValueError("grace: must be a positive duration")
    if max_catch_up is not None and (type(max_catch_up) is not int or max_catch_up < 1):
        raise ValueError(f"max_catch_up: must be a whole number ≥ 1, not {max_catch_up!r}")
    since = _aware(last_fire, "last_fire") if last_fire is not None else now - grace
    kept: deque[datetime] = deque(maxlen=max_catch_up if policy is CatchUp.ALL else 1)
    missed = 0
    for tick in fire_times(spec, since):
        if tick > now:
            break
        missed += 1
        kept.append(tick)
    fire = list(kept)
    if policy is CatchUp.NONE:
        fire = [tick for tick in fire if now - tick < grace]
    skipped = missed - len(fire)
    return DueTicks(
        fire, skipped, next_fire(spec, now), _reason(skipped, policy, max_catch_up, grace)
    )


def _policy(catch_up: CatchUp | str) -> CatchUp:
    try:
        return CatchUp(catch_up)
    except ValueError:
        choices = ", ".join(policy.value for policy in CatchUp)
        raise ValueError(f"catch_up: {catch_up!r} is not one of {choices}") from None


def _reason(skipped: int, policy: CatchUp, limit: int | None, grace: timedelta) -> str | None:
    if not skipped:
        return None
    ticks = "tick" if skipped == 1 else "ticks"
    rule = {
        CatchUp.NONE: f"fires only a tick less than {grace.total_seconds():g} s late",
        CatchUp.LATEST: "fires only the most recent missed tick",
        CatchUp.ALL: f"fires at most the {limit} most recent missed ticks",
    }[policy]
    return f"{skipped} missed {ticks} skipped: catch_up={policy.value} {rule}"

"""Five-field cron expressions: parsing with errors that name the field, and the minutes they match.

`parse_cron` reads `minute hour day-of-month month day-of-week` (plus the usual `@daily`-style
shorthands) and `Cron.walls_after` lists the wall-clock minutes it matches. Times here are naive
wall-clock datetimes: which instant a wall-clock time means in a time zone is `timing`'s business.
Plain Python, no I/O.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
# Cron counts the week from Sunday = 0 (7 is Sunday again); Python's weekday() from Monday = 0.
CRON_DAY_NAMES = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}

SHORTHANDS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}

# The longest a valid expression can wait between matches is eight years (29 February across a
# century that skips its leap year); past this many days without a match the walk stops.
HORIZON_DAYS = 366 * 9


@dataclass(frozen=True)
class _Field:
    name: str
    low: int
    high: int
    names: Mapping[str, int]


FIELDS = (
    _Field("minute", 0, 59, {}),
    _Field("hour", 0, 23, {}),
    _Field("day of month", 1, 31, {}),
    _Field("month", 1, 12, MONTH_NAMES),
    _Field("day of week", 0, 7, CRON_DAY_NAMES),
)


@dataclass(frozen=True)
class Cron:
    """A parsed cron expression. `days_of_week` uses Python's numbering: Monday = 0 … Sunday = 6.

    A day field is *restricted* when it leaves out some of its values. When both day fields are
    restricted a day matches if either does (the classic cron rule: `0 9 1 * MON` is the 1st of
    every month and every Monday); otherwise both must match, which reduces to the restricted one.
    """

    text: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days_of_month: frozenset[int]
    months: frozenset[int]
    days_of_week: frozenset[int]
    day_of_month_restricted: bool
    day_of_week_restricted: bool

    def matches_day(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        by_month_day = day.day in self.days_of_month
        by_week_day = day.weekday() in self.days_of_week
        if self.day_of_month_restricted and self.day_of_week_restricted:
            return by_month_day or by_week_day
        return by_month_day and by_week_day

    def walls_after(self, wall: datetime) -> Iterator[datetime]:
        """Every matching wall-clock minute strictly after `wall` (naive), in order."""
        first = wall.replace(second=0, microsecond=0) + timedelta(minutes=1)
        day = first.date()
        for _ in range(HORIZON_DAYS):
            if self.matches_day(day):
                for hour in self.hours:
                    for minute in self.minutes:
                        candidate = datetime.combine(day, time(hour, minute))
                        if candidate >= first:
                            yield candidate
            day += timedelta(days=1)


def parse_cron(text: str) -> Cron:
    """Parse a five-field cron expression; a ValueError names the field that is wrong and why."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("cron: the expression is empty")
    expression = SHORTHANDS.get(text.strip().lower(), text)
    parts = expression.split()
    if len(parts) != len(FIELDS):
        raise ValueError(
            f"cron: expected 5 fields (minute hour day-of-month month day-of-week), "
            f"got {len(parts)} in {text.strip()!r}"
        )
    minutes, hours, month_days, months, week_days = (
        _parse_field(part, field) for part, field in zip(parts, FIELDS, strict=True)
    )
    # 7 is a second name for Sunday; fold it onto 0 before converting to Python's numbering.
    week_days = {value % 7 for value in week_days}
    cron = Cron(
        text=text.strip(),
        minutes=tuple(sorted(minutes)),
        hours=tuple(sorted(hours)),
        days_of_month=frozenset(month_days),
        months=frozenset(months),
        days_of_week=frozenset((value - 1) % 7 for value in week_days),
        day_of_month_restricted=len(month_days) < 31,
        day_of_week_restricted=len(week_days) < 7,
    )
    _check_day_exists(cron)
    return cron


def _parse_field(text: str, field: _Field) -> set[int]:
    values: set[int] = set()
    for item in text.split(","):
        values |= _parse_item(item, field)
    return values


def _parse_item(item: str, field: _Field) -> set[int]:
    base, slash, step_text = item.partition("/")
    step = 1
    if slash:
        step = _number(step_text, field, item, what="step")
        if step < 1:
            raise ValueError(f"cron {field.name}: the step in {item!r} must be at least 1")
    if base == "*":
        first, last = field.low, field.high
    elif "-" in base:
        start_text, _, end_text = base.partition("-")
        first, last = _value(start_text, field, item), _value(end_text, field, item)
        if field is FIELDS[4] and last == 0 and first > 0:
            last = 7  # FRI-SUN: Sunday closes the week here, so read it as 7
        if first > last:
            raise ValueError(
                f"cron {field.name}: the range {item!r} runs backwards; "
                f"write it as two ranges joined by a comma"
            )
    else:
        first = _value(base, field, item)
        # `5/15` means "from 5 to the end, every 15", as in most crons.
        last = field.high if slash else first
    return set(range(first, last + 1, step))


def _value(text: str, field: _Field, item: str) -> int:
    named = field.names.get(text.lower())
    if named is not None:
        return named
    value = _number(text, field, item, what="value")
    if not field.low <= value <= field.high:
        raise ValueError(
            f"cron {field.name}: {value} is out of range {field.low}-{field.high} in {item!r}"
        )
    return value


def _number(text: str, field: _Field, item: str, what: str) -> int:
    if not text.isdigit():
        accepted = "a number"
        if field.names:
            accepted += " or a name such as " + "/".join(list(field.names)[:2]).upper()
        raise ValueError(f"cron {field.name}: {what} {text!r} in {item!r} is not {accepted}")
    return int(text)


def _check_day_exists(cron: Cron) -> None:
    """Refuse expressions such as `0 0 30 2 *` that name a day no listed month has."""
    if cron.day_of_week_restricted:
        return  # some weekday of some listed month always matches
    longest = max(calendar.monthrange(2024, month)[1] for month in cron.months)  # 2024: leap
    if min(cron.days_of_month) > longest:
        months = ", ".join(calendar.month_name[month] for month in sorted(cron.months))
        raise ValueError(
            f"cron day of month: day {min(cron.days_of_month)} never occurs in {months}, "
            f"so the schedule would never fire"
        )

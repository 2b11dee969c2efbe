"""When schedules fire: recurrences, start and end, daylight-saving days, catch-up after downtime.

Instants are written as wall-clock times with their offset in the schedule's zone
("2026-03-29 03:00+02:00"), so a table row reads the way a user would check it.
"""

from datetime import UTC, datetime, timedelta
from itertools import islice

import pytest

from designer.kernel.timing import (
    Recurrence,
    ScheduleSpec,
    due_ticks,
    fire_times,
    next_fire,
)


def at(text: str) -> datetime:
    """An aware instant from "2026-03-29 03:00+02:00" (or "…Z")."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def fires(spec: ScheduleSpec, after: str, count: int) -> list[str]:
    instants = list(islice(fire_times(spec, at(after)), count))
    assert all(instant.tzinfo is UTC for instant in instants)
    return [instant.astimezone(spec.tz).isoformat(" ", "minutes") for instant in instants]


def every(frequency: str, start: str, zone: str = "UTC", end_at=None, **fields) -> ScheduleSpec:
    recurrence = {"frequency": frequency, **fields}
    return ScheduleSpec.from_fields(
        recurrence=recurrence, time_zone=zone, start_at=at(start), end_at=end_at
    )


def cron(text: str, zone: str = "UTC", **fields) -> ScheduleSpec:
    return ScheduleSpec.from_fields(cron=text, time_zone=zone, **fields)


# --- recurrence validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"frequency": "Day"}, Recurrence("day", 1)),
        (
            {"frequency": "week", "interval": 2, "week_days": ["thu", "MONDAY", "Mon"]},
            Recurrence("week", 2, week_days=("Monday", "Thursday")),
        ),
        (
            {"frequency": "day", "hours": [17, 9, 9], "minutes": [30, 0]},
            Recurrence("day", 1, hours=(9, 17), minutes=(0, 30)),
        ),
        ({"frequency": "month", "interval": 3, "hours": None}, Recurrence("month", 3)),
    ],
)
def test_recurrence_is_normalised(fields, expected):
    assert Recurrence.from_dict(fields) == expected


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"interval": 1}, "recurrence frequency: required"),
        ({"frequency": "fortnight"}, "recurrence frequency: 'fortnight' is not one of"),
        ({"frequency": "day", "interval": 0}, "recurrence interval: must be a whole number ≥ 1"),
        ({"frequency": "day", "interval": 1.5}, "recurrence interval"),
        ({"frequency": "day", "interval": True}, "recurrence interval"),
        ({"frequency": "day", "hours": [24]}, "recurrence hours: 24 is not a whole number 0-23"),
        ({"frequency": "day", "hours": [-1]}, "recurrence hours: -1"),
        ({"frequency": "day", "hours": "9"}, "recurrence hours: must be a list"),
        ({"frequency": "day", "hours": []}, "recurrence hours: give at least one value"),
        ({"frequency": "day", "minutes": [60]}, "recurrence minutes: 60 is not a whole number"),
        ({"frequency": "week", "week_days": ["Funday"]}, "recurrence week_days: 'Funday'"),
        ({"frequency": "week", "week_days": "Monday"}, "recurrence week_days: must be a"),
        ({"frequency": "day", "every": 2}, "recurrence every: unknown field"),
        # lists that make no sense for the frequency are refused, with the reason
        ({"frequency": "minute", "minutes": [0]}, "recurrence minutes: not allowed with frequency"),
        ({"frequency": "hour", "minutes": [30]}, "counted from start_at"),
        ({"frequency": "hour", "hours": [3]}, "recurrence hours: not allowed"),
        ({"frequency": "day", "week_days": ["Mon"]}, "use frequency 'week' with week_days"),
        ({"frequency": "month", "week_days": ["Mon"]}, "start_at's day of the month"),
    ],
)
def test_recurrence_errors_name_the_field(fields, message):
    with pytest.raises(ValueError, match=message):
        Recurrence.from_dict(fields)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "either cron or recurrence"),
        ({"cron": "0 * * * *", "recurrence": {"frequency": "day"}}, "either cron or recurrence"),
        ({"recurrence": {"frequency": "day"}}, "schedule start_at: a recurrence counts"),
        ({"cron": "0 * * * *", "start_at": datetime(2026, 1, 1)}, "start_at: needs a time zone"),
        ({"cron": "0 * * * *", "time_zone": "Nowhere/Else"}, "time zone: unknown name"),
        (
            {
                "cron": "0 * * * *",
                "start_at": at("2026-01-02 00:00Z"),
                "end_at": at("2026-01-01 00:00Z"),
            },
            "schedule end_at: must be later than start_at",
        ),
    ],
)
def test_schedule_errors(fields, message):
    with pytest.raises(ValueError, match=message):
        ScheduleSpec.from_fields(**fields)


# --- every frequency ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "after", "expected"),
    [
        # every 15 minutes, counted from start_at (seconds and all)
        (
            every("minute", "2026-05-01 09:07Z", interval=15),
            "2026-05-01 09:30Z",
            ["2026-05-01 09:37+00:00", "2026-05-01 09:52+00:00", "2026-05-01 10:07+00:00"],
        ),
        # every 2 hours from start_at
        (
            every("hour", "2026-05-01 09:30+02:00", "Europe/Berlin", interval=2),
            "2026-05-01 12:00+02:00",
            ["2026-05-01 13:30+02:00", "2026-05-01 15:30+02:00"],
        ),
        # every 3 days at 09:00, counted from the start date in the zone
        (
            every("day", "2026-05-01 08:00+02:00", "Europe/Berlin", interval=3, hours=[9]),
            "2026-05-02 00:00+02:00",
            ["2026-05-04 09:00+02:00", "2026-05-07 09:00+02:00"],
        ),
        # no hours or minutes: start_at's time of day
        (
            every("day", "2026-05-01 06:45+02:00", "Europe/Berlin"),
            "2026-05-01 00:00+02:00",
            ["2026-05-01 06:45+02:00", "2026-05-02 06:45+02:00"],
        ),
        # hours alone mean on the hour; several times a day in order
        (
            every("day", "2026-05-01 10:00Z", hours=[18, 6]),
            "2026-05-01 00:00Z",
            ["2026-05-01 18:00+00:00", "2026-05-02 06:00+00:00", "2026-05-02 18:00+00:00"],
        ),
        # every 2 weeks on Monday and Thursday at 08:15, weeks counted from start_at's week
        (
            every(
                "week",
                "2026-03-04 12:00-08:00",  # a Wednesday
                "America/Los_Angeles",
                interval=2,
                week_days=["Mon", "Thu"],
                hours=[8],
                minutes=[15],
            ),
            "2026-03-01 00:00-08:00",
            [
                "2026-03-05 08:15-08:00",  # Monday 2 March is before start_at
                "2026-03-16 08:15-07:00",
                "2026-03-19 08:15-07:00",
                "2026-03-30 08:15-07:00",
            ],
        ),
        # a week recurrence without week_days fires on start_at's weekday
        (
            every("week", "2026-05-06 07:00Z"),
            "2026-05-01 00:00Z",
            ["2026-05-06 07:00+00:00", "2026-05-13 07:00+00:00"],
        ),
        # monthly on the 31st: shorter months fire on their last day
        (
            every("month", "2026-01-31 09:00Z"),
            "2026-01-01 00:00Z",
            [
                "2026-01-31 09:00+00:00",
                "2026-02-28 09:00+00:00",
                "2026-03-31 09:00+00:00",
                "2026-04-30 09:00+00:00",
            ],
        ),
        # every 12 months from 29 February: 28 February in the years between
        (
            every("month", "2028-02-29 00:00Z", interval=12, hours=[6]),
            "2028-03-01 00:00Z",
            [
                "2029-02-28 06:00+00:00",
                "2030-02-28 06:00+00:00",
                "2031-02-28 06:00+00:00",
                "2032-02-29 06:00+00:00",
            ],
        ),
        # every 2 months, asked from a month that is not one of them
        (
            every("month", "2026-01-15 12:00Z", interval=2),
            "2026-02-20 00:00Z",
            ["2026-03-15 12:00+00:00", "2026-05-15 12:00+00:00"],
        ),
    ],
)
def test_every_frequency(spec, after, expected):
    assert fires(spec, after, len(expected)) == expected


# --- daylight saving: Europe/Berlin 2026 (29 March, 25 October), Los Angeles (8 March, 1 Nov) --


@pytest.mark.parametrize(
    ("spec", "after", "expected"),
    [
        # 02:30 daily: skipped on the spring day so it fires at 03:00 when the clocks jump there
        (
            cron("30 2 * * *", "Europe/Berlin"),
            "2026-03-28 00:00+01:00",
            ["2026-03-28 02:30+01:00", "2026-03-29 03:00+02:00", "2026-03-30 02:30+02:00"],
        ),
        # ... and shown twice on the autumn day, when it fires once, the first time
        (
            cron("30 2 * * *", "Europe/Berlin"),
            "2026-10-24 00:00+02:00",
            ["2026-10-24 02:30+02:00", "2026-10-25 02:30+02:00", "2026-10-26 02:30+01:00"],
        ),
        # half-hourly across the spring gap: the skipped times collapse onto 03:00 once
        (
            cron("*/30 * * * *", "America/Los_Angeles"),
            "2026-03-08 01:00-08:00",
            ["2026-03-08 01:30-08:00", "2026-03-08 03:00-07:00", "2026-03-08 03:30-07:00"],
        ),
        # half-hourly across the autumn repeat: 01:00 and 01:30 fire in their first showing only
        (
            cron("*/30 * * * *", "America/Los_Angeles"),
            "2026-11-01 00:45-07:00",
            [
                "2026-11-01 01:00-07:00",
                "2026-11-01 01:30-07:00",
                "2026-11-01 02:00-08:00",
                "2026-11-01 02:30-08:00",
            ],
        ),
        # asked during the repeated hour's second showing: nothing in it fires again
        (
            cron("*/30 * * * *", "America/Los_Angeles"),
            "2026-11-01 01:10-08:00",
            ["2026-11-01 02:00-08:00"],
        ),
        # a daily recurrence behaves like the cron schedule on both days
        (
            every("day", "2026-03-01 02:30-08:00", "America/Los_Angeles"),
            "2026-03-07 00:00-08:00",
            ["2026-03-07 02:30-08:00", "2026-03-08 03:00-07:00", "2026-03-09 02:30-07:00"],
        ),
        (
            every("day", "2026-10-01 01:30-07:00", "America/Los_Angeles"),
            "2026-10-31 00:00-07:00",
            ["2026-10-31 01:30-07:00", "2026-11-01 01:30-07:00", "2026-11-02 01:30-08:00"],
        ),
        # weekly at 09:00 keeps 09:00 local on both sides of each change
        (
            every("week", "2026-03-22 09:00+01:00", "Europe/Berlin"),
            "2026-03-22 08:00+01:00",
            ["2026-03-22 09:00+01:00", "2026-03-29 09:00+02:00"],
        ),
        (
            every("week", "2026-10-18 09:00+02:00", "Europe/Berlin", week_days=["Sunday"]),
            "2026-10-18 10:00+02:00",
            ["2026-10-25 09:00+01:00", "2026-11-01 09:00+01:00"],
        ),
        # hourly counts elapsed time: the repeated hour gets its tick, the skipped one none
        (
            every("hour", "2026-10-25 00:00+02:00", "Europe/Berlin"),
            "2026-10-25 01:30+02:00",
            ["2026-10-25 02:00+02:00", "2026-10-25 02:00+01:00", "2026-10-25 03:00+01:00"],
        ),
        (
            every("hour", "2026-03-29 00:00+01:00", "Europe/Berlin"),
            "2026-03-29 00:30+01:00",
            ["2026-03-29 01:00+01:00", "2026-03-29 03:00+02:00", "2026-03-29 04:00+02:00"],
        ),
    ],
)
def test_daylight_saving_changes(spec, after, expected):
    assert fires(spec, after, len(expected)) == expected


@pytest.mark.parametrize(
    ("windows", "iana"),
    [
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Eastern Standard Time", "America/New_York"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("India Standard Time", "Asia/Kolkata"),
    ],
)
@pytest.mark.parametrize("after", ["2026-03-07 12:00Z", "2026-03-28 12:00Z", "2026-10-24 12:00Z"])
def test_windows_names_fire_at_the_same_instants_as_iana_names(windows, iana, after):
    by_windows = fire_times(cron("30 2 * * *", windows), at(after))
    by_iana = fire_times(cron("30 2 * * *", iana), at(after))
    assert list(islice(by_windows, 3)) == list(islice(by_iana, 3))


# --- start_at and end_at -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "created", "expected"),
    [
        # a start in the future: the first fire is at or after it, never at creation
        (cron("0 * * * *", start_at=at("2026-05-01 10:30Z")), "2026-05-01 08:00Z", "11:00Z"),
        (cron("0 * * * *", start_at=at("2026-05-01 11:00Z")), "2026-05-01 08:00Z", "11:00Z"),
        (every("minute", "2026-05-01 10:30Z", interval=5), "2026-05-01 08:00Z", "10:30Z"),
        # created on the dot of a tick: that tick is not fired, the next one is
        (cron("0 9 * * *"), "2026-05-01 09:00Z", "2026-05-02 09:00Z"),
        (every("hour", "2026-05-01 09:00Z"), "2026-05-01 09:00Z", "10:00Z"),
        # start_at = the creation moment (seconds included): not today's tick at that minute
        (every("day", "2026-05-01 09:00:30Z"), "2026-05-01 09:00:30Z", "2026-05-02 09:00Z"),
        # a start long past: the next computed time after creation, in the start's phase
        (every("hour", "2026-01-01 00:20Z", interval=3), "2026-05-01 08:00Z", "09:20Z"),
    ],
)
def test_start_at(spec, created, expected):
    if len(expected) == 6:  # a time on the creation day
        expected = created[:11] + expected
    first = next_fire(spec, at(created))
    assert first == at(expected)
    assert first > at(created)
    assert spec.start_at is None or first >= spec.start_at


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("2026-05-01 07:59Z", "2026-05-01 08:00Z"),
        ("2026-05-01 10:00Z", "2026-05-01 11:00Z"),  # end_at itself still fires
        ("2026-05-01 11:00Z", None),
        ("2026-06-01 00:00Z", None),
    ],
)
def test_end_at(after, expected):
    spec = cron("0 * * * *", start_at=at("2026-05-01 08:00Z"), end_at=at("2026-05-01 11:00Z"))
    assert next_fire(spec, at(after)) == (at(expected) if expected else None)


def test_fire_times_stop_at_end_at():
    spec = every("day", "2026-05-01 09:00Z", end_at=at("2026-05-04 09:00Z"))
    assert len(list(fire_times(spec, at("2026-01-01 00:00Z")))) == 4


def test_naive_after_is_refused():
    with pytest.raises(ValueError, match="after: needs a time zone"):
        next_fire(cron("0 * * * *"), datetime(2026, 5, 1))


# --- catch-up after downtime -------------------------------------------------------------------

HOURLY = cron("0 * * * *")  # ticks on the hour, UTC


def ticks(*hours: int) -> list[datetime]:
    return [at(f"2026-05-01 {hour:02}:00Z") for hour in hours]


@pytest.mark.parametrize(
    ("last_fire", "now", "policy", "limit", "fire", "skipped"),
    [
        # nothing missed: nothing to fire, whatever the policy
        ("09:00", "09:30", "none", None, [], 0),
        ("09:00", "09:30", "all", 5, [], 0),
        # the tick due right now fires under every policy
        ("09:00", "10:00:20", "none", None, [10], 0),
        ("09:00", "10:00:20", "latest", None, [10], 0),
        ("09:00", "10:00:20", "all", 3, [10], 0),
        # one missed tick, now too late for `none`
        ("09:00", "10:05", "none", None, [], 1),
        ("09:00", "10:05", "latest", None, [10], 0),
        ("09:00", "10:05", "all", 3, [10], 0),
        # many missed (10:00 … 15:00)
        ("09:00", "15:30", "none", None, [], 6),
        ("09:00", "15:30", "latest", None, [15], 5),
        ("09:00", "15:30", "all", None, [10, 11, 12, 13, 14, 15], 0),
        ("09:00", "15:30", "all", 3, [13, 14, 15], 3),
        ("09:00", "15:30", "all", 1, [15], 5),
        # many missed, the last one still within grace: `none` fires it, skips the rest
        ("09:00", "15:00:59", "none", None, [15], 5),
        ("09:00", "15:01", "none", None, [], 6),  # exactly 60 s late is too late
        # never fired: nothing before now is owed, only a tick due right now
        (None, "15:00:10", "all", None, [15], 0),
        (None, "15:30", "latest", None, [], 0),
    ],
)
def test_catch_up(last_fire, now, policy, limit, fire, skipped):
    last = at(f"2026-05-01 {last_fire}Z") if last_fire else None
    due = due_ticks(HOURLY, last, at(f"2026-05-01 {now}Z"), policy, limit)
    assert due.fire == ticks(*fire)
    assert due.skipped == skipped
    assert (due.skipped_reason is None) == (skipped == 0)
    assert due.next_at == next_fire(HOURLY, at(f"2026-05-01 {now}Z"))


def test_catch_up_reasons_and_grace():
    due = due_ticks(HOURLY, at("2026-05-01 09:00Z"), at("2026-05-01 15:30Z"), "all", 3)
    assert due.skipped_reason == (
        "3 missed ticks skipped: catch_up=all fires at most the 3 most recent missed ticks"
    )
    assert due.next_at == at("2026-05-01 16:00Z")
    late = due_ticks(HOURLY, at("2026-05-01 09:00Z"), at("2026-05-01 10:04Z"), "none")
    assert late.skipped_reason == (
        "1 missed tick skipped: catch_up=none fires only a tick less than 60 s late"
    )
    lenient = due_ticks(
        HOURLY, at("2026-05-01 09:00Z"), at("2026-05-01 10:04Z"), grace=timedelta(minutes=5)
    )
    assert lenient.fire == ticks(10)


def test_catch_up_respects_start_and_end():
    spec = cron("0 * * * *", start_at=at("2026-05-01 12:00Z"), end_at=at("2026-05-01 14:00Z"))
    due = due_ticks(spec, at("2026-05-01 09:00Z"), at("2026-05-01 18:00Z"), "all")
    assert due.fire == ticks(12, 13, 14)
    assert due.next_at is None


def test_catch_up_across_the_autumn_change_fires_each_wall_time_once():
    spec = cron("*/30 * * * *", "Europe/Berlin")
    due = due_ticks(spec, at("2026-10-25 01:30+02:00"), at("2026-10-25 03:10+01:00"), "all")
    assert [t.astimezone(spec.tz).isoformat(" ", "minutes") for t in due.fire] == [
        "2026-10-25 02:00+02:00",
        "2026-10-25 02:30+02:00",
        "2026-10-25 03:00+01:00",
    ]


@pytest.mark.parametrize(
    ("policy", "limit", "message"),
    [
        ("sometimes", None, "catch_up: 'sometimes' is not one of none, latest, all"),
        ("all", 0, "max_catch_up: must be a whole number ≥ 1"),
        ("all", -2, "max_catch_up"),
        ("none", None, "grace: must be a positive duration"),
    ],
)
def test_catch_up_errors(policy, limit, message):
    grace = timedelta(0) if message.startswith("grace") else timedelta(seconds=60)
    with pytest.raises(ValueError, match=message):
        due_ticks(HOURLY, None, at("2026-05-01 09:00Z"), policy, limit, grace)

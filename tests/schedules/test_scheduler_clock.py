"""The scheduler's pass driven by an injected clock: DST changes, catch-up after a gap, the
max_concurrent limit, and refused ticks. Expected instants come from the zone rules (zoneinfo),
not from the scheduler."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from designer.accounts.acting import SYSTEM
from designer.endpoints.services import update_endpoint
from designer.runs.orchestrator import cancel_run
from designer.schedules.models import Firing, Schedule
from designer.schedules.scheduler import tick
from designer.schedules.services.schedules import create_schedule, update_schedule

pytestmark = pytest.mark.django_db


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def wall_instant(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    """When the clocks in `tz` show hour:minute on `day`; a time they skip happens when the skip
    ends (the first instant with the new offset), a time they show twice at its first showing."""
    first = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == first.replace(tzinfo=None):
        return first.astimezone(UTC)
    later_offset = first.replace(fold=1).utcoffset()
    moment = first.replace(fold=1).astimezone(UTC)  # read with the new offset: inside the gap
    while moment.astimezone(tz).utcoffset() != later_offset:
        moment += timedelta(minutes=1)
    return moment


def drive(schedule: Schedule, ticks: int) -> list[datetime]:
    """Call the pass just after each next_fire_at; the ticks that started runs, in order."""
    for _ in range(ticks):
        schedule.refresh_from_db()
        tick(schedule.next_fire_at + timedelta(seconds=1))
    return fired_ticks(schedule)


def fired_ticks(schedule: Schedule) -> list[datetime]:
    rows = Firing.objects.filter(schedule=schedule, run__isnull=False).order_by("tick")
    return [row.tick for row in rows]


def days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


@pytest.mark.parametrize(
    ("timing", "zone", "hour", "minute", "spring", "autumn"),
    [
        (
            {"recurrence": {"frequency": "day", "hours": [9], "minutes": [0]}},
            "Europe/Berlin",
            9,
            0,
            date(2026, 3, 26),  # clocks go forward on 29 March
            date(2026, 10, 22),  # and back on 25 October
        ),
        (
            {"cron": "30 2 * * *"},
            "America/New_York",
            2,
            30,
            date(2026, 3, 5),  # 02:30 does not exist on 8 March
            date(2026, 10, 29),  # clocks go back on 1 November
        ),
    ],
)
def test_daily_ticks_across_the_2026_clock_changes(
    endpoint, user, timing, zone, hour, minute, spring, autumn
):
    tz = ZoneInfo(zone)
    start = datetime(2026, 1, 1, tzinfo=tz)
    schedule = create_schedule(
        user,
        name="daily",
        endpoint=endpoint,
        time_zone=zone,
        start_at=start,
        now=datetime.combine(spring, datetime.min.time(), tz),
        **timing,
    )
    spring_ticks = drive(schedule, 7)
    assert spring_ticks == [wall_instant(day, hour, minute, tz) for day in days(spring, 7)]

    update_schedule(user, schedule.pk, paused=True, now=spring_ticks[-1] + timedelta(hours=1))
    update_schedule(
        user, schedule.pk, paused=False, now=datetime.combine(autumn, datetime.min.time(), tz)
    )
    autumn_ticks = drive(schedule, 7)[7:]
    assert autumn_ticks == [wall_instant(day, hour, minute, tz) for day in days(autumn, 7)]
    offsets = {t.astimezone(tz).utcoffset() for t in spring_ticks + autumn_ticks}
    assert len(offsets) == 2, "the ticks straddle both offsets of the zone"


def hourly(user, endpoint, now: datetime, **extra) -> Schedule:
    return create_schedule(
        user, name="hourly", endpoint=endpoint, cron="0 * * * *", now=now, **extra
    )


T0 = utc(2026, 6, 1, 0, 0)
GAP_END = T0 + timedelta(hours=10, minutes=30)  # ten ticks missed, the last 30 minutes ago


@pytest.mark.parametrize(
    ("catch_up", "max_catch_up", "fired_hours", "skipped"),
    [("none", None, [], 10), ("latest", None, [10], 9), ("all", 3, [8, 9, 10], 7)],
)
def test_catch_up_after_a_long_gap(endpoint, user, catch_up, max_catch_up, fired_hours, skipped):
    schedule = hourly(user, endpoint, T0, catch_up=catch_up, max_catch_up=max_catch_up)
    fired = tick(GAP_END)
    expected = [T0 + timedelta(hours=h) for h in fired_hours]
    assert [f.at for f in fired] == expected
    assert fired_ticks(schedule) == expected
    schedule.refresh_from_db()
    assert schedule.next_fire_at == T0 + timedelta(hours=11)
    assert f"{skipped} missed ticks skipped" in schedule.last_fire_skipped_reason
    assert tick(GAP_END + timedelta(seconds=5)) == [], "a second pass owes nothing more"


def test_max_concurrent_skips_a_tick_while_the_previous_run_is_unfinished(api, endpoint, user):
    schedule = hourly(user, endpoint, T0, max_concurrent=1)
    first = tick(T0 + timedelta(hours=1, seconds=1))
    assert len(first) == 1 and first[0].run

    second = tick(T0 + timedelta(hours=2, seconds=1))
    assert len(second) == 1 and second[0].run is None
    assert "max_concurrent=1" in second[0].skipped_reason
    assert str(first[0].run) in second[0].skipped_reason
    last = api.get(f"/api/schedules/{schedule.pk}/").json()["last_fire"]
    assert last["run_id"] is None and "max_concurrent=1" in last["skipped_reason"]
    assert last["at"].startswith("2026-06-01T02:00:00")

    cancel_run(SYSTEM, first[0].run)  # the first run ends
    third = tick(T0 + timedelta(hours=3, seconds=1))
    assert len(third) == 1 and third[0].run and third[0].run != first[0].run
    assert Firing.objects.filter(schedule=schedule).count() == 3


def test_a_tick_of_a_disabled_endpoint_is_recorded_as_refused(endpoint, user):
    schedule = hourly(user, endpoint, T0)
    update_endpoint(user, endpoint, enabled=False)
    fired = tick(T0 + timedelta(hours=1, seconds=1))
    assert len(fired) == 1 and fired[0].run is None and "disabled" in fired[0].skipped_reason
    firing = Firing.objects.get(schedule=schedule)
    assert firing.run is None and "disabled" in firing.skipped_reason
    schedule.refresh_from_db()
    assert schedule.next_fire_at == T0 + timedelta(hours=2)


def test_a_schedule_whose_creator_is_gone_runs_as_the_system(endpoint, user):
    schedule = hourly(user, endpoint, T0)
    user.delete()
    fired = tick(T0 + timedelta(hours=1, seconds=1))
    assert fired[0].run is not None
    schedule.refresh_from_db()
    assert schedule.created_by is None and schedule.last_fire_run.created_by is None

"""Cron expressions: what each field accepts, errors that name the field, the minutes matched."""

from datetime import date, datetime
from itertools import islice

import pytest

from designer.kernel.cron import parse_cron


@pytest.mark.parametrize(
    ("text", "minutes", "hours"),
    [
        ("* * * * *", tuple(range(60)), tuple(range(24))),
        ("0 9 * * *", (0,), (9,)),
        ("0,15,30,45 8-10 * * *", (0, 15, 30, 45), (8, 9, 10)),
        ("*/20 */6 * * *", (0, 20, 40), (0, 6, 12, 18)),
        ("10-30/10 1-7/3 * * *", (10, 20, 30), (1, 4, 7)),
        ("5/20 22 * * *", (5, 25, 45), (22,)),  # "from 5, every 20"
        ("  0   0  * * *  ", (0,), (0,)),  # extra spaces are fine
        ("@hourly", (0,), tuple(range(24))),
        ("@DAILY", (0,), (0,)),
    ],
)
def test_minute_and_hour_fields(text, minutes, hours):
    cron = parse_cron(text)
    assert cron.minutes == minutes
    assert cron.hours == hours


@pytest.mark.parametrize(
    ("text", "months", "week_days"),
    [
        # Python numbering for weekdays: Monday = 0 … Sunday = 6
        ("0 0 * JAN,jul MON-FRI", {1, 7}, {0, 1, 2, 3, 4}),
        ("0 0 * 1-3 0", {1, 2, 3}, {6}),
        ("0 0 * * 7", set(range(1, 13)), {6}),  # 7 is Sunday too
        ("0 0 * * SAT-SUN", set(range(1, 13)), {5, 6}),  # Sunday may close a range
        ("0 0 * * Fri-7", set(range(1, 13)), {4, 5, 6}),
        ("0 0 * Nov-Dec */2", {11, 12}, {6, 1, 3, 5}),  # Sun, Tue, Thu, Sat
        ("@weekly", set(range(1, 13)), {6}),
    ],
)
def test_month_and_day_of_week_fields_take_names(text, months, week_days):
    cron = parse_cron(text)
    assert cron.months == months
    assert cron.days_of_week == week_days


@pytest.mark.parametrize(
    ("text", "field", "detail"),
    [
        ("", "cron", "empty"),
        ("* * * *", "cron", "got 4"),
        ("0 0 * * * 2026", "cron", "got 6"),
        ("60 * * * *", "cron minute", "60 is out of range 0-59"),
        ("x * * * *", "cron minute", "'x'"),
        ("-5 * * * *", "cron minute", "is not a number"),
        ("0 24 * * *", "cron hour", "24 is out of range 0-23"),
        ("0 5-2 * * *", "cron hour", "runs backwards"),
        ("*/0 * * * *", "cron minute", "step"),
        ("0 0 0 * *", "cron day of month", "0 is out of range 1-31"),
        ("0 0 32 * *", "cron day of month", "32"),
        ("0 0 L * *", "cron day of month", "'L'"),
        ("0 0 * 13 *", "cron month", "13 is out of range 1-12"),
        ("0 0 * JANUARY *", "cron month", "name such as JAN"),
        ("0 0 * * 8", "cron day of week", "8 is out of range 0-7"),
        ("0 0 * * MONDAY", "cron day of week", "name such as"),
        ("0 0 ? * MON", "cron day of month", "'?'"),
        ("0 0 30 2 *", "cron day of month", "never occurs in February"),
        ("0 0 31 4,6 *", "cron day of month", "never occurs in April, June"),
    ],
)
def test_errors_name_the_field(text, field, detail):
    with pytest.raises(ValueError) as error:
        parse_cron(text)
    assert str(error.value).startswith(field)
    assert detail in str(error.value)


def test_thirtieth_of_february_or_a_weekday_is_fine():
    # with a weekday restricted too, either may match, so the schedule does fire
    assert parse_cron("0 0 30 2 MON").matches_day(date(2026, 2, 2))


@pytest.mark.parametrize(
    ("text", "day", "matches"),
    [
        # both day fields restricted: either one matching is enough
        ("0 9 1 * MON", date(2026, 6, 1), True),  # the 1st (a Monday as well)
        ("0 9 1 * MON", date(2026, 7, 1), True),  # the 1st, a Wednesday
        ("0 9 1 * MON", date(2026, 7, 6), True),  # a Monday, the 6th
        ("0 9 1 * MON", date(2026, 7, 7), False),
        # only one restricted: that one decides
        ("0 9 13 * *", date(2026, 3, 13), True),
        ("0 9 13 * *", date(2026, 3, 14), False),
        ("0 9 * * FRI", date(2026, 3, 13), True),
        ("0 9 * * FRI", date(2026, 3, 12), False),
        # a step is a restriction, unlike in some crons that only look for a leading *
        ("0 9 */2 * MON", date(2026, 7, 6), True),  # Monday the 6th: by weekday
        ("0 9 */2 * MON", date(2026, 7, 3), True),  # Friday the 3rd: by day of month
        ("0 9 */2 * MON", date(2026, 7, 4), False),
        # 1-31 covers every day: it restricts nothing, so the weekday decides alone
        ("0 9 1-31 * MON", date(2026, 7, 1), False),
        # the month always has to match
        ("0 9 1 FEB MON", date(2026, 7, 1), False),
    ],
)
def test_day_of_month_and_day_of_week(text, day, matches):
    assert parse_cron(text).matches_day(day) is matches


@pytest.mark.parametrize(
    ("text", "after", "expected"),
    [
        (
            "*/15 9-10 * * MON-FRI",
            datetime(2026, 7, 3, 10, 30),  # Friday
            ["2026-07-03 10:45", "2026-07-06 09:00", "2026-07-06 09:15"],
        ),
        # strictly after: a wall time equal to `after` does not count, seconds round up
        ("0 * * * *", datetime(2026, 1, 1, 5, 0), ["2026-01-01 06:00", "2026-01-01 07:00"]),
        ("0 * * * *", datetime(2026, 1, 1, 4, 59, 59), ["2026-01-01 05:00"]),
        # 29 February waits for the next leap year
        ("0 0 29 2 *", datetime(2026, 1, 1), ["2028-02-29 00:00", "2032-02-29 00:00"]),
        ("30 6 31 1 *", datetime(2026, 2, 1), ["2027-01-31 06:30"]),
    ],
)
def test_walls_after(text, after, expected):
    walls = islice(parse_cron(text).walls_after(after), len(expected))
    assert [wall.strftime("%Y-%m-%d %H:%M") for wall in walls] == expected

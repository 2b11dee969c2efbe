"""Time zone names (IANA and Windows) and which instant a wall-clock time means on DST days."""

from datetime import UTC, datetime

import pytest

from designer.kernel.timezones import WINDOWS_ZONES, wall_to_utc, zone

# The Windows names users meet most often (Azure ML schedules default to this naming).
COMMON_WINDOWS_NAMES = [
    "Hawaiian Standard Time",
    "Alaskan Standard Time",
    "Pacific Standard Time",
    "US Mountain Standard Time",
    "Mountain Standard Time",
    "Central Standard Time",
    "Canada Central Standard Time",
    "Eastern Standard Time",
    "US Eastern Standard Time",
    "Atlantic Standard Time",
    "Newfoundland Standard Time",
    "Pacific Standard Time (Mexico)",
    "Mountain Standard Time (Mexico)",
    "Central Standard Time (Mexico)",
    "Central America Standard Time",
    "SA Pacific Standard Time",
    "Venezuela Standard Time",
    "E. South America Standard Time",
    "Argentina Standard Time",
    "Greenland Standard Time",
    "Azores Standard Time",
    "Cape Verde Standard Time",
    "UTC",
    "GMT Standard Time",
    "W. Europe Standard Time",
    "Central Europe Standard Time",
    "Central European Standard Time",
    "E. Europe Standard Time",
    "Romance Standard Time",
    "Russian Standard Time",
    "South Africa Standard Time",
    "Egypt Standard Time",
    "Israel Standard Time",
    "Turkey Standard Time",
    "Arab Standard Time",
    "Arabian Standard Time",
    "Iran Standard Time",
    "Afghanistan Standard Time",
    "West Asia Standard Time",
    "Pakistan Standard Time",
    "India Standard Time",
    "Sri Lanka Standard Time",
    "Nepal Standard Time",
    "Bangladesh Standard Time",
    "Myanmar Standard Time",
    "SE Asia Standard Time",
    "China Standard Time",
    "Singapore Standard Time",
    "Taipei Standard Time",
    "Tokyo Standard Time",
    "Korea Standard Time",
    "W. Australia Standard Time",
    "Cen. Australia Standard Time",
    "AUS Eastern Standard Time",
    "New Zealand Standard Time",
    "Fiji Standard Time",
    "Tonga Standard Time",
    "Samoa Standard Time",
]


@pytest.mark.parametrize("name", COMMON_WINDOWS_NAMES)
def test_common_windows_names_are_mapped(name):
    assert zone(name).key == WINDOWS_ZONES[name]


@pytest.mark.parametrize("iana", sorted(set(WINDOWS_ZONES.values())))
def test_every_mapped_zone_exists_in_the_tz_database(iana):
    assert zone(iana).key == iana


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("America/Los_Angeles", "America/Los_Angeles"),
        ("UTC", "Etc/UTC"),
        ("Etc/UTC", "Etc/UTC"),
        ("pacific standard time", "America/Los_Angeles"),  # Windows names ignore case
        ("  Tokyo Standard Time ", "Asia/Tokyo"),
        ("India Standard Time", "Asia/Kolkata"),
    ],
)
def test_zone_names(name, key):
    assert zone(name).key == key


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "Pacific Time", "../etc/passwd", "/etc/x"])
def test_unknown_zone_says_what_is_accepted(name):
    with pytest.raises(ValueError) as error:
        zone(name)
    message = str(error.value)
    assert message.startswith("time zone: unknown name")
    assert "IANA" in message and "Windows" in message


@pytest.mark.parametrize(
    ("name", "wall", "expected_utc"),
    [
        # an ordinary time
        ("America/New_York", datetime(2026, 7, 1, 9, 0), datetime(2026, 7, 1, 13, 0)),
        # spring forward: 02:00-03:00 does not exist; it happens at 03:00 EDT = 07:00 UTC
        ("America/New_York", datetime(2026, 3, 8, 2, 0), datetime(2026, 3, 8, 7, 0)),
        ("America/New_York", datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 8, 7, 0)),
        ("America/New_York", datetime(2026, 3, 8, 3, 0), datetime(2026, 3, 8, 7, 0)),
        ("America/New_York", datetime(2026, 3, 8, 1, 59), datetime(2026, 3, 8, 6, 59)),
        # fall back: 01:00-02:00 happens twice; the first showing (EDT) is the one
        ("America/New_York", datetime(2026, 11, 1, 1, 30), datetime(2026, 11, 1, 5, 30)),
        ("America/New_York", datetime(2026, 11, 1, 2, 0), datetime(2026, 11, 1, 7, 0)),
        # Europe changes at 01:00 UTC
        ("Europe/Berlin", datetime(2026, 3, 29, 2, 30), datetime(2026, 3, 29, 1, 0)),
        ("Europe/Berlin", datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 0, 30)),
        # Lord Howe moves its clocks by half an hour: 02:00-02:30 is skipped
        ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), datetime(2026, 10, 3, 15, 30)),
        # a date-line zone far from UTC
        ("Pacific/Kiritimati", datetime(2026, 1, 1, 0, 0), datetime(2025, 12, 31, 10, 0)),
    ],
)
def test_wall_to_utc(name, wall, expected_utc):
    assert wall_to_utc(wall, zone(name)) == expected_utc.replace(tzinfo=UTC)

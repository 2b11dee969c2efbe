"""Schedules over the real API: create with a recurrence or cron, errors that name the field,
next_fire_at, run now, pause, delete. Runs are checked in the database; no worker needed."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from designer.runs.models import Run
from designer.schedules.models import Firing, Schedule
from designer.schedules.scheduler import tick

pytestmark = pytest.mark.django_db


def create(api, **body):
    return api.post("/api/schedules/", {"name": "every-day", "endpoint": "nightly", **body}, "json")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_create_with_a_recurrence_fires_nothing_and_says_when_it_will(api, endpoint):
    start = datetime(2027, 3, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    answer = create(
        api,
        recurrence={"frequency": "day", "hours": [9], "minutes": [0]},
        time_zone="Europe/Berlin",
        start_at=start.isoformat(),
        parameters={"seed": 3},
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["recurrence"] == {
        "frequency": "day",
        "interval": 1,
        "hours": [9],
        "minutes": [0],
        "week_days": None,
    }
    assert body["cron"] is None and body["version"] is None and body["catch_up"] == "none"
    # start_at is 12:00 on 1 March, so the first 09:00 is on 2 March (CET, UTC+1).
    expected = datetime(2027, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)
    assert at(body["next_fire_at"]) == expected
    assert body["last_fire"] is None
    assert Run.objects.count() == 0, "creating a schedule does not fire it"


def test_create_with_cron_and_a_windows_zone_name(api, endpoint):
    answer = create(api, cron="30 2 * * *", time_zone="Eastern Standard Time")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["time_zone"] == "America/New_York" and body["cron"] == "30 2 * * *"
    zone = ZoneInfo("America/New_York")
    now = timezone.now().astimezone(zone)
    candidate = now.replace(hour=2, minute=30, second=0, microsecond=0)
    if candidate <= now:
        candidate = (now + timedelta(days=1)).replace(hour=2, minute=30, second=0, microsecond=0)
    # Rebuild from the wall time so the day's own offset applies.
    expected = datetime(candidate.year, candidate.month, candidate.day, 2, 30, tzinfo=zone)
    assert at(body["next_fire_at"]) == expected.astimezone(UTC)


def test_a_recurrence_without_start_at_counts_from_creation(api, endpoint):
    answer = create(api, recurrence={"frequency": "hour", "interval": 2})
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    created = at(body["start_at"])
    assert abs(timezone.now() - created) < timedelta(minutes=1)
    assert at(body["next_fire_at"]) == created + timedelta(hours=2)


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"cron": "61 * * * *"}, 400, "cron"),
        ({"cron": "0 9 * *"}, 400, "cron"),
        ({"cron": "0 9 * * *", "time_zone": "Mars/Olympus_Mons"}, 400, "time_zone"),
        ({"recurrence": {"frequency": "fortnight"}}, 400, "frequency"),
        ({"recurrence": {"frequency": "hour", "hours": [9]}}, 400, "recurrence"),
        ({}, 400, "cron"),
        ({"cron": "0 9 * * *", "recurrence": {"frequency": "day"}}, 400, "cron"),
        ({"cron": "0 9 * * *", "catch_up": "sometimes"}, 400, "catch_up"),
        (
            {
                "cron": "0 9 * * *",
                "end_at": "2020-01-01T00:00:00Z",
                "start_at": "2021-01-01T00:00:00Z",
            },
            400,
            "end_at",
        ),
        ({"cron": "0 9 * * *", "parameters": {"sede": 1}}, 400, "sede"),
        ({"cron": "0 9 * * *", "version": 7}, 400, "version"),
        ({"cron": "0 9 * * *", "endpoint": "nowhere"}, 404, "nowhere"),
    ],
)
def test_bad_schedules_are_refused_naming_the_field(api, endpoint, body, status, field):
    answer = create(api, **body)
    assert answer.status_code == status, answer.json()
    assert field in str(answer.json()), answer.json()
    assert Schedule.objects.count() == 0


def test_run_now_starts_a_run_triggered_by_the_schedule(api, endpoint):
    schedule = create(api, cron="0 9 * * *", parameters={"seed": 4}).json()
    answer = api.post(f"/api/schedules/{schedule['id']}/run-now/")
    assert answer.status_code == 201, answer.json()
    run = Run.objects.get(pk=answer.json()["run_id"])
    assert run.trigger == {
        "kind": "schedule",
        "schedule": schedule["id"],
        "endpoint": "nightly",
        "version": 1,
    }
    assert run.parameters["seed"] == 4
    last = api.get(f"/api/schedules/{schedule['id']}/").json()["last_fire"]
    assert last["run_id"] == run.pk and last["skipped_reason"] is None


def test_a_paused_schedule_does_not_fire_and_resuming_owes_nothing(api, endpoint):
    schedule = create(api, cron="*/5 * * * *").json()
    paused = api.patch(f"/api/schedules/{schedule['id']}/", {"paused": True}, format="json")
    assert paused.status_code == 200 and paused.json()["next_fire_at"] is None
    later = timezone.now() + timedelta(hours=3)
    assert tick(later) == [] and Run.objects.count() == 0

    resumed = api.patch(f"/api/schedules/{schedule['id']}/", {"paused": False}, format="json")
    assert resumed.status_code == 200
    next_at = at(resumed.json()["next_fire_at"])
    assert timezone.now() < next_at <= timezone.now() + timedelta(minutes=5)
    fired = tick(next_at + timedelta(seconds=1))
    assert [f.at for f in fired] == [next_at], "only the tick after resuming, none from before"
    assert Run.objects.get().trigger["schedule"] == schedule["id"]


def test_retiming_recomputes_next_fire_at(api, endpoint):
    schedule = create(api, cron="0 9 * * *", time_zone="UTC").json()
    changed = api.patch(
        f"/api/schedules/{schedule['id']}/", {"cron": "0 9 1 1 *"}, format="json"
    ).json()
    expected = datetime(timezone.now().year + 1, 1, 1, 9, 0, tzinfo=UTC)
    assert at(changed["next_fire_at"]) == expected
    bad = api.patch(f"/api/schedules/{schedule['id']}/", {"time_zone": "Nowhere"}, format="json")
    assert bad.status_code == 400 and bad.json()["field"] == "time_zone"


def test_delete_removes_the_schedule_and_its_firings_but_not_its_runs(api, endpoint):
    schedule = create(api, cron="0 9 * * *").json()
    run_id = api.post(f"/api/schedules/{schedule['id']}/run-now/").json()["run_id"]
    assert Firing.objects.count() == 1
    assert api.delete(f"/api/schedules/{schedule['id']}/").status_code == 204
    assert api.get(f"/api/schedules/{schedule['id']}/").status_code == 404
    assert Firing.objects.count() == 0 and Run.objects.filter(pk=run_id).exists()


def test_list_is_paginated_and_filters_by_endpoint(api, endpoint):
    create(api, cron="0 9 * * *")
    create(api, name="other", cron="0 10 * * *")
    listed = api.get("/api/schedules/", {"limit": 1}).json()
    assert [s["name"] for s in listed["results"]] == ["other"] and listed["next"]
    assert api.get("/api/schedules/", {"endpoint": "nightly"}).json()["results"][0]["id"]
    assert api.get("/api/schedules/", {"endpoint": "elsewhere"}).json()["results"] == []

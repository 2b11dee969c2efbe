"""Schedules and data triggers belong to their endpoint's workspace: outside it they do not exist,
its readers see them, its contributors make, change, delete and fire them. A firing keeps going
when its creator leaves the workspace, as the system."""

from datetime import UTC, datetime, timedelta

import pytest

from designer.accounts.acting import forget_roles
from designer.accounts.models import Membership, Workspace, default_workspace_id
from designer.endpoints.services import publish
from designer.pipelines.models import Pipeline
from designer.runs.models import Run
from designer.schedules.models import Schedule, Trigger
from designer.schedules.scheduler import tick
from designer.schedules.services.schedules import create_schedule
from tests.accounts.clients import signed_in
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.fixture
def grace(django_user_model):
    return django_user_model.objects.create_user(username="grace", password="hopper")


@pytest.fixture
def as_grace(grace):
    return signed_in(grace)


def join(user, role: str, workspace_id: int | None = None) -> None:
    Membership.objects.update_or_create(
        workspace_id=workspace_id or default_workspace_id(), user=user, defaults={"role": role}
    )
    forget_roles(user)  # the signed-in client keeps this very user object between requests


@pytest.fixture
def roots(settings, tmp_path):
    data = tmp_path / "data"
    (data / "incoming").mkdir(parents=True)
    settings.DESIGNER_DATA_ROOTS = [str(data)]
    return data


@pytest.fixture
def owned(api, endpoint, roots) -> dict:
    """Ada's schedule and trigger on her endpoint `nightly` (default workspace)."""
    schedule = api.post(
        "/api/schedules/", {"name": "every-day", "endpoint": endpoint, "cron": "0 9 * * *"}, "json"
    )
    trigger = api.post(
        "/api/triggers/",
        {"name": "on-upload", "endpoint": endpoint, "path": "incoming", "paths_parameter": "paths"},
        format="json",
    )
    assert schedule.status_code == 201 and trigger.status_code == 201, trigger.json()
    assert schedule.json()["workspace"] == trigger.json()["workspace"] == "default"
    return {"schedule": schedule.json()["id"], "trigger": trigger.json()["id"]}


def test_to_a_non_member_schedules_and_triggers_are_missing(api, as_grace, owned):
    schedule, trigger = owned["schedule"], owned["trigger"]
    never = max(schedule, trigger) + 100
    for kind, pk in (("schedules", schedule), ("triggers", trigger)):
        missing = api.get(f"/api/{kind}/{never}/").json()
        answer = as_grace.get(f"/api/{kind}/{pk}/")
        assert answer.status_code == 404
        assert answer.json() == {
            **missing,
            "message": missing["message"].replace(str(never), str(pk)),
        }
        assert as_grace.patch(f"/api/{kind}/{pk}/", {"paused": True}, "json").status_code == 404
        assert as_grace.delete(f"/api/{kind}/{pk}/").status_code == 404
        assert as_grace.get(f"/api/{kind}/").json()["results"] == []
    assert as_grace.post(f"/api/schedules/{schedule}/run-now/").status_code == 404
    made = as_grace.post(
        "/api/schedules/", {"name": "mine", "endpoint": "nightly", "cron": "0 9 * * *"}, "json"
    )
    assert made.status_code == 404 and made.json()["field"] == "endpoint"
    assert Run.objects.count() == 0
    assert not Schedule.objects.get(pk=schedule).paused and Trigger.objects.count() == 1


def test_a_reader_sees_them_but_may_not_change_or_fire_them(as_grace, grace, owned):
    join(grace, "reader")
    schedule, trigger = owned["schedule"], owned["trigger"]
    for kind, pk in (("schedules", schedule), ("triggers", trigger)):
        assert as_grace.get(f"/api/{kind}/{pk}/").status_code == 200
        assert [item["id"] for item in as_grace.get(f"/api/{kind}/").json()["results"]] == [pk]
        changed = as_grace.patch(f"/api/{kind}/{pk}/", {"paused": True}, "json")
        assert (changed.status_code, changed.json()["code"]) == (403, "role_too_low")
        assert as_grace.delete(f"/api/{kind}/{pk}/").status_code == 403
    fired = as_grace.post(f"/api/schedules/{schedule}/run-now/")
    assert (fired.status_code, fired.json()["code"]) == (403, "role_too_low")
    made = as_grace.post(
        "/api/schedules/", {"name": "mine", "endpoint": "nightly", "cron": "0 9 * * *"}, "json"
    )
    assert made.status_code == 403
    assert Run.objects.count() == 0 and Schedule.objects.count() == 1


def test_a_contributor_fires_now_changes_and_deletes(as_grace, grace, owned):
    join(grace, "contributor")
    schedule, trigger = owned["schedule"], owned["trigger"]
    fired = as_grace.post(f"/api/schedules/{schedule}/run-now/")
    assert fired.status_code == 201, fired.json()
    assert Run.objects.get(pk=fired.json()["run_id"]).created_by == grace
    assert as_grace.patch(f"/api/triggers/{trigger}/", {"paused": True}, "json").status_code == 200
    assert as_grace.delete(f"/api/schedules/{schedule}/").status_code == 204


@pytest.fixture
def weekly(grace, builtins) -> str:
    """Grace's endpoint `weekly` in her workspace `lab`, with a schedule calling it."""
    lab = Workspace.objects.create(name="lab")
    join(grace, "owner", lab.pk)
    sample = sample_graph()
    pipeline = Pipeline.objects.create(
        workspace=lab, name="weekly", graph=sample["graph"], parameters=sample["parameters"]
    )
    publish(grace, pipeline.pk, "weekly")
    create_schedule(grace, name="weekly-run", endpoint="weekly", cron="0 9 * * 1", now=T0)
    return "weekly"


def test_a_schedule_cannot_call_an_endpoint_outside_ones_workspaces(api, owned, weekly):
    moved = api.patch(f"/api/schedules/{owned['schedule']}/", {"endpoint": weekly}, "json")
    assert (moved.status_code, moved.json()["field"]) == (404, "endpoint")
    made = api.post(
        "/api/schedules/", {"name": "ada-weekly", "endpoint": weekly, "cron": "0 9 * * *"}, "json"
    )
    assert made.status_code == 404 and made.json()["message"] == moved.json()["message"]
    assert Schedule.objects.get(pk=owned["schedule"]).endpoint.name == "nightly"


def test_lists_show_only_the_users_workspaces(api, as_grace, grace, owned, weekly):
    assert [s["name"] for s in api.get("/api/schedules/").json()["results"]] == ["every-day"]
    mine = as_grace.get("/api/schedules/").json()["results"]
    assert [(s["name"], s["workspace"]) for s in mine] == [("weekly-run", "lab")]
    join(grace, "reader")
    both = as_grace.get("/api/schedules/").json()["results"]
    assert sorted(s["name"] for s in both) == ["every-day", "weekly-run"]
    chosen = as_grace.get("/api/schedules/?workspace=default").json()["results"]
    assert [s["name"] for s in chosen] == ["every-day"]
    assert [t["name"] for t in as_grace.get("/api/triggers/?workspace=lab").json()["results"]] == []


def test_a_firing_acts_as_its_creator_then_as_the_system_once_they_left(grace, endpoint):
    join(grace, "contributor")
    schedule = create_schedule(grace, name="hourly", endpoint=endpoint, cron="0 * * * *", now=T0)
    tick(T0 + timedelta(hours=1, seconds=1))
    first = Run.objects.get()
    assert first.created_by == grace

    Membership.objects.filter(user=grace).delete()
    tick(T0 + timedelta(hours=2, seconds=1))
    second = Run.objects.exclude(pk=first.pk).get()
    assert second.created_by is None, "the workspace's schedule keeps firing, as the system"
    assert second.trigger["schedule"] == schedule.pk
    assert second.pipeline.workspace_id == default_workspace_id()

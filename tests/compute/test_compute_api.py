"""Compute targets over the API: create, list with load and live workers, edit, delete.

Targets belong to the whole instance: everyone signed in sees them, administrators alone
create, change and delete them."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from designer.accounts.models import Membership, default_workspace_id
from designer.compute.models import Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model) -> APIClient:
    """An instance administrator, also a member of `default` like the bootstrap admin."""
    admin = django_user_model.objects.create_user(username="root", password="x", is_staff=True)
    Membership.objects.create(workspace_id=default_workspace_id(), user=admin, role="owner")
    client = APIClient()
    client.force_authenticate(admin)
    return client


def test_default_target_exists(api):
    targets = api.get("/api/compute/").json()
    assert [t["name"] for t in targets] == ["default"]
    assert targets[0]["queue_length"] == 0 and targets[0]["workers"] == []


def test_create_edit_delete(staff):
    body = {
        "name": "gpu",
        "description": "Big box",
        "resources": {"cpus": 8, "gpus": 1},
        "concurrency": 1,
    }
    created = staff.post("/api/compute/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["resources"] == {"cpus": 8, "gpus": 1}
    assert staff.post("/api/compute/", body, format="json").status_code == 409
    patched = staff.patch("/api/compute/gpu/", {"concurrency": 3}, format="json")
    assert patched.json()["concurrency"] == 3 and patched.json()["description"] == "Big box"
    assert staff.delete("/api/compute/gpu/").status_code == 204
    assert staff.get("/api/compute/gpu/").status_code == 404


def test_bad_input_is_a_400(staff):
    assert staff.post("/api/compute/", {"name": "has space"}, format="json").status_code == 400
    bad = staff.post("/api/compute/", {"name": "x", "resources": {"disks": 2}}, format="json")
    assert bad.status_code == 400 and "disks" in bad.json()["message"]
    assert (
        staff.post("/api/compute/", {"name": "y", "concurrency": 0}, format="json").status_code
        == 400
    )


def test_default_cannot_be_deleted(staff):
    response = staff.delete("/api/compute/default/")
    assert response.status_code == 409 and response.json()["code"] == "target_in_use"


def test_live_workers_are_listed_under_the_targets_they_serve(staff):
    now = timezone.now()
    Worker.objects.create(name="h:1", host="h", pid=1, targets=[], threads=4, last_seen=now)
    Worker.objects.create(name="h:2", host="h", pid=2, targets=["gpu"], threads=1, last_seen=now)
    Worker.objects.create(
        name="h:3",
        host="h",
        pid=3,
        targets=[],
        threads=1,
        last_seen=now - timezone.timedelta(minutes=5),
    )
    staff.post("/api/compute/", {"name": "gpu"}, format="json")
    targets = {t["name"]: t for t in staff.get("/api/compute/").json()}
    assert [w["name"] for w in targets["default"]["workers"]] == ["h:1"]
    assert [w["name"] for w in targets["gpu"]["workers"]] == ["h:1", "h:2"]


def test_a_target_may_refuse_network_installs(staff):
    assert staff.get("/api/compute/").json()[0]["network_installs"] is True
    body = {"name": "offline", "network_installs": False}
    assert staff.post("/api/compute/", body, format="json").json()["network_installs"] is False
    patched = staff.patch("/api/compute/offline/", {"network_installs": True}, format="json")
    assert patched.json()["network_installs"] is True


def test_a_target_may_give_its_steps_no_network(staff):
    assert staff.get("/api/compute/").json()[0]["network"] is True
    created = staff.post("/api/compute/", {"name": "sealed", "network": False}, format="json")
    assert created.status_code == 201 and created.json()["network"] is False
    patched = staff.patch("/api/compute/sealed/", {"network": True}, format="json")
    assert patched.json()["network"] is True
    listed = {t["name"]: t for t in staff.get("/api/compute/").json()}
    assert listed["sealed"]["network"] is True


def test_step_limits_are_whole_numbers_within_reason(staff):
    limits = {"memory_mb": 256, "processes": 64, "open_files": 256, "cpu_seconds": 600}
    created = staff.post("/api/compute/", {"name": "limited", "resources": limits}, format="json")
    assert created.status_code == 201 and created.json()["resources"] == limits
    for bad in ({"processes": 0}, {"open_files": 1.5}, {"cpu_seconds": 10**19}):
        response = staff.patch("/api/compute/limited/", {"resources": bad}, format="json")
        assert response.status_code == 400, (bad, response.content)
        assert next(iter(bad)) in response.json()["message"]


def test_a_gpu_target_served_only_by_cpu_workers_says_so(staff, monkeypatch):
    from designer.compute.services import Heartbeat

    staff.post("/api/compute/", {"name": "gpu", "resources": {"gpus": 1}}, format="json")
    staff.post("/api/compute/", {"name": "cpu", "resources": {"cpus": 4}}, format="json")

    def hints():
        return {t["name"]: t["hints"] for t in staff.get("/api/compute/").json()}

    # No worker yet: nothing to compare, so nothing said.
    assert hints()["gpu"] == []
    monkeypatch.setenv("DESIGNER_WORKER_GPUS", "0")
    cpu_only = Heartbeat("h:cpu", ["gpu", "cpu"], 1)
    cpu_only.start()
    (hint,) = hints()["gpu"]
    assert "'gpu' declares 1 GPU, but no worker serving it has a GPU" in hint
    assert hints()["cpu"] == []
    monkeypatch.setenv("DESIGNER_WORKER_GPUS", "2")
    with_gpus = Heartbeat("h:gpu", ["gpu"], 1)
    with_gpus.start()
    assert hints()["gpu"] == []
    workers = {w["name"]: w["gpus"] for w in staff.get("/api/compute/gpu/").json()["workers"]}
    assert workers == {"h:cpu": 0, "h:gpu": 2}
    cpu_only.stop()
    with_gpus.stop()


def test_only_administrators_change_targets(api, staff):
    """`api` is an owner of `default` but no administrator: it sees targets, changes none."""
    assert staff.post("/api/compute/", {"name": "gpu"}, format="json").status_code == 201
    refused = [
        api.post("/api/compute/", {"name": "mine"}, format="json"),
        api.patch("/api/compute/gpu/", {"concurrency": 3}, format="json"),
        api.delete("/api/compute/gpu/"),
    ]
    for response in refused:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "administrators_only"
    assert sorted(t["name"] for t in api.get("/api/compute/").json()) == ["default", "gpu"]
    assert api.get("/api/compute/gpu/").json()["concurrency"] != 3

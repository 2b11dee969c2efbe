"""Compute targets over the API: create, list with load and live workers, edit, delete."""

import pytest
from django.utils import timezone

from designer.compute.models import Worker

pytestmark = pytest.mark.django_db


def test_default_target_exists(api):
    targets = api.get("/api/compute/").json()
    assert [t["name"] for t in targets] == ["default"]
    assert targets[0]["queue_length"] == 0 and targets[0]["workers"] == []


def test_create_edit_delete(api):
    body = {
        "name": "gpu",
        "description": "Big box",
        "resources": {"cpus": 8, "gpus": 1},
        "concurrency": 1,
    }
    created = api.post("/api/compute/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["resources"] == {"cpus": 8, "gpus": 1}
    assert api.post("/api/compute/", body, format="json").status_code == 409
    patched = api.patch("/api/compute/gpu/", {"concurrency": 3}, format="json")
    assert patched.json()["concurrency"] == 3 and patched.json()["description"] == "Big box"
    assert api.delete("/api/compute/gpu/").status_code == 204
    assert api.get("/api/compute/gpu/").status_code == 404


def test_bad_input_is_a_400(api):
    assert api.post("/api/compute/", {"name": "has space"}, format="json").status_code == 400
    bad = api.post("/api/compute/", {"name": "x", "resources": {"disks": 2}}, format="json")
    assert bad.status_code == 400 and "disks" in bad.json()["message"]
    assert (
        api.post("/api/compute/", {"name": "y", "concurrency": 0}, format="json").status_code == 400
    )


def test_default_cannot_be_deleted(api):
    response = api.delete("/api/compute/default/")
    assert response.status_code == 409 and response.json()["code"] == "target_in_use"


def test_live_workers_are_listed_under_the_targets_they_serve(api):
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
    api.post("/api/compute/", {"name": "gpu"}, format="json")
    targets = {t["name"]: t for t in api.get("/api/compute/").json()}
    assert [w["name"] for w in targets["default"]["workers"]] == ["h:1"]
    assert [w["name"] for w in targets["gpu"]["workers"]] == ["h:1", "h:2"]


def test_a_target_may_refuse_network_installs(api):
    assert api.get("/api/compute/").json()[0]["network_installs"] is True
    body = {"name": "offline", "network_installs": False}
    assert api.post("/api/compute/", body, format="json").json()["network_installs"] is False
    patched = api.patch("/api/compute/offline/", {"network_installs": True}, format="json")
    assert patched.json()["network_installs"] is True


def test_a_target_may_give_its_steps_no_network(api):
    assert api.get("/api/compute/").json()[0]["network"] is True
    created = api.post("/api/compute/", {"name": "sealed", "network": False}, format="json")
    assert created.status_code == 201 and created.json()["network"] is False
    patched = api.patch("/api/compute/sealed/", {"network": True}, format="json")
    assert patched.json()["network"] is True
    listed = {t["name"]: t for t in api.get("/api/compute/").json()}
    assert listed["sealed"]["network"] is True


def test_step_limits_are_whole_numbers_within_reason(api):
    limits = {"memory_mb": 256, "processes": 64, "open_files": 256, "cpu_seconds": 600}
    created = api.post("/api/compute/", {"name": "limited", "resources": limits}, format="json")
    assert created.status_code == 201 and created.json()["resources"] == limits
    for bad in ({"processes": 0}, {"open_files": 1.5}, {"cpu_seconds": 10**19}):
        response = api.patch("/api/compute/limited/", {"resources": bad}, format="json")
        assert response.status_code == 400, (bad, response.content)
        assert next(iter(bad)) in response.json()["message"]


def test_a_gpu_target_served_only_by_cpu_workers_says_so(api, monkeypatch):
    from designer.compute.services import Heartbeat

    api.post("/api/compute/", {"name": "gpu", "resources": {"gpus": 1}}, format="json")
    api.post("/api/compute/", {"name": "cpu", "resources": {"cpus": 4}}, format="json")

    def hints():
        return {t["name"]: t["hints"] for t in api.get("/api/compute/").json()}

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
    workers = {w["name"]: w["gpus"] for w in api.get("/api/compute/gpu/").json()["workers"]}
    assert workers == {"h:cpu": 0, "h:gpu": 2}
    cpu_only.stop()
    with_gpus.stop()

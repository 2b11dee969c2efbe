"""Data triggers: where they may watch, and the debounce that turns a burst of new files into one
run with every path, driven by an injected clock over a real folder."""

import json
import os
from datetime import UTC, datetime, timedelta

import pytest

from designer.runs.models import Run
from designer.schedules.models import TriggerFiring
from designer.schedules.scheduler import tick

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def roots(settings, tmp_path):
    data = tmp_path / "data"
    (data / "incoming").mkdir(parents=True)
    settings.DESIGNER_DATA_ROOTS = [str(data)]
    return data


def create(api, **body):
    fields = {
        "name": "on-upload",
        "endpoint": "nightly",
        "path": "incoming",
        "glob": "*.csv",
        "debounce_seconds": 60,
        "paths_parameter": "paths",
        **body,
    }
    return api.post("/api/triggers/", fields, format="json")


def runs_with_paths() -> list[list[str]]:
    return [json.loads(run.parameters["paths"]) for run in Run.objects.order_by("id")]


def test_a_burst_of_files_fires_one_run_with_every_path(api, endpoint, roots):
    folder = roots / "incoming"
    (folder / "before.csv").write_text("there before the trigger\n")
    answer = create(api, parameters={"seed": 2})
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["path"] == os.path.realpath(folder) and body["datastore"] is None
    assert body["last_fire"] is None

    names = [f"part-{n:02d}.csv" for n in range(20)]
    for n, name in enumerate(names):  # one file every 2 s: each restarts the window
        (folder / name).write_text(f"{n}\n")
        (folder / "notes.txt").write_text(f"{n}\n")  # not matched by the glob
        assert tick(T0 + timedelta(seconds=2 * n)) == []
    last_write = T0 + timedelta(seconds=38)
    assert tick(last_write + timedelta(seconds=59)) == [], "not quiet for a full minute yet"

    fired = tick(last_write + timedelta(seconds=61))
    assert len(fired) == 1 and fired[0].run
    run = Run.objects.get()
    assert json.loads(run.parameters["paths"]) == names
    assert run.parameters["seed"] == 2
    trigger_id = body["id"]
    assert run.trigger == {
        "kind": "data",
        "trigger": trigger_id,
        "endpoint": "nightly",
        "version": 1,
    }

    for later in (62, 120, 3600):
        assert tick(last_write + timedelta(seconds=later)) == []
    assert Run.objects.count() == 1 and TriggerFiring.objects.count() == 1
    shown = api.get(f"/api/triggers/{trigger_id}/").json()["last_fire"]
    assert shown["run_id"] == run.pk and shown["skipped_reason"] is None

    (folder / "part-00.csv").unlink()  # a deletion is not a change to process
    (folder / "late.csv").write_text("late\n")
    day = last_write + timedelta(days=1)
    assert tick(day) == []
    assert len(tick(day + timedelta(seconds=60))) == 1
    assert runs_with_paths() == [names, ["late.csv"]]


def test_a_recursive_trigger_sees_sub_folders_and_a_modified_file(api, endpoint, roots):
    folder = roots / "incoming"
    (folder / "2026").mkdir()
    (folder / "kept.csv").write_text("a\n")
    assert create(api, recursive=True, debounce_seconds=0).status_code == 201
    (folder / "2026" / "june.csv").write_text("b\n")
    (folder / "kept.csv").write_text("a changed, and longer\n")
    assert len(tick(T0)) == 1
    assert runs_with_paths() == [["2026/june.csv", "kept.csv"]]


def test_a_paused_trigger_does_not_fire(api, endpoint, roots):
    trigger = create(api, debounce_seconds=0).json()
    api.patch(f"/api/triggers/{trigger['id']}/", {"paused": True}, format="json")
    (roots / "incoming" / "a.csv").write_text("a\n")
    assert tick(T0) == [] and Run.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"path": "../elsewhere"}, "path"),
        ({"path": "/etc"}, "path"),
        ({"path": "missing"}, "path"),
        ({"path": "escape"}, "path"),  # a symlink out of the data root
        ({"glob": "sub/*.csv"}, "glob"),
        ({"datastore": "lake"}, "datastore"),
        ({"paths_parameter": "seed"}, "paths_parameter"),  # an integer parameter
        ({"paths_parameter": "nope"}, "paths_parameter"),
        ({"parameters": {"sede": 1}}, "sede"),
        ({"debounce_seconds": -1}, "debounce_seconds"),
    ],
)
def test_bad_triggers_are_refused_naming_the_field(api, endpoint, roots, tmp_path, body, field):
    outside = tmp_path / "outside"
    outside.mkdir()
    (roots / "escape").symlink_to(outside)
    answer = create(api, **body)
    assert answer.status_code == 400, answer.json()
    assert field in str(answer.json()), answer.json()


def test_list_filters_by_endpoint_and_delete_keeps_runs(api, endpoint, roots):
    trigger = create(api, debounce_seconds=0).json()
    (roots / "incoming" / "a.csv").write_text("a\n")
    tick(T0)
    assert [t["id"] for t in api.get("/api/triggers/", {"endpoint": "nightly"}).json()["results"]]
    assert api.get("/api/triggers/", {"endpoint": "other"}).json()["results"] == []
    assert api.delete(f"/api/triggers/{trigger['id']}/").status_code == 204
    assert TriggerFiring.objects.count() == 0 and Run.objects.count() == 1

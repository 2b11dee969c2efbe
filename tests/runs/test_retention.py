"""Deleting runs and the retention sweep: a deleted run disappears at once; the sweep removes
its rows, its work folder and the artifacts only it held, and keeps what live runs still use."""

from pathlib import Path

import pandas as pd
import pytest
from django.core.management import call_command

from designer.accounts.acting import SYSTEM
from designer.artifacts.models import Artifact
from designer.artifacts.retention import register_keeper
from designer.artifacts.services import ingest
from designer.artifacts.stores import get_store
from designer.execution import lifecycle
from designer.runs import orchestrator, retention
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, Run
from designer.runtime.io import write_dataframe
from tests.pipelines.factories import pipeline

pytestmark = pytest.mark.django_db

ONE_LOADER = {
    "nodes": [{"id": "load", "component": "sample_dataset@1.0.0", "params": {"dataset": "iris"}}],
    "edges": [],
}


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    return tmp_path


def completed_run(pipeline_id: int, folder: Path, value: float) -> tuple[Run, Artifact]:
    """A run of the one-node pipeline whose node finished with a frame holding `value`
    (or was reused, when an earlier live run produced the same)."""
    run = orchestrator.submit_run(SYSTEM, pipeline_id)
    node_run = NodeRun.objects.get(run=run, node_id="load")
    if node_run.status == NodeStatus.QUEUED:
        assert lifecycle.claim_node_run(node_run.pk, "test") is not None
        work = Path(folder) / "work" / f"run-{run.pk}" / "load-1"
        work.mkdir(parents=True)
        path = write_dataframe(pd.DataFrame({"x": [value]}), work / "data.parquet")
        outputs = {"data": ingest(path, "dataframe").pk}
        lifecycle.finish_node_run(node_run.pk, NodeStatus.COMPLETED, outputs=outputs)
    run.refresh_from_db()
    node_run.refresh_from_db()
    return run, Artifact.objects.get(pk=node_run.outputs["data"])


def test_a_deleted_run_is_hidden_then_swept_with_its_folder_and_artifacts(api, folders):
    first = pipeline(ONE_LOADER, name="first")
    run, stored = completed_run(first.pk, folders, 1.0)
    assert get_store().exists(stored.uri)

    assert api.delete(f"/api/runs/{run.pk}/").status_code == 204
    assert api.get(f"/api/runs/{run.pk}/").status_code == 404
    assert run.pk not in [r["id"] for r in api.get("/api/runs/").json()]
    assert Run.objects.filter(pk=run.pk).exists(), "deleting only hides until the sweep"

    swept = retention.sweep(grace=0)
    assert (swept.runs, swept.work_folders, swept.artifacts) == (1, 1, 1)
    assert not Run.objects.filter(pk=run.pk).exists()
    assert not (folders / "work" / f"run-{run.pk}").exists()
    assert not Artifact.objects.filter(pk=stored.pk).exists()
    assert not get_store().exists(stored.uri)


def test_the_sweep_keeps_what_a_live_run_reused(api, folders):
    loader = pipeline(ONE_LOADER, name="loader")
    origin, stored = completed_run(loader.pk, folders, 2.0)
    later, later_artifact = completed_run(loader.pk, folders, 2.0)
    reused = NodeRun.objects.get(run=later, node_id="load")
    assert reused.status == NodeStatus.REUSED and later_artifact.pk == stored.pk

    api.delete(f"/api/runs/{origin.pk}/")
    swept = retention.sweep(grace=0)

    assert (swept.runs, swept.runs_kept, swept.artifacts) == (0, 1, 0)
    assert get_store().exists(stored.uri)
    # The live run still shows the work it reused, from the hidden origin run.
    logs = api.get(f"/api/runs/{later.pk}/nodes/load/logs/")
    assert logs.status_code == 200 and logs.json()["from_run"] == origin.pk

    api.delete(f"/api/runs/{later.pk}/")
    swept = retention.sweep(grace=0)
    assert (swept.runs, swept.artifacts) == (2, 1)
    assert not get_store().exists(stored.uri)


def test_reuse_never_picks_a_deleted_run(api, folders):
    loader = pipeline(ONE_LOADER, name="loader")
    origin, _ = completed_run(loader.pk, folders, 3.0)
    api.delete(f"/api/runs/{origin.pk}/")
    again = orchestrator.submit_run(SYSTEM, loader.pk)
    assert NodeRun.objects.get(run=again, node_id="load").status == NodeStatus.QUEUED


def test_the_grace_period_and_keepers_protect_artifacts(folders):
    path = write_dataframe(pd.DataFrame({"x": [4.0]}), folders / "loose.parquet")
    loose = ingest(path, "dataframe")
    held_path = write_dataframe(pd.DataFrame({"x": [5.0]}), folders / "held.parquet")
    held = ingest(held_path, "dataframe")
    register_keeper("test registrations", lambda: [held.pk])
    try:
        assert retention.sweep().artifacts == 0, "younger than the default grace period"
        dry = retention.sweep(grace=0, dry_run=True)
        assert dry.artifacts == 1 and Artifact.objects.filter(pk=loose.pk).exists()
        assert retention.sweep(grace=0).artifacts == 1
        assert Artifact.objects.filter(pk=held.pk).exists() and get_store().exists(held.uri)
        assert not Artifact.objects.filter(pk=loose.pk).exists()
    finally:
        register_keeper("test registrations", list)


def test_an_unfinished_run_cannot_be_deleted(api):
    loader = pipeline(ONE_LOADER, name="loader")
    run = orchestrator.submit_run(SYSTEM, loader.pk)
    answer = api.delete(f"/api/runs/{run.pk}/")
    assert answer.status_code == 409 and answer.json()["code"] == "run_not_finished"
    assert api.get(f"/api/runs/{run.pk}/").status_code == 200


def test_gc_command_reports_what_it_removed(api, folders, capsys):
    loader = pipeline(ONE_LOADER, name="loader")
    run, _ = completed_run(loader.pk, folders, 6.0)
    api.delete(f"/api/runs/{run.pk}/")
    call_command("gc", "--grace", "0")
    assert "removed 1 deleted run(s)" in capsys.readouterr().out
    assert not Run.objects.filter(pk=run.pk).exists()


def test_the_scheduler_sweeps_once_an_interval_has_passed(api, folders, settings):
    from datetime import timedelta

    from django.utils import timezone

    from designer.schedules.scheduler import Loop

    settings.DESIGNER_RETENTION_EVERY = 60
    settings.DESIGNER_RETENTION_GRACE = 0
    loader = pipeline(ONE_LOADER, name="loader")
    run, _ = completed_run(loader.pk, folders, 7.0)
    api.delete(f"/api/runs/{run.pk}/")
    loop, now = Loop(), timezone.now()
    loop._sweep_when_due(now)
    loop._sweep_when_due(now + timedelta(seconds=30))
    assert Run.objects.filter(pk=run.pk).exists(), "not before an interval has passed"
    loop._sweep_when_due(now + timedelta(seconds=61))
    assert not Run.objects.filter(pk=run.pk).exists()

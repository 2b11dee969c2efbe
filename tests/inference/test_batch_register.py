"""Register Dataset run for real (its step in an executor child): when the step completes, the
server registers its rows as a dataset version owned by the run's creator, writes them to a
datastore path when asked, and fails the node with a clear message when it refuses."""

from pathlib import Path

import pandas as pd
import pytest

from designer.artifacts.cache import materialize
from designer.datasets.models import Dataset, DatasetVersion
from designer.runs.models import NodeRun, Run
from designer.runtime.io import read_dataframe
from tests.inference.factories import run_pipeline
from tests.pipelines.factories import edge, graph, node, post_pipeline
from tests.runs.factories import run_to_end

pytestmark = pytest.mark.django_db

ROWS = pd.DataFrame({"rooms": [2, 3, 4], "price": [100.0, 150.0, 210.5]})


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    root = tmp_path / "data"
    root.mkdir()
    settings.DESIGNER_DATA_ROOTS = [str(root)]
    return root


@pytest.fixture
def houses(api, builtins, folders) -> str:
    """A dataset `houses` holding ROWS, registered by the test's user."""
    ROWS.to_csv(folders / "houses.csv", index=False)
    datastore = {"name": "inbox", "kind": "local", "path": str(folders)}
    assert api.post("/api/datastores/", datastore, format="json").status_code == 201
    body = {"name": "houses", "datastore": "inbox", "path": "houses.csv"}
    assert api.post("/api/datasets/", body, format="json").status_code == 201
    return "houses"


def registering(**params) -> dict:
    return graph(
        [
            node("load", "dataset@1.0.0", {"name": "houses"}),
            node("register", "register_dataset@1.0.0", params),
        ],
        [edge("load", "data", "register", "data")],
    )


def ran(api, **params) -> Run:
    """A run of load → register with `params`, executed to its end (it may fail)."""
    created = post_pipeline(api, registering(**params), "register")
    response = api.post(f"/api/pipelines/{created['id']}/runs/", {}, format="json")
    assert response.status_code == 201, response.content
    return run_to_end(Run.objects.get(pk=response.json()["id"]))


def system_lines(api, run: Run, node_id: str = "register") -> list[str]:
    logs = api.get(f"/api/runs/{run.pk}/nodes/{node_id}/logs/").json()
    return [line["line"] for line in logs["lines"] if line["stream"] == "system"]


def stored_rows(version: DatasetVersion) -> pd.DataFrame:
    return read_dataframe(materialize(version.artifact))


def test_the_rows_become_a_version_of_the_run_with_its_creator_as_owner(api, user, houses):
    created = post_pipeline(api, registering(name="priced", description="Scored houses"), "reg")
    run = run_pipeline(api, created["id"])

    version = DatasetVersion.objects.get(dataset__name="priced")
    node_run = NodeRun.objects.get(run=run, node_id="register")
    assert version.version == 1
    assert version.artifact_id == node_run.outputs["data"]
    assert version.source == {
        "kind": "run",
        "run": run.pk,
        "pipeline": created["id"],
        "node": "register",
        "port": "data",
    }
    assert version.created_by == user
    assert Dataset.objects.get(name="priced").description == "Scored houses"
    pd.testing.assert_frame_equal(stored_rows(version), ROWS)
    assert "Registered 3 rows as dataset 'priced' version 1." in system_lines(api, run)

    # The same rows again: the step runs (it is never reused) and no version is added.
    again = run_pipeline(api, created["id"])
    assert NodeRun.objects.get(run=again, node_id="register").reused_from is None
    assert DatasetVersion.objects.filter(dataset__name="priced").count() == 1
    assert (
        "Dataset 'priced' version 1 already holds these 3 rows (same content), so no version "
        "was added." in system_lines(api, again)
    )
    listed = api.get("/api/datasets/priced/").json()
    assert [v["version"] for v in listed["versions"]] == [1]


@pytest.mark.parametrize(
    ("path", "read"),
    [
        ("out/2026/houses.parquet", pd.read_parquet),
        ("out/houses.csv", pd.read_csv),
    ],
)
def test_the_rows_are_written_to_a_datastore_path(api, houses, folders, path, read):
    outbox = folders / "outbox"
    outbox.mkdir()
    datastore = {"name": "outbox", "kind": "local", "path": str(outbox)}
    assert api.post("/api/datastores/", datastore, format="json").status_code == 201
    (outbox / "out").mkdir()
    (outbox / path).parent.mkdir(parents=True, exist_ok=True)
    (outbox / path).write_text("stale")

    run = ran(api, name="priced", datastore="outbox", path=path)
    assert run.status == "completed", NodeRun.objects.get(run=run, node_id="register").error
    pd.testing.assert_frame_equal(read(outbox / path), ROWS)
    assert sorted(p.name for p in (outbox / path).parent.iterdir()) == [Path(path).name]
    fmt = "PARQUET" if path.endswith(".parquet") else "CSV"
    assert (
        f"Registered 3 rows as dataset 'priced' version 1; written to '{path}' in datastore "
        f"'outbox' as {fmt}." in system_lines(api, run)
    )


def failed_with(run: Run) -> str:
    node_run = NodeRun.objects.get(run=run, node_id="register")
    assert run.status == "failed"
    assert node_run.status == "failed"
    assert node_run.outputs == {}
    return node_run.error


def test_an_invalid_name_fails_the_node_saying_what_a_name_is(api, houses):
    run = ran(api, name="Priced Houses")
    assert failed_with(run) == (
        "Dataset 'Priced Houses' is not a valid name: use 1 to 64 lower-case letters, digits, "
        "'-' or '_', starting with a letter or digit."
    )
    assert not Dataset.objects.filter(name__iexact="priced houses").exists()


def test_another_persons_dataset_is_not_added_to(api, houses, django_user_model, folders):
    other = django_user_model.objects.create_user(username="grace", password="hopper")
    from rest_framework.test import APIClient

    theirs = APIClient()
    theirs.force_authenticate(other)
    (folders / "theirs.csv").write_text("a\n1\n")
    theirs.post(
        "/api/datastores/", {"name": "mine", "kind": "local", "path": str(folders)}, format="json"
    )
    body = {"name": "priced", "datastore": "mine", "path": "theirs.csv"}
    assert theirs.post("/api/datasets/", body, format="json").status_code == 201

    run = ran(api, name="priced")
    assert "taken by another person's dataset" in failed_with(run)
    assert DatasetVersion.objects.filter(dataset__name="priced").count() == 1


def test_a_datastore_that_cannot_be_written_writes_nothing_and_registers_nothing(api, houses):
    web = {"name": "web", "kind": "http", "url": "https://example.org/data"}
    assert api.post("/api/datastores/", web, format="json").status_code == 201

    run = ran(api, name="priced", datastore="web", path="houses.csv")
    assert failed_with(run) == (
        "Datastore 'web' is an HTTP datastore, which is read-only; write to a local or S3 "
        "datastore."
    )
    missing = ran(api, name="priced", datastore="nowhere", path="houses.csv")
    assert failed_with(missing) == "No datastore named 'nowhere'."
    outside = ran(api, name="priced", datastore="inbox", path="../houses.csv")
    assert "may not contain '..'" in failed_with(outside)
    assert not Dataset.objects.filter(name="priced").exists()

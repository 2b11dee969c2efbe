"""Lineage with real registered datasets: an uploaded dataset read by a training run, the model
registered from it, and a dataset version registered from the run's scored output, linked both
ways and dated from their registrations."""

import io

import pytest
from sklearn.datasets import load_diabetes

from tests.datasets.factories import uploaded
from tests.models.factories import sample_graph, trained_run
from tests.pipelines.factories import node

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


def links(shown: dict) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["label"]) for e in shown["edges"]}


def test_datasets_registered_from_a_run_join_its_lineage(api, builtins):
    csv = io.StringIO()
    load_diabetes(as_frame=True).frame.to_csv(csv, index=False)
    assert uploaded(api, "houses", csv.getvalue().encode())["version"] == 1
    training = sample_graph()
    training["nodes"][0] = node("load", "dataset@1.0.0", {"name": "houses", "version": "latest"})
    run = trained_run(training, "training")
    model = api.post(
        "/api/models/", {"name": "price", "run": run.pk, "node": "train"}, format="json"
    )
    assert model.status_code == 201, model.json()
    scored = api.post(
        "/api/datasets/",
        {"name": "scored-houses", "run": run.pk, "node": "score", "port": "scored"},
        format="json",
    )
    assert scored.status_code == 201, scored.json()

    shown = api.get(f"/api/runs/{run.pk}/lineage/").json()
    assert {
        ("dataset:houses:1", f"run:{run.pk}", "read"),
        (f"run:{run.pk}", "model:price:1", "registered"),
        (f"run:{run.pk}", "dataset:scored-houses:1", "registered"),
    } <= links(shown)
    datasets = {n["id"]: n for n in shown["nodes"] if n["kind"] == "dataset"}
    assert all(n["created_at"] for n in datasets.values()), "dated from the registration"

    upstream = api.get("/api/datasets/scored-houses/versions/1/lineage/").json()
    assert (f"run:{run.pk}", "dataset:scored-houses:1", "registered") in links(upstream)
    assert ("dataset:houses:1", f"run:{run.pk}", "read") in links(upstream)


def test_registered_outputs_outlive_their_deleted_run(api, builtins):
    from designer.artifacts.models import Artifact
    from designer.artifacts.stores import get_store
    from designer.runs.retention import sweep

    run = trained_run(sample_graph(), "training")
    body = {"name": "price", "run": run.pk, "node": "train"}
    assert api.post("/api/models/", body, format="json").status_code == 201
    body = {"name": "scored", "run": run.pk, "node": "score", "port": "scored"}
    assert api.post("/api/datasets/", body, format="json").status_code == 201
    model = api.get("/api/models/price/versions/1/").json()["artifact"]
    table = api.get("/api/datasets/scored/versions/1/").json()["artifact"]
    split = run.node_runs.get(node_id="split").outputs
    loose = set(split.values())

    assert api.delete(f"/api/runs/{run.pk}/").status_code == 204
    swept = sweep(grace=0)

    assert swept.runs == 1 and swept.artifacts >= len(loose)
    assert not Artifact.objects.filter(pk__in=loose).exists()
    for kept in (model, table):
        assert get_store().exists(Artifact.objects.get(pk=kept).uri)
    assert api.get("/api/datasets/scored/versions/1/download/").status_code == 200

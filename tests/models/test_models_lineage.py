"""Lineage across runs: a dataset version read by a training run, the model registered from it,
and the scoring run that used the model, seen from each of them, within the hop and size caps.

The datasets app binds dataset nodes; here a stand-in binder plays its part, so the runs are
created by the real orchestrator and record the dataset version on their node runs."""

import pytest
from sklearn.datasets import load_diabetes

from designer.accounts.acting import SYSTEM
from designer.errors import NotFound
from designer.models import lineage
from designer.runs import orchestrator, sources
from designer.runs.models import Run
from tests.models.factories import sample_graph, trained_run
from tests.pipelines.factories import edge, graph, node, pipeline
from tests.runs.factories import dataframe_artifact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


@pytest.fixture
def houses(monkeypatch, tmp_path, builtins):
    """Dataset `houses` version 2: the diabetes rows, bound as the datasets app binds them."""
    artifact = dataframe_artifact(load_diabetes(as_frame=True).frame, tmp_path, "houses")
    source = {"kind": "dataset", "name": "houses", "version": 2, "digest": artifact.digest}

    def bind(actor, params, workspace_id=None):
        if params.get("name") != "houses":
            raise NotFound(f"No dataset named '{params.get('name')}'.")
        return sources.Bound({"name": "houses", "version": "2"}, {"data": artifact.pk}, source)

    monkeypatch.setitem(sources._binders, "dataset", bind)
    return source


@pytest.fixture
def story(api, houses):
    """houses v2 → training run → model price v1 → scoring run (of rows typed in)."""
    training = sample_graph()
    training["nodes"][0] = node("load", "dataset@1.0.0", {"name": "houses", "version": "latest"})
    trained = trained_run(training, "training")
    body = {"name": "price", "run": trained.pk, "node": "train"}
    assert api.post("/api/models/", body, format="json").status_code == 201
    scoring = graph(
        [
            node("model", "registered_model@1.0.0", {"name": "price"}),
            node("rows", "enter_data_manually@1.0.0", {"data": "age,bmi\n1,2\n"}),
            node("score", "score_model@1.0.0"),
        ],
        [edge("model", "model", "score", "model"), edge("rows", "data", "score", "data")],
    )
    scored = orchestrator.submit_run(SYSTEM, pipeline(scoring, "scoring").pk)
    return {"trained": trained, "scored": scored}


def ids(shown: dict) -> set[str]:
    return {n["id"] for n in shown["nodes"]}


def links(shown: dict) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["label"]) for e in shown["edges"]}


def test_a_model_version_names_the_dataset_version_it_was_trained_on(api, story, houses):
    version = api.get("/api/models/price/versions/1/").json()
    assert version["lineage"]["datasets"] == [
        {"name": "houses", "version": 2, "digest": houses["digest"]}
    ]


def test_the_model_lineage_shows_what_made_it_and_what_used_it(api, story):
    trained, scored = f"run:{story['trained'].pk}", f"run:{story['scored'].pk}"
    shown = api.get("/api/models/price/versions/1/lineage/").json()

    assert shown["root"] == "model:price:1"
    assert ids(shown) == {"dataset:houses:2", trained, "model:price:1", scored}
    assert links(shown) == {
        ("dataset:houses:2", trained, "read"),
        (trained, "model:price:1", "registered"),
        ("model:price:1", scored, "used"),
    }
    nodes = {n["id"]: n for n in shown["nodes"]}
    assert nodes[trained]["status"] == "completed" and nodes[trained]["pipeline"] == "training"
    assert nodes["model:price:1"]["name"] == "price" and nodes["model:price:1"]["version"] == 1


def test_the_dataset_lineage_follows_it_to_the_model_and_its_scoring_run(api, story):
    trained, scored = f"run:{story['trained'].pk}", f"run:{story['scored'].pk}"
    shown = api.get("/api/datasets/houses/versions/2/lineage/").json()

    assert shown["root"] == "dataset:houses:2"
    assert links(shown) == {
        ("dataset:houses:2", trained, "read"),
        (trained, "model:price:1", "registered"),
        ("model:price:1", scored, "used"),
    }


def test_the_run_lineage_shows_the_datasets_and_models_it_used(api, story):
    trained, scored = f"run:{story['trained'].pk}", f"run:{story['scored'].pk}"
    shown = api.get(f"/api/runs/{story['scored'].pk}/lineage/").json()

    assert shown["root"] == scored
    assert links(shown) == {
        ("model:price:1", scored, "used"),
        (trained, "model:price:1", "registered"),
        ("dataset:houses:2", trained, "read"),  # three hops up
    }


def test_the_walk_stops_three_hops_from_the_root(api, story):
    # A fourth hop from the dataset: a model registered from the scoring run's model node.
    body = {"name": "copy", "run": story["scored"].pk, "node": "model"}
    assert api.post("/api/models/", body, format="json").status_code == 201

    from_dataset = api.get("/api/datasets/houses/versions/2/lineage/").json()
    assert "model:copy:1" not in ids(from_dataset)
    from_model = api.get("/api/models/price/versions/1/lineage/").json()
    assert "model:copy:1" in ids(from_model)


def test_the_graph_is_capped_and_its_edges_join_shown_nodes(api, story, monkeypatch):
    monkeypatch.setattr(lineage, "MAX_NODES", 2)
    shown = api.get("/api/datasets/houses/versions/2/lineage/").json()
    assert len(shown["nodes"]) == 2
    assert all({e["source"], e["target"]} <= ids(shown) for e in shown["edges"])


def test_a_model_whose_run_was_deleted_still_names_its_dataset(api, story):
    Run.objects.filter(pk=story["trained"].pk).delete()
    version = api.get("/api/models/price/versions/1/").json()
    assert version["lineage"]["run"] is None
    assert version["lineage"]["datasets"][0]["name"] == "houses"

    shown = api.get("/api/models/price/versions/1/lineage/").json()
    assert ("dataset:houses:2", "model:price:1", "trained on") in links(shown)


@pytest.mark.parametrize(
    "path",
    [
        "/api/datasets/houses/versions/3/lineage/",
        "/api/models/price/versions/2/lineage/",
        "/api/runs/999999/lineage/",
    ],
)
def test_an_unknown_root_is_404(api, story, path):
    response = api.get(path)
    assert response.status_code == 404 and response.json()["code"] == "not_found"

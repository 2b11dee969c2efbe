"""The model registry API: registering a run's model output with what it was made from,
numbered versions, aliases that move, changes and deletions, and clear refusals."""

import pytest

from designer.artifacts.models import Artifact
from designer.models.models import ModelAlias, ModelVersion, RegisteredModel
from designer.runs.models import NodeRun
from tests.models.factories import registered_version, trained_run

pytestmark = pytest.mark.django_db

FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


def register(api, **body):
    return api.post("/api/models/", {"name": "diabetes", "node": "train", **body}, format="json")


def test_a_run_output_registers_with_its_metrics_schema_and_lineage(api, builtins, user):
    run = trained_run()
    response = register(api, run=run.pk, description="first fit", tags=["baseline"])
    assert response.status_code == 201, response.content
    version = response.json()

    assert version["name"] == "diabetes" and version["version"] == 1
    assert version["source"] == "run" and version["created_by"] == user.username
    assert version["description"] == "first fit" and version["tags"] == ["baseline"]
    assert version["model_class"] == "LinearRegression" and version["task"] == "regression"
    assert version["label_column"] == "target"
    assert version["input_schema"] == [{"name": c, "dtype": "double"} for c in FEATURES]
    train = NodeRun.objects.get(run=run, node_id="train")
    assert version["artifact"] == train.outputs["model"]
    assert version["lineage"] == {
        "run": run.pk,
        "pipeline": run.pipeline_id,
        "pipeline_version": run.version.number,
        "node": "train",
        "port": "model",
        "datasets": [],  # the sample dataset node is not a registered dataset
    }
    evaluate = NodeRun.objects.get(run=run, node_id="evaluate")
    logged = {m.name: m.value for m in evaluate.metrics.all()}
    assert {"r2", "mae", "rmse"} <= set(version["metrics"])
    assert version["metrics"] == logged, "the evaluation node's metrics, not Train Model's"

    again = register(api, run=run.pk).json()
    assert again["version"] == 2 and again["artifact"] == version["artifact"]
    model = api.get("/api/models/diabetes/").json()
    assert model["latest_version"] == 2 and model["version_count"] == 2
    assert [v["version"] for v in model["versions"]] == [2, 1]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"run": 999_999}, 404, "not_found"),
        ({"node": "nowhere"}, 404, "not_found"),
        ({"node": "load", "port": "data"}, 400, "not_a_model"),
        ({"port": "other"}, 400, "no_output"),
        ({"name": "Not A Name!"}, 400, "bad_name"),
        ({"tags": "[1, 2]"}, 400, "bad_tags"),
    ],
)
def test_registering_what_is_not_a_model_output_is_refused(api, builtins, body, status, code):
    run = trained_run()
    response = register(api, **{"run": run.pk, **body})
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not ModelVersion.objects.exists()


def test_an_unfinished_node_cannot_be_registered(api, builtins):
    from designer.accounts.acting import SYSTEM
    from designer.runs import orchestrator
    from tests.models.factories import sample_graph, sample_parameters
    from tests.pipelines.factories import pipeline

    owner = pipeline(sample_graph(), "waiting", parameters=sample_parameters())
    run = orchestrator.submit_run(SYSTEM, owner.pk)
    response = register(api, run=run.pk)
    assert response.status_code == 400 and response.json()["code"] == "no_output"


def test_an_alias_points_at_one_version_and_moves(api, builtins, tmp_path):
    for _ in range(3):
        registered_version("price", tmp_path)

    assert api.put("/api/models/price/aliases/production/", {"version": 1}).json() == {
        "alias": "production",
        "version": 1,
    }
    api.put("/api/models/price/aliases/champion/", {"version": 1}, format="json")
    moved = api.put("/api/models/price/aliases/production/", {"version": 3}, format="json")
    assert moved.status_code == 200 and moved.json() == {"alias": "production", "version": 3}

    model = api.get("/api/models/price/").json()
    assert model["aliases"] == {"champion": 1, "production": 3}
    aliases = {v["version"]: v["aliases"] for v in model["versions"]}
    assert aliases == {3: ["production"], 2: [], 1: ["champion"]}
    assert ModelAlias.objects.filter(alias="production").count() == 1


def test_deleting_a_version_removes_its_aliases_and_keeps_the_others(api, builtins, tmp_path):
    for _ in range(2):
        registered_version("price", tmp_path)
    api.put("/api/models/price/aliases/production/", {"version": 2}, format="json")
    api.put("/api/models/price/aliases/staging/", {"version": 1}, format="json")

    assert api.delete("/api/models/price/versions/2/").status_code == 204
    model = api.get("/api/models/price/").json()
    assert model["aliases"] == {"staging": 1} and model["latest_version"] == 1
    assert api.get("/api/models/price/versions/2/").status_code == 404

    assert api.delete("/api/models/price/aliases/staging/").status_code == 204
    gone = api.delete("/api/models/price/aliases/staging/")
    assert gone.status_code == 404 and gone.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("alias", "version", "status", "code"),
    [
        ("latest", 1, 400, "bad_alias"),
        ("7", 1, 400, "bad_alias"),
        ("Prod Uction", 1, 400, "bad_alias"),
        ("production", 9, 404, "not_found"),
    ],
)
def test_bad_aliases_are_refused(api, builtins, tmp_path, alias, version, status, code):
    registered_version("price", tmp_path)
    response = api.put(f"/api/models/price/aliases/{alias}/", {"version": version}, format="json")
    assert response.status_code == status and response.json()["code"] == code
    assert not ModelAlias.objects.exists()


def test_descriptions_and_tags_change_and_nothing_else_does(api, builtins, tmp_path):
    registered_version("price", tmp_path)
    changed = api.patch(
        "/api/models/price/",
        {"description": "House prices", "tags": "tabular, sklearn"},
        format="json",
    ).json()
    assert changed["description"] == "House prices" and changed["tags"] == ["tabular", "sklearn"]

    version = api.patch(
        "/api/models/price/versions/1/", {"tags": ["candidate"]}, format="json"
    ).json()
    assert version["tags"] == ["candidate"] and version["source"] == "upload"
    refused = api.patch("/api/models/price/versions/1/", {"tags": {"a": 1}}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "bad_tags"


def test_the_list_searches_and_pages(api, builtins, tmp_path):
    for name in ("price", "churn", "price-quantile"):
        registered_version(name, tmp_path)
    page = api.get("/api/models/?search=price&limit=1").json()
    assert [m["name"] for m in page["results"]] == ["price-quantile"]
    rest = api.get(f"/api/models/?search=price&limit=1&cursor={page['next']}").json()
    assert [m["name"] for m in rest["results"]] == ["price"] and rest["next"] is None
    first = rest["results"][0]
    assert first["latest_version"] == 1 and first["version_count"] == 1 and first["aliases"] == {}


def test_deleting_a_model_deletes_its_versions_and_keeps_the_artifact(api, builtins, tmp_path):
    version = registered_version("price", tmp_path)
    api.put("/api/models/price/aliases/production/", {"version": 1}, format="json")
    assert api.delete("/api/models/price/").status_code == 204
    assert not RegisteredModel.objects.exists() and not ModelAlias.objects.exists()
    # The stored file stays for the retention sweep; with nothing of a workspace holding it,
    # the API no longer shows it.
    assert Artifact.objects.filter(pk=version.artifact_id).exists()
    assert api.get(f"/api/artifacts/{version.artifact_id}/").status_code == 404
    assert api.get("/api/models/price/").status_code == 404


def test_signed_out_callers_see_nothing(anon, builtins, tmp_path):
    registered_version("price", tmp_path)
    assert anon.get("/api/models/").status_code in (401, 403)
    assert anon.get("/api/models/price/versions/1/download/").status_code in (401, 403)


def test_a_reused_run_registers_the_metrics_of_the_work_it_reused(api, builtins):
    first = trained_run()
    again = trained_run()  # the same pipeline again: every step reused
    assert set(again.node_runs.values_list("status", flat=True)) == {"reused"}

    original = register(api, run=first.pk).json()
    reused = register(api, run=again.pk).json()
    assert reused["metrics"] == original["metrics"] and reused["metrics"]
    assert reused["input_schema"] == original["input_schema"]
    assert reused["lineage"]["run"] == again.pk

"""Real-time endpoints over the REST API, in-process: deploying pipelines and registered
models, traffic, changes, deletion, the sample request, stats and the failure log. No scoring
process starts here (DESIGNER_INFERENCE_WARM off); scoring is tested against live servers."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from designer.artifacts.retention import kept_ids
from designer.inference.models import Deployment
from designer.inference.serving import database
from designer.inference.serving.stats import Bucket, Failure, Taken, bin_of
from tests.accounts.clients import create
from tests.inference.factories import derive, trained
from tests.models.factories import registered_version
from tests.pipelines.factories import edge, graph, node, post_pipeline
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db

SCHEMA = [{"name": "a", "dtype": "double"}, {"name": "b", "dtype": "large_string"}]


@pytest.fixture(autouse=True)
def cold(settings, tmp_path):
    settings.DESIGNER_INFERENCE_WARM = False
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path / "user_components")
    Path(settings.DESIGNER_USER_COMPONENTS_DIR).mkdir()


@pytest.fixture
def rows_pipeline(api, builtins) -> dict:
    """Web Service Input → Web Service Output: answers with the rows it is sent."""
    echo = graph(
        [
            node("web_service_input", "web_service_input@1.0.0", {"columns": SCHEMA}),
            node("web_service_output", "web_service_output@1.0.0"),
        ],
        [edge("web_service_input", "data", "web_service_output", "data")],
    )
    return post_pipeline(api, echo, "echo")


def deploy(api, name="echo", *deployments, status=201, **extra):
    response = api.post(
        "/api/inference/", {"name": name, "deployments": list(deployments), **extra}, format="json"
    )
    assert response.status_code == status, response.content
    return response.json()


def patch(api, name, status=200, **body):
    response = api.patch(f"/api/inference/{name}/", body, format="json")
    assert response.status_code == status, response.content
    return response.json()


def test_a_pipeline_deploys_with_all_traffic_and_its_input_schema(api, rows_pipeline):
    created = deploy(
        api, "echo", {"name": "blue", "pipeline": rows_pipeline["id"]}, description="d"
    )
    assert created["name"] == "echo" and created["description"] == "d"
    assert created["revision"] == 1
    assert created["url"] == "/api/inference/echo/score"
    assert created["input_schema"] == SCHEMA
    assert created["stats"] == {
        "minutes": 60,
        "count": 0,
        "errors": 0,
        "p50_ms": None,
        "p95_ms": None,
    }
    (blue,) = created["deployments"]
    assert {k: blue[k] for k in ("name", "traffic", "pipeline", "pipeline_version", "model")} == {
        "name": "blue",
        "traffic": 100,
        "pipeline": rows_pipeline["id"],
        "pipeline_version": 1,  # the pipeline as it was, frozen
        "model": None,
    }
    assert blue["sources"] == [] and blue["input_schema"] == SCHEMA
    assert api.get("/api/inference/echo/").json() == created
    listed = api.get("/api/inference/").json()
    assert listed == {"results": [created], "next": None}


def test_the_plan_holds_only_what_leads_to_the_answer(api, builtins):
    fed = graph(
        [
            node("rows", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("web_service_input", "web_service_input@1.0.0", {"columns": SCHEMA}),
            node("web_service_output", "web_service_output@1.0.0"),
        ],
        [
            edge("rows", "data", "web_service_input", "data"),
            edge("web_service_input", "data", "web_service_output", "data"),
        ],
    )
    pipeline = post_pipeline(api, fed, "fed with stored rows")
    deploy(api, "fed", {"name": "main", "pipeline": pipeline["id"]})
    spec = Deployment.objects.get(endpoint__name="fed").spec
    # Request rows replace what feeds Web Service Input, so the stored rows are left out.
    assert [n["id"] for n in spec["nodes"]] == ["web_service_input", "web_service_output"]
    assert spec["input"] == {"node": "web_service_input", "port": "data"}
    assert spec["answer"] == {"node": "web_service_output", "port": "data"}


def test_traffic_moves_between_deployments_and_must_add_up(api, rows_pipeline):
    pipeline = rows_pipeline["id"]
    created = deploy(
        api, "echo", {"name": "blue", "pipeline": pipeline}, {"name": "green", "pipeline": pipeline}
    )
    assert [(d["name"], d["traffic"]) for d in created["deployments"]] == [
        ("blue", 100),
        ("green", 0),
    ]
    moved = patch(api, "echo", traffic={"blue": 80, "green": 20})
    assert [d["traffic"] for d in moved["deployments"]] == [80, 20]
    assert moved["revision"] == 2

    refused = patch(api, "echo", status=400, traffic={"blue": 80, "green": 30})
    assert refused["code"] == "bad_traffic"
    assert "adds up to 110 (blue 80, green 30)" in refused["message"]
    unknown = patch(api, "echo", status=400, traffic={"purple": 100})
    assert (unknown["code"], unknown["deployment"]) == ("unknown_deployment", "purple")
    assert api.get("/api/inference/echo/").json()["revision"] == 2  # nothing changed


def test_a_deployment_named_again_keeps_its_plan_and_a_new_one_is_planned(
    api, rows_pipeline, tmp_path
):
    deploy(api, "echo", {"name": "blue", "pipeline": rows_pipeline["id"]})
    before = Deployment.objects.get(endpoint__name="echo", name="blue")
    version = registered_version("ridge", tmp_path / "m", input_schema=SCHEMA[:1])
    changed = patch(
        api,
        "echo",
        deployments=[
            {"name": "blue", "traffic": 50},
            {"name": "green", "model": {"name": "ridge", "version": "latest"}, "traffic": 50},
        ],
        description="blue and green",
    )
    assert changed["revision"] == 2 and changed["description"] == "blue and green"
    blue, green = changed["deployments"]
    assert blue["pipeline"] == rows_pipeline["id"] and blue["traffic"] == 50
    assert Deployment.objects.get(endpoint__name="echo", name="blue").key == before.key
    assert green["model"] == {"name": "ridge", "version": version.number}
    assert green["input_schema"] == SCHEMA[:1]
    assert green["sources"] == [
        {
            "node": "model",
            "kind": "model",
            "name": "ridge",
            "version": version.number,
            "digest": version.artifact.digest,
        }
    ]
    assert version.artifact_id in kept_ids()  # served, so kept from the retention sweep
    description_only = patch(api, "echo", description="only words")
    assert description_only["revision"] == 2


def test_what_cannot_be_deployed_is_refused_naming_the_deployment(api, builtins, tmp_path):
    plain = post_pipeline(
        api,
        sample_graph()["graph"],
        "training",
        parameters={"seed": {"type": "integer", "default": 0}},
    )
    refused = deploy(api, "train", {"name": "blue", "pipeline": plain["id"]}, status=400)
    assert refused["code"] == "not_servable" and refused["deployment"] == "blue"
    assert (
        "Deployment 'blue'" in refused["message"] and "no Web Service Input" in refused["message"]
    )

    registered_version("uploaded", tmp_path / "m")  # no known feature columns
    refused = deploy(api, "up", {"name": "x", "model": {"name": "uploaded"}}, status=400)
    assert refused["code"] == "not_servable" and "no known feature columns" in refused["message"]

    missing = deploy(api, "gone", {"name": "x", "model": {"name": "nothing"}}, status=404)
    assert missing["code"] == "not_found"
    both = deploy(
        api, "both", {"name": "x", "pipeline": plain["id"], "model": {"name": "m"}}, status=400
    )
    assert both["code"] == "bad_deployment"
    neither = deploy(api, "neither", {"name": "x"}, status=400)
    assert neither["code"] == "bad_deployment"
    assert not api.get("/api/inference/").json()["results"]


def test_names_are_checked_and_unique(api, rows_pipeline):
    target = {"name": "blue", "pipeline": rows_pipeline["id"]}
    assert deploy(api, "Bad Name", target, status=400)["code"] == "bad_name"
    deploy(api, "echo", target)
    assert deploy(api, "echo", target, status=409)["code"] == "duplicate_name"
    twice = deploy(api, "twice", target, target, status=400)
    assert (twice["code"], twice["deployment"]) == ("duplicate_name", "blue")
    version_gone = {"name": "v9", "pipeline": rows_pipeline["id"], "pipeline_version": 9}
    assert deploy(api, "v9", version_gone, status=404)["code"] == "not_found"


def test_delete_removes_the_endpoint(api, rows_pipeline):
    deploy(api, "echo", {"name": "blue", "pipeline": rows_pipeline["id"]})
    assert api.delete("/api/inference/echo/").status_code == 204
    assert api.get("/api/inference/echo/").status_code == 404
    assert api.delete("/api/inference/echo/").status_code == 404


def test_the_sample_request_has_a_value_of_each_columns_type(api, rows_pipeline):
    deploy(api, "echo", {"name": "blue", "pipeline": rows_pipeline["id"]})
    sample = api.get("/api/inference/echo/sample-request/").json()
    assert sample["url"] == "http://testserver/api/inference/echo/score"
    assert sample["method"] == "POST"
    assert sample["body"] == {"rows": [{"a": 0.0, "b": ""}]}
    assert sample["columnar"] == {"columns": ["a", "b"], "data": [[0.0, ""]]}
    assert sample["headers"]["Authorization"] == "Token <your API token>"
    assert sample["scope"] == "inference:score:echo"
    assert sample["deployment_header"] == "X-Pipewright-Deployment"
    assert sample["curl"].startswith("curl -X POST http://testserver/api/inference/echo/score")


def minute(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def test_stats_add_up_the_minutes_of_every_process(api, rows_pipeline, settings):
    from django.utils import timezone

    endpoint = deploy(api, "echo", {"name": "blue", "pipeline": rows_pipeline["id"]})
    now = int(timezone.now().timestamp()) // 60 * 60
    ident = Deployment.objects.get(endpoint__name="echo").endpoint_id
    fast = {bin_of(2.0): 80, bin_of(20.0): 20}
    slow = {bin_of(8.0): 100}
    database.store(Taken({(ident, "blue", now): Bucket(100, 0, fast)}, []), "a:1", 500)
    database.store(Taken({(ident, "blue", now): Bucket(101, 1, slow)}, []), "b:2", 500)
    database.store(Taken({(ident, "old", now - 120): Bucket(5, 5, {})}, []), "a:1", 500)
    # A process writes its running totals again: the row is replaced, not added to.
    database.store(Taken({(ident, "blue", now): Bucket(100, 0, fast)}, []), "a:1", 500)

    stats = api.get("/api/inference/echo/stats/").json()
    assert stats["endpoint"] == "echo" and stats["minutes"] == 60 and stats["bucket_seconds"] == 60
    assert stats["total"]["count"] == 206 and stats["total"]["errors"] == 6
    assert stats["total"]["p50_ms"] == pytest.approx(8.0, rel=0.05)
    assert stats["total"]["p95_ms"] == pytest.approx(20.0, rel=0.05)
    blue, old = stats["deployments"]
    assert (blue["name"], blue["current"], blue["traffic"]) == ("blue", True, 100)
    assert blue["serving"]["target"]["kind"] == "pipeline"
    assert [b["count"] for b in blue["buckets"]] == [201]
    assert (old["name"], old["current"], old["total"]["count"]) == ("old", False, 5)
    assert [b["count"] for b in stats["buckets"]] == [5, 201]
    assert api.get("/api/inference/echo/").json()["stats"]["count"] == 206
    assert endpoint["stats"]["count"] == 0

    hours = api.get("/api/inference/echo/stats/?minutes=1440").json()
    assert hours["bucket_seconds"] == 300 and hours["total"]["count"] == 206
    assert api.get("/api/inference/echo/stats/?minutes=0").status_code == 400
    assert api.get("/api/inference/nothing/stats/").status_code == 404


def test_failures_are_listed_newest_first_with_column_names_and_pruned(
    api, rows_pipeline, settings
):
    deploy(api, "echo", {"name": "blue", "pipeline": rows_pipeline["id"]})
    ident = Deployment.objects.get(endpoint__name="echo").endpoint_id
    failures = [
        Failure(ident, "blue", 1_800_000_000.0 + i, 400, "bad_value", f"Row {i}", ["a", "b"])
        for i in range(5)
    ]
    database.store(Taken({}, failures), "a:1", failures_kept=3)
    listed = api.get("/api/inference/echo/failures/").json()
    assert [f["message"] for f in listed["results"]] == ["Row 4", "Row 3", "Row 2"]
    first = listed["results"][0]
    assert {k: first[k] for k in ("deployment", "status", "code", "columns")} == {
        "deployment": "blue",
        "status": 400,
        "code": "bad_value",
        "columns": ["a", "b"],
    }
    page = api.get("/api/inference/echo/failures/?limit=2").json()
    assert len(page["results"]) == 2 and page["next"]


def test_a_token_may_be_scoped_to_scoring_one_endpoint(api):
    token = create(api, scopes=["inference:score:diabetes"])
    assert token["scopes"] == ["inference:score:diabetes"]
    refused = api.post(
        "/api/tokens/", {"name": "x", "scopes": ["inference:score:Bad Name"]}, format="json"
    )
    assert refused.status_code == 400 and "inference:score:<name>" in refused.json()["message"]


def test_a_derived_pipeline_and_the_registered_model_deploy_side_by_side(api, builtins):
    sample = sample_graph()
    run = trained(api, sample["graph"], sample["name"], sample["parameters"])
    derived = derive(api, run)
    registered = api.post(
        "/api/models/",
        {"name": "diabetes", "run": run.pk, "node": "train", "port": "model"},
        format="json",
    )
    assert registered.status_code == 201, registered.content
    created = deploy(
        api,
        "diabetes",
        {"name": "pipeline", "pipeline": derived["pipeline"]["id"], "traffic": 50},
        {"name": "model", "model": {"name": "diabetes", "version": "1"}, "traffic": 50},
    )
    by_pipeline, by_model = created["deployments"]
    assert by_pipeline["input_schema"] == derived["input_schema"] == by_model["input_schema"]
    (bound,) = by_pipeline["sources"]
    assert (bound["kind"], bound["name"]) == ("run_output", f"{run.pk}/train/model")
    (model,) = by_model["sources"]
    assert (model["kind"], model["name"], model["version"]) == ("model", "diabetes", 1)
    assert bound["digest"] == model["digest"]  # the same trained model, two ways

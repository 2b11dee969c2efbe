"""Real-time endpoints and derived inference pipelines in workspaces: outside its workspace an
endpoint does not exist, its readers see it, its contributors change it; it serves only its own
workspace's pipelines and models; a derived pipeline goes to the run's workspace. Who may score
is checked against a live server (test_serving_live)."""

from pathlib import Path

import pytest

from designer.accounts.acting import forget_roles
from designer.accounts.models import Membership, Workspace, default_workspace_id
from designer.inference.models import InferenceEndpoint
from designer.pipelines.models import Pipeline
from tests.accounts.clients import signed_in
from tests.inference.factories import trained
from tests.models.factories import registered_version
from tests.pipelines.factories import edge, graph, node, post_pipeline
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db

LOAD_AND_SPLIT = graph(
    [
        node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
        node("split", "split_data@1.1.0"),
    ],
    [edge("load", "data", "split", "data")],
)


@pytest.fixture(autouse=True)
def cold(settings, tmp_path):
    settings.DESIGNER_INFERENCE_WARM = False
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path / "user_components")
    Path(settings.DESIGNER_USER_COMPONENTS_DIR).mkdir()


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
def lab(grace) -> Workspace:
    workspace = Workspace.objects.create(name="lab")
    join(grace, "owner", workspace.pk)
    return workspace


@pytest.fixture
def echo(api) -> str:
    """Ada's endpoint in the default workspace, with no deployment yet (no scoring process)."""
    answer = api.post("/api/inference/", {"name": "echo"}, format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["workspace"] == "default"
    return "echo"


def test_to_a_non_member_an_endpoint_is_missing_in_every_way(api, as_grace, echo):
    missing = api.get("/api/inference/nowhere/").json()
    detail = as_grace.get("/api/inference/echo/")
    assert detail.status_code == 404
    assert detail.json() == {**missing, "message": missing["message"].replace("nowhere", "echo")}
    assert as_grace.patch("/api/inference/echo/", {"description": "x"}, "json").status_code == 404
    assert as_grace.delete("/api/inference/echo/").status_code == 404
    assert as_grace.get("/api/inference/echo/sample-request/").status_code == 404
    assert as_grace.get("/api/inference/").json()["results"] == []
    assert InferenceEndpoint.objects.get(name="echo").description == ""


def test_a_reader_views_but_does_not_change(as_grace, grace, echo):
    join(grace, "reader")
    assert as_grace.get("/api/inference/echo/").status_code == 200
    assert [e["name"] for e in as_grace.get("/api/inference/").json()["results"]] == ["echo"]
    changed = as_grace.patch("/api/inference/echo/", {"description": "x"}, "json")
    assert (changed.status_code, changed.json()["code"]) == (403, "role_too_low")
    assert as_grace.delete("/api/inference/echo/").status_code == 403


def test_a_contributor_changes_and_deletes(as_grace, grace, echo):
    join(grace, "contributor")
    assert as_grace.patch("/api/inference/echo/", {"description": "x"}, "json").status_code == 200
    assert as_grace.delete("/api/inference/echo/").status_code == 204


def test_created_in_the_workspace_named_or_chosen(as_grace, grace, lab):
    join(grace, "reader")
    made = as_grace.post("/api/inference/", {"name": "mine", "workspace": "lab"}, format="json")
    assert made.status_code == 201 and made.json()["workspace"] == "lab"
    refused = as_grace.post("/api/inference/", {"name": "other", "workspace": "default"}, "json")
    assert (refused.status_code, refused.json()["code"]) == (403, "role_too_low")
    chosen = as_grace.post(
        "/api/inference/", {"name": "chosen"}, format="json", HTTP_X_PIPEWRIGHT_WORKSPACE="lab"
    )
    assert chosen.status_code == 201 and chosen.json()["workspace"] == "lab"
    listed = as_grace.get("/api/inference/?workspace=lab").json()["results"]
    assert sorted(e["name"] for e in listed) == ["chosen", "mine"]


def test_deployments_serve_only_the_endpoints_workspace(api, as_grace, grace, lab, tmp_path):
    """Ada's pipeline and model are in `default`: to an endpoint in `lab` they are missing,
    whether grace can see them or not, exactly as a pipeline and model that do not exist."""
    theirs = post_pipeline(api, LOAD_AND_SPLIT, "ada's")["id"]
    registered_version("ada-model", tmp_path)

    def deploy(**target):
        body = {"name": "lab-echo", "workspace": "lab", "deployments": [{"name": "blue", **target}]}
        return as_grace.post("/api/inference/", body, format="json")

    for role in (None, "reader"):
        if role:
            join(grace, role)
        by_pipeline, by_model = deploy(pipeline=theirs), deploy(model={"name": "ada-model"})
        assert by_pipeline.status_code == by_model.status_code == 404
        nothing = deploy(pipeline=theirs + 1000).json()
        assert by_pipeline.json()["message"] == nothing["message"].replace(
            str(theirs + 1000), str(theirs)
        )
        assert by_model.json()["message"] == deploy(model={"name": "no-model"}).json()[
            "message"
        ].replace("no-model", "ada-model")
    assert not InferenceEndpoint.objects.filter(name="lab-echo").exists()


def test_deriving_needs_the_run_and_saves_in_its_workspace(api, as_grace, grace, lab, builtins):
    sample = sample_graph()
    run = trained(api, sample["graph"], sample["name"], sample["parameters"])
    url = f"/api/runs/{run.pk}/inference-pipeline/"
    assert as_grace.post(url, {}, format="json").status_code == 404

    join(grace, "reader")
    count = Pipeline.objects.count()
    refused = as_grace.post(url, {}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "role_too_low")
    preview = as_grace.post(url, {"save": False}, format="json")
    assert preview.status_code == 201 and preview.json()["pipeline"] is None
    assert Pipeline.objects.count() == count

    join(grace, "contributor")
    saved = as_grace.post(url, {"kind": "batch"}, format="json", HTTP_X_PIPEWRIGHT_WORKSPACE="lab")
    assert saved.status_code == 201, saved.json()
    pipeline = Pipeline.objects.get(pk=saved.json()["pipeline"]["id"])
    assert pipeline.workspace_id == default_workspace_id(), "beside the run, not in the chosen one"
    assert pipeline.owner == grace

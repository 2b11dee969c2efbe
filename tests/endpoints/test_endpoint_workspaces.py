"""Endpoints belong to the workspace of the pipeline published to them: outside it they do not
exist (404, as a name nobody took), its readers see them, its contributors publish and call."""

import pytest

from designer.accounts.acting import forget_roles
from designer.accounts.models import Membership, Workspace, default_workspace_id
from designer.endpoints.models import Endpoint
from designer.pipelines.models import Pipeline
from designer.runs.models import Run
from tests.accounts.clients import create, signed_in, with_token
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db


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


def sample_pipeline(name: str, workspace=None) -> Pipeline:
    sample = sample_graph()
    fields = {"workspace": workspace} if workspace is not None else {}
    return Pipeline.objects.create(
        name=name, graph=sample["graph"], parameters=sample["parameters"], **fields
    )


def publish(client, pipeline, endpoint="nightly"):
    return client.post(f"/api/pipelines/{pipeline.pk}/publish/", {"endpoint": endpoint})


@pytest.fixture
def nightly(api, builtins) -> str:
    """Ada's endpoint, in the default workspace."""
    answer = publish(api, sample_pipeline("diabetes"))
    assert answer.status_code == 201, answer.json()
    assert answer.json()["workspace"] == "default"
    return "nightly"


@pytest.fixture
def lab(grace) -> Workspace:
    """Grace's own workspace."""
    workspace = Workspace.objects.create(name="lab")
    join(grace, "owner", workspace.pk)
    return workspace


def test_to_a_non_member_an_endpoint_is_missing_in_every_way(api, as_grace, nightly):
    missing = api.get("/api/endpoints/no-such/").json()
    detail = as_grace.get("/api/endpoints/nightly/")
    assert detail.status_code == 404
    assert detail.json() == {**missing, "message": missing["message"].replace("no-such", "nightly")}
    assert as_grace.patch("/api/endpoints/nightly/", {"enabled": False}).status_code == 404
    called = as_grace.post("/api/endpoints/nightly/runs/", {}, format="json")
    assert called.status_code == 404 and "nightly" in called.json()["message"]
    assert as_grace.get("/api/endpoints/").json()["results"] == []
    assert Run.objects.count() == 0
    assert Endpoint.objects.get(name="nightly").enabled


def test_a_reader_views_but_neither_calls_nor_changes_nor_publishes(as_grace, grace, nightly):
    join(grace, "reader")
    detail = as_grace.get("/api/endpoints/nightly/")
    assert detail.status_code == 200 and detail.json()["workspace"] == "default"
    assert [e["name"] for e in as_grace.get("/api/endpoints/").json()["results"]] == ["nightly"]
    changed = as_grace.patch("/api/endpoints/nightly/", {"enabled": False})
    assert (changed.status_code, changed.json()["code"]) == (403, "role_too_low")
    called = as_grace.post("/api/endpoints/nightly/runs/", {}, format="json")
    assert (called.status_code, called.json()["code"]) == (403, "role_too_low")
    pipeline = Pipeline.objects.get(name="diabetes")
    assert publish(as_grace, pipeline).status_code == 403, "publishing edits the pipeline"
    assert Run.objects.count() == 0 and Endpoint.objects.get(name="nightly").versions.count() == 1


def test_a_contributor_calls_and_the_run_is_theirs_in_the_endpoints_workspace(
    as_grace, grace, nightly
):
    join(grace, "contributor")
    called = as_grace.post("/api/endpoints/nightly/runs/", {}, format="json")
    assert called.status_code == 201, called.json()
    run = Run.objects.select_related("pipeline").get(pk=called.json()["run_id"])
    assert run.created_by == grace and run.pipeline.workspace_id == default_workspace_id()


def test_a_token_scoped_to_the_endpoint_still_needs_a_contributor(as_grace, grace, nightly):
    join(grace, "reader")
    token = create(as_grace, name="cron", scopes=["endpoint:run:nightly"])["token"]
    refused = with_token(token).post("/api/endpoints/nightly/runs/", {}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "role_too_low")
    join(grace, "contributor")
    assert with_token(token).post("/api/endpoints/nightly/runs/", {}).status_code == 201
    Membership.objects.filter(user=grace).delete()
    assert with_token(token).post("/api/endpoints/nightly/runs/", {}).status_code == 404


def test_publishing_creates_the_endpoint_in_the_pipelines_workspace(as_grace, lab, builtins):
    answer = publish(as_grace, sample_pipeline("mine", lab), endpoint="weekly")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["workspace"] == "lab"
    assert Endpoint.objects.get(name="weekly").workspace == lab
    listed = as_grace.get("/api/endpoints/").json()["results"]
    assert [(e["name"], e["workspace"]) for e in listed] == [("weekly", "lab")]


def test_a_name_taken_in_a_workspace_one_is_not_in_is_a_neutral_conflict(as_grace, lab, nightly):
    answer = publish(as_grace, sample_pipeline("mine", lab))
    assert answer.status_code == 409
    assert answer.json()["code"] == "name_taken"
    assert "default" not in answer.json()["message"], "nothing about the other workspace"
    assert Endpoint.objects.get(name="nightly").versions.count() == 1


def test_a_member_of_both_cannot_add_another_workspaces_pipeline(as_grace, grace, lab, nightly):
    join(grace, "contributor")
    answer = publish(as_grace, sample_pipeline("mine", lab))
    assert (answer.status_code, answer.json()["code"]) == (409, "other_workspace")
    assert "'default'" in answer.json()["message"] and "'lab'" in answer.json()["message"]
    assert Endpoint.objects.get(name="nightly").versions.count() == 1
    again = publish(as_grace, Pipeline.objects.get(name="diabetes"))
    assert again.status_code == 201 and again.json()["version"] == 2


def test_lists_show_the_chosen_workspace_alone(api, as_grace, grace, lab, nightly):
    join(grace, "reader")
    assert publish(as_grace, sample_pipeline("mine", lab), endpoint="weekly").status_code == 201
    everything = as_grace.get("/api/endpoints/").json()["results"]
    assert sorted(e["name"] for e in everything) == ["nightly", "weekly"]
    chosen = as_grace.get("/api/endpoints/?workspace=lab").json()["results"]
    assert [e["name"] for e in chosen] == ["weekly"]
    assert [e["name"] for e in api.get("/api/endpoints/").json()["results"]] == ["nightly"]

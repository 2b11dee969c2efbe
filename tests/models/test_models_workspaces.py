"""Registered models in workspaces: a workspace's members see its models (readers read,
contributors register, alias and change), everyone else hears 404 exactly as for a missing
name, and a pipeline binds only the models of its own workspace."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.accounts.models import Workspace
from designer.errors import Conflict, Forbidden, NotFound
from designer.models.models import RegisteredModel
from designer.models.services.binding import bind_registered_model
from designer.models.services.registration import add_version
from designer.models.services.registry import set_alias
from designer.runs import orchestrator
from tests.datasets.factories import client_of, member
from tests.models.factories import model_artifact, registered_version
from tests.pipelines.factories import graph, node, pipeline
from tests.runs.factories import finish

pytestmark = pytest.mark.django_db

VERSION = "/api/models/price/versions/1/"
READS = ["/api/models/price/", VERSION, f"{VERSION}download/", f"{VERSION}lineage/"]


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user(username="grace", password="hopper")


@pytest.fixture
def other_api(other):
    return client_of(other)


@pytest.fixture
def price(tmp_path):
    """Model `price` of the default workspace, version 1 aliased `production`."""
    version = registered_version("price", tmp_path)
    set_alias(SYSTEM, "price", "production", 1)
    return version


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def test_a_non_member_hears_404_for_every_part_of_a_model(api, other, other_api, price, tmp_path):
    member(other, "grace-lab")
    for path in READS:
        response = other_api.get(path)
        assert response.status_code == 404, path
        missing = other_api.get(path.replace("price", "nowhere"))
        assert response.json() == {
            **missing.json(),
            "message": missing.json()["message"].replace("nowhere", "price"),
        }, path
    assert api.get(f"{VERSION}download/").status_code == 200, "its members download it"
    alias = other_api.put("/api/models/price/aliases/staging/", {"version": 1}, format="json")
    assert alias.status_code == 404
    assert other_api.delete("/api/models/price/aliases/production/").status_code == 404
    assert other_api.patch("/api/models/price/", {"description": "x"}).status_code == 404
    assert other_api.delete(VERSION).status_code == 404
    assert names(other_api.get("/api/models/")) == set()
    with pytest.raises(Conflict) as taken:
        add_version(other, "price", model_artifact(tmp_path / "m"), description="", tags=[])
    assert taken.value.code == "name_taken"
    assert RegisteredModel.objects.get(name="price").versions.count() == 1


def test_a_reader_reads_but_neither_registers_nor_aliases(other, other_api, price, tmp_path):
    member(other, "default", "reader")
    for path in READS:
        assert other_api.get(path).status_code == 200, path
    listed = other_api.get("/api/models/")
    assert names(listed) == {"price"} and listed.json()["results"][0]["workspace"] == "default"
    for response in [
        other_api.put("/api/models/price/aliases/staging/", {"version": 1}, format="json"),
        other_api.delete("/api/models/price/aliases/production/"),
        other_api.patch("/api/models/price/", {"description": "x"}, format="json"),
        other_api.delete(VERSION),
    ]:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "role_too_low"
    with pytest.raises(Forbidden) as refused:
        add_version(other, "price", model_artifact(tmp_path / "m"), description="", tags=[])
    assert refused.value.code == "role_too_low"


def test_lists_span_ones_workspaces_and_a_choice_narrows_them(user, other, price, tmp_path):
    member(user, "lab")
    member(other, "lab", "reader")
    lab = add_version(
        user, "forest", model_artifact(tmp_path / "m"), description="", tags=[], workspace="lab"
    )
    assert lab.model.workspace.name == "lab"
    assert names(client_of(user).get("/api/models/")) == {"price", "forest"}
    assert names(client_of(user).get("/api/models/?workspace=lab")) == {"forest"}
    assert names(client_of(other).get("/api/models/")) == {"forest"}
    assert client_of(other).get("/api/models/price/").status_code == 404


def test_registering_a_run_output_takes_seeing_the_run_and_creating_in_the_target(
    other, other_api, builtins, tmp_path
):
    run = orchestrator.submit_run(SYSTEM, pipeline(_graph()).pk)
    finish(run, "train", outputs={"model": model_artifact(tmp_path / "m").pk})
    body = {"name": "price", "run": run.pk, "node": "train"}
    member(other, "grace-lab")
    hidden = other_api.post("/api/models/", body, format="json")
    assert hidden.status_code == 404 and hidden.json()["message"] == f"No run {run.pk}."

    member(other, "default", "reader")
    refused = client_of(other).post("/api/models/", body, format="json")
    assert refused.status_code == 403, "her default workspace, where she only reads"
    made = client_of(other).post("/api/models/", {**body, "workspace": "grace-lab"}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["workspace"] == "grace-lab" and made.json()["lineage"]["run"] == run.pk
    moved = client_of(other).post("/api/models/", {**body, "workspace": "default"}, format="json")
    assert moved.status_code == 409 and moved.json()["code"] == "other_workspace"
    reader = client_of(other).post(
        "/api/models/", {**body, "name": "cost", "workspace": "default"}, format="json"
    )
    assert reader.status_code == 403 and reader.json()["code"] == "role_too_low"


def _graph() -> dict:
    return graph([node("train", "enter_data_manually@1.0.0", {"data": "n\n1\n"})], [])


def test_a_pipeline_binds_only_models_of_its_own_workspace(price):
    lab = Workspace.objects.create(name="lab")
    with pytest.raises(NotFound) as refused:
        bind_registered_model(SYSTEM, {"name": "price"}, lab.pk)
    assert refused.value.message == "No registered model named 'price'."
    own = bind_registered_model(
        SYSTEM, {"name": "price", "version": "@production"}, price.model.workspace_id
    )
    assert own.source["version"] == 1

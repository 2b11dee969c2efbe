"""Datasets and datastores in workspaces: a workspace's members see its rows (readers read,
contributors change), everyone else hears 404 exactly as for a missing name; the built-in
datastores and the sample datasets belong to no workspace and are seen by everyone."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.datasets.models import Dataset, Datastore
from designer.datasets.services.datastores import ensure_data_datastores
from designer.datasets.services.registering import ensure_sample_datasets
from designer.runs import orchestrator
from tests.datasets.factories import (
    HOUSES_V1,
    HOUSES_V2,
    client_of,
    local_datastore,
    member,
    upload,
    uploaded,
)
from tests.datasets.test_dataset_runs import dataset_graph
from tests.pipelines.factories import pipeline
from tests.runs.factories import dataframe_artifact, finish

pytestmark = pytest.mark.django_db

SAMPLES = {"diabetes", "iris", "wine", "breast_cancer"}
VERSION = "/api/datasets/houses/versions/1/"
READS = ["/api/datasets/houses/", VERSION, f"{VERSION}preview/", f"{VERSION}download/"]


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def test_a_non_member_hears_404_for_every_part_of_a_dataset(api, other, other_api, builtins):
    uploaded(api, "houses", HOUSES_V1)
    run = orchestrator.submit_run(SYSTEM, pipeline(dataset_graph()).pk)
    assert run.pk
    member(other, "grace-lab")
    for path in [*READS, f"{VERSION}profile/", f"{VERSION}lineage/"]:
        response = other_api.get(path)
        assert response.status_code == 404, path
        missing = other_api.get(path.replace("houses", "nowhere"))
        assert response.json()["message"] == missing.json()["message"].replace(
            "nowhere", "houses"
        ), path
    assert other_api.patch("/api/datasets/houses/", {"description": "x"}).status_code == 404
    assert other_api.delete("/api/datasets/houses/").status_code == 404
    taken = upload(other_api, "houses", HOUSES_V2)
    assert taken.status_code == 409 and taken.json()["code"] == "name_taken"
    assert Dataset.objects.get(name="houses").versions.count() == 1


def test_a_reader_reads_but_neither_changes_nor_adds_versions(api, other, other_api):
    uploaded(api, "houses", HOUSES_V1)
    member(other, "default", "reader")
    for path in READS:
        assert other_api.get(path).status_code == 200, path
    assert names(other_api.get("/api/datasets/")) == {"houses"}
    for response in [
        other_api.patch("/api/datasets/houses/", {"description": "x"}, format="json"),
        other_api.delete("/api/datasets/houses/"),
        upload(other_api, "houses", HOUSES_V2),
    ]:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "role_too_low"
    refused = upload(other_api, "flats", HOUSES_V2)
    assert refused.status_code == 403, "a reader creates nothing in the workspace either"
    member(other, "default", "contributor")
    assert upload(other_api, "houses", HOUSES_V2).json()["version"] == 2


def test_samples_belong_to_no_workspace_and_are_seen_by_everyone(other_api, admin_client):
    ensure_sample_datasets()
    listed = other_api.get("/api/datasets/")
    assert names(listed) == SAMPLES
    assert {row["workspace"] for row in listed.json()["results"]} == {None}
    iris = other_api.get("/api/datasets/iris/versions/1/preview/?limit=1")
    assert iris.status_code == 200 and len(iris.json()["rows"]) == 1
    refused = other_api.patch("/api/datasets/iris/", {"tags": ["x"]}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "built_in"
    assert Dataset.objects.filter(name__in=SAMPLES, workspace=None).count() == 4
    changed = admin_client.patch(
        "/api/datasets/iris/", {"tags": ["flowers"]}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["workspace"] is None


def test_lists_span_ones_workspaces_and_the_samples_and_a_choice_narrows_them(
    api, user, other, other_api
):
    ensure_sample_datasets()
    member(user, "lab")
    member(other, "lab", "reader")
    made = uploaded(api, "houses", HOUSES_V1)
    assert made["workspace"] == "default"
    flats = uploaded(api, "flats", HOUSES_V2, workspace="lab")
    assert flats["workspace"] == "lab"
    assert Dataset.objects.get(name="flats").workspace.name == "lab"

    assert names(client_of(user).get("/api/datasets/")) == {"houses", "flats", *SAMPLES}
    assert names(other_api.get("/api/datasets/")) == {"flats", *SAMPLES}
    lab = client_of(user).get("/api/datasets/?workspace=lab")
    assert names(lab) == {"flats", *SAMPLES}
    chosen = client_of(user).get("/api/datasets/", headers={"X-Pipewright-Workspace": "default"})
    assert names(chosen) == {"houses", *SAMPLES}
    assert client_of(other).get("/api/datasets/?workspace=default").status_code == 404


def test_a_new_dataset_goes_where_its_creator_may_create(api, user):
    member(user, "lab", "reader")
    refused = upload(api, "houses", HOUSES_V1, workspace="lab")
    assert refused.status_code == 403 and refused.json()["code"] == "role_too_low"
    unknown = upload(client_of(user), "houses", HOUSES_V1, workspace="nowhere")
    assert unknown.status_code == 404
    assert not Dataset.objects.exists()
    uploaded(client_of(user), "houses", HOUSES_V1)
    elsewhere = upload(client_of(user), "houses", HOUSES_V2, workspace="lab")
    assert elsewhere.status_code == 409 and elsewhere.json()["code"] == "other_workspace"
    member(user, "lab")
    moved = upload(client_of(user), "houses", HOUSES_V2, workspace="lab")
    assert moved.status_code == 409, "a dataset's versions stay in its workspace"


def test_registering_a_run_output_takes_seeing_the_run_and_creating_in_the_target(
    api, user, other, other_api, tmp_path, builtins
):
    import pandas as pd

    run = orchestrator.submit_run(SYSTEM, pipeline(_rows_graph()).pk)
    out = dataframe_artifact(pd.DataFrame({"n": [1, 2]}), tmp_path, "rows")
    finish(run, "rows", outputs={"data": out.pk})
    body = {"name": "counted", "run": run.pk, "node": "rows", "port": "data"}
    member(other, "grace-lab")
    hidden = other_api.post("/api/datasets/", body, format="json")
    assert hidden.status_code == 404 and hidden.json()["message"] == f"No run {run.pk}."

    member(other, "default", "reader")
    into_default = other_api.post("/api/datasets/", body, format="json")
    assert into_default.status_code == 403, "her default workspace, where she only reads"
    made = client_of(other).post(
        "/api/datasets/", {**body, "workspace": "grace-lab"}, format="json"
    )
    assert made.status_code == 201, made.content
    assert made.json()["workspace"] == "grace-lab"
    refused = client_of(other).post(
        "/api/datasets/", {**body, "name": "other", "workspace": "default"}, format="json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "role_too_low"


def _rows_graph() -> dict:
    from tests.pipelines.factories import graph, node

    return graph([node("rows", "enter_data_manually@1.0.0", {"data": "n\n1\n2\n"})], [])


def test_a_datastore_belongs_to_its_creators_workspace(api, user, other, other_api, data_root):
    (data_root / "t.csv").write_bytes(HOUSES_V1)
    made = local_datastore(api, "mine", data_root)
    assert made["workspace"] == "default"
    assert Datastore.objects.get(name="mine").workspace.name == "default"
    member(other, "grace-lab")
    paths = ["/api/datastores/mine/", "/api/datastores/mine/browse/"]
    for path in [*paths, "/api/datastores/mine/preview/?path=t.csv"]:
        response = other_api.get(path)
        assert response.status_code == 404, path
        assert response.json()["message"] == "No datastore named 'mine'."
    assert other_api.patch("/api/datastores/mine/", {"description": "x"}).status_code == 404
    assert other_api.delete("/api/datastores/mine/").status_code == 404

    member(other, "default", "reader")
    assert client_of(other).get("/api/datastores/mine/browse/").status_code == 200
    refused = client_of(other).patch("/api/datastores/mine/", {"description": "x"})
    assert refused.status_code == 403 and refused.json()["code"] == "role_too_low"
    lab = local_datastore(client_of(other), "theirs", data_root, workspace="grace-lab")
    assert lab["workspace"] == "grace-lab"
    assert names(client_of(user).get("/api/datastores/")) == {"mine"}
    assert names(client_of(other).get("/api/datastores/?workspace=grace-lab")) == {"theirs"}


def test_built_in_datastores_are_seen_by_all_and_changed_by_administrators_only(
    other_api, admin_client, settings, tmp_path
):
    settings.DESIGNER_DATA_ROOTS = [str(tmp_path / "root")]
    ensure_data_datastores()
    shown = other_api.get("/api/datastores/data/")
    assert shown.status_code == 200 and shown.json()["workspace"] is None
    assert names(other_api.get("/api/datastores/")) == {"data"}
    refused = other_api.patch("/api/datastores/data/", {"description": "x"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "built_in"
    changed = admin_client.patch(
        "/api/datastores/data/", {"description": "Shared"}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["description"] == "Shared"

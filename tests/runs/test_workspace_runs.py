"""Pipelines, runs, experiments and artifacts belong to workspaces: to someone who is not a
member they do not exist (404), a reader views but neither edits nor runs (403), a contributor
runs; lists hold the user's workspaces only, `?workspace=` narrows them to one; experiment names
are per workspace, and step reuse never crosses into another workspace."""

import pandas as pd
import pytest
from rest_framework.test import APIClient

from designer.accounts.acting import SYSTEM
from designer.accounts.models import Membership, Workspace, default_workspace_id
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import Experiment, NodeRun
from tests.pipelines.factories import edge, graph, node, pipeline, post_pipeline
from tests.runs.factories import dataframe_artifact, finish

pytestmark = pytest.mark.django_db

SPLIT = graph(
    [
        node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
        node("split", "split_data@1.1.0", {"fraction": 0.7}),
    ],
    [edge("load", "data", "split", "data")],
)


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


def signed_in(username: str, password: str = "x") -> APIClient:
    """A client signed in with a session, as a browser is: every request reads its user, and
    so the user's memberships, afresh."""
    client = APIClient()
    assert client.login(username=username, password=password)
    return client


def client_of(django_user_model, username: str, workspace=None, role: str | None = None):
    """A signed-in client of a new user; a member of `workspace` (default: `default`) with
    `role` when one is given."""
    person = django_user_model.objects.create_user(username=username, password="x")
    if role is not None:
        where = workspace.pk if workspace is not None else default_workspace_id()
        Membership.objects.create(workspace_id=where, user=person, role=role)
    return signed_in(username)


@pytest.fixture
def ada(user) -> APIClient:
    """Ada (owner of `default`), signed in with a session."""
    return signed_in("ada", "lovelace")


@pytest.fixture
def lab(db) -> Workspace:
    return Workspace.objects.create(name="lab")


@pytest.fixture
def grace(django_user_model, lab) -> APIClient:
    """Owner of `lab`, a member of nothing else."""
    return client_of(django_user_model, "grace", lab, "owner")


@pytest.fixture
def reader(django_user_model) -> APIClient:
    return client_of(django_user_model, "rita", role="reader")


@pytest.fixture
def contributor(django_user_model) -> APIClient:
    return client_of(django_user_model, "carl", role="contributor")


@pytest.fixture
def ran(ada, builtins, tmp_path) -> dict:
    """Ada's pipeline in `default` and a finished run of it, whose `load` output is a stored
    artifact: {"pipeline", "run", "artifact"} ids."""
    created = post_pipeline(ada, SPLIT, "iris in default")
    submitted = ada.post(f"/api/pipelines/{created['id']}/runs/", {}, format="json")
    assert submitted.status_code == 201, submitted.content
    run = submitted.json()
    from designer.runs.models import Run

    artifact = dataframe_artifact(pd.DataFrame({"x": [1.0, 2.0]}), tmp_path)
    finish(Run.objects.get(pk=run["id"]), "load", outputs={"data": artifact.pk})
    return {"pipeline": created["id"], "run": run["id"], "artifact": artifact.pk}


def reads(ran: dict) -> list[str]:
    p, r, a = ran["pipeline"], ran["run"], ran["artifact"]
    return [
        f"/api/pipelines/{p}/",
        f"/api/pipelines/{p}/export/",
        f"/api/pipelines/{p}/versions/",
        f"/api/pipelines/{p}/versions/1/",
        f"/api/runs/{r}/",
        f"/api/runs/{r}/compare-draft/",
        f"/api/runs/{r}/nodes/load/logs/",
        f"/api/runs/{r}/nodes/load/metrics/",
        f"/api/artifacts/{a}/",
        f"/api/artifacts/{a}/preview/",
        f"/api/artifacts/{a}/profile/",
        f"/api/artifacts/{a}/download/",
    ]


def writes(client: APIClient, ran: dict) -> dict[str, int]:
    """Every change to Ada's pipeline and run tried by `client`: path → status."""
    p, r = ran["pipeline"], ran["run"]
    answers = {
        "patch pipeline": client.patch(
            f"/api/pipelines/{p}/", {"name": "mine", "revision": 1}, format="json"
        ),
        "submit": client.post(f"/api/pipelines/{p}/runs/", {}, format="json"),
        "cancel": client.post(f"/api/runs/{r}/cancel/", format="json"),
        "rerun": client.post(f"/api/runs/{r}/rerun/", {}, format="json"),
        "delete run": client.delete(f"/api/runs/{r}/"),
        "delete pipeline": client.delete(f"/api/pipelines/{p}/"),
    }
    return {name: answer.status_code for name, answer in answers.items()}


def test_a_non_member_finds_nothing_of_another_workspace(ada, grace, ran):
    for path in reads(ran):
        assert ada.get(path).status_code == 200, path
        answer = grace.get(path)
        assert answer.status_code == 404, (path, answer.content)
        assert answer.json()["code"] == "not_found"
    p, r = ran["pipeline"], ran["run"]
    for path in (f"/api/pipelines/{p}/validate/", f"/api/pipelines/{p}/schemas/"):
        assert grace.post(path, {}, format="json").status_code == 404, path
    for path in (f"/api/pipelines/{p}/clone/", f"/api/runs/{r}/open-as-pipeline/"):
        assert grace.post(path, {"workspace": "lab"}, format="json").status_code == 404, path
    assert set(writes(grace, ran).values()) == {404}
    # Nothing changed, nothing was made in `lab`.
    assert ada.get(f"/api/pipelines/{p}/").json()["name"] == "iris in default"
    assert grace.get("/api/pipelines/").json() == []
    assert grace.get("/api/runs/").json() == []
    assert grace.get("/api/experiments/").json() == []


def test_a_reader_views_but_neither_edits_nor_runs(reader, ran):
    for path in reads(ran):
        assert reader.get(path).status_code == 200, path
    refused = writes(reader, ran)
    assert set(refused.values()) == {403}, refused
    answer = reader.post(f"/api/pipelines/{ran['pipeline']}/runs/", {}, format="json")
    assert answer.json()["code"] == "role_too_low" and answer.json()["needs"] == "contributor"
    # Viewing is enough to validate; a copy needs a workspace where one may create.
    assert reader.post(f"/api/pipelines/{ran['pipeline']}/validate/", {}).status_code == 200
    assert reader.post(f"/api/pipelines/{ran['pipeline']}/clone/", {}).status_code == 403
    assert reader.post("/api/pipelines/", {"name": "x"}, format="json").status_code == 403


def test_a_contributor_runs_and_edits(contributor, ran):
    p = ran["pipeline"]
    submitted = contributor.post(f"/api/pipelines/{p}/runs/", {"experiment": "mine"}, format="json")
    assert submitted.status_code == 201, submitted.content
    assert submitted.json()["workspace"] == "default"
    saved = contributor.patch(f"/api/pipelines/{p}/", {"name": "renamed", "revision": 1})
    assert saved.status_code == 200 and saved.json()["workspace"] == "default"
    assert contributor.post(f"/api/runs/{ran['run']}/open-as-pipeline/", {}).status_code == 201


def test_lists_hold_the_users_workspaces_and_the_choice_narrows_them(ada, user, grace, ran, lab):
    Membership.objects.create(workspace=lab, user=user, role="reader")
    theirs = post_pipeline(grace, SPLIT, "iris in lab")
    assert theirs["workspace"] == "lab"
    their_run = grace.post(f"/api/pipelines/{theirs['id']}/runs/", {}, format="json").json()
    assert their_run["workspace"] == "lab"

    assert [p["name"] for p in grace.get("/api/pipelines/").json()] == ["iris in lab"]
    assert [r["id"] for r in grace.get("/api/runs/").json()] == [their_run["id"]]
    both = {p["name"]: p["workspace"] for p in ada.get("/api/pipelines/").json()}
    assert both == {"iris in default": "default", "iris in lab": "lab"}
    assert {r["id"] for r in ada.get("/api/runs/").json()} == {ran["run"], their_run["id"]}

    narrowed = ada.get("/api/pipelines/", {"workspace": "lab"}).json()
    assert [p["name"] for p in narrowed] == ["iris in lab"]
    by_header = ada.get("/api/runs/", HTTP_X_PIPEWRIGHT_WORKSPACE="default").json()
    assert [(r["id"], r["workspace"]) for r in by_header] == [(ran["run"], "default")]
    assert grace.get("/api/runs/", {"workspace": "default"}).status_code == 404


def test_new_pipelines_go_where_they_are_told_if_the_role_allows(ada, user, lab, builtins):
    made = ada.post("/api/pipelines/", {"name": "here"}, format="json").json()
    assert made["workspace"] == "default"
    assert ada.post("/api/pipelines/", {"name": "x", "workspace": "lab"}).status_code == 404
    Membership.objects.create(workspace=lab, user=user, role="reader")
    refused = ada.post("/api/pipelines/", {"name": "x", "workspace": "lab"}, format="json")
    assert refused.status_code == 403
    Membership.objects.filter(workspace=lab).update(role="contributor")
    cloned = ada.post(f"/api/pipelines/{made['id']}/clone/", {"workspace": "lab"}, format="json")
    assert cloned.status_code == 201 and cloned.json()["workspace"] == "lab"
    key = ada.get("/api/pipelines/samples/").json()[0]["key"]
    sample = ada.post(f"/api/pipelines/samples/{key}/clone/", {"workspace": "lab"}, format="json")
    assert sample.status_code == 201 and sample.json()["workspace"] == "lab"
    text = ada.get(f"/api/pipelines/{made['id']}/export/").content.decode()
    imported = ada.post("/api/pipelines/import/", {"yaml": text, "workspace": "lab"}, format="json")
    assert imported.status_code == 201 and imported.json()["workspace"] == "lab"
    moved = ada.patch(f"/api/pipelines/{made['id']}/", {"workspace": "lab", "revision": 1})
    assert moved.status_code == 400 and moved.json()["code"] == "workspace_fixed"


def test_experiment_names_are_per_workspace(ada, grace, ran):
    theirs = post_pipeline(grace, SPLIT, "iris in lab")
    mine = ada.post(
        f"/api/pipelines/{ran['pipeline']}/runs/",
        {"experiment": "baseline", "force_rerun": True},
        format="json",
    ).json()
    their_run = grace.post(
        f"/api/pipelines/{theirs['id']}/runs/", {"experiment": "baseline"}, format="json"
    ).json()
    baselines = Experiment.objects.filter(name="baseline")
    assert sorted(baselines.values_list("workspace__name", flat=True)) == ["default", "lab"]
    assert {mine["experiment"], their_run["experiment"]} == {"baseline"}
    (seen,) = [e for e in grace.get("/api/experiments/").json() if e["name"] == "baseline"]
    assert (seen["workspace"], seen["run_count"]) == ("lab", 1)
    filtered = grace.get("/api/runs/", {"experiment": "baseline"}).json()
    assert [r["id"] for r in filtered] == [their_run["id"]]


def test_a_run_in_another_workspace_reuses_nothing_of_this_one(builtins, lab, tmp_path):
    """The same pipeline in two workspaces: the second workspace's run executes its step
    although the first's identical step is there to reuse; within a workspace it is reused."""
    loader = graph([node("load", "sample_dataset@1.0.0", {"dataset": "iris"})])
    here, there = pipeline(loader, "in default"), pipeline(loader, "in lab", workspace=lab)
    first = orchestrator.submit_run(SYSTEM, here.pk)
    artifact = dataframe_artifact(pd.DataFrame({"x": [1.0]}), tmp_path)
    finish(first, "load", outputs={"data": artifact.pk})

    elsewhere = NodeRun.objects.get(run=orchestrator.submit_run(SYSTEM, there.pk))
    assert elsewhere.status == NodeStatus.QUEUED and elsewhere.reused_from is None
    assert elsewhere.reuse_info["reason"] == "first_run"
    again = NodeRun.objects.get(run=orchestrator.submit_run(SYSTEM, here.pk))
    assert again.status == NodeStatus.REUSED and again.reused_from.run_id == first.pk


def test_an_artifact_is_seen_through_what_holds_it(ada, grace, ran, lab, tmp_path):
    """The same bytes produced in two workspaces are one artifact; each workspace sees it
    through its own run, and loses it with the last of them."""
    from tests.runs.factories import output_of_a_run

    a = ran["artifact"]
    assert grace.get(f"/api/artifacts/{a}/").status_code == 404
    held = output_of_a_run(api_artifact(a), workspace=lab)
    assert grace.get(f"/api/artifacts/{a}/").status_code == 200
    held.run.deleted_at = held.run.finished_at or held.run.created_at
    held.run.save(update_fields=["deleted_at"])
    assert grace.get(f"/api/artifacts/{a}/").status_code == 404
    assert ada.get(f"/api/artifacts/{a}/").status_code == 200


def api_artifact(pk: int):
    from designer.artifacts.models import Artifact

    return Artifact.objects.get(pk=pk)


def test_a_dataset_or_model_version_shows_its_artifact_to_its_workspace(grace, lab, tmp_path):
    from designer.datasets.models import Dataset, DatasetVersion
    from designer.models.models import ModelVersion, RegisteredModel

    table = dataframe_artifact(pd.DataFrame({"x": [3.0]}), tmp_path, "table")
    model = dataframe_artifact(pd.DataFrame({"y": [4.0]}), tmp_path, "model")
    assert grace.get(f"/api/artifacts/{table.pk}/").status_code == 404
    assert grace.get(f"/api/artifacts/{model.pk}/").status_code == 404
    dataset = Dataset.objects.create(name="theirs", workspace=lab)
    DatasetVersion.objects.create(dataset=dataset, version=1, artifact=table, digest=table.digest)
    registered = RegisteredModel.objects.create(name="theirs", workspace=lab)
    ModelVersion.objects.create(model=registered, number=1, artifact=model, source="upload")
    assert grace.get(f"/api/artifacts/{table.pk}/").status_code == 200
    assert grace.get(f"/api/artifacts/{model.pk}/").status_code == 200
    # Another workspace's dataset shows nothing to grace.
    Dataset.objects.filter(pk=dataset.pk).update(workspace_id=default_workspace_id())
    assert grace.get(f"/api/artifacts/{table.pk}/").status_code == 404

"""Datasets in pipelines: a dataset node is bound to a version when its run starts, the run
records it, a pipeline parameter can pick the dataset, step reuse downstream follows the
content exactly, and a run's output can become a dataset version."""

import pandas as pd
import pytest

from designer.accounts.acting import SYSTEM
from designer.accounts.models import Workspace
from designer.datasets.models import Dataset
from designer.datasets.services.datasets import bind_dataset, runs_reading
from designer.datasets.services.registering import ensure_sample_datasets
from designer.errors import NotFound
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, Run
from tests.datasets.factories import HOUSES_V1, HOUSES_V2, member, uploaded
from tests.pipelines.factories import edge, graph, node, pipeline
from tests.runs.factories import artifact, dataframe_artifact, finish

pytestmark = pytest.mark.django_db

FLATS = b"rooms,price\n1,80\n2,95\n"


def dataset_graph(name="houses", version="latest") -> dict:
    """A dataset node feeding Remove Duplicate Rows."""
    return graph(
        [
            node("data", "dataset@1.0.0", {"name": name, "version": version}),
            node("dedup", "remove_duplicate_rows@1.0.0"),
        ],
        [edge("data", "data", "dedup", "data")],
    )


def bound(run: Run, node_id: str = "data") -> NodeRun:
    return NodeRun.objects.get(run=run, node_id=node_id)


def houses_workspace() -> int:
    return Dataset.objects.get(name="houses").workspace_id


def finish_dedup(run: Run, folder) -> int:
    """Finish the downstream node as a worker would, with a real stored output."""
    out = dataframe_artifact(pd.DataFrame({"n": [run.pk]}), folder, f"dedup-{run.pk}")
    finish(run, "dedup", outputs={"data": out.pk})
    return out.pk


@pytest.fixture
def houses(api, builtins):
    return uploaded(api, "houses", HOUSES_V1)


def test_a_run_using_latest_records_the_version_it_used(api, houses):
    owner = pipeline(dataset_graph())
    first = orchestrator.submit_run(SYSTEM, owner.pk)
    data = bound(first)
    assert data.status == NodeStatus.COMPLETED
    assert data.source == {
        "kind": "dataset",
        "name": "houses",
        "version": 1,
        "digest": houses["digest"],
    }
    assert data.params["version"] == "1" and data.outputs == {"data": houses["artifact"]}
    assert bound(first, "dedup").inputs == {"data": houses["artifact"]}

    uploaded(api, "houses", HOUSES_V2)
    second = orchestrator.submit_run(SYSTEM, owner.pk)
    assert bound(second).source["version"] == 2
    shown = api.get(f"/api/runs/{first.pk}/").json()
    assert next(n for n in shown["nodes"] if n["node"] == "data")["source"]["version"] == 1


def test_a_numbered_version_and_a_rerun_keep_their_version(api, houses):
    uploaded(api, "houses", HOUSES_V2)
    pinned = orchestrator.submit_run(SYSTEM, pipeline(dataset_graph(version="1")).pk)
    assert bound(pinned).source["version"] == 1
    latest = orchestrator.submit_run(SYSTEM, pipeline(dataset_graph(), "latest").pk)
    orchestrator.cancel_run(SYSTEM, latest.pk)
    uploaded(api, "houses", FLATS)  # version 3
    again = orchestrator.rerun(SYSTEM, latest.pk, failed_only=False)
    assert bound(again).source["version"] == 2, "a rerun reads what its run read"


@pytest.mark.parametrize(
    ("name", "version", "words"),
    [("nowhere", "latest", "No dataset named 'nowhere'"), ("houses", "7", "no version 7")],
)
def test_an_unknown_dataset_or_version_refuses_the_run_naming_the_node(
    api, houses, name, version, words
):
    owner = pipeline(dataset_graph(name, version))
    response = api.post(f"/api/pipelines/{owner.pk}/runs/", {}, format="json")
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert error["node"] == "data" and words in error["message"]
    assert not Run.objects.exists()


def test_a_dataset_of_another_workspace_answers_their_runs_as_a_missing_one(
    other, other_api, houses
):
    """Grace's pipeline, in her own workspace, names Ada's dataset: the run is refused as it
    is for a name nobody has, a graph error on the node."""
    own = pipeline(dataset_graph(), workspace=member(other, "grace-lab"))
    missing = pipeline(dataset_graph("nowhere"), workspace=own.workspace)
    answers = [
        other_api.post(f"/api/pipelines/{p.pk}/runs/", {}, format="json") for p in (own, missing)
    ]
    assert [a.status_code for a in answers] == [400, 400]
    taken, unknown = (a.json()["errors"][0] for a in answers)
    assert taken["message"] == unknown["message"].replace("nowhere", "houses")
    assert taken["code"] == unknown["code"] == "not_found"
    assert not Run.objects.exists()


def test_a_pipeline_binds_only_datasets_of_its_own_workspace_and_the_samples(api, houses):
    """Whoever starts the run, even one who may read both workspaces, a pipeline of `lab`
    binds `lab`'s datasets and the samples, not `default`'s."""
    lab = Workspace.objects.create(name="lab")
    with pytest.raises(NotFound) as refused:
        bind_dataset(SYSTEM, {"name": "houses"}, lab.pk)
    assert refused.value.message == "No dataset named 'houses'."
    assert bind_dataset(SYSTEM, {"name": "houses"}, houses_workspace()).source["version"] == 1
    ensure_sample_datasets()
    assert bind_dataset(SYSTEM, {"name": "iris"}, lab.pk).source["name"] == "iris"


def test_a_pipeline_parameter_picks_the_dataset_of_each_run(api, houses, tmp_path):
    flats = uploaded(api, "flats", FLATS)
    drawn = dataset_graph(name={"$param": "dataset"})
    owner = pipeline(drawn, parameters={"dataset": {"type": "string", "default": "houses"}})
    by_default = orchestrator.submit_run(SYSTEM, owner.pk)
    chosen = orchestrator.submit_run(SYSTEM, owner.pk, parameters={"dataset": "flats"})
    assert bound(by_default).source["name"] == "houses"
    assert bound(chosen).source["name"] == "flats"
    assert bound(chosen).outputs == {"data": flats["artifact"]}
    assert bound(by_default, "dedup").inputs != bound(chosen, "dedup").inputs


def test_downstream_reuse_follows_the_datasets_content(api, houses, tmp_path):
    owner = pipeline(dataset_graph())
    first = orchestrator.submit_run(SYSTEM, owner.pk)
    output = finish_dedup(first, tmp_path)

    unchanged = orchestrator.submit_run(SYSTEM, owner.pk)
    dedup = bound(unchanged, "dedup")
    assert dedup.status == NodeStatus.REUSED and dedup.outputs == {"data": output}

    uploaded(api, "houses", HOUSES_V2)
    changed = orchestrator.submit_run(SYSTEM, owner.pk)
    assert bound(changed, "dedup").status == NodeStatus.QUEUED, "new content: no reuse"

    assert list(runs_reading(SYSTEM, "houses", 1)) == [unchanged, first]
    assert list(runs_reading(SYSTEM, "houses", 2)) == [changed]


def test_a_run_output_becomes_a_dataset_version(api, houses, tmp_path):
    run = orchestrator.submit_run(SYSTEM, pipeline(dataset_graph()).pk)
    body = {"name": "cleaned", "run": run.pk, "node": "dedup", "port": "data"}
    early = api.post("/api/datasets/", body, format="json")
    assert early.status_code == 400 and early.json()["code"] == "no_output"

    output = finish_dedup(run, tmp_path)
    response = api.post("/api/datasets/", {**body, "description": "Deduplicated"}, format="json")
    assert response.status_code == 201, response.content
    version = response.json()
    assert version["artifact"] == output and version["version"] == 1
    assert version["source"] == {
        "kind": "run",
        "run": run.pk,
        "pipeline": run.pipeline_id,
        "node": "dedup",
        "port": "data",
    }
    wrong_port = api.post("/api/datasets/", {**body, "port": "model"}, format="json")
    assert wrong_port.status_code == 400 and "its outputs: data" in wrong_port.json()["message"]
    no_node = api.post("/api/datasets/", {**body, "node": "ghost"}, format="json")
    assert no_node.status_code == 404


def test_only_a_dataframe_output_becomes_a_dataset(api, houses):
    run = orchestrator.submit_run(SYSTEM, pipeline(dataset_graph()).pk)
    finish(run, "dedup", outputs={"data": artifact(kind="model").pk})
    body = {"name": "model", "run": run.pk, "node": "dedup", "port": "data"}
    response = api.post("/api/datasets/", body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "not_a_dataframe"


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x"},
        {"name": "x", "datastore": "data"},
        {"name": "x", "datastore": "data", "path": "a.csv", "run": 1},
        {"name": "x", "run": 1, "node": "a"},
    ],
)
def test_a_registration_names_exactly_one_source(api, body):
    response = api.post("/api/datasets/", body, format="json")
    assert response.status_code == 400, response.content

"""What the submit dialog sends: experiment (an existing one or a new name), description, tags,
parameter values checked against the node parameters bound to them, force re-run and continue
on failure; and the pipeline's default compute for nodes that name none."""

import pytest

from designer.compute.models import ComputeTarget
from designer.runs.models import Experiment, NodeRun
from tests.pipelines.factories import edge, graph, node, post_pipeline

pytestmark = pytest.mark.django_db

SPLIT = graph(
    [
        node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
        node("split", "split_data@1.1.0", {"fraction": {"$param": "fraction"}}),
    ],
    [edge("load", "data", "split", "data")],
)
FRACTION = {"fraction": {"type": "number", "default": 0.7}}


def submit(api, pipeline_id, body):
    return api.post(f"/api/pipelines/{pipeline_id}/runs/", body, format="json")


def test_a_run_keeps_its_experiment_description_tags_and_switches(api, builtins):
    pipeline = post_pipeline(api, SPLIT, name="iris split", parameters=FRACTION)
    body = {
        "experiment": "  tuning  ",
        "description": " Trying a smaller training share ",
        "tags": ["baseline", " iris ", "", "baseline"],
        "parameters": {"fraction": 0.5},
        "force_rerun": True,
        "continue_on_failure": True,
    }
    response = submit(api, pipeline["id"], body)
    assert response.status_code == 201, response.content
    run = api.get(f"/api/runs/{response.json()['id']}/").json()
    assert run["experiment"] == "tuning"
    assert run["description"] == "Trying a smaller training share"
    assert run["tags"] == ["baseline", "iris"]
    assert run["parameters"] == {"fraction": 0.5}
    assert (run["force_rerun"], run["continue_on_failure"]) == (True, True)
    listed = api.get("/api/runs/", {"experiment": "tuning"}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(row["id"], row["tags"]) for row in rows] == [(run["id"], ["baseline", "iris"])]


def test_an_existing_experiment_is_reused_and_empty_means_the_pipeline_name(api, builtins):
    pipeline = post_pipeline(api, SPLIT, name="iris split", parameters=FRACTION)
    first = submit(api, pipeline["id"], {"experiment": "shared"}).json()
    second = submit(api, pipeline["id"], {"experiment": "shared", "force_rerun": True}).json()
    plain = submit(api, pipeline["id"], {"experiment": "", "force_rerun": True}).json()
    assert first["experiment"] == second["experiment"] == "shared"
    assert Experiment.objects.filter(name="shared").count() == 1
    assert plain["experiment"] == "iris split"
    assert (plain["description"], plain["tags"]) == ("", [])


@pytest.mark.parametrize(
    ("value", "words"),
    [(1.7, "fraction must be between 0 and 1, got 1.7"), (-0.1, "between 0 and 1, got -0.1")],
)
def test_a_value_out_of_a_bound_node_parameters_range_is_refused(api, builtins, value, words):
    pipeline = post_pipeline(api, SPLIT, parameters=FRACTION)
    response = submit(api, pipeline["id"], {"parameters": {"fraction": value}})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_pipeline"
    (error,) = body["errors"]
    assert (error["code"], error["node"], error["param"]) == ("invalid_param", "split", "fraction")
    assert "split.fraction is bound to 'fraction'" in error["message"]
    assert words in error["message"]
    assert not NodeRun.objects.exists()


def test_a_run_value_that_makes_another_parameter_required_is_refused(api, builtins):
    drawn = graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("split", "split_data@1.1.0", {"mode": {"$param": "mode"}}),
        ],
        [edge("load", "data", "split", "data")],
    )
    mode = {"mode": {"type": "string", "default": "random"}}
    pipeline = post_pipeline(api, drawn, parameters=mode)
    response = submit(api, pipeline["id"], {"parameters": {"mode": "stratified"}})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["code"], error["param"]) == ("required_param", "stratify")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"tags": "one"}, "tags"),
        ({"tags": ["x" * 51]}, "tags"),
        ({"tags": [f"t{n}" for n in range(21)]}, "tags"),
        ({"description": "x" * 2001}, "description"),
        ({"experiment": "x" * 201}, "experiment"),
    ],
)
def test_malformed_options_get_a_clear_400(api, builtins, body, field):
    pipeline = post_pipeline(api, SPLIT, parameters=FRACTION)
    response = submit(api, pipeline["id"], body)
    assert response.status_code == 400
    assert field in str(response.json())
    assert not NodeRun.objects.exists()


def test_a_node_without_compute_runs_on_the_pipelines_default(api, builtins):
    ComputeTarget.objects.create(name="big-box")
    drawn = graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            {**node("split", "split_data@1.1.0"), "compute": "default"},
        ],
        [edge("load", "data", "split", "data")],
    )
    pipeline = post_pipeline(api, drawn, default_compute="big-box")
    run = submit(api, pipeline["id"], {}).json()
    computes = {n["node"]: n["compute"] for n in run["nodes"]}
    assert computes == {"load": "big-box", "split": "default"}
    queued = NodeRun.objects.get(run_id=run["id"], node_id="load")
    assert queued.compute == "big-box"


def test_a_default_compute_that_does_not_exist_is_refused_at_submit(api, builtins):
    pipeline = post_pipeline(api, SPLIT, parameters=FRACTION, default_compute="nowhere")
    response = submit(api, pipeline["id"], {})
    assert response.status_code == 400
    assert "nowhere" in response.json()["message"] + str(response.json()["errors"])

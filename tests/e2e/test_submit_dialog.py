"""Submitting a run in a real browser: the dialog's experiment, description, tags and switches
reach the run and its header; a parameter value that does not fit the step it feeds is refused
inline with the inspector's check; validation catches a stratified split without a column;
node retries and timeout, the pipeline's default compute, and the GPU hint."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.pipelines.factories import edge
from tests.support.live import create_pipeline

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def node(node_id, component, x=0, y=0, params=None, **extra):
    return {
        "id": node_id,
        "component": component,
        "params": params or {},
        "position": {"x": x, "y": y},
        **extra,
    }


@pytest.fixture
def api(server):
    with server.client() as client:
        yield client


def split_pipeline(api, name, split_params, parameters=None):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", 0, 0, {"dataset": "iris"}),
            node("split", "split_data@1.1.0", 320, 0, split_params),
        ],
        "edges": [edge("load", "data", "split", "data")],
    }
    return create_pipeline(api, name, graph, parameters)


def open_designer(page, pipeline_id):
    sign_in(page)
    page.goto(f"/pipelines/{pipeline_id}")
    expect(page.get_by_test_id("node-split")).to_be_visible()


def runs_of(api, pipeline_id):
    body = api.get("/api/runs/", params={"pipeline": pipeline_id}).json()
    return body["results"] if isinstance(body, dict) else body


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def test_submit_refuses_a_fraction_out_of_range_then_runs_with_experiment_and_tags(page, api):
    created = split_pipeline(
        api,
        "e2e submit dialog",
        {"fraction": {"$param": "fraction"}},
        {"fraction": {"type": "number", "default": 0.7, "description": "Training share"}},
    )
    api.post(f"/api/pipelines/{created['id']}/runs/", json={"experiment": "iris tuning"})
    open_designer(page, created["id"])

    page.get_by_role("button", name="Submit", exact=True).click()
    dialog = page.get_by_role("dialog", name="Submit a run")
    # The dialog gives a pipeline parameter the check of the node field it feeds.
    dialog.get_by_test_id("submit-param-fraction").fill("1.7")
    problem = dialog.get_by_test_id("submit-problem-fraction")
    expect(problem).to_have_text("split.fraction: Must be at most 1")
    dialog.get_by_test_id("submit-experiment").fill("iris tuning")
    expect(dialog.get_by_text("An existing experiment.")).to_be_visible()
    dialog.get_by_test_id("submit-description").fill("Smaller training share")
    dialog.get_by_test_id("submit-tags").fill("baseline, iris, baseline")
    dialog.get_by_test_id("submit-continue-on-failure").check()
    dialog.get_by_role("button", name="Submit run").click()
    expect(dialog.get_by_test_id("submit-refused")).to_contain_text("One value does not fit")
    screenshot(page, "submit-dialog-refused.png")
    assert len(runs_of(api, created["id"])) == 1  # only the one submitted over the API

    dialog.get_by_test_id("submit-param-fraction").fill("0.6")
    expect(problem).to_have_count(0)
    dialog.get_by_role("button", name="Submit run").click()
    expect(page.get_by_test_id("designer-run-overlay")).to_be_visible()
    newest = runs_of(api, created["id"])[0]
    run = api.get(f"/api/runs/{newest['id']}/").json()
    assert run["experiment"] == "iris tuning"
    assert (run["description"], run["tags"]) == ("Smaller training share", ["baseline", "iris"])
    assert run["parameters"] == {"fraction": 0.6}
    assert (run["continue_on_failure"], run["force_rerun"]) == (True, False)

    # The run header says what the run was given.
    page.goto(f"/runs/{run['id']}")
    expect(page.get_by_test_id("run-description")).to_have_text("Smaller training share")
    expect(page.get_by_test_id("run-tags")).to_have_text(re.compile("baseline.*iris"))
    expect(page.get_by_test_id("run-parameter-fraction")).to_contain_text("0.6")
    expect(page.get_by_test_id("run-status")).to_have_text(
        re.compile("completed|failed"), timeout=90_000
    )
    screenshot(page, "run-header.png")


def test_the_node_field_refuses_the_same_value_inline(page, api):
    created = split_pipeline(api, "e2e inspector fraction", {})
    open_designer(page, created["id"])
    page.get_by_test_id("node-split").click()
    page.get_by_test_id("param-fraction").fill("1.7")
    expect(page.get_by_text("Must be at most 1")).to_be_visible()


def test_validate_catches_stratified_without_a_column_before_any_run(page, api):
    created = split_pipeline(api, "e2e stratified", {"mode": "stratified"})
    open_designer(page, created["id"])
    page.get_by_role("button", name="Validate").click()
    issues = page.get_by_test_id("issues-list")
    expect(issues).to_contain_text("split.stratify needs a value when mode is 'stratified'")
    assert runs_of(api, created["id"]) == []
    # Naming the column makes it valid.
    page.get_by_test_id("issue-focus-split").click()
    page.get_by_test_id("param-stratify").select_option("target")
    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_text("Pipeline is valid")).to_be_visible(timeout=30_000)


def test_node_retries_and_timeout_and_the_pipelines_default_compute(page, api):
    api.post("/api/compute/", json={"name": "gpu-box", "resources": {"gpus": 1}})
    created = split_pipeline(api, "e2e node settings", {})
    open_designer(page, created["id"])
    page.get_by_test_id("node-split").click()

    retries = page.get_by_test_id("node-max_retries")
    retries.fill("11")
    expect(page.get_by_test_id("node-max_retries-error")).to_have_text("Must be at most 10")
    retries.fill("2")
    expect(page.get_by_test_id("node-max_retries-error")).to_have_count(0)
    page.get_by_test_id("node-timeout").fill("0")
    expect(page.get_by_test_id("node-timeout-error")).to_have_text("Must be at least 1")
    page.get_by_test_id("node-timeout").fill("900")

    page.get_by_role("tab", name="Pipeline", exact=True).click()
    page.get_by_test_id("pipeline-default-compute").select_option("gpu-box")
    expect(page.get_by_test_id("save-state")).to_have_text("Saved", timeout=30_000)
    saved = api.get(f"/api/pipelines/{created['id']}/").json()
    assert saved["default_compute"] == "gpu-box"
    split = next(n for n in saved["graph"]["nodes"] if n["id"] == "split")
    assert (split["max_retries"], split["timeout"]) == (2, 900)

    # The embedded worker serves every target and has no GPU: the settings say so.
    hint = page.get_by_test_id("pipeline-settings").get_by_role("note")
    expect(hint).to_contain_text("'gpu-box' declares 1 GPU, but no worker serving it has a GPU")
    page.goto("/compute")
    expect(page.get_by_test_id("compute-hint-gpu-box")).to_contain_text("steps run on CPU")


def test_compare_shows_a_binding_as_its_name_and_value_and_counts_as_whole_numbers(page, api):
    created = split_pipeline(api, "e2e compare binding", {"fraction": 0.5})
    first = api.post(f"/api/pipelines/{created['id']}/runs/", json={}).json()
    # The next version binds the fraction to a pipeline parameter.
    bound = api.get(f"/api/pipelines/{created['id']}/").json()
    bound["graph"]["nodes"][1]["params"] = {"fraction": {"$param": "share"}}
    body = {
        "graph": bound["graph"],
        "parameters": {"share": {"type": "number", "default": 0.7, "description": ""}},
        "revision": bound["revision"],
    }
    assert api.patch(f"/api/pipelines/{created['id']}/", json=body).status_code == 200
    second = api.post(
        f"/api/pipelines/{created['id']}/runs/", json={"parameters": {"share": 0.6}}
    ).json()

    sign_in(page)
    page.goto(f"/runs/compare?ids={first['id']},{second['id']}")
    graph = page.get_by_test_id("compare-graph")
    expect(graph).to_contain_text("fraction: 0.5 → = share (0.6)")
    expect(graph).not_to_contain_text("$param")

    # A count metric reads as a whole number in the node panel (it is stored as a float).
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", 0, 0, {"dataset": "iris"}),
            node("dedupe", "remove_duplicate_rows@1.0.0", 320, 0),
        ],
        "edges": [edge("load", "data", "dedupe", "data")],
    }
    counted = create_pipeline(api, "e2e count metric", graph)
    run = api.post(f"/api/pipelines/{counted['id']}/runs/", json={}).json()
    page.goto(f"/runs/{run['id']}?node=dedupe")
    expect(page.get_by_test_id("run-status")).to_have_text("completed", timeout=90_000)
    page.get_by_role("tab", name="Metrics").click()
    expect(page.get_by_test_id("metric-removed_rows")).to_have_text(
        re.compile(r"^removed_rows\d+$")
    )

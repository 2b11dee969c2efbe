"""Evaluate Model's charts in a real browser: the ROC curve and the threshold slider that
recomputes the confusion matrix, a regression's residuals, and ROC curves overlaid in compare.

The pipelines are the shipped samples, run for real; what the tests check is read off the page.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import ROOT, create_pipeline, wait_for_run

SAMPLES = ROOT / "designer" / "pipelines" / "samples"


def sample(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.json").read_text())


@pytest.fixture(scope="module")
def api(server):
    with server.client() as client:
        yield client


def run_sample(api, name: str, parameters: dict | None = None, graph: dict | None = None) -> int:
    pipeline_sample = sample(name)
    pipeline = create_pipeline(
        api,
        f"e2e charts {name}",
        graph or pipeline_sample["graph"],
        pipeline_sample["parameters"],
    )
    response = api.post(
        f"/api/pipelines/{pipeline['id']}/runs/",
        json={"force_rerun": True, "parameters": parameters or {}},
    )
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert wait_for_run(api, run_id, timeout=300)["status"] == "completed"
    return run_id


def open_evaluate(page, run_id: int) -> None:
    sign_in(page)
    page.goto(f"/runs/{run_id}")
    page.get_by_test_id("run-node-evaluate").click()
    # An Evaluate Model node opens on its charts.
    expect(page.get_by_role("tab", name="Evaluation")).to_have_attribute("aria-selected", "true")


def confusion_counts(page) -> dict[str, int]:
    """TP, FN, FP, TN as the confusion matrix at the threshold shows them."""
    cells = {"tp": "0-0", "fn": "0-1", "fp": "1-0", "tn": "1-1"}
    return {
        name: int(page.get_by_test_id(f"confusion-{cell}").get_attribute("data-count"))
        for name, cell in cells.items()
    }


def test_roc_curve_and_threshold_slider_recompute_the_confusion_matrix(page, api):
    run_id = run_sample(api, "breast_cancer_binary")
    open_evaluate(page, run_id)

    roc = page.get_by_test_id("chart-roc")
    expect(roc).to_be_visible()
    # The curve is drawn: a solid line of several steps, next to the dashed chance line.
    curve = roc.locator("svg path[stroke-width='2']")
    expect(curve).to_have_count(1)
    assert len(re.findall(r"L", curve.get_attribute("d") or "")) >= 3
    expect(roc.locator("svg path[stroke-dasharray]")).to_have_count(1)
    expect(page.get_by_test_id("chart-pr")).to_be_visible()
    expect(page.get_by_test_id("chart-gains")).to_be_visible()

    expect(page.get_by_test_id("threshold-value")).to_have_text("0.5")
    before = confusion_counts(page)
    rows = sum(before.values())
    assert before["tp"] > 0 and before["tn"] > 0

    # Threshold 0: every row is called positive, so nothing is a negative call.
    slider = page.get_by_test_id("threshold-slider")
    slider.focus()
    slider.press("Home")
    expect(page.get_by_test_id("threshold-value")).to_have_text("0")
    expect(page.get_by_test_id("confusion-1-1")).to_have_attribute("data-count", "0")
    after = confusion_counts(page)
    assert after != before
    assert after["fn"] == 0 and after["tn"] == 0 and sum(after.values()) == rows
    assert after["tp"] == before["tp"] + before["fn"]
    expect(page.get_by_test_id("threshold-metric-recall")).to_contain_text("1")
    positives = after["tp"] / rows
    expect(page.get_by_test_id("threshold-metric-precision")).to_contain_text(
        f"{positives:.4g}"[:5]
    )

    # The second model of the sample has its own curves.
    page.get_by_role("button", name="scored_2").click()
    expect(page.get_by_test_id("chart-roc")).to_be_visible()
    expect(page.get_by_test_id("threshold-value")).to_have_text("0.5")


def test_regression_shows_residuals_and_predicted_against_actual(page, api):
    graph = sample("diabetes_regression")["graph"]
    for node in graph["nodes"]:
        if node["id"] == "evaluate":
            node["component"] = "evaluate_model@1.1.0"
    run_id = run_sample(api, "diabetes_regression", graph=graph)
    open_evaluate(page, run_id)

    residuals = page.get_by_test_id("chart-residuals")
    expect(residuals).to_be_visible()
    # A point per test row (30 % of the 442 diabetes rows).
    points = residuals.locator("svg circle")
    expect(points.nth(100)).to_be_attached()
    assert points.count() >= 130
    expect(page.get_by_test_id("chart-predicted-actual")).to_be_visible()
    expect(page.get_by_test_id("chart-residual-histogram")).to_be_visible()

    # The data table alternative lists the points.
    residuals.get_by_text("Data table").click()
    expect(residuals.locator("table tbody tr").nth(100)).to_be_attached()


def test_compare_overlays_the_roc_curves_of_two_runs(page, api):
    ids = [run_sample(api, "breast_cancer_binary", {"seed": seed}) for seed in (1, 2)]
    sign_in(page)
    page.goto(f"/runs/compare?ids={ids[0]},{ids[1]}")
    roc = page.get_by_test_id("compare-roc-evaluate")
    expect(roc).to_be_visible()
    legend = roc.locator(".chart-legend li")
    # Two runs, each evaluating two models: four curves, named by run.
    expect(legend).to_have_count(4)
    for run_id in ids:
        expect(legend.filter(has_text=f"#{run_id} scored_2")).to_have_count(1)
    expect(roc.locator("svg path[stroke-width='2']")).to_have_count(4)

"""Real-time inference in a real browser: from a finished training run of the diabetes sample,
derive the inference pipeline (the change shown as a graph diff first), save it, deploy it and
score rows in the "Try it" panel; a refused row names its column there and in the failure log.
And a token made for one real-time endpoint scores it and may do nothing else.

The training run is started through the REST API; everything checked is read off the page.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import create_pipeline, sample_graph, wait_for_run

# Waits on visible states only; generous, since the machine may be busy with other tests. A
# deployment starts a scoring process (importing pandas and scikit-learn) before it answers.
SLOW = 90_000
COLUMNS = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
# The diabetes dataset's first row, without its target.
ROW = dict(
    zip(
        COLUMNS,
        [0.038, 0.0507, 0.0617, 0.0219, -0.0442, -0.0348, -0.0434, -0.0026, 0.0199, -0.0176],
        strict=True,
    )
)


@pytest.fixture(scope="module")
def api(server):
    with server.client() as client:
        yield client


@pytest.fixture(scope="module")
def training_run(api) -> dict:
    """One completed run of the diabetes sample, shared by the tests of this module."""
    sample = sample_graph()
    pipeline = create_pipeline(api, "Diabetes e2e", sample["graph"], sample["parameters"])
    response = api.post(f"/api/pipelines/{pipeline['id']}/runs/", json={})
    assert response.status_code == 201, response.text
    run = wait_for_run(api, response.json()["id"], timeout=300)
    assert run["status"] == "completed", run
    return run


def prediction_text(value: float) -> str:
    """A prediction as the try-it panel shows it: six significant digits."""
    return f"{float(f'{value:.6g}')}"


def test_from_a_finished_run_to_predictions(page, api, training_run):
    sign_in(page)
    page.goto(f"/runs/{training_run['id']}")
    expect(page.get_by_test_id("run-status")).to_have_text("completed")
    page.get_by_role("button", name="Create inference pipeline").click()

    # The change is shown before anything is saved.
    dialog = page.get_by_test_id("inference-dialog")
    entry = dialog.get_by_test_id("diff-node-web_service_input")
    expect(entry).to_have_attribute("data-mark", "replaced", timeout=SLOW)
    expect(entry).to_contain_text("for load")
    expect(dialog.get_by_test_id("diff-node-train_model")).to_contain_text("for train")
    expect(dialog.get_by_test_id("diff-node-score")).to_have_attribute("data-mark", "kept")
    expect(dialog.get_by_test_id("diff-node-web_service_output")).to_have_attribute(
        "data-mark", "added"
    )
    removed = dialog.get_by_test_id("inference-diff-removed")
    for node in ("split", "learner", "evaluate"):
        expect(removed).to_contain_text(node)
    schema = dialog.get_by_test_id("inference-input-schema")
    expect(schema).to_contain_text("bmi")
    expect(schema).not_to_contain_text("target")
    names = {p["name"] for p in api.get("/api/pipelines/").json()}
    assert "Diabetes online" not in names

    dialog.get_by_label("Name").fill("Diabetes online")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_test_id("inference-saved")).to_contain_text(
        "Saved Diabetes online", timeout=SLOW
    )
    expect(dialog.get_by_role("link", name="Open in designer")).to_have_attribute(
        "href", re.compile(r"^/pipelines/\d+$")
    )

    dialog.get_by_role("button", name="Deploy").click()
    dialog.get_by_label("Endpoint name").fill("diabetes-online")
    dialog.get_by_role("form", name="Deploy").get_by_role("button", name="Deploy").click()
    result = dialog.get_by_test_id("deploy-result")
    expect(result).to_contain_text("/api/inference/diabetes-online/score", timeout=SLOW)
    result.get_by_role("link", name="Open endpoint diabetes-online").click()

    expect(page).to_have_url(re.compile(r"/inference/diabetes-online$"))
    blue = page.get_by_test_id("deployment-row-blue")
    expect(blue).to_contain_text("100%")
    expect(blue).to_contain_text(f"run #{training_run['id']} · train.model")
    expect(page.get_by_test_id("sample-curl")).to_contain_text("inference/diabetes-online/score")

    # Try it: the sample request (a row of zeros) first, then a real row.
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("try-deployment")).to_have_text("blue", timeout=SLOW)
    page.get_by_label("Request body").fill(json.dumps({"rows": [ROW]}))
    page.get_by_role("button", name="Send").click()
    scored = api.post("/api/inference/diabetes-online/score", json={"rows": [ROW]})
    assert scored.status_code == 200, scored.text
    expected = prediction_text(scored.json()["predictions"][0])
    expect(page.get_by_test_id("try-prediction-0")).to_have_text(expected, timeout=SLOW)

    # A row without bmi is refused, naming the column; the failure log lists the names sent.
    page.get_by_label("Request body").fill(
        json.dumps({"rows": [{k: v for k, v in ROW.items() if k != "bmi"}]})
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("try-error")).to_contain_text("bmi", timeout=SLOW)
    expect(page.get_by_test_id("schema-column-bmi")).to_have_class(re.compile("flagged-row"))
    failure = page.get_by_test_id("failures-log").locator("[data-testid^='failure-']").first
    expect(failure).to_contain_text("missing_column", timeout=SLOW)
    expect(failure).to_contain_text("s6")
    expect(failure).not_to_contain_text(str(ROW["age"]))

    # The stats count the tries (written and read again every few seconds).
    expect(page.get_by_test_id("stats-count")).to_have_text(re.compile(r"^[1-9]\d*$"), timeout=SLOW)
    expect(page.get_by_test_id("stats-deployment-blue")).to_contain_text("Diabetes online")


def test_a_token_for_one_endpoint_scores_it_only(page, api, training_run):
    derived = api.post(
        f"/api/runs/{training_run['id']}/inference-pipeline/",
        json={"kind": "realtime", "name": "Diabetes for tokens"},
    )
    assert derived.status_code == 201, derived.text
    pipeline = derived.json()["pipeline"]["id"]
    created = api.post(
        "/api/inference/",
        json={"name": "diabetes-tokens", "deployments": [{"name": "blue", "pipeline": pipeline}]},
        timeout=SLOW / 1000,
    )
    assert created.status_code == 201, created.text

    sign_in(page)
    page.goto("/inference/diabetes-tokens")
    page.get_by_test_id("sample-request").get_by_role("link", name="API token").click()
    form = page.get_by_role("form", name="New API token")
    expect(form.get_by_label("Real-time endpoint", exact=True)).to_have_value("diabetes-tokens")
    form.get_by_label("Name").fill("scorer")
    form.get_by_role("button", name="Create token").click()
    secret = page.get_by_test_id("new-token").locator("pre").inner_text(timeout=SLOW).strip()
    expect(page.get_by_test_id("token-row-scorer")).to_contain_text(
        "score real-time endpoint diabetes-tokens"
    )

    headers = {"Authorization": f"Token {secret}"}
    scored = api.post("/api/inference/diabetes-tokens/score", json={"rows": [ROW]}, headers=headers)
    assert scored.status_code == 200, scored.text
    assert scored.json()["deployment"] == "blue"
    assert api.get("/api/runs/", headers=headers).status_code == 403

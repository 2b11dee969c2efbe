"""Picking up from a run in a real browser: a finished run opened as a new pipeline, a parameter
changed, the new pipeline run to the end; and a run compared with the draft as it changes.

Preconditions (cloning the diabetes sample, running it, editing a draft) go through the REST API;
what the tests check is read off the page.
"""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import wait_for_run

FINAL = re.compile(r"^(completed|failed|canceled)$")
RUN_TIMEOUT = 600


def diabetes_run(api, name: str, **submit) -> tuple[dict, dict]:
    """A copy of the diabetes sample named `name`, and a run of it submitted with `submit`."""
    cloned = api.post("/api/pipelines/samples/diabetes_regression/clone/", json={"name": name})
    assert cloned.status_code == 201, cloned.text
    pipeline = cloned.json()
    run = api.post(f"/api/pipelines/{pipeline['id']}/runs/", json=submit)
    assert run.status_code == 201, run.text
    return pipeline, run.json()


def test_a_finished_run_opens_as_a_new_pipeline_that_runs_with_a_changed_parameter(page, server):
    with server.client() as api:
        original, run = diabetes_run(api, "e2e picked up", parameters={"seed": 3})
        assert wait_for_run(api, run["id"], RUN_TIMEOUT)["status"] == "completed"

    sign_in(page)
    page.goto(f"/runs/{run['id']}")
    expect(page.get_by_test_id("run-status")).to_have_text("completed")
    page.get_by_role("button", name="Open as new pipeline").click()

    expect(page).to_have_url(re.compile(r"/pipelines/\d+$"))
    opened = int(page.url.rsplit("/", 1)[1])
    assert opened != original["id"]
    expect(page.get_by_test_id("node-split")).to_be_visible()
    page.get_by_test_id("node-split").click()
    fraction = page.get_by_test_id("param-fraction")
    expect(fraction).to_have_value("0.7")
    fraction.fill("0.6")
    page.get_by_role("tab", name="Pipeline", exact=True).click()
    expect(page.get_by_test_id("pipeline-param-default-seed")).to_have_value("3")

    page.get_by_role("button", name="Submit", exact=True).click()
    dialog = page.get_by_role("dialog", name="Submit a run")
    expect(dialog.get_by_test_id("submit-param-seed")).to_have_attribute(
        "placeholder", "default: 3"
    )
    dialog.get_by_role("button", name="Submit run").click()
    page.get_by_test_id("designer-run-overlay").get_by_role("link", name="Open run view").click()
    expect(page).to_have_url(re.compile(r"/runs/\d+$"))
    expect(page.get_by_test_id("run-status")).to_have_text(FINAL, timeout=RUN_TIMEOUT * 1000)
    expect(page.get_by_test_id("run-status")).to_have_text("completed")

    with server.client() as api:
        again = api.get(f"/api/runs/{page.url.rsplit('/', 1)[1]}/").json()
    assert again["pipeline"] == opened
    assert again["parameters"] == {"seed": 3}
    split = next(node for node in again["graph"]["nodes"] if node["id"] == "split")
    assert split["params"]["fraction"] == 0.6


def test_compare_with_draft_marks_what_the_draft_changed_since_the_run(page, server):
    with server.client() as api:
        pipeline, run = diabetes_run(api, "e2e compared")

    sign_in(page)
    page.goto(f"/runs/{run['id']}")
    page.get_by_role("link", name="Compare with draft").click()
    expect(page).to_have_url(re.compile(rf"/runs/{run['id']}/compare-draft$"))
    expect(page.get_by_test_id("draft-diff-same")).to_contain_text("No differences")

    with server.client() as api:
        draft = api.get(f"/api/pipelines/{pipeline['id']}/").json()
        graph = draft["graph"]
        for node in graph["nodes"]:
            if node["id"] == "split":
                node["params"]["fraction"] = 0.5
        graph["nodes"] = [node for node in graph["nodes"] if node["id"] != "evaluate"]
        graph["edges"] = [edge for edge in graph["edges"] if edge["target"] != "evaluate"]
        saved = api.patch(
            f"/api/pipelines/{pipeline['id']}/",
            json={"graph": graph, "revision": draft["revision"]},
        )
        assert saved.status_code == 200, saved.text

    page.reload()
    split = page.get_by_test_id("diff-node-split")
    expect(split).to_have_attribute("data-change", "changed")
    expect(split).to_contain_text("fraction: 0.7 → 0.5")
    expect(page.get_by_test_id("diff-node-evaluate")).to_have_attribute("data-change", "removed")
    expect(page.get_by_test_id("diff-node-load")).to_have_attribute("data-change", "same")
    differences = page.get_by_test_id("draft-diff-list")
    expect(differences).to_contain_text("node evaluate removed from the draft")
    expect(differences).to_contain_text("edge removed score.scored → evaluate.scored")
    page.get_by_role("link", name="Open the draft").click()
    expect(page).to_have_url(re.compile(rf"/pipelines/{pipeline['id']}$"))

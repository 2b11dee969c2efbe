"""What a data scientist sees is the truth, in a real browser: a reused step shows the metrics of
the run that executed it (node panel and compare), a built-in step shows its system log, and
the palette and the registry find components by rank, tags and sub-category.

Runs are submitted through the REST API (a precondition); everything checked is read off the
page as a user sees it.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import create_pipeline, sample_graph, wait_for_run

SLOW = 60_000


@pytest.fixture(scope="module")
def api(server):
    with server.client() as client:
        yield client


@pytest.fixture(scope="module")
def diabetes_twice(api):
    """The diabetes sample submitted twice unchanged: the second run reuses every step."""
    sample = sample_graph()
    pipeline = create_pipeline(api, "e2e truth diabetes", sample["graph"], sample["parameters"])
    runs = []
    for _ in range(2):
        response = api.post(f"/api/pipelines/{pipeline['id']}/runs/", json={})
        assert response.status_code == 201, response.text
        runs.append(wait_for_run(api, response.json()["id"]))
    assert runs[0]["status"] == "completed"
    assert {n["status"] for n in runs[1]["nodes"]} == {"reused"}
    return runs


def node_of(run, node_id):
    return next(n for n in run["nodes"] if n["node"] == node_id)


def test_a_reused_evaluate_shows_r2_from_its_run_in_the_panel_and_in_compare(
    page, api, diabetes_twice
):
    first, second = diabetes_twice
    origin = node_of(first, "evaluate")["from_run"]  # the first run (it executed the step)
    r2 = node_of(first, "evaluate")["metrics"]["r2"]
    shown = f"{r2:.4f}".rstrip("0")

    sign_in(page)
    page.goto(f"/runs/{second['id']}?node=evaluate")
    panel = page.get_by_test_id("node-details")
    expect(panel.get_by_test_id("node-details-status")).to_have_text("reused")
    panel.get_by_role("tab", name="Metrics").click()
    expect(panel.get_by_test_id("metric-r2")).to_contain_text(shown[:5])
    expect(panel.get_by_text("No metrics recorded")).to_have_count(0)
    from_run = panel.get_by_test_id("node-from-run")
    expect(from_run).to_contain_text(f"from run #{origin}")
    expect(from_run.get_by_role("link", name=f"run #{origin}")).to_have_attribute(
        "href", f"/runs/{origin}?node=evaluate"
    )
    # Its log is the origin's too: the executor's lines about the step, not "No log lines yet".
    panel.get_by_role("tab", name="Logs").click()
    expect(panel.get_by_test_id("node-logs")).to_contain_text("start evaluate_model")
    expect(panel.get_by_text("No log lines yet")).to_have_count(0)

    page.goto(f"/runs/compare?ids={first['id']},{second['id']}")
    row = page.get_by_test_id("compare-metric-evaluate.r2")
    cells = row.locator("td.number")
    expect(cells).to_have_count(2)
    for index in range(2):
        expect(cells.nth(index)).to_contain_text(shown[:5])
        expect(cells.nth(index)).not_to_have_text("—")
    expect(cells.nth(1)).to_contain_text(f"from #{origin}")


def test_a_built_in_step_shows_its_system_log_with_shapes(page, diabetes_twice):
    first, _ = diabetes_twice
    sign_in(page)
    page.goto(f"/runs/{first['id']}?node=split")
    panel = page.get_by_test_id("node-details")
    expect(panel.get_by_test_id("node-details-status")).to_have_text(re.compile("completed|reused"))
    logs = panel.get_by_test_id("node-logs")
    expect(logs).to_contain_text("start split_data@", timeout=SLOW)
    # The input and both outputs with their shapes: 442 rows split 70/30, 11 columns each.
    expect(logs).to_contain_text(re.compile(r"inputs: data = .*442 rows × 11 columns"))
    expect(logs).to_contain_text(re.compile(r"outputs: first = .*309 rows × 11 columns"))
    expect(logs).to_contain_text(re.compile(r"second = .*133 rows × 11 columns"))
    expect(logs).to_contain_text(re.compile(r"finished in .*peak memory"))
    expect(logs.locator(".log-line.system").first).to_be_visible()
    # The step is over: its log is whole, nothing to follow or pause, and it is not empty.
    expect(panel.get_by_test_id("logs-follow")).to_have_count(0)
    expect(panel.get_by_text("No log lines yet")).to_have_count(0)


def palette_names(page) -> list[str]:
    items = page.locator("[data-testid^='palette-item-']")
    return [
        t.removeprefix("palette-item-")
        for t in items.evaluate_all("els => els.map(e => e.dataset.testid)")
    ]


def test_palette_search_ranks_finds_by_tag_and_matches_whole_words(page, api):
    classifiers = {
        c["name"]
        # the whole library on one page (lists are paged, 50 by default)
        for c in api.get("/api/components/?limit=200").json()
        if c["subcategory"] == "Classification"
    }
    assert len(classifiers) >= 10
    pipeline = create_pipeline(api, "e2e truth palette", {"nodes": [], "edges": []})
    sign_in(page)
    page.goto(f"/pipelines/{pipeline['id']}")
    search = page.get_by_role("searchbox", name="Search components")

    search.fill("train model")
    expect(page.locator("[data-testid^='palette-item-']").first).to_have_attribute(
        "data-testid", "palette-item-train_model"
    )

    search.fill("logistic")
    expect(page.locator("[data-testid^='palette-item-']").first).to_have_attribute(
        "data-testid", "palette-item-logistic_regression"
    )
    names = palette_names(page)
    learners = {
        "logistic_regression",
        "two_class_logistic_regression",
        "multiclass_logistic_regression",
    }
    assert set(names[:3]) == learners, names
    # What merely mentions the word (Normalize Data's description) comes after the learners.
    assert "normalize_data" not in names[:3], names

    search.fill("classification")
    expect(page.get_by_test_id("palette-item-two_class_logistic_regression")).to_be_visible()
    assert classifiers <= set(palette_names(page))

    search.fill("roc")
    expect(page.get_by_test_id("palette-item-preprocess_text")).to_have_count(0)

    # Browsing, the learners come under their sub-categories.
    search.fill("")
    group = page.get_by_test_id("palette-group-Machine Learning")
    if group.get_by_role("button").get_attribute("aria-expanded") == "false":
        group.get_by_role("button").click()
    for sub in ("Classification", "Regression", "Clustering"):
        expect(group.get_by_test_id(f"palette-subgroup-Machine Learning-{sub}")).to_be_visible()


def test_registry_search_and_sub_categories(page, api):
    sign_in(page)
    page.goto("/registry")
    search = page.get_by_role("searchbox", name="Search the registry")
    search.fill("classification")
    expect(page.get_by_test_id("registry-card-two_class_logistic_regression")).to_be_visible()
    expect(page.get_by_test_id("registry-card-multiclass_decision_forest")).to_be_visible()
    search.fill("roc")
    expect(page.get_by_test_id("registry-card-preprocess_text")).to_have_count(0)
    search.fill("train model")
    expect(page.locator("[data-testid^='registry-card-']").first).to_have_attribute(
        "data-testid", "registry-card-train_model"
    )

    search.fill("")
    sidebar = page.get_by_role("navigation", name="Categories")
    sidebar.get_by_role("button", name=re.compile(r"^Regression\s*\d+")).click()
    expect(page).to_have_url(re.compile(r"category=Machine\+Learning&subcategory=Regression"))
    expect(page.get_by_test_id("registry-card-linear_regression")).to_be_visible()
    expect(page.get_by_test_id("registry-card-two_class_logistic_regression")).to_have_count(0)
    expect(page.get_by_role("heading", name="Regression", exact=True, level=3)).to_be_visible()

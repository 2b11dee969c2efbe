"""Paged lists in a real browser: with more than 50 runs the runs list shows the newest 50,
then older runs once scrolled to its foot; a metric column picked from the runs' metrics shows
each run's value; the pipelines page says when everything is shown.

One run of the diabetes sample is real (its Evaluate logs R²); the 55 newer runs are rows made
through Django's shell against the server's database, since running 55 pipelines would say
nothing more about paging.
"""

import json
import re

import httpx
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import ADMIN_PASSWORD, create_pipeline, sample_graph, wait_for_run

NEWER_RUNS = 55

MAKE_NEWER_RUNS = """
from designer.runs.models import Run
first = Run.objects.get(pk={run_id})
for _ in range({count}):
    Run.objects.create(
        pipeline=first.pipeline, version=first.version, experiment=first.experiment,
        status="completed", created_by=first.created_by, trigger=first.trigger,
        parameters=first.parameters, started_at=first.started_at, finished_at=first.finished_at,
    )
"""


def client_of(server) -> httpx.Client:
    """An API client with time to spare: the machine may be busy with other tests."""
    body = {"username": "admin", "password": ADMIN_PASSWORD}
    token = httpx.post(f"{server.url}/api/auth/token/", json=body, timeout=60).json()["token"]
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Token {token}"}, timeout=60
    )


def test_older_runs_come_on_scrolling_and_a_metric_column_shows_values(page, server):
    sample = sample_graph()
    with client_of(server) as client:
        pipeline = create_pipeline(client, "Paged diabetes", sample["graph"], sample["parameters"])
        submitted = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={})
        assert submitted.status_code == 201, submitted.text
        run = wait_for_run(client, submitted.json()["id"], timeout=300)
        assert run["status"] == "completed", json.dumps(run)[:2000]
    r2 = next(n for n in run["nodes"] if n["node"] == "evaluate")["metrics"]["r2"]
    server.manage("shell", "-c", MAKE_NEWER_RUNS.format(run_id=run["id"], count=NEWER_RUNS))

    sign_in(page)
    page.goto("/runs")
    rows = page.locator("[data-testid^=runs-row-]")
    expect(rows).to_have_count(50)
    older = page.get_by_test_id(f"runs-row-{run['id']}")
    expect(older).to_have_count(0)
    expect(page.get_by_test_id(f"runs-submitted-by-{run['id'] + NEWER_RUNS}")).to_have_text("admin")

    # Scrolling to the foot of the list loads the next page: no click needed.
    page.get_by_test_id("runs-load-more").scroll_into_view_if_needed()
    expect(older).to_be_visible()
    expect(page.get_by_text("All 56 runs shown.")).to_be_visible()

    page.get_by_text("Metric columns").click()
    # The choice goes through the URL (a router transition): wait for it rather than the click.
    page.get_by_label("evaluate.r2").click()
    expect(page.get_by_label("evaluate.r2")).to_be_checked()
    expect(page).to_have_url(re.compile(r"metrics=evaluate\.r2"))
    expect(page.get_by_test_id(f"runs-metric-{run['id']}-evaluate.r2")).to_have_text(f"{r2:.4f}")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(server.var_dir / "runs-metric-columns.png"))
    page.get_by_text("Metric columns").click()
    older.scroll_into_view_if_needed()
    page.screenshot(path=str(server.var_dir / "runs-paged.png"))

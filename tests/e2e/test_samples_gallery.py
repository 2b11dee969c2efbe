"""Every sample pipeline runs green in a real browser: opened from the gallery on the pipelines
page, submitted from the canvas, watched in the run view until it completes."""

import re

import pytest
from playwright.sync_api import expect

from designer.pipelines.samples import list_samples
from tests.e2e.conftest import sign_in

SAMPLES = list_samples()
# A whole sample on a busy machine: each step in its own executor child, one after another.
RUN_TIMEOUT = 600_000


def test_the_gallery_offers_every_sample_the_server_lists(page, server):
    with server.client() as api:
        listed = [sample["key"] for sample in api.get("/api/pipelines/samples/").json()]
    assert listed == [sample.key for sample in SAMPLES]
    sign_in(page)
    page.get_by_role("button", name="New from sample").click()
    gallery = page.get_by_role("dialog", name="New from a sample").get_by_test_id("sample-gallery")
    expect(gallery.locator("article")).to_have_count(len(listed))
    for key in listed:
        card = gallery.get_by_test_id(f"sample-card-{key}")
        expect(card.locator("svg rect").first).to_be_attached()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.key)
def test_the_sample_opens_from_the_gallery_and_runs_green(page, sample):
    sign_in(page)
    page.get_by_role("button", name="New from sample").click()
    dialog = page.get_by_role("dialog", name="New from a sample")
    dialog.get_by_test_id(f"sample-card-{sample.key}").get_by_role(
        "button", name=f"Open {sample.name}"
    ).click()

    expect(page).to_have_url(re.compile(r"/pipelines/\d+$"))
    for node in sample.graph["nodes"]:
        expect(page.get_by_test_id(f"node-{node['id']}")).to_be_visible()
    page.get_by_role("button", name="Submit", exact=True).click()
    submit = page.get_by_role("dialog", name="Submit a run")
    submit.get_by_role("button", name="Submit run").click()
    page.get_by_test_id("designer-run-overlay").get_by_role("link", name="Open run view").click()

    expect(page).to_have_url(re.compile(r"/runs/\d+$"))
    expect(page.get_by_test_id("run-status")).to_have_text(
        re.compile(r"^(completed|failed|canceled)$"), timeout=RUN_TIMEOUT
    )
    for node in sample.graph["nodes"]:
        expect(page.get_by_test_id(f"run-node-{node['id']}")).to_have_attribute(
            "data-status", re.compile(r"^(completed|reused)$")
        )
    expect(page.get_by_test_id("run-status")).to_have_text("completed")

"""Published pipelines in a real browser: publish from the designer and call it (the endpoint
page, its copyable curl example, a version opened read-only), create a schedule and see when it
fires next, and create an API token that is shown once, then revoke it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import create_pipeline, sample_graph

# Waits on visible states only; generous, since the machine may be busy with other tests.
SLOW = 45_000


@pytest.fixture
def api(server):
    with server.client() as client:
        yield client


def sample_pipeline(api, name: str) -> dict:
    sample = sample_graph()
    return create_pipeline(api, name, sample["graph"], sample["parameters"])


def publish(api, pipeline_id: int, endpoint: str) -> dict:
    response = api.post(f"/api/pipelines/{pipeline_id}/publish/", json={"endpoint": endpoint})
    assert response.status_code == 201, response.text
    return response.json()


def test_publish_from_the_designer_and_copy_the_call(clipboard_page, api, server):
    page = clipboard_page
    created = sample_pipeline(api, "Publish me")
    sign_in(page)
    page.goto(f"/pipelines/{created['id']}")
    page.get_by_role("textbox", name="Pipeline name").wait_for()

    page.get_by_role("button", name="Publish", exact=True).click()
    dialog = page.get_by_test_id("publish-dialog")
    name = dialog.get_by_label("Endpoint")
    name.fill("Diabetes Nightly")
    dialog.get_by_role("button", name="Publish", exact=True).click()
    problem = "Use only lower-case letters, digits, - and _ (no spaces)."
    expect(dialog.get_by_text(problem)).to_be_visible()

    name.fill("diabetes-nightly")
    dialog.get_by_label("Description").fill("retrain on the latest data")
    dialog.get_by_role("button", name="Publish", exact=True).click()
    result = dialog.get_by_test_id("publish-result")
    expect(result).to_contain_text("Published diabetes-nightly version v1", timeout=SLOW)

    result.get_by_role("link", name="Open endpoint diabetes-nightly").click()
    expect(page).to_have_url(re.compile(r"/endpoints/diabetes-nightly$"))
    expect(page.get_by_role("heading", name="diabetes-nightly", level=1)).to_be_visible()
    version = page.get_by_test_id("endpoint-version-1")
    expect(version).to_contain_text("default")
    expect(version).to_contain_text("retrain on the latest data")
    expect(page.get_by_test_id("endpoint-parameters")).to_contain_text("seed")

    page.get_by_test_id("call-example-curl-copy").click()
    expect(page.get_by_test_id("call-example-curl-copy")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"'{server.url}/api/endpoints/diabetes-nightly/runs/'" in copied
    assert "Authorization: Token <YOUR-TOKEN>" in copied
    assert '{"parameters":{"seed":0}}' in copied

    # The endpoint's version opens its frozen pipeline read-only, with the way back to the draft.
    version.get_by_role("link", name=re.compile(r"pipeline \d+ · v\d+")).click()
    banner = page.get_by_test_id("version-banner")
    expect(banner).to_contain_text("Read-only")
    expect(banner).to_contain_text("Publish me")
    expect(page.locator("[data-testid^='version-node-']").first).to_be_visible()
    banner.get_by_role("link", name="Back to the draft").click()
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value("Publish me")

    # The endpoint is listed, and "Run now" starts a run that shows up as an endpoint call.
    page.locator(".topnav").get_by_role("link", name="Endpoints").click()
    expect(page.get_by_test_id("endpoint-row-diabetes-nightly")).to_contain_text("v1")
    page.get_by_test_id("endpoint-row-diabetes-nightly").get_by_role("link").click()
    page.get_by_role("button", name="Run now").click()
    started = page.get_by_role("status").filter(has_text="Started")
    expect(started).to_contain_text(re.compile(r"run #\d+"), timeout=SLOW)
    expect(page.get_by_test_id("endpoint-runs")).to_be_visible(timeout=SLOW)


def test_create_a_schedule_and_see_its_next_firing(page, api):
    created = sample_pipeline(api, "Scheduled")
    publish(api, created["id"], "every-morning")
    sign_in(page)
    page.locator(".topnav").get_by_role("link", name="Schedules").click()
    expect(page.get_by_role("heading", name="Schedules", level=1)).to_be_visible()
    page.get_by_role("button", name="New schedule").first.click()

    form = page.get_by_role("form", name="New schedule")
    form.get_by_label("Name").fill("mornings")
    form.get_by_label("Endpoint").select_option("every-morning")
    expect(form.get_by_label(re.compile(r"seed"))).to_have_value("0", timeout=SLOW)
    form.get_by_label("Time zone").fill("Mars/Olympus")
    form.get_by_role("button", name="Create schedule").click()
    # The server refuses the zone; its message stands next to the zone field.
    zone_field = form.locator(".field", has=page.get_by_label("Time zone"))
    expect(zone_field.locator(".field-error")).to_be_visible(timeout=SLOW)

    form.get_by_label("Time zone").fill("Europe/Berlin")
    form.get_by_label("At hours").fill("9, 17")
    form.get_by_role("button", name="Create schedule").click()
    row = page.get_by_test_id("schedule-row-mornings")
    expect(row).to_contain_text("every day at 09:00 and 17:00 (Europe/Berlin)", timeout=SLOW)
    next_fire = row.locator("[data-testid^='schedule-next-']")
    expect(next_fire).to_contain_text(re.compile(r"\d{2}:\d{2}"))
    expect(next_fire).to_contain_text(re.compile(r"in \d+"))

    row.get_by_role("button", name="Pause").click()
    expect(row).to_contain_text("paused", timeout=SLOW)
    row.get_by_role("button", name="Delete schedule mornings").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete schedule").click()
    expect(row).to_have_count(0, timeout=SLOW)


def test_create_a_token_shown_once_then_revoke_it(page, api):
    sign_in(page)
    page.locator(".topbar-user").get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", level=1)).to_be_visible()
    page.get_by_role("button", name="New token").click()
    form = page.get_by_role("form", name="New API token")
    form.get_by_label("Name").fill("browser-made")
    form.get_by_role("button", name="Create token").click()

    shown = page.get_by_test_id("new-token")
    expect(shown).to_contain_text("only time it is shown", timeout=SLOW)
    secret = shown.locator("pre").inner_text().strip()
    assert secret.startswith("pw_")
    # The token works, as a script would use it.
    assert api.get("/api/runs/", headers={"Authorization": f"Token {secret}"}).status_code == 200

    row = page.get_by_test_id("token-row-browser-made")
    expect(row).to_contain_text("everything", timeout=SLOW)
    shown.get_by_role("button", name="I have copied it").click()
    expect(page.get_by_text(secret)).to_have_count(0)
    page.reload()
    expect(row).to_be_visible()
    expect(page.get_by_text(secret)).to_have_count(0)

    row.get_by_role("button", name="Revoke token browser-made").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Revoke token").click()
    expect(row).to_have_count(0, timeout=SLOW)
    assert api.get("/api/runs/", headers={"Authorization": f"Token {secret}"}).status_code == 401

"""Workspaces in a real browser: the administrator makes a workspace from the switcher and moves
into it, where the pipelines of the default workspace are not listed; moving back lists them
again. Every API request says which workspace it is for."""

import uuid

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import create_pipeline, sample_graph

HEADER = "x-pipewright-workspace"


def switch_to(page, name: str) -> None:
    page.get_by_test_id("workspace-switcher").click()
    page.get_by_role("menu", name="Workspaces").get_by_role("menuitemradio", name=name).click()
    expect(page.get_by_test_id("workspace-switcher")).to_contain_text(name)


def test_a_new_workspace_starts_empty_and_the_default_one_keeps_its_pipelines(page, server):
    name = f"in default {uuid.uuid4().hex[:6]}"
    with server.client() as api:
        create_pipeline(api, name, sample_graph())
    sign_in(page)
    pipelines = page.get_by_role("link", name=name)
    expect(pipelines).to_be_visible()
    expect(page.get_by_test_id("workspace-switcher")).to_contain_text("default")

    page.get_by_test_id("workspace-switcher").click()
    page.get_by_role("menuitem", name="New workspace…").click()
    dialog = page.get_by_role("dialog", name="New workspace")
    dialog.get_by_label("Name").fill("Lab")
    dialog.get_by_role("button", name="Create workspace").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Lower-case letters")
    dialog.get_by_label("Name").fill("lab")
    with page.expect_request(
        lambda request: (
            request.url.split("?")[0].endswith("/api/pipelines/")
            and request.headers.get(HEADER) == "lab"
        )
    ):
        dialog.get_by_role("button", name="Create workspace").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("workspace-switcher")).to_contain_text("lab")
    expect(page.get_by_test_id("pipelines-empty")).to_be_visible()
    expect(pipelines).to_have_count(0)

    page.get_by_test_id("workspace-switcher").click()
    menu = page.get_by_role("menu", name="Workspaces")
    expect(menu.get_by_role("menuitemradio", name="lab")).to_have_attribute("aria-checked", "true")
    menu.get_by_role("menuitem", name="Members").click()
    expect(page.get_by_role("heading", name="Members of lab")).to_be_visible()
    expect(page.get_by_test_id("member-admin")).to_contain_text("owner")

    switch_to(page, "default")
    expect(page).to_have_url(f"{server.url}/workspaces/default/members")
    page.get_by_role("link", name="Pipelines", exact=True).click()
    expect(pipelines).to_be_visible()

    # The choice outlives a reload: it is kept in the browser.
    switch_to(page, "lab")
    page.reload()
    expect(page.get_by_test_id("workspace-switcher")).to_contain_text("lab")
    expect(page.get_by_test_id("pipelines-empty")).to_be_visible()

"""A real Chromium (Debian's) driven by Playwright, against the live server."""

import pytest
from playwright.sync_api import sync_playwright

from tests.support.live import ADMIN_PASSWORD, ROOT, LiveServer, free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser():
    # Module scope: the sync driver runs an event loop on this thread while it is open.
    assert (ROOT / "frontend" / "dist" / "index.html").exists(), "build the frontend first"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of the browser tests' own: nothing run by other tests is reused here."""
    live = LiveServer(tmp_path_factory.mktemp("e2e"), port=free_port())
    live.start()
    yield live
    live.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1500, "height": 950}, base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def sign_in(page) -> None:
    page.goto("/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Pipelines").wait_for()


@pytest.fixture
def clipboard_page(browser, server):
    """A page whose site may read and write the clipboard, to check what a copy button copied."""
    context = browser.new_context(
        viewport={"width": 1500, "height": 950},
        base_url=server.url,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()

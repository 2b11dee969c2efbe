"""The registry and compute pages in a real browser: search and filter the components, read one
(docs, ports, parameters, code, versions), register a component from a zip (and see why a bad or
clashing one is refused), and manage compute targets next to the server's live worker."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.support.live import component_zip

ECHO_SPEC = """\
name: e2e_echo
version: 0.1.0
display_name: E2E Echo
category: Browser Tests
description: Passes its rows through unchanged.
inputs:
  rows: {type: dataframe, description: Rows to pass on}
outputs:
  same: {type: dataframe, description: The very same rows}
parameters:
  times: {type: integer, default: 1, min: 1, max: 5}
python: echo.py:run
"""

ECHO_CODE = """\
def run(rows, times=1):
    return rows  # e2e echo: nothing to see here
"""


def open_registry(page) -> None:
    sign_in(page)
    page.locator(".topnav").get_by_role("link", name="Registry").click()
    expect(page.get_by_role("heading", name="Registry", level=1)).to_be_visible()
    expect(page.get_by_test_id("registry-card-split_data")).to_be_visible()


def card(page, name: str):
    return page.get_by_test_id(f"registry-card-{name}")


def test_search_the_registry(page):
    open_registry(page)
    search = page.get_by_role("searchbox", name="Search the registry")

    search.fill("split")
    expect(page).to_have_url(re.compile(r"search=split"))
    expect(card(page, "split_data")).to_be_visible()
    expect(card(page, "train_model")).to_have_count(0)

    # Port names are searched too: only Train Model has a "learner" input.
    search.fill("learner")
    expect(card(page, "train_model")).to_be_visible()
    expect(card(page, "split_data")).to_have_count(0)

    search.fill("no such thing anywhere")
    expect(page.get_by_text("No component matches these filters.")).to_be_visible()
    page.get_by_role("button", name="Clear filters").click()
    expect(card(page, "split_data")).to_be_visible()
    expect(search).to_have_value("")


def test_filter_by_category_and_port_type(page):
    open_registry(page)
    sidebar = page.get_by_role("navigation", name="Categories")

    sidebar.get_by_role("button", name=re.compile(r"^Model Training\s*\d+$")).click()
    expect(card(page, "train_model")).to_be_visible()
    expect(card(page, "split_data")).to_have_count(0)
    expect(page.locator(".registry-card-category").first).to_have_text("Model Training")
    categories = page.locator(".registry-card-category").all_inner_texts()
    assert categories and set(categories) == {"Model Training"}

    sidebar.get_by_role("button", name=re.compile(r"^All categories")).click()
    port_filter = page.get_by_role("combobox", name="Port filter")

    port_filter.select_option(label="Takes a model")
    expect(page).to_have_url(re.compile(r"port_type=model&direction=in"))
    expect(card(page, "score_model")).to_be_visible()
    expect(card(page, "train_model")).to_be_visible()
    expect(card(page, "split_data")).to_have_count(0)

    port_filter.select_option(label="Produces a dataframe")
    expect(card(page, "split_data")).to_be_visible()
    expect(card(page, "score_model")).to_be_visible()
    expect(card(page, "train_model")).to_have_count(0)


def test_read_a_component_and_switch_versions(page):
    open_registry(page)
    card(page, "split_data").get_by_role("link", name="Split Data").click()

    expect(page).to_have_url(re.compile(r"/registry/split_data$"))
    expect(page.get_by_role("heading", name="Split Data", level=1)).to_be_visible()
    expect(page.get_by_test_id("component-ref")).to_have_text("split_data@1.1.0")
    expect(page.get_by_test_id("port-input-data")).to_contain_text("Rows to split")
    fraction = page.get_by_test_id("param-row-fraction")
    expect(fraction).to_contain_text("0.7")
    expect(fraction).to_contain_text("0 – 1")
    expect(page.get_by_test_id("param-row-mode")).to_contain_text("random, sequential")

    # The python entry point's file is open in the read-only code view.
    code = page.get_by_test_id("code-viewer")
    expect(page.get_by_role("tab", name="split_data.py")).to_have_attribute("aria-selected", "true")
    expect(code.locator(".cm-line", has_text="def run(")).to_be_visible()
    expect(code).to_contain_text("Split Data 1.1.0")

    version = page.get_by_role("combobox", name="Version")
    expect(version.locator("option")).to_have_text(["1.1.0 (latest)", "1.0.0"])
    version.select_option("1.0.0")
    expect(page).to_have_url(re.compile(r"/registry/split_data/1\.0\.0$"))
    expect(page.get_by_test_id("component-ref")).to_have_text("split_data@1.0.0")
    expect(code.locator(".cm-line", has_text="Split Data: partition the rows")).to_be_visible()
    expect(code).not_to_contain_text("Split Data 1.1.0")


def upload(page, archive: bytes) -> None:
    page.get_by_role("button", name="Register component").click()
    dialog = page.get_by_role("dialog", name="Register component")
    dialog.get_by_label("Component archive (.zip)").set_input_files(
        files=[{"name": "component.zip", "mimeType": "application/zip", "buffer": archive}]
    )
    dialog.get_by_role("button", name="Register", exact=True).click()


def test_register_a_component_then_a_broken_and_a_clashing_one(page):
    open_registry(page)

    upload(page, component_zip({"component.yaml": ECHO_SPEC, "echo.py": ECHO_CODE}))
    expect(page).to_have_url(re.compile(r"/registry/e2e_echo/0\.1\.0$"))
    expect(page.get_by_role("heading", name="E2E Echo", level=1)).to_be_visible()
    expect(page.get_by_test_id("code-viewer")).to_contain_text("e2e echo: nothing to see here")

    page.get_by_role("link", name="← Registry").click()
    broken = ECHO_SPEC.replace("{type: dataframe, description: Rows to pass on}", "{type: table}")
    upload(page, component_zip({"component.yaml": broken, "echo.py": ECHO_CODE}))
    dialog = page.get_by_role("dialog", name="Register component")
    expect(dialog.get_by_test_id("spec-error").first).to_contain_text("inputs.rows")
    expect(page).to_have_url(re.compile(r"/registry$"))

    other_code = ECHO_CODE.replace("nothing to see here", "other content")
    dialog.get_by_label("Component archive (.zip)").set_input_files(
        files=[
            {
                "name": "component.zip",
                "mimeType": "application/zip",
                "buffer": component_zip({"component.yaml": ECHO_SPEC, "echo.py": other_code}),
            }
        ]
    )
    dialog.get_by_role("button", name="Register", exact=True).click()
    expect(dialog.get_by_role("alert")).to_contain_text("already registered with other content")
    expect(dialog.get_by_role("alert")).to_contain_text("new version")

    dialog.get_by_role("button", name="Cancel").click()
    expect(card(page, "e2e_echo")).to_be_visible()


def test_compute_targets(page):
    sign_in(page)
    page.locator(".topnav").get_by_role("link", name="Compute").click()
    expect(page.get_by_role("heading", name="Compute", level=1)).to_be_visible()

    default = page.get_by_test_id("compute-target-default")
    expect(default.locator(".compute-workers tbody tr").first).to_be_visible()
    expect(default.locator(".compute-workers")).to_contain_text(re.compile(r"just now|\d+ s ago"))
    expect(default.locator(".compute-workers")).to_contain_text(re.compile(r"idle|busy"))

    # The server's validation shows next to the field it is about.
    page.get_by_role("button", name="New compute target").click()
    form = page.get_by_role("form", name="New compute target")
    form.get_by_label("Name").fill("Not A Slug!")
    form.get_by_role("button", name="Create target").click()
    expect(form.locator(".compute-field-name .field-error")).to_be_visible()

    form.get_by_label("Name").fill("e2e-gpu")
    form.get_by_label("Description").fill("A box with a GPU")
    form.get_by_label("CPUs").fill("8")
    form.get_by_label("Memory (MB)").fill("16384")
    form.get_by_label("GPUs").fill("1")
    form.get_by_label("Concurrency").fill("3")
    form.get_by_role("button", name="Create target").click()

    created = page.get_by_test_id("compute-target-e2e-gpu")
    expect(created).to_contain_text("A box with a GPU")
    expect(created).to_contain_text("8 CPUs · 16 GB memory · 1 GPU")
    expect(created.get_by_test_id("concurrency")).to_have_text("3")
    expect(form).to_have_count(0)
    expect(default.locator(".compute-workers tbody tr").first).to_be_visible()

    created.get_by_role("button", name="Edit").click()
    created.get_by_label("Concurrency").fill("5")
    created.get_by_role("button", name="Save").click()
    expect(created.get_by_test_id("concurrency")).to_have_text("5")

    # The default target cannot go; the server says why.
    default.get_by_role("button", name="Delete").click()
    default.get_by_role("button", name="Yes, delete").click()
    expect(default.get_by_role("alert")).to_contain_text("cannot be deleted")
    default.get_by_role("button", name="Keep it").click()

    created.get_by_role("button", name="Delete").click()
    created.get_by_role("button", name="Yes, delete").click()
    expect(created).to_have_count(0)
    expect(default).to_be_visible()

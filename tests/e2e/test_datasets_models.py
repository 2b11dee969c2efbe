"""Datasets and models in a real browser: upload a CSV and watch its progress, read its profile,
drag the dataset into a pipeline, run it, register the trained model from the run view, and
open the model version's lineage back to the uploaded dataset."""

import random
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_walking_skeleton import connect_edge
from tests.support.live import create_pipeline

# Waits on visible states only; generous, since the machine may be busy with other tests.
SLOW = 90_000
# Bytes per second the browser may send while uploading: slow enough that the progress bar is
# seen part-way, fast enough that the upload takes seconds.
UPLOAD_THROUGHPUT = 400_000
ROWS = 60_000


@pytest.fixture
def api(server):
    with server.client() as client:
        yield client


@pytest.fixture
def houses_csv(tmp_path):
    """A regression table of about 2 MB: price from rooms, area and age, with some noise."""
    rng = random.Random(7)
    lines = ["rooms,area,age,price"]
    for _ in range(ROWS):
        rooms = rng.randint(1, 7)
        area = round(rng.uniform(20, 220), 2)
        age = rng.randint(0, 90)
        price = round(30 * area + 5000 * rooms - 120 * age + rng.gauss(0, 900), 2)
        lines.append(f"{rooms},{area},{age},{price}")
    path = tmp_path / "houses.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def training_pipeline(api) -> dict:
    """Everything but the data: the test drags the dataset in and wires it to the split."""

    def node(node_id, component, x, y, **params):
        return {
            "id": node_id,
            "component": component,
            "params": params,
            "compute": None,
            "reuse": True,
            "comment": "",
            "position": {"x": x, "y": y},
        }

    def edge(source, source_port, target, target_port):
        return {
            "source": source,
            "source_port": source_port,
            "target": target,
            "target_port": target_port,
        }

    graph = {
        "nodes": [
            node("split", "split_data@1.0.0", 0, 160, fraction=0.7, seed=0),
            node("learner", "linear_regression@1.0.0", 320, 160),
            node("train", "train_model@1.0.0", 160, 300, label_column="price"),
            node("score", "score_model@1.0.0", 160, 440),
            node("evaluate", "evaluate_model@1.0.0", 160, 580),
        ],
        "edges": [
            edge("learner", "model", "train", "learner"),
            edge("split", "first", "train", "data"),
            edge("train", "model", "score", "model"),
            edge("split", "second", "score", "data"),
            edge("score", "scored", "evaluate", "scored"),
        ],
    }
    return create_pipeline(api, "House prices", graph)


def upload_with_progress(page, csv_path) -> None:
    """Upload through the dialog with the browser's upload slowed, and see the bar part-way."""
    page.locator(".topnav").get_by_role("link", name="Datasets").click()
    page.get_by_role("button", name="Upload dataset").click()
    dialog = page.get_by_test_id("upload-dataset-dialog")
    dialog.get_by_label("File").set_input_files(str(csv_path))
    expect(dialog.get_by_label("Name")).to_have_value("houses")
    dialog.get_by_label("Description").fill("Sale prices by rooms, area and age")
    dialog.get_by_label("Tags").fill("prices, demo")

    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": UPLOAD_THROUGHPUT,
        },
    )
    dialog.get_by_role("button", name="Upload", exact=True).click()
    bar = dialog.get_by_role("progressbar", name="Upload")
    expect(bar).to_have_attribute("aria-valuenow", re.compile(r"^[1-9][0-9]?$"), timeout=SLOW)
    expect(dialog.get_by_test_id("upload-progress")).to_contain_text("Uploading…")
    expect(page).to_have_url(re.compile(r"/datasets/houses\?version=1$"), timeout=SLOW)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def see_profile(page) -> None:
    expect(page.get_by_role("heading", name="houses", level=1)).to_be_visible()
    panel = page.get_by_test_id("dataset-version-1")
    expect(panel).to_contain_text(f"{ROWS:,} rows")
    area = panel.get_by_test_id("dataset-profile-area")
    expect(area).to_be_visible(timeout=SLOW)
    expect(area.get_by_role("img", name="Distribution of area")).to_be_visible()
    expect(panel.get_by_test_id("dataset-profile-price")).to_contain_text("double")
    expect(page.get_by_test_id("about")).to_contain_text("prices")


def drag_dataset_in_and_run(page, pipeline_id: int) -> None:
    page.goto(f"/pipelines/{pipeline_id}")
    page.get_by_role("textbox", name="Pipeline name").wait_for()
    page.get_by_placeholder("Search components").fill("houses")
    item = page.get_by_test_id("palette-dataset-houses")
    expect(item).to_contain_text("v1")
    item.drag_to(page.locator(".react-flow__pane"), target_position={"x": 120, "y": 60})
    page.get_by_placeholder("Search components").fill("")
    expect(page.get_by_test_id("node-dataset")).to_be_visible()
    connect_edge(page, "dataset", "data", "split", "data")

    # The inspector offers the dataset's versions; a new node reads the newest.
    page.get_by_test_id("node-dataset").click()
    expect(page.get_by_test_id("param-version")).to_have_value("latest")
    expect(page.get_by_test_id("param-version").locator("option", has_text="v1")).to_have_count(1)

    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_text("Pipeline is valid")).to_be_visible(timeout=SLOW)
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog", name="Submit a run").get_by_role("button", name="Submit run").click()
    page.get_by_test_id("designer-run-overlay").get_by_role("link", name="Open run view").click()
    expect(page).to_have_url(re.compile(r"/runs/\d+"))
    expect(page.get_by_test_id("run-status")).to_have_text("completed", timeout=SLOW)
    expect(page.get_by_test_id("run-node-source-dataset")).to_have_text("houses v1")


def register_the_model(page) -> None:
    page.get_by_test_id("run-node-train").click()
    page.get_by_role("tab", name="Outputs").click()
    page.get_by_role("button", name="Register model").click()
    dialog = page.get_by_test_id("register-model-dialog")
    expect(dialog.get_by_label("Name")).to_have_value("house-prices")
    dialog.get_by_label("Description").fill("Linear regression on houses")
    dialog.get_by_role("button", name="Register").click()
    page.get_by_role("link", name="house-prices v1").click()
    expect(page).to_have_url(re.compile(r"/models/house-prices\?version=1$"))
    panel = page.get_by_test_id("model-version-1")
    expect(panel).to_contain_text("predicts price")
    expect(panel.get_by_role("link", name="houses v1")).to_be_visible()
    expect(panel.get_by_test_id("model-input-schema")).to_contain_text("area")


def open_lineage(page) -> None:
    page.get_by_test_id("model-version-1").get_by_role("link", name="Lineage").click()
    expect(page).to_have_url(re.compile(r"/lineage\?model=house-prices&version=1$"))
    root = page.get_by_test_id("lineage-node-model:house-prices:1")
    expect(root).to_have_class(re.compile(r"\broot\b"), timeout=SLOW)
    dataset = page.get_by_test_id("lineage-node-dataset:houses:1")
    expect(dataset).to_be_visible()
    run = page.locator("[data-testid^='lineage-node-run:']").first
    expect(run).to_contain_text("House prices")
    # Data flows left to right: the dataset, then the run that trained, then the model.
    x = [node.bounding_box()["x"] for node in (dataset, run, root)]
    assert x == sorted(x), x
    dataset.click()
    expect(page).to_have_url(re.compile(r"/datasets/houses\?version=1$"))


def test_upload_profile_train_register_and_trace(page, api, houses_csv):
    created = training_pipeline(api)
    sign_in(page)
    upload_with_progress(page, houses_csv)
    see_profile(page)
    drag_dataset_in_and_run(page, created["id"])
    register_the_model(page)
    open_lineage(page)

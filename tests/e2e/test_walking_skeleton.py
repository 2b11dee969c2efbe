"""The whole story in a browser: sign in, build the diabetes regression pipeline by hand
with real drag and drop, submit it, watch it complete live, read R² from the evaluation."""

import json
import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

NODES = [  # (component, node id it gets, where to drop it on the canvas)
    ("sample_dataset", "sample_dataset", (80, 60)),
    ("split_data", "split_data", (80, 260)),
    ("linear_regression", "linear_regression", (420, 60)),
    ("train_model", "train_model", (420, 300)),
    ("score_model", "score_model", (720, 300)),
    ("evaluate_model", "evaluate_model", (720, 500)),
]

EDGES = [
    ("sample_dataset", "data", "split_data", "data"),
    ("linear_regression", "model", "train_model", "learner"),
    ("split_data", "first", "train_model", "data"),
    ("train_model", "model", "score_model", "model"),
    ("split_data", "second", "score_model", "data"),
    ("score_model", "scored", "evaluate_model", "scored"),
]


def drag_from_palette(page, component: str, x: int, y: int) -> None:
    search = page.get_by_placeholder("Search components")
    search.fill(component.replace("_", " "))
    item = page.get_by_test_id(f"palette-item-{component}")
    item.drag_to(page.locator(".react-flow__pane"), target_position={"x": x, "y": y})
    search.fill("")


def connect(page, source: str, source_port: str, target: str, target_port: str) -> None:
    """One drag from an output handle to an input handle (it may be refused)."""
    start_handle = page.get_by_test_id(f"handle-{source}-out-{source_port}")
    end_handle = page.get_by_test_id(f"handle-{target}-in-{target_port}")
    start_handle.scroll_into_view_if_needed()
    start, end = start_handle.bounding_box(), end_handle.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=12)
    page.mouse.up()


def connect_edge(page, source: str, source_port: str, target: str, target_port: str) -> None:
    """Drag until the edge is on the canvas. On a busy machine the browser can miss a drag
    (the press lands before the canvas is ready for it): look for the edge, drag again."""
    edge = page.get_by_test_id(f"rf__edge-{source}.{source_port}->{target}.{target_port}")
    for _ in range(3):
        connect(page, source, source_port, target, target_port)
        try:
            expect(edge).to_have_count(1, timeout=5_000)
            return
        except AssertionError:
            continue
    expect(edge).to_have_count(1)


def connect_refused(page, source, source_port, target, target_port, because: str) -> None:
    """Drag until the canvas refuses the connection with a notice saying `because` (a missed
    drag shows no notice: drag again), then check that no edge was made."""
    notice = page.get_by_test_id("notice")
    for _ in range(3):
        connect(page, source, source_port, target, target_port)
        try:
            expect(notice).to_contain_text(because, timeout=5_000)
            break
        except AssertionError:
            continue
    expect(notice).to_contain_text(because)
    edge = page.get_by_test_id(f"rf__edge-{source}.{source_port}->{target}.{target_port}")
    expect(edge).to_have_count(0)


def choose_column(page, param: str, column: str) -> None:
    """A column parameter is a select of the input's columns once the designer knows them, and a
    text field when it cannot tell; wait until it has decided, then set it either way."""
    field = page.get_by_test_id(f"param-{param}")
    expect(field).to_have_attribute("data-columns", re.compile("^(known|unknown)$"))
    if field.get_attribute("data-columns") == "known":
        field.select_option(column)
    else:
        field.fill(column)


def test_build_submit_and_watch_the_diabetes_regression(page):
    sign_in(page)
    page.get_by_role("button", name="New pipeline").click()
    page.get_by_role("dialog", name="New pipeline").get_by_label("Name").fill("walking skeleton")
    page.get_by_role("dialog", name="New pipeline").get_by_role("button", name="Create").click()
    expect(page.get_by_text("Drag components here from the palette")).to_be_visible()

    for component, node_id, (x, y) in NODES:
        drag_from_palette(page, component, x, y)
        expect(page.get_by_test_id(f"node-{node_id}")).to_be_visible()

    # A learner's model cannot feed a dataframe input: refused while dragging.
    connect_refused(page, "linear_regression", "model", "split_data", "data", because="model")
    expect(page.locator(".react-flow__edge")).to_have_count(0)

    for edge in EDGES:
        connect_edge(page, *edge)
    expect(page.locator(".react-flow__edge")).to_have_count(len(EDGES))

    # Train Model needs its label column; validation says so on the node until it is set.
    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_test_id("node-error-train_model")).to_contain_text("label_column")
    page.get_by_test_id("node-train_model").click()
    choose_column(page, "label_column", "target")
    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_text("Pipeline is valid")).to_be_visible()

    frames: list[dict] = []

    def received(payload: str) -> None:
        # The page asks for batches: a batch frame holds events exactly as each would come.
        frame = json.loads(payload)
        frames.extend(frame["events"] if frame["type"] == "batch" else [frame])

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog", name="Submit a run").get_by_role("button", name="Submit run").click()
    # The run shows live over the canvas; its run view is one click away.
    page.get_by_test_id("designer-run-overlay").get_by_role("link", name="Open run view").click()
    expect(page).to_have_url(re.compile(r"/runs/\d+"))
    for _, node_id, _ in NODES:
        expect(page.get_by_test_id(f"run-node-{node_id}")).to_have_attribute(
            "data-status", "completed", timeout=90_000
        )
    expect(page.get_by_test_id("run-status")).to_have_text("completed")
    # The states arrived over the live stream, not by reloading the page.
    assert frames[0]["type"] == "snapshot"
    live_done = {f["node"] for f in frames if f["type"] == "node" and f["status"] == "completed"}
    assert live_done, "completed states must reach the page over the websocket"
    assert frames[-1]["type"] == "run" and frames[-1]["status"] == "completed"

    page.get_by_test_id("run-node-evaluate_model").click()
    page.get_by_role("tab", name="Metrics").click()
    r2 = page.get_by_test_id("metric-r2")
    expect(r2).to_be_visible()
    value = float(re.search(r"-?\d+\.\d+", r2.inner_text()).group())
    assert 0.3 <= value <= 0.6

"""The designer canvas and the pipelines page in a real browser, driven as a user would:
palette, connections, selection, clipboard, undo/redo, layout, inspector forms, pipeline
parameters, autosave and conflicts, YAML export/import."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_walking_skeleton import connect_edge, connect_refused, drag_from_palette
from tests.pipelines.factories import edge
from tests.support.live import create_pipeline

MOD = "Control"


def node(node_id, component, x=0, y=0, **extra):
    return {
        "id": node_id,
        "component": component,
        "params": {},
        "position": {"x": x, "y": y},
        **extra,
    }


@pytest.fixture
def api(server):
    with server.client() as client:
        yield client


def open_designer(page, pipeline_id: int, first_node: str | None = None) -> None:
    page.goto(f"/pipelines/{pipeline_id}")
    page.get_by_role("textbox", name="Pipeline name").wait_for()
    if first_node:
        expect(page.get_by_test_id(f"node-{first_node}")).to_be_visible()


def new_pipeline(page, api, name, nodes, edges=(), parameters=None):
    created = create_pipeline(api, name, {"nodes": list(nodes), "edges": list(edges)}, parameters)
    if page.url == "about:blank":
        sign_in(page)
    open_designer(page, created["id"], nodes[0]["id"] if nodes else None)
    return created


def wait_saved(page) -> None:
    # Autosave waits for a pause in typing, then a request: slow on a busy machine.
    expect(page.get_by_test_id("save-state")).to_have_text("Saved", timeout=30_000)


def server_graph(api, pipeline_id):
    return api.get(f"/api/pipelines/{pipeline_id}/").json()["graph"]


def node_ids(page) -> list[str]:
    return sorted(
        t.removeprefix("node-")
        for t in page.locator(".react-flow__node [data-testid^='node-']").evaluate_all(
            "els => els.map(e => e.dataset.testid)"
        )
        if not t.startswith("node-error-") and not t.startswith("node-comment-")
    )


def centre(box) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag_node(page, node_id, dx, dy) -> None:
    header = page.get_by_test_id(f"node-{node_id}").locator(".pw-node-title")
    x, y = centre(header.bounding_box())
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=15)
    page.mouse.up()


def pane_point(page, x_frac, y_frac):
    box = page.locator(".react-flow__pane").bounding_box()
    return box["x"] + box["width"] * x_frac, box["y"] + box["height"] * y_frac


# ---------------------------------------------------------------------------------------------
# Palette and connections


def test_add_by_drag_and_by_double_click(page):
    sign_in(page)
    page.get_by_role("button", name="New pipeline").click()
    expect(page.get_by_text("Drag components here from the palette")).to_be_visible()

    drag_from_palette(page, "sample_dataset", 120, 120)
    expect(page.get_by_test_id("node-sample_dataset")).to_be_visible()

    search = page.get_by_placeholder("Search components")
    search.fill("split data")
    page.get_by_test_id("palette-item-split_data").dblclick()
    search.fill("")
    expect(page.get_by_test_id("node-split_data")).to_be_visible()
    # The double-clicked node opens in the inspector, and both are remembered as recently used.
    expect(page.get_by_test_id("inspector")).to_contain_text("Split Data")
    recent = page.get_by_test_id("palette-group-Recently used")
    expect(recent.get_by_test_id("palette-recent-split_data")).to_be_visible()
    expect(recent.get_by_test_id("palette-recent-sample_dataset")).to_be_visible()

    # Categories fold away and stay folded.
    group = page.get_by_test_id("palette-group-Data Transformation")
    group.get_by_role("button").click()
    expect(page.get_by_test_id("palette-item-select_columns")).to_have_count(0)
    group.get_by_role("button").click()
    expect(page.get_by_test_id("palette-item-select_columns")).to_be_visible()


def test_connections_highlight_compatible_ports_and_refuse_others(page, api):
    created = new_pipeline(
        page,
        api,
        "connections",
        [
            node("sample_dataset", "sample_dataset@1.0.0", 0, 0),
            node("split_data", "split_data@1.1.0", 320, 0),
            node("linear_regression", "linear_regression@1.0.0", 0, 220),
            node("train_model", "train_model@1.0.0", 320, 220),
        ],
    )
    # While dragging from a dataframe output, dataframe inputs light up and a model input dims.
    start = page.get_by_test_id("handle-sample_dataset-out-data").bounding_box()
    page.mouse.move(*centre(start))
    page.mouse.down()
    page.mouse.move(start["x"] + 60, start["y"] + 40, steps=5)
    expect(page.get_by_test_id("connection-highlight")).to_have_count(1)
    target = page.get_by_test_id("handle-split_data-in-data")
    learner = page.get_by_test_id("handle-train_model-in-learner")
    expect(target).to_have_css("width", "14px")
    expect(learner).to_have_css("opacity", "0.25")
    page.mouse.move(*centre(target.bounding_box()), steps=10)
    page.mouse.up()
    expect(page.get_by_test_id("connection-highlight")).to_have_count(0)
    expect(page.locator(".react-flow__edge")).to_have_count(1)

    # A model cannot feed a dataframe input: refused, and the notice says why.
    connect_refused(page, "linear_regression", "model", "train_model", "data", because="model")
    expect(page.locator(".react-flow__edge")).to_have_count(1)

    connect_edge(page, "linear_regression", "model", "train_model", "learner")
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    wait_saved(page)
    assert len(server_graph(api, created["id"])["edges"]) == 2


# ---------------------------------------------------------------------------------------------
# Selection, clipboard, undo


def test_box_and_shift_select_then_delete(page, api):
    created = new_pipeline(
        page,
        api,
        "selection",
        [
            node("a", "sample_dataset@1.0.0", 0, 0),
            node("b", "split_data@1.1.0", 300, 0),
            node("c", "select_columns@1.0.0", 0, 300),
            node("d", "select_columns@1.0.0", 600, 300),
        ],
        [edge("a", "data", "b", "data"), edge("a", "data", "c", "data")],
    )
    a = page.get_by_test_id("node-a").bounding_box()
    b = page.get_by_test_id("node-b").bounding_box()
    # Shift+drag on the empty canvas draws a selection box around a and b.
    page.keyboard.down("Shift")
    page.mouse.move(a["x"] - 20, a["y"] - 20)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] + 20, b["y"] + b["height"] + 20, steps=10)
    page.mouse.up()
    page.keyboard.up("Shift")
    expect(page.get_by_test_id("node-a")).to_have_class(re.compile(r"\bselected\b"))
    expect(page.get_by_test_id("node-b")).to_have_class(re.compile(r"\bselected\b"))
    expect(page.get_by_test_id("node-c")).not_to_have_class(re.compile(r"\bselected\b"))

    # Shift+click adds c.
    page.get_by_test_id("node-c").locator(".pw-node-title").click(modifiers=["Shift"])
    expect(page.get_by_test_id("node-c")).to_have_class(re.compile(r"\bselected\b"))
    expect(page.get_by_test_id("node-a")).to_have_class(re.compile(r"\bselected\b"))

    page.keyboard.press("Delete")
    expect(page.get_by_test_id("node-a")).to_have_count(0)
    assert node_ids(page) == ["d"]
    expect(page.locator(".react-flow__edge")).to_have_count(0)
    wait_saved(page)
    graph = server_graph(api, created["id"])
    assert [n["id"] for n in graph["nodes"]] == ["d"] and graph["edges"] == []

    # One deletion is one undo step.
    page.keyboard.press(f"{MOD}+z")
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    assert node_ids(page) == ["a", "b", "c", "d"]


def test_copy_paste_between_pipelines_and_duplicate(page, api):
    source = new_pipeline(
        page,
        api,
        "copy source",
        [
            node("sample_dataset", "sample_dataset@1.0.0", 0, 0),
            node("split_data", "split_data@1.1.0", 300, 0),
        ],
        [edge("sample_dataset", "data", "split_data", "data")],
    )
    api_graph = server_graph(api, source["id"])
    api_graph["nodes"][1]["params"] = {"fraction": 0.6}
    # (params come along in the copy)
    api.put(
        f"/api/pipelines/{source['id']}/",
        json={
            "name": "copy source",
            "graph": api_graph,
            "parameters": {},
            "revision": source["revision"],
        },
    ).raise_for_status()
    open_designer(page, source["id"], "split_data")

    page.locator(".react-flow__pane").click(position={"x": 20, "y": 20})
    page.keyboard.press(f"{MOD}+a")
    page.keyboard.press(f"{MOD}+c")

    target = create_pipeline(
        api, "paste target", {"nodes": [node("split_data", "split_data@1.1.0")], "edges": []}
    )
    open_designer(page, target["id"], "split_data")
    page.locator(".react-flow__pane").click(position={"x": 20, "y": 20})
    page.keyboard.press(f"{MOD}+v")
    # New ids where taken, the internal edge kept, the pasted nodes selected.
    expect(page.get_by_test_id("node-split_data_2")).to_be_visible()
    assert node_ids(page) == ["sample_dataset", "split_data", "split_data_2"]
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    expect(page.get_by_test_id("node-split_data_2")).to_have_class(re.compile(r"\bselected\b"))
    wait_saved(page)
    graph = server_graph(api, target["id"])
    assert {
        "source": "sample_dataset",
        "source_port": "data",
        "target": "split_data_2",
        "target_port": "data",
    } in graph["edges"]
    pasted = next(n for n in graph["nodes"] if n["id"] == "split_data_2")
    assert pasted["params"] == {"fraction": 0.6}

    # Duplicate the selection (still the two pasted nodes): two more, offset, connected.
    page.keyboard.press(f"{MOD}+d")
    expect(page.get_by_test_id("node-split_data_3")).to_be_visible()
    expect(page.get_by_test_id("node-sample_dataset_2")).to_be_visible()
    expect(page.locator(".react-flow__edge")).to_have_count(2)


def test_undo_and_redo_every_kind_of_edit(page, api):
    created = new_pipeline(
        page,
        api,
        "undo",
        [
            node("sample_dataset", "sample_dataset@1.0.0", 0, 0),
            node("split_data", "split_data@1.1.0", 320, 0),
        ],
    )
    pane = page.locator(".react-flow__pane")
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_disabled()

    before = page.get_by_test_id("node-split_data").bounding_box()
    drag_node(page, "split_data", 120, 80)  # 1 move (one entry for the whole drag)
    moved = page.get_by_test_id("node-split_data").bounding_box()
    assert abs(moved["x"] - before["x"]) > 50
    connect_edge(page, "sample_dataset", "data", "split_data", "data")  # 2 connect
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    page.get_by_test_id("node-split_data").locator(".pw-node-title").click()
    page.get_by_test_id("param-seed").fill("42")  # 3 param (typing is one entry)
    page.get_by_test_id("node-comment").fill("hold out 30%")  # 4 comment
    page.get_by_test_id("node-bypass").check()  # 5 bypass
    page.get_by_role("textbox", name="Pipeline name").fill("undo renamed")  # 6 rename
    expect(page.get_by_test_id("node-comment-split_data")).to_have_text("hold out 30%")
    expect(page.get_by_test_id("node-split_data")).to_have_attribute("data-disabled", "true")

    pane.click(position={"x": 10, "y": 10})  # leave the fields: keys go to the canvas
    page.keyboard.press(f"{MOD}+z")  # 6
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value("undo")
    page.keyboard.press(f"{MOD}+z")  # 5
    expect(page.get_by_test_id("node-split_data")).not_to_have_attribute("data-disabled", "true")
    page.keyboard.press(f"{MOD}+z")  # 4
    expect(page.get_by_test_id("node-comment-split_data")).to_have_count(0)
    page.keyboard.press(f"{MOD}+z")  # 3
    page.get_by_test_id("node-split_data").locator(".pw-node-title").click()
    expect(page.get_by_test_id("param-seed")).to_have_value("")
    pane.click(position={"x": 10, "y": 10})
    page.keyboard.press(f"{MOD}+z")  # 2
    expect(page.locator(".react-flow__edge")).to_have_count(0)
    page.keyboard.press(f"{MOD}+z")  # 1
    back = page.get_by_test_id("node-split_data").bounding_box()
    assert abs(back["x"] - before["x"]) < 2 and abs(back["y"] - before["y"]) < 2
    expect(undo).to_be_disabled()

    page.keyboard.press(f"{MOD}+Shift+z")  # redo the move
    page.keyboard.press(f"{MOD}+y")  # redo the connection
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    again = page.get_by_test_id("node-split_data").bounding_box()
    assert abs(again["x"] - moved["x"]) < 2
    for _ in range(4):
        page.get_by_role("button", name="Redo").click()
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value("undo renamed")
    wait_saved(page)
    saved = api.get(f"/api/pipelines/{created['id']}/").json()
    split = next(n for n in saved["graph"]["nodes"] if n["id"] == "split_data")
    assert saved["name"] == "undo renamed"
    assert (
        split["params"] == {"seed": 42}
        and split["comment"] == "hold out 30%"
        and split["disabled"] is True
    )


# ---------------------------------------------------------------------------------------------
# Layout, find, problems


def wait_view_still(page) -> None:
    """Until the view's transform holds over three looks in a row: on a busy machine one
    animation frame can take longer than the gap between two looks."""
    viewport = page.locator(".react-flow__viewport")
    seen: list[str] = []
    for _ in range(100):
        seen.append(viewport.evaluate("el => el.style.transform"))
        if len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]:
            return
        page.wait_for_timeout(150)
    raise AssertionError("the canvas view kept moving")


def overlapping(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_auto_layout_spreads_nodes_without_overlaps(page, api):
    ids = [
        "sample_dataset",
        "split_data",
        "linear_regression",
        "train_model",
        "score_model",
        "evaluate_model",
    ]
    components = [
        "sample_dataset@1.0.0",
        "split_data@1.1.0",
        "linear_regression@1.0.0",
        "train_model@1.0.0",
        "score_model@1.0.0",
        "evaluate_model@1.1.0",
    ]
    created = new_pipeline(
        page,
        api,
        "layout",
        [node(i, c, 10 * n, 10 * n) for n, (i, c) in enumerate(zip(ids, components, strict=True))],
        [
            edge("sample_dataset", "data", "split_data", "data"),
            edge("linear_regression", "model", "train_model", "learner"),
            edge("split_data", "first", "train_model", "data"),
            edge("train_model", "model", "score_model", "model"),
            edge("split_data", "second", "score_model", "data"),
            edge("score_model", "scored", "evaluate_model", "scored"),
        ],
    )
    page.get_by_role("button", name="Auto layout").click()
    expect(page.get_by_role("button", name="Undo")).to_be_enabled()
    wait_saved(page)
    positions = {n["id"]: n["position"] for n in server_graph(api, created["id"])["nodes"]}
    assert positions["evaluate_model"]["x"] > 500  # spread out, one layer per step
    # Left to right along the edges.
    assert (
        positions["sample_dataset"]["x"]
        < positions["split_data"]["x"]
        < positions["train_model"]["x"]
    )
    assert (
        positions["train_model"]["x"]
        < positions["score_model"]["x"]
        < positions["evaluate_model"]["x"]
    )
    wait_view_still(page)  # the view fits itself after the layout, animated
    boxes = [page.get_by_test_id(f"node-{i}").bounding_box() for i in ids]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not overlapping(first, second), (first, second)

    page.keyboard.press(f"{MOD}+z")  # the whole layout is one undo step
    wait_saved(page)
    undone = {n["id"]: n["position"] for n in server_graph(api, created["id"])["nodes"]}
    assert undone["evaluate_model"] == {"x": 50, "y": 50}


def test_find_node_and_shortcut_help(page, api):
    new_pipeline(
        page,
        api,
        "find",
        [node(f"n{i}", "select_columns@1.0.0", (i % 10) * 260, (i // 10) * 160) for i in range(40)]
        + [node("special", "split_data@1.1.0", 3000, 2000, comment="the holdout split")],
    )
    page.locator(".react-flow__pane").click(position={"x": 10, "y": 10})
    page.keyboard.press(f"{MOD}+f")
    find = page.get_by_role("searchbox", name="Find node")
    expect(find).to_be_focused()
    find.fill("holdout")
    expect(page.get_by_test_id("find-result-special")).to_be_visible()
    find.press("Enter")
    expect(page.get_by_test_id("node-special")).to_have_class(re.compile(r"\bselected\b"))
    expect(page.get_by_test_id("inspector")).to_contain_text("special")
    box = page.get_by_test_id("node-special").bounding_box()
    pane = page.locator(".react-flow__pane").bounding_box()
    assert pane["x"] < box["x"] + box["width"] / 2 < pane["x"] + pane["width"]
    find.press("Escape")
    expect(page.get_by_test_id("find-node")).to_have_count(0)

    page.locator(".react-flow__pane").click(position={"x": 10, "y": 10})
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_contain_text("Undo")
    expect(help_dialog).to_contain_text("Find a node")
    page.keyboard.press("Escape")
    expect(help_dialog).to_have_count(0)


def test_clicking_a_problem_focuses_its_node(page, api):
    new_pipeline(
        page,
        api,
        "problems",
        [node(f"n{i}", "select_columns@1.0.0", i * 300, 0) for i in range(12)],
    )
    page.get_by_role("button", name="Validate").click()
    page.get_by_test_id("issue-focus-n11").first.click()
    expect(page.get_by_test_id("node-n11")).to_have_class(re.compile(r"\bselected\b"))
    expect(page.get_by_test_id("inspector")).to_contain_text("n11")


# ---------------------------------------------------------------------------------------------
# Inspector and pipeline parameters


def test_out_of_range_number_shows_why(page, api):
    created = new_pipeline(page, api, "validation", [node("split_data", "split_data@1.1.0")])
    page.get_by_test_id("node-split_data").click()
    fraction = page.get_by_test_id("param-fraction")
    fraction.fill("3")
    expect(page.get_by_text("Must be at most 1")).to_be_visible()
    expect(fraction).to_have_attribute("aria-invalid", "true")
    fraction.fill("0.8")
    expect(page.get_by_text("Must be at most 1")).to_have_count(0)
    wait_saved(page)
    assert server_graph(api, created["id"])["nodes"][0]["params"] == {"fraction": 0.8}


def test_column_pickers_know_the_columns_before_any_run(page, api):
    created = new_pipeline(
        page,
        api,
        "columns",
        [
            node("sample_dataset", "sample_dataset@1.0.0", 0, 0),
            node("select_columns", "select_columns@1.0.0", 320, 0),
            node("split_data", "split_data@1.1.0", 320, 250),
        ],
        [edge("sample_dataset", "data", "split_data", "data")],
    )
    # Connected by hand: the pickers follow the graph being edited.
    connect_edge(page, "sample_dataset", "data", "select_columns", "data")
    page.get_by_test_id("node-select_columns").click()
    columns = page.get_by_test_id("param-columns")
    expect(columns).to_have_attribute("data-columns", "known")
    page.get_by_test_id("param-columns-col-target").check()
    page.get_by_test_id("param-columns-col-bmi").check()

    page.get_by_test_id("node-split_data").click()
    stratify = page.get_by_test_id("param-stratify")
    expect(stratify).to_have_attribute("data-columns", "known")
    expect(stratify.locator("option", has_text="sex")).to_have_count(1)
    stratify.select_option("sex")
    wait_saved(page)
    params = {n["id"]: n["params"] for n in server_graph(api, created["id"])["nodes"]}
    assert params["select_columns"] == {"columns": ["target", "bmi"]}
    assert params["split_data"] == {"stratify": "sex"}


def test_promote_bind_and_override_a_pipeline_parameter(page, api):
    created = new_pipeline(
        page,
        api,
        "parameters",
        [
            node("sample_dataset", "sample_dataset@1.0.0", 0, 0),
            node("split_data", "split_data@1.1.0", 320, 0),
            node("split_data_2", "split_data@1.1.0", 320, 250),
        ],
        [
            edge("sample_dataset", "data", "split_data", "data"),
            edge("sample_dataset", "data", "split_data_2", "data"),
        ],
    )
    page.get_by_test_id("node-split_data").click()
    page.get_by_test_id("param-seed").fill("7")
    page.get_by_test_id("promote-seed").click()
    expect(page.get_by_test_id("param-seed")).to_have_attribute("data-bound", "seed")

    # The second node promotes its own, then switches to the shared one.
    page.get_by_test_id("node-split_data_2").click()
    page.get_by_test_id("promote-seed").click()
    expect(page.get_by_test_id("param-seed")).to_have_attribute("data-bound", "seed_2")
    page.get_by_label("Pipeline parameter bound to seed").select_option("seed")
    expect(page.get_by_test_id("param-seed")).to_have_attribute("data-bound", "seed")

    page.get_by_role("tab", name="Pipeline", exact=True).click()
    row = page.get_by_test_id("pipeline-param-seed")
    expect(row).to_contain_text("split_data.seed, split_data_2.seed")
    expect(page.get_by_test_id("pipeline-param-default-seed")).to_have_value("7")
    page.get_by_role("button", name="Remove parameter seed_2").click()
    expect(page.get_by_test_id("pipeline-param-seed_2")).to_have_count(0)

    page.get_by_role("button", name="Submit").click()
    dialog = page.get_by_role("dialog", name="Submit a run")
    dialog.get_by_test_id("submit-param-seed").fill("5")
    dialog.get_by_role("button", name="Submit run").click()
    overlay = page.get_by_test_id("designer-run-overlay")
    expect(overlay).to_be_visible()
    runs = api.get("/api/runs/", params={"pipeline": created["id"]}).json()
    runs = runs["results"] if isinstance(runs, dict) else runs
    run = api.get(f"/api/runs/{runs[0]['id']}/").json()
    assert run["parameters"]["seed"] == 5
    saved = api.get(f"/api/pipelines/{created['id']}/").json()
    assert saved["parameters"]["seed"]["default"] == 7
    assert all(n["params"].get("seed") == {"$param": "seed"} for n in saved["graph"]["nodes"][1:])
    # Nodes take the run's colours while it runs here.
    expect(page.get_by_test_id("node-sample_dataset")).to_have_attribute(
        "data-status", re.compile("completed|reused"), timeout=90_000
    )


def test_version_switch_rechecks_the_node_and_says_what_changed(page, api):
    split = node("split_data", "split_data@1.1.0", 320, 0)
    split["params"] = {"fraction": 0.5, "expression": "target > 100"}
    created = new_pipeline(
        page,
        api,
        "versions",
        [node("sample_dataset", "sample_dataset@1.0.0", 0, 0), split],
        [edge("sample_dataset", "data", "split_data", "data")],
    )
    page.get_by_test_id("node-split_data").click()
    version = page.get_by_test_id("node-version")
    expect(version.locator("option")).to_have_count(2)
    version.select_option("1.0.0")
    expect(page.get_by_test_id("notice")).to_contain_text('Dropped parameter "expression"')
    expect(page.get_by_test_id("inspector")).to_contain_text("split_data@1.0.0")
    wait_saved(page)
    saved = server_graph(api, created["id"])
    assert saved["nodes"][1]["component"] == "split_data@1.0.0"
    assert saved["nodes"][1]["params"] == {"fraction": 0.5}
    assert len(saved["edges"]) == 1

    # Ctrl+B bypasses the selected node; the graph keeps it, marked disabled.
    page.locator(".react-flow__pane").click(position={"x": 10, "y": 10})
    page.get_by_test_id("node-split_data").locator(".pw-node-title").click()
    page.keyboard.press(f"{MOD}+b")
    expect(page.get_by_test_id("node-split_data")).to_have_attribute("data-disabled", "true")
    wait_saved(page)
    assert server_graph(api, created["id"])["nodes"][1]["disabled"] is True


# ---------------------------------------------------------------------------------------------
# Drafts: autosave, local copy, conflicts


def test_autosave_then_reload_keeps_the_edit(page, api):
    created = new_pipeline(page, api, "autosave", [node("split_data", "split_data@1.1.0")])
    page.get_by_test_id("node-split_data").click()
    page.get_by_test_id("node-comment").fill("kept across reloads")
    expect(page.get_by_test_id("save-state")).to_have_text("Unsaved changes")
    wait_saved(page)  # by itself, about a second after the last keystroke
    assert server_graph(api, created["id"])["nodes"][0]["comment"] == "kept across reloads"
    page.reload()
    expect(page.get_by_test_id("node-comment-split_data")).to_have_text("kept across reloads")


def test_unsaved_work_survives_a_reload_while_the_server_is_unreachable(page, api):
    created = new_pipeline(page, api, "offline", [node("split_data", "split_data@1.1.0")])
    page.route(
        re.compile(rf"/api/pipelines/{created['id']}/$"),
        lambda route: route.abort() if route.request.method == "PUT" else route.continue_(),
    )
    page.get_by_role("textbox", name="Pipeline name").fill("offline edit")
    expect(page.get_by_test_id("notice")).to_contain_text("Save failed")
    page.unroute(re.compile(rf"/api/pipelines/{created['id']}/$"))
    page.reload()
    offer = page.get_by_test_id("draft-offer")
    expect(offer).to_be_visible()
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value("offline")
    offer.get_by_role("button", name="Restore unsaved changes").click()
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value("offline edit")
    wait_saved(page)
    assert api.get(f"/api/pipelines/{created['id']}/").json()["name"] == "offline edit"
    page.reload()
    expect(page.get_by_test_id("draft-offer")).to_have_count(0)


def test_a_conflicting_change_offers_reload(page, api):
    created = new_pipeline(page, api, "conflict", [node("split_data", "split_data@1.1.0")])
    # Someone else saves a new version behind the page's back.
    response = api.patch(
        f"/api/pipelines/{created['id']}/",
        json={"name": "changed elsewhere", "revision": created["revision"]},
    )
    assert response.status_code == 200, response.text
    page.get_by_test_id("node-split_data").click()
    page.get_by_test_id("node-comment").fill("mine")
    banner = page.get_by_test_id("save-conflict")
    expect(banner).to_be_visible(timeout=30_000)
    expect(banner.get_by_role("button", name="Save as a copy")).to_be_visible()
    banner.get_by_role("button", name="Reload").click()
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value("changed elsewhere")
    expect(page.get_by_test_id("save-conflict")).to_have_count(0)
    expect(page.get_by_test_id("save-state")).to_have_text("Saved")


def test_a_conflict_can_be_saved_as_a_copy(page, api):
    created = new_pipeline(page, api, "conflict copy", [node("split_data", "split_data@1.1.0")])
    api.patch(
        f"/api/pipelines/{created['id']}/",
        json={"description": "theirs", "revision": created["revision"]},
    )
    page.get_by_role("textbox", name="Pipeline name").fill("mine")
    page.get_by_test_id("save-conflict").get_by_role("button", name="Save as a copy").click()
    expect(page).not_to_have_url(re.compile(rf"/pipelines/{created['id']}$"))
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value("mine (copy)")
    copy_id = int(page.url.rstrip("/").split("/")[-1])
    assert api.get(f"/api/pipelines/{copy_id}/").json()["name"] == "mine (copy)"
    assert api.get(f"/api/pipelines/{created['id']}/").json()["description"] == "theirs"


# ---------------------------------------------------------------------------------------------
# Pipelines page


def test_pipelines_page_create_rename_clone_search_sort_delete(page, api):
    stamp = str(int(time.time()))
    first = create_pipeline(
        api, f"alpha {stamp}", {"nodes": [node("split_data", "split_data@1.1.0")], "edges": []}
    )
    create_pipeline(api, f"beta {stamp}", {"nodes": [], "edges": []})
    sign_in(page)
    search = page.get_by_role("searchbox", name="Search pipelines")
    search.fill(stamp)
    table = page.get_by_test_id("pipelines-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    row = page.get_by_test_id(f"pipeline-row-{first['id']}")
    expect(row.locator("td").nth(2)).to_have_text("1")  # node count from the summary

    page.get_by_label("Sort by").select_option("name")
    expect(table.locator("tbody tr").first).to_contain_text("alpha")
    page.get_by_label("Sort by").select_option("-name")
    expect(table.locator("tbody tr").first).to_contain_text("beta")

    row.get_by_role("button", name=f"Rename alpha {stamp}").click()
    row.get_by_label(f"New name for alpha {stamp}").fill(f"gamma {stamp}")
    row.get_by_label(f"New name for alpha {stamp}").press("Enter")
    expect(row.get_by_role("link")).to_have_text(f"gamma {stamp}")
    assert api.get(f"/api/pipelines/{first['id']}/").json()["name"] == f"gamma {stamp}"

    row.get_by_role("button", name=f"Clone gamma {stamp}").click()
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text(f"gamma {stamp} (copy)")

    row.get_by_role("button", name=f"Delete gamma {stamp}").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(f"Delete “gamma {stamp}”?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(table.locator("tbody tr")).to_have_count(3)
    row.get_by_role("button", name=f"Delete gamma {stamp}").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    expect(table.locator("tbody tr")).to_have_count(2)
    assert api.get(f"/api/pipelines/{first['id']}/").status_code == 404

    search.fill("")
    page.get_by_role("button", name="New pipeline").click()
    expect(page).to_have_url(re.compile(r"/pipelines/\d+$"))


def test_yaml_export_then_import_gives_the_same_graph(page, api, tmp_path):
    graph = {
        "nodes": [
            node("sample_dataset", "sample_dataset@1.0.0", 0, 0, params={"dataset": "iris"}),
            node("split_data", "split_data@1.1.0", 300, 0, comment="stratified", disabled=True),
        ],
        "edges": [edge("sample_dataset", "data", "split_data", "data")],
    }
    graph["nodes"][0]["params"] = {"dataset": "iris"}
    graph["nodes"][1]["params"] = {"seed": {"$param": "seed"}}
    created = create_pipeline(
        api,
        f"yaml {time.time()}",
        graph,
        {"seed": {"type": "integer", "default": 3, "description": ""}},
    )
    sign_in(page)
    page.get_by_role("searchbox", name="Search pipelines").fill(created["name"])
    row = page.get_by_test_id(f"pipeline-row-{created['id']}")
    with page.expect_download() as download:
        row.get_by_role("button", name=f"Export {created['name']}").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.endswith(".yaml") and "split_data" in path.read_text()

    page.get_by_test_id("import-pipeline-file").set_input_files(str(path))
    expect(page).to_have_url(re.compile(r"/pipelines/\d+$"))
    expect(page.get_by_test_id("node-split_data")).to_be_visible()
    imported_id = int(page.url.rstrip("/").split("/")[-1])
    assert imported_id != created["id"]
    original = api.get(f"/api/pipelines/{created['id']}/").json()
    imported = api.get(f"/api/pipelines/{imported_id}/").json()
    assert imported["graph"] == original["graph"]
    assert imported["parameters"] == original["parameters"]


def test_add_a_dataset_from_the_palette(page, server):
    with server.client() as client:
        created = create_pipeline(client, "datasets", {"nodes": [], "edges": []})
    sign_in(page)
    open_designer(page, created["id"])

    # A registered dataset dragged in becomes a Dataset node reading its newest version; the
    # inspector pins one of its versions instead.
    datasets = page.get_by_test_id("palette-group-Datasets")
    datasets.get_by_test_id("palette-dataset-iris").drag_to(
        page.locator(".react-flow__pane"), target_position={"x": 200, "y": 150}
    )
    expect(page.get_by_test_id("node-reads-dataset")).to_have_text("iris · latest")
    page.get_by_test_id("node-dataset").click()
    expect(page.get_by_test_id("param-name")).to_have_value("iris")
    page.get_by_test_id("param-version").select_option("1")
    expect(page.get_by_test_id("node-reads-dataset")).to_have_text("iris · v1")
    wait_saved(page)

    # A dataset registered meanwhile shows up after a reload, and the search finds it.
    with server.client() as client:
        response = client.post(
            "/api/datasets/",
            data={"name": "palette-pick"},
            files={"file": ("pick.csv", b"a,b\n1,2\n", "text/csv")},
        )
        assert response.status_code == 201, response.text
    page.reload()
    page.get_by_role("textbox", name="Pipeline name").wait_for()
    page.get_by_placeholder("Search components").fill("palette-pick")
    expect(page.get_by_test_id("palette-dataset-iris")).to_have_count(0)
    page.get_by_test_id("palette-dataset-palette-pick").dblclick()
    expect(page.get_by_test_id("node-reads-dataset_2")).to_have_text("palette-pick · latest")

    wait_saved(page)
    with server.client() as client:
        nodes = server_graph(client, created["id"])["nodes"]
    assert {n["id"]: (n["component"], n["params"]) for n in nodes} == {
        "dataset": ("dataset@1.0.0", {"name": "iris", "version": "1"}),
        "dataset_2": ("dataset@1.0.0", {"name": "palette-pick", "version": "latest"}),
    }

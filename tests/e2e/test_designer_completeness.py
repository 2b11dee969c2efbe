"""What the designer lets a data scientist do without the API, in a real browser: the code
editor keeps exactly what was written, a node's menu runs part of the pipeline and edits the
node, and the smaller comforts (a large code editor, naming a new pipeline, /pipelines, a
notice that floats, pastes beside the originals, a node never left under the minimap)."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_designer import (
    MOD,
    centre,
    node,
    open_designer,
    server_graph,
    wait_saved,
)
from tests.e2e.test_walking_skeleton import connect_refused
from tests.pipelines.factories import edge
from tests.support.live import create_pipeline, wait_for, wait_for_run

PY = "execute_python_script@1.0.0"
IRIS = {"dataset": "iris"}


@pytest.fixture
def api(server):
    with server.client() as client:
        yield client


def python_step(node_id, x, y, script=None):
    return node(node_id, PY, x, y) | ({"params": {"script": script}} if script else {})


def script_printing(marker: str, column: str) -> str:
    return (
        "import pandas as pd\n"
        "\n"
        "\n"
        "def main(data1, data2):\n"
        f'    print("{marker}")\n'
        "    out = data1.copy()\n"
        f'    out["{column}"] = 1\n'
        "    return out, None\n"
    )


def editor(page, name="script"):
    return page.get_by_test_id(f"param-{name}").locator(".cm-content")


def editor_text(page, name="script") -> str:
    """The editor's text, without the placeholder an empty editor shows."""
    return editor(page, name).evaluate(
        """content => [...content.querySelectorAll('.cm-line')]
            .map(line => [...line.childNodes]
                .filter(n => !(n.classList && n.classList.contains('cm-placeholder')))
                .map(n => n.textContent).join(''))
            .join('\\n')"""
    )


def open_menu(page, node_id):
    page.get_by_test_id(f"actions-{node_id}").click()
    menu = page.get_by_role("menu", name=f"Actions for node {node_id}")
    expect(menu).to_be_visible()
    return menu


def pipeline_runs(api, pipeline_id) -> list[dict]:
    body = api.get("/api/runs/", params={"pipeline": pipeline_id}).json()
    return body if isinstance(body, list) else body["results"]


def new_run(api, pipeline_id, before: set[int]) -> dict:
    """The run the page just submitted for the pipeline, once finished."""

    def started():
        fresh = [r for r in pipeline_runs(api, pipeline_id) if r["id"] not in before]
        return fresh[0] if fresh else None

    return wait_for_run(api, wait_for(started, 30, "the submitted run")["id"], timeout=180)


def stdout_of(api, run_id, node_id) -> str:
    logs = api.get(f"/api/runs/{run_id}/nodes/{node_id}/logs/").json()
    return "\n".join(line["line"] for line in logs["lines"] if line["stream"] == "stdout")


# ---------------------------------------------------------------------------------------------
# Point 1: the code editor keeps exactly what was written


def test_cleared_editor_stays_empty_and_runs_exactly_the_pasted_code(clipboard_page, api):
    page = clipboard_page
    created = create_pipeline(
        api,
        "paste code",
        {
            "nodes": [
                node("load", "sample_dataset@1.0.0", 0, 0, params=IRIS),
                python_step("py", 320, 0),
            ],
            "edges": [edge("load", "data", "py", "data1")],
        },
    )
    sign_in(page)
    open_designer(page, created["id"], "py")
    page.get_by_test_id("node-py").click()
    code = editor(page)
    expect(code).to_contain_text("def main(data1")  # the template, while unset

    # Clear it: it stays empty (the template does not come back), and is saved as empty.
    code.click()
    page.keyboard.press(f"{MOD}+a")
    page.keyboard.press("Delete")
    wait_for(lambda: editor_text(page) == "", 5, "the editor to be empty")
    expect(code.locator(".cm-placeholder")).to_contain_text("Empty")
    wait_saved(page)
    assert editor_text(page) == ""
    assert server_graph(api, created["id"])["nodes"][1]["params"]["script"] == ""
    # Empty code is a clear problem, inline and from validation, never the template silently.
    expect(page.get_by_test_id("code-problem-script")).to_contain_text("empty")
    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_test_id("node-error-py")).to_contain_text("script is empty")

    # Typing after clearing gives exactly what was typed.
    code.click()
    page.keyboard.type("# my code")
    wait_for(lambda: editor_text(page) == "# my code", 5, "exactly the typed text")

    # Paste a whole script over it: exactly that script is stored and runs.
    marker = f"pasted-{uuid.uuid4().hex[:8]}"
    script = script_printing(marker, "pasted_col")
    page.evaluate("text => navigator.clipboard.writeText(text)", script)
    page.keyboard.press(f"{MOD}+a")
    page.keyboard.press(f"{MOD}+v")
    expect(code).to_contain_text(marker)
    wait_saved(page)
    assert server_graph(api, created["id"])["nodes"][1]["params"]["script"] == script

    before = {r["id"] for r in pipeline_runs(api, created["id"])}
    open_menu(page, "py").get_by_role("menuitem", name="Run up to here").click()
    run = new_run(api, created["id"], before)
    assert run["status"] == "completed", run
    step = next(n for n in run["nodes"] if n["node"] == "py")
    assert step["params"]["script"] == script
    assert marker in stdout_of(api, run["id"], "py")
    preview = api.get(f"/api/artifacts/{step['outputs']['result1']}/preview/").json()
    assert "pasted_col" in str(preview), preview


def test_the_code_editor_resizes_and_opens_large(page, api):
    created = create_pipeline(api, "big editor", {"nodes": [python_step("py", 0, 0)], "edges": []})
    sign_in(page)
    open_designer(page, created["id"], "py")
    page.get_by_test_id("node-py").click()
    inline = page.get_by_test_id("param-script")
    expect(inline.locator(".cm-content")).to_be_visible()
    assert inline.evaluate("e => getComputedStyle(e).resize") == "vertical"
    # Drag the corner down: the editor grows.
    box = inline.bounding_box()
    page.mouse.move(box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 3, box["y"] + box["height"] + 200, steps=8)
    page.mouse.up()
    assert inline.bounding_box()["height"] > box["height"] + 100

    page.get_by_role("button", name="Expand the script editor").click()
    dialog = page.get_by_test_id("code-dialog")
    expect(dialog).to_be_visible()
    large = page.get_by_test_id("param-script-large")
    assert large.bounding_box()["height"] > 500
    large.locator(".cm-content").click()
    page.keyboard.press(f"{MOD}+a")
    page.keyboard.type("print('from the large editor')")
    # One value: the inline editor shows what the large one wrote.
    expect(inline.locator(".cm-content")).to_have_text("print('from the large editor')")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    wait_saved(page)
    script = server_graph(api, created["id"])["nodes"][0]["params"]["script"]
    assert script == "print('from the large editor')"


# ---------------------------------------------------------------------------------------------
# Point 5: the node menu


def chain_graph(tag: str) -> dict:
    """load -> a -> b, and load -> c beside them; each step prints its name and `tag`."""
    steps = {name: script_printing(f"{name}-{tag}", f"{name}_col") for name in "abc"}
    return {
        "nodes": [
            node("load", "sample_dataset@1.0.0", 0, 150, params=IRIS),
            python_step("a", 320, 0, steps["a"]),
            python_step("b", 640, 0, steps["b"]),
            python_step("c", 320, 300, steps["c"]),
        ],
        "edges": [
            edge("load", "data", "a", "data1"),
            edge("a", "result1", "b", "data1"),
            edge("load", "data", "c", "data1"),
        ],
    }


def test_run_from_here_in_the_node_menu_runs_only_that_cone(page, api):
    tag = uuid.uuid4().hex[:8]
    created = create_pipeline(api, "menu run from", chain_graph(tag))
    first = api.post(f"/api/pipelines/{created['id']}/runs/", json={}).json()
    assert wait_for_run(api, first["id"], timeout=180)["status"] == "completed"

    sign_in(page)
    open_designer(page, created["id"], "a")
    # Right-click opens the menu too.
    page.get_by_test_id("node-a").locator(".pw-node-title").click(button="right")
    menu = page.get_by_role("menu", name="Actions for node a")
    expect(menu).to_be_visible()
    menu.get_by_role("menuitem", name="Run from here").click()
    expect(menu).to_have_count(0)
    run = new_run(api, created["id"], {first["id"]})

    assert run["partial"] == {"node": "a", "scope": "from"}
    assert run["status"] == "completed", run
    nodes = {n["node"]: n for n in run["nodes"]}
    # The cone (a and what follows it) plus what feeds it; c, beside it, is not part of the run.
    assert set(nodes) == {"load", "a", "b"}
    assert nodes["a"]["reused"] is False and nodes["a"]["from_run"] == run["id"]
    assert f"a-{tag}" in stdout_of(api, run["id"], "a")
    assert nodes["load"]["reused"] is True  # only leaned on: the first run's result

    # "View last outputs" opens that run with the node's panel.
    open_menu(page, "b").get_by_role("menuitem", name="View last outputs").click()
    expect(page).to_have_url(re.compile(rf"/runs/{run['id']}\?node=b$"))


def test_the_node_menu_by_keyboard_and_its_edits(page, api):
    steps = [python_step("py", 0, 0), python_step("other", 400, 0)]
    created = create_pipeline(api, "menu edits", {"nodes": steps, "edges": []})
    sign_in(page)
    open_designer(page, created["id"], "py")
    page.get_by_test_id("node-py").click()

    # Shift+F10 opens the selected node's menu with focus on its first item; arrows move;
    # Escape closes it and gives the focus back to the node.
    page.keyboard.press("Shift+F10")
    menu = page.get_by_role("menu", name="Actions for node py")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("menuitem", name="Run only this node")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitem", name="Run up to here")).to_be_focused()
    page.keyboard.press("End")
    expect(menu.get_by_role("menuitem", name="View last outputs")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(page.locator(".react-flow__node[data-id='py']")).to_be_focused()
    # A click elsewhere closes it as well.
    open_menu(page, "py")
    page.locator(".react-flow__pane").click(position={"x": 20, "y": 20})
    expect(menu).to_have_count(0)

    open_menu(page, "py").get_by_role("menuitem", name="Bypass").click()
    expect(page.get_by_test_id("node-py")).to_have_attribute("data-disabled", "true")
    open_menu(page, "py").get_by_role("menuitem", name="Enable").click()
    expect(page.get_by_test_id("node-py")).not_to_have_attribute("data-disabled", "true")

    open_menu(page, "py").get_by_role("menuitem", name="Duplicate").click()
    expect(page.get_by_test_id("node-execute_python_script")).to_be_visible()
    open_menu(page, "execute_python_script").get_by_role("menuitem", name="Delete").click()
    expect(page.get_by_test_id("node-execute_python_script")).to_have_count(0)
    wait_saved(page)
    assert sorted(n["id"] for n in server_graph(api, created["id"])["nodes"]) == ["other", "py"]

    # No run yet: "View last outputs" says so and stays.
    open_menu(page, "py").get_by_role("menuitem", name="View last outputs").click()
    expect(page.get_by_test_id("notice")).to_contain_text("No run of this pipeline has py yet")

    open_menu(page, "py").get_by_role("menuitem", name="Open in registry").click()
    expect(page).to_have_url(re.compile(r"/registry/execute_python_script/1\.0\.0$"))
    expect(page.get_by_role("heading", name="Execute Python Script")).to_be_visible()


# ---------------------------------------------------------------------------------------------
# Point 9: the smaller things


def test_new_pipeline_asks_a_name_and_a_description(page, api):
    sign_in(page)
    page.goto("/pipelines")
    expect(page.get_by_role("heading", name="Pipelines")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)

    page.get_by_role("button", name="New pipeline").click()
    dialog = page.get_by_role("dialog", name="New pipeline")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Create").click()
    expect(dialog.get_by_role("alert")).to_have_text("Give the pipeline a name.")
    expect(dialog.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    # Escape leaves without creating anything.
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    name = f"Churn {uuid.uuid4().hex[:6]}"
    page.get_by_role("button", name="New pipeline").click()
    dialog.get_by_label("Name").fill(f"  {name} ")
    dialog.get_by_label("Description").fill("Predicts who leaves.")
    dialog.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/pipelines/\d+$"))
    expect(page.get_by_role("textbox", name="Pipeline name")).to_have_value(name)
    pipeline_id = int(page.url.rsplit("/", 1)[1])
    saved = api.get(f"/api/pipelines/{pipeline_id}/").json()
    assert (saved["name"], saved["description"]) == (name, "Predicts who leaves.")


def test_a_refused_connection_notice_floats_over_the_canvas(page, api):
    created = create_pipeline(
        api,
        "floating notice",
        {
            "nodes": [
                node("linear_regression", "linear_regression@1.0.0", 0, 0),
                node("split_data", "split_data@1.1.0", 400, 0),
            ],
            "edges": [],
        },
    )
    sign_in(page)
    open_designer(page, created["id"], "split_data")
    canvas = page.get_by_test_id("designer-canvas")
    before = canvas.bounding_box()
    connect_refused(page, "linear_regression", "model", "split_data", "data", "model")
    notice = page.get_by_test_id("notice")
    expect(notice).to_be_visible()
    assert canvas.bounding_box() == before
    assert notice.evaluate("e => getComputedStyle(e).position") == "absolute"
    # It covers the canvas without getting in the way: a click through it reaches the canvas.
    box = notice.bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('[data-testid=notice]') === null",
        [box["x"] + 10, box["y"] + box["height"] / 2],
    )
    assert hit, "the notice takes the pointer"
    notice.get_by_role("button", name="Dismiss").click()
    expect(notice).to_have_count(0)


def boxes_apart(a, b) -> bool:
    return (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_pasted_nodes_land_beside_the_originals_and_cascade(page, api):
    created = create_pipeline(
        api, "paste beside", {"nodes": [node("split_data", "split_data@1.1.0", 0, 0)], "edges": []}
    )
    sign_in(page)
    open_designer(page, created["id"], "split_data")
    page.get_by_test_id("node-split_data").click()
    page.keyboard.press(f"{MOD}+c")
    page.keyboard.press(f"{MOD}+v")
    expect(page.get_by_test_id("node-split_data_2")).to_be_visible()
    page.keyboard.press(f"{MOD}+v")
    expect(page.get_by_test_id("node-split_data_3")).to_be_visible()
    ids = ["split_data", "split_data_2", "split_data_3"]
    boxes = [page.locator(f".react-flow__node[data-id='{i}']").bounding_box() for i in ids]
    for first in range(3):
        for second in range(first + 1, 3):
            assert boxes_apart(boxes[first], boxes[second]), (ids[first], ids[second])
    # Down and to the right, each paste further than the one before.
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]


def test_the_minimap_never_covers_the_clicked_node(page, api):
    created = create_pipeline(
        api, "minimap", {"nodes": [node("step", "split_data@1.1.0", 0, 0)], "edges": []}
    )
    sign_in(page)
    open_designer(page, created["id"], "step")
    minimap = page.locator(".react-flow__minimap")
    target = page.locator(".react-flow__node[data-id='step']")
    expect(minimap).to_be_visible()
    # Pan the canvas so that the minimap covers the lower right of the node.
    node_box, map_box = target.bounding_box(), minimap.bounding_box()
    pane = page.locator(".react-flow__pane").bounding_box()
    dx = map_box["x"] - (node_box["x"] + node_box["width"] / 2)
    dy = map_box["y"] - (node_box["y"] + node_box["height"] / 2)
    start = (pane["x"] + 30, pane["y"] + 30)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + dx, start[1] + dy, steps=12)
    page.mouse.up()
    wait_for(lambda: not boxes_apart(target.bounding_box(), minimap.bounding_box()), 5, "overlap")
    # Click the part the minimap leaves free: the view pans the whole node clear of it.
    box = target.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 10)
    expect(page.get_by_test_id("inspector")).to_contain_text("Split Data")
    wait_for(
        lambda: boxes_apart(target.bounding_box(), minimap.bounding_box()),
        10,
        "the node to come out from under the minimap",
    )
    x, y = centre(target.bounding_box())
    pane = page.locator(".react-flow__pane").bounding_box()
    assert pane["x"] < x < pane["x"] + pane["width"] and pane["y"] < y < pane["y"] + pane["height"]

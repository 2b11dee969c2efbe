"""The run view in a real browser: live node states, a live log tail, recovery from a dropped
websocket, node outputs with preview and statistics, comparing runs, cancelling a run.

Preconditions (registering a test component, creating and submitting pipelines) go through
the REST API; everything the tests check is read off the page as a user sees it. A test that
looks at a running step holds it running behind a gate (tests/support/gate.py) and releases it
when done looking, so a busy machine cannot make the step finish before the page shows it.
"""

import re
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.pipelines.factories import edge
from tests.support.gate import GATED_ECHO, GATED_ECHO_REF, Gate
from tests.support.live import create_pipeline, register, sample_graph, wait_for_run

FINAL = re.compile(r"^(completed|failed|canceled)$")


def node(node_id, component, params=None, x=0, y=0):
    return {
        "id": node_id,
        "component": component,
        "params": params or {},
        "compute": None,
        "reuse": True,
        "comment": "",
        "position": {"x": x, "y": y},
    }


def echo_graph(lines, pause, second=None, gate=None):
    """sample_dataset(iris) -> echo (-> echo2 when `second` gives its lines); echo holds
    running after its lines until `gate` is released."""
    params = {"lines": lines, "pause": pause} | ({"gate": str(gate)} if gate else {})
    nodes = [
        node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
        node("echo", GATED_ECHO_REF, params, y=160),
    ]
    edges = [edge("load", "data", "echo", "data")]
    if second is not None:
        nodes.append(node("echo2", GATED_ECHO_REF, {"lines": second, "pause": pause}, y=320))
        edges.append(edge("echo", "data", "echo2", "data"))
    return {"nodes": nodes, "edges": edges}


@pytest.fixture
def gate(server):
    """Released on the way out too, so a failed test leaves no step holding a worker. In the
    server's data root: an isolated step sees only that of the machine's folders."""
    gate = Gate(server.var_dir / "data")
    yield gate
    gate.release()


@pytest.fixture(scope="module")
def api(server):
    with server.client() as client:
        register(client, GATED_ECHO)
        yield client


def submit(api, name, graph, parameters=None, **body):
    pipeline = create_pipeline(api, name, graph, parameters)
    response = api.post(
        f"/api/pipelines/{pipeline['id']}/runs/", json={"force_rerun": True, **body}
    )
    assert response.status_code == 201, response.text
    return response.json()


def open_run(page, run_id):
    sign_in(page)
    page.goto(f"/runs/{run_id}")
    expect(page.get_by_test_id("run-status")).to_be_visible()


def test_states_change_live_on_the_graph(page, api, gate):
    run = submit(api, "e2e live states", echo_graph(lines=3, pause=0.2, second=2, gate=gate))
    open_run(page, run["id"])
    echo = page.get_by_test_id("run-node-echo")
    echo2 = page.get_by_test_id("run-node-echo2")

    expect(echo).to_have_attribute("data-status", "running", timeout=60_000)
    # While running: a progress bar from progress events and a ticking clock; the next waits.
    expect(echo.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_test_id("run-node-clock-echo")).to_have_text(re.compile(r"^\d+s$"))
    assert echo2.get_attribute("data-status") in {"pending", "queued"}

    gate.release()
    expect(echo).to_have_attribute("data-status", "completed", timeout=30_000)
    expect(echo2).to_have_attribute("data-status", re.compile("running|completed"))
    expect(echo2).to_have_attribute("data-status", "completed", timeout=30_000)
    expect(page.get_by_test_id("run-status")).to_have_text("completed")
    expect(echo.get_by_role("progressbar")).to_have_count(0)

    # The timeline shows every node as a bar and the critical path through the slow chain.
    page.get_by_role("tab", name="Timeline").click()
    expect(page.get_by_test_id("critical-path")).to_contain_text("echo → echo2")
    expect(page.get_by_test_id("gantt-echo")).to_have_attribute("data-critical", "true")


def test_designer_shows_live_status_after_submit(page, api, gate):
    # The gate's fresh path also keeps the step from being reused: it really runs.
    pipeline = create_pipeline(api, "e2e designer live", echo_graph(lines=2, pause=0.2, gate=gate))
    sign_in(page)
    page.goto(f"/pipelines/{pipeline['id']}")
    echo = page.get_by_test_id("node-echo")
    expect(echo).to_be_visible()
    page.get_by_role("button", name="Submit", exact=True).click()
    page.get_by_role("dialog", name="Submit a run").get_by_role("button", name="Submit run").click()

    overlay = page.get_by_test_id("designer-run-overlay")
    expect(overlay).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/pipelines/{pipeline['id']}$"))
    expect(echo).to_have_attribute("data-status", "running", timeout=60_000)
    expect(page.get_by_test_id("designer-run-status")).to_have_text("running")
    gate.release()
    expect(echo).to_have_attribute("data-status", "completed", timeout=30_000)
    expect(page.get_by_test_id("designer-run-progress")).to_have_text("2/2 done")
    expect(page.get_by_test_id("designer-run-status")).to_have_text("completed")
    overlay.get_by_role("link", name="Open run view").click()
    expect(page).to_have_url(re.compile(r"/runs/\d+$"))
    expect(page.get_by_test_id("run-status")).to_have_text("completed")


def test_log_lines_arrive_while_the_node_runs(page, api, gate):
    run = submit(api, "e2e live logs", echo_graph(lines=10, pause=0.1, gate=gate))
    open_run(page, run["id"])
    echo = page.get_by_test_id("run-node-echo")
    expect(echo).to_have_attribute("data-status", "running", timeout=60_000)
    echo.click()
    logs = page.get_by_test_id("node-logs")
    expect(logs).to_contain_text("echo line 2", timeout=20_000)
    # The line is on screen while the node is still running (held by the gate): it was
    # streamed, not fetched after.
    assert echo.get_attribute("data-status") == "running"

    # The search box filters lines; Pause stops following, Follow resumes.
    page.get_by_label("Search log").fill("line 1")
    expect(logs).to_contain_text("echo line 1")
    expect(logs).not_to_contain_text("echo line 2")
    page.get_by_label("Search log").fill("")
    follow = page.get_by_test_id("logs-follow")
    expect(follow).to_have_attribute("aria-pressed", "true")
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "false")
    follow.click()

    gate.release()
    expect(echo).to_have_attribute("data-status", "completed", timeout=30_000)
    expect(logs).to_contain_text("echo line 9")
    text = logs.inner_text()
    numbers = [int(n) for n in re.findall(r"echo line (\d+)", text)]
    assert numbers == list(range(10)), "every line once, in order"

    # Metrics: the latest values, and a chart for the one logged at every step.
    page.get_by_role("tab", name="Metrics").click()
    expect(page.get_by_test_id("metric-rows")).to_contain_text("150")
    expect(page.get_by_test_id("metric-chart-step_value")).to_be_visible()


def test_dropped_websocket_recovers_the_final_state(page, api, gate):
    sockets = []
    blocked = threading.Event()

    def route(ws):
        if blocked.is_set():
            ws.close(code=4000, reason="test: network down")
            return
        ws.connect_to_server()
        sockets.append(ws)

    page.route_web_socket(re.compile(r"/ws/runs/\d+/(\?.*)?$"), route)
    run = submit(api, "e2e dropped socket", echo_graph(lines=2, pause=0.2, second=2, gate=gate))
    open_run(page, run["id"])
    echo = page.get_by_test_id("run-node-echo")
    expect(echo).to_have_attribute("data-status", "running", timeout=60_000)

    # The network goes: the open socket is closed and reconnects are refused while the run
    # moves on to its end.
    blocked.set()
    for ws in sockets:
        ws.close(code=4000, reason="test: dropped")
    connected = len(sockets)
    gate.release()
    final = wait_for_run(api, run["id"])
    assert final["status"] == "completed"
    assert echo.get_attribute("data-status") == "running", "nothing arrives while disconnected"
    blocked.clear()

    # Back online: the view catches up by itself and ends on the true final state.
    expect(page.get_by_test_id("run-status")).to_have_text("completed", timeout=60_000)
    for node_run in final["nodes"]:
        expect(page.get_by_test_id(f"run-node-{node_run['node']}")).to_have_attribute(
            "data-status", node_run["status"]
        )
    assert len(sockets) > connected, "the view must have reconnected"


def test_node_outputs_show_preview_and_statistics(page, api):
    run = submit(api, "e2e outputs", echo_graph(lines=1, pause=0))
    final = wait_for_run(api, run["id"])
    assert final["status"] == "completed"
    open_run(page, run["id"])
    page.get_by_test_id("run-node-load").click()
    page.get_by_role("tab", name="Outputs").click()

    preview = page.get_by_test_id("preview-data")
    expect(preview).to_be_visible()
    headers = preview.get_by_role("columnheader").all_inner_texts()
    assert "sepal length (cm)" in headers or any("sepal" in h for h in headers), headers
    expect(preview.locator("tbody tr").first).to_be_visible()

    stats = page.get_by_test_id("profile-data")
    expect(stats).to_be_visible()
    sepal = stats.locator("tbody tr", has_text="sepal").first
    expect(sepal).to_be_visible()
    # Mean of a real column, and a histogram drawn for it.
    expect(sepal.locator("td.mean")).to_have_text(re.compile(r"^\d+(\.\d+)?$"))
    expect(sepal.get_by_role("img")).to_be_visible()
    expect(page.get_by_role("link", name="Download")).to_have_attribute(
        "href", re.compile(r"/api/artifacts/\d+/download/$")
    )


def test_model_output_shows_its_summary(page, api):
    sample = sample_graph()
    run = submit(api, "e2e model summary", sample["graph"], sample["parameters"])
    assert wait_for_run(api, run["id"])["status"] == "completed"
    open_run(page, run["id"])
    page.get_by_test_id("run-node-train").click()
    page.get_by_role("tab", name="Outputs").click()
    summary = page.get_by_test_id("model-summary-model")
    expect(summary).to_contain_text("LinearRegression")
    expect(summary).to_contain_text("target")


def test_compare_two_runs_from_the_runs_list(page, api):
    graph = echo_graph(lines=1, pause=0)
    graph["nodes"][1]["params"]["lines"] = {"$param": "lines"}
    parameters = {"lines": {"type": "integer", "default": 1, "description": ""}}
    pipeline = create_pipeline(api, "e2e compare", graph, parameters)
    ids = []
    for lines in (1, 2):
        response = api.post(
            f"/api/pipelines/{pipeline['id']}/runs/",
            json={"parameters": {"lines": lines}, "experiment": "e2e-compare"},
        )
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    for run_id in ids:
        assert wait_for_run(api, run_id)["status"] == "completed"

    sign_in(page)
    page.get_by_role("link", name="Runs", exact=True).click()
    expect(page).to_have_url(re.compile(r"/runs$"))
    page.get_by_label("Experiment").select_option("e2e-compare")
    expect(page).to_have_url(re.compile(r"experiment=e2e-compare"))
    for run_id in ids:
        page.get_by_label(f"Select run {run_id}").check()
    page.get_by_role("button", name=re.compile("^Compare")).click()

    expect(page).to_have_url(re.compile(r"/runs/compare\?ids=" + f"{ids[0]},{ids[1]}"))
    for run_id in ids:
        expect(page.get_by_test_id(f"compare-run-{run_id}")).to_be_visible()
    lines_row = page.get_by_test_id("compare-param-echo.lines")
    expect(lines_row).to_have_attribute("data-differs", "true")
    expect(lines_row).to_contain_text("1")
    expect(lines_row).to_contain_text("2")
    expect(page.get_by_test_id("compare-param-echo.pause")).to_have_attribute(
        "data-differs", "false"
    )
    expect(page.get_by_test_id("compare-metric-echo.rows")).to_be_visible()
    expect(page.get_by_test_id("compare-chart-echo.rows")).to_be_visible()


def test_runs_list_updates_live(page, api):
    sign_in(page)
    page.goto("/runs")
    expect(page.get_by_role("heading", name="Runs")).to_be_visible()
    run = submit(api, "e2e runs list", echo_graph(lines=3, pause=0.4))
    # The new run appears and finishes in the list without a reload.
    expect(page.get_by_test_id(f"runs-row-{run['id']}")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id(f"runs-status-{run['id']}")).to_have_text(
        "completed", timeout=30_000
    )


def test_cancel_a_run_from_the_view(page, api, gate):
    # The gate is never opened: the step runs until it is canceled.
    run = submit(api, "e2e cancel", echo_graph(lines=1, pause=0, gate=gate))
    open_run(page, run["id"])
    expect(page.get_by_test_id("run-node-echo")).to_have_attribute(
        "data-status", "running", timeout=60_000
    )
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_test_id("run-status")).to_have_text("canceled", timeout=20_000)
    expect(page.get_by_test_id("run-node-echo")).to_have_attribute("data-status", "canceled")
    expect(page.get_by_role("button", name="Cancel")).to_have_count(0)
    # A canceled run offers both re-runs; "Re-run failed" opens the new run.
    page.get_by_role("button", name="Re-run failed").click()
    expect(page).not_to_have_url(re.compile(rf"/runs/{run['id']}$"))
    expect(page.get_by_test_id("run-status")).to_have_text(re.compile(r"queued|running"))
    new_id = int(re.search(r"/runs/(\d+)", page.url).group(1))
    api.post(f"/api/runs/{new_id}/cancel/")
    expect(page.get_by_test_id("run-status")).to_have_text(FINAL, timeout=20_000)

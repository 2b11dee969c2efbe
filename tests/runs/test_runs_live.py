"""Runs against a real server process: REST alone, the websocket stream, failures, logs."""

import json
import time

import httpx
import pytest
from websockets.exceptions import InvalidStatus

from tests.pipelines.factories import edge
from tests.support.gate import GATED_ECHO, GATED_ECHO_REF, Gate
from tests.support.live import (
    create_pipeline,
    register,
    sample_graph,
    wait_for,
    wait_for_run,
    watch_run,
)

SLOW = {
    "component.yaml": """name: slow_echo
version: 1.0.0
category: Testing
description: Prints a few numbered lines slowly, then passes its input on.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  lines: {type: integer, default: 3, min: 0}
  pause: {type: number, default: 0.3, min: 0}
python: main.py:run
""",
    "main.py": """import time
from designer.runtime import log_metric, report_progress


def run(data, lines, pause):
    for i in range(lines):
        print(f"line {i}", flush=True)
        report_progress(i + 1, lines)
        time.sleep(pause)
    log_metric("rows", len(data))
    return data
""",
}

BOOM = {
    "component.yaml": """name: boom
version: 1.0.0
category: Testing
description: Always fails.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
python: main.py:run
""",
    "main.py": "def run(data):\n    raise ValueError('the data is cursed')\n",
}


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


@pytest.fixture(scope="module")
def client(live):
    with live.client() as c:
        register(c, SLOW)
        register(c, GATED_ECHO)
        register(c, BOOM)
        yield c


def test_diabetes_regression_over_rest_alone(client):
    sample = sample_graph()
    pipeline = create_pipeline(client, "rest diabetes", sample["graph"], sample["parameters"])
    check = client.post(f"/api/pipelines/{pipeline['id']}/validate/").json()
    assert check == {"valid": True, "errors": []}
    submitted = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={"experiment": "rest"})
    assert submitted.status_code == 201, submitted.text
    run = wait_for_run(client, submitted.json()["id"])
    assert run["status"] == "completed"
    assert {n["status"] for n in run["nodes"]} <= {"completed", "reused"}
    evaluate = next(n for n in run["nodes"] if n["node"] == "evaluate")
    assert 0.3 <= evaluate["metrics"]["r2"] <= 0.6
    split = next(n for n in run["nodes"] if n["node"] == "split")
    first = client.get(f"/api/artifacts/{split['outputs']['first']}/").json()
    assert first["kind"] == "dataframe" and first["row_count"] == round(442 * 0.7)
    preview = client.get(f"/api/artifacts/{split['outputs']['first']}/preview/").json()
    assert "target" in preview["columns"] and preview["row_count"] == first["row_count"]
    download = client.get(f"/api/artifacts/{split['outputs']['first']}/download/")
    assert download.status_code == 200 and download.content[:4] == b"PAR1"


def test_a_fully_reused_run_shows_its_origins_metrics_everywhere(live, client):
    """The diabetes sample submitted twice unchanged: the second run reuses every node, and its
    Evaluate shows the R² of the run that executed it, over REST and in the websocket snapshot."""
    sample = sample_graph()
    pipeline = create_pipeline(client, "reused diabetes", sample["graph"], sample["parameters"])
    runs = []
    for _ in range(2):
        submitted = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={})
        assert submitted.status_code == 201, submitted.text
        runs.append(wait_for_run(client, submitted.json()["id"]))
    first, second = runs
    assert {n["status"] for n in second["nodes"]} == {"reused"}
    evaluate = next(n for n in first["nodes"] if n["node"] == "evaluate")
    origin = evaluate["from_run"]  # the first run, or an earlier one it reused from
    r2 = evaluate["metrics"]["r2"]

    shown = next(n for n in second["nodes"] if n["node"] == "evaluate")
    assert shown["metrics"]["r2"] == r2 and shown["from_run"] == origin
    assert shown["reused_from"]["run"] == origin
    points = client.get(f"/api/runs/{second['id']}/nodes/evaluate/metrics/").json()
    assert ("r2", r2, origin) in [(p["name"], p["value"], p["from_run"]) for p in points]
    logs = client.get(f"/api/runs/{second['id']}/nodes/evaluate/logs/").json()
    assert logs["from_run"] == origin
    assert any(line["stream"] == "system" for line in logs["lines"])

    (snapshot,) = watch_run(live, second["id"])
    assert snapshot["type"] == "snapshot"
    node = next(n for n in snapshot["run"]["nodes"] if n["node"] == "evaluate")
    assert node["metrics"]["r2"] == r2 and node["from_run"] == origin
    assert node["outputs"] == evaluate["outputs"]


def test_websocket_streams_snapshot_then_ordered_events(live, client, tmp_path):
    # The step holds before its first line until the snapshot is in: every line comes live.
    gate = Gate(live.var_dir / "data")  # an isolated step sees only the data root
    params = {"lines": 4, "pause": 0.1, "gate_before": str(gate)}
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("echo", GATED_ECHO_REF, params),
        ],
        "edges": [edge("load", "data", "echo", "data")],
    }
    pipeline = create_pipeline(client, "ws stream", graph)
    run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
    try:
        events = watch_run(live, run["id"], on_snapshot=gate.release)
    finally:
        gate.release()
    assert events[0]["type"] == "snapshot"
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs)), "seq must strictly increase"
    rest = events[1:]
    assert rest, "the run was still going, so events must follow the snapshot"
    assert rest[-1] == {**rest[-1], "type": "run", "status": "completed"}
    echo_states = [e["status"] for e in rest if e["type"] == "node" and e["node"] == "echo"]
    before = next(n for n in events[0]["run"]["nodes"] if n["node"] == "echo")["status"]
    journey = ["pending", "queued", "running", "completed"]
    assert echo_states == journey[journey.index(before) + 1 :]
    all_lines = ["echo line 0", "echo line 1", "echo line 2", "echo line 3"]
    # The step's own lines, between the executor's `system` lines about the step.
    logs = client.get(f"/api/runs/{run['id']}/nodes/echo/logs/").json()
    printed = [line for line in logs["lines"] if line["stream"] != "system"]
    assert [line["line"] for line in printed] == all_lines
    live_lines = [
        e["line"]
        for e in rest
        if e["type"] == "log" and e["node"] == "echo" and e["stream"] != "system"
    ]
    assert live_lines == all_lines
    assert any(e["type"] == "progress" and e["current"] == 4 for e in rest)
    assert any(e["type"] == "metric" and e["name"] == "rows" and e["value"] == 150 for e in rest)
    after = printed[1]["seq"]
    later = client.get(f"/api/runs/{run['id']}/nodes/echo/logs/", params={"after": after})
    later_printed = [line for line in later.json()["lines"] if line["stream"] != "system"]
    assert [line["line"] for line in later_printed] == all_lines[2:]


def test_the_run_stream_declines_compression(live, client):
    from websockets.sync.client import connect

    pipeline = create_pipeline(
        client, "ws plain", {"nodes": [node("load", "sample_dataset@1.0.0")], "edges": []}
    )
    run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
    headers = {"Authorization": f"Token {live.token}"}
    # The client offers permessage-deflate (as browsers do); the server says no.
    with connect(f"{live.ws_url}/ws/runs/{run['id']}/", additional_headers=headers) as ws:
        assert json.loads(ws.recv(timeout=30))["type"] == "snapshot"
        assert "permessage-deflate" in ws.request.headers["Sec-WebSocket-Extensions"]
        assert "Sec-WebSocket-Extensions" not in ws.response.headers
        assert ws.protocol.extensions == []


def test_websocket_without_sign_in_is_refused(live, client):
    pipeline = create_pipeline(
        client, "ws refuse", {"nodes": [node("load", "sample_dataset@1.0.0")], "edges": []}
    )
    run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()

    for headers in ({}, {"Authorization": "Token not-a-token"}):
        with pytest.raises(InvalidStatus) as refused:
            watch_run(live, run["id"], headers=headers)
        assert refused.value.response.status_code == 403


def test_failing_node_fails_the_run_and_skips_downstream(client):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0"),
            node("bad", "boom@1.0.0"),
            node("after", "slow_echo@1.0.0", {"lines": 0}),
            node("side", "slow_echo@1.0.0", {"lines": 1, "pause": 0}),
        ],
        "edges": [
            edge("load", "data", "bad", "data"),
            edge("bad", "data", "after", "data"),
            edge("load", "data", "side", "data"),
        ],
    }
    pipeline = create_pipeline(client, "failing", graph)
    run = client.post(
        f"/api/pipelines/{pipeline['id']}/runs/", json={"continue_on_failure": True}
    ).json()
    run = wait_for_run(client, run["id"])
    nodes = {n["node"]: n for n in run["nodes"]}
    assert run["status"] == "failed"
    assert nodes["bad"]["status"] == "failed"
    assert "ValueError: the data is cursed" in nodes["bad"]["error"]
    assert "raise ValueError" in nodes["bad"]["traceback"]
    assert nodes["after"]["status"] == "skipped"
    assert nodes["side"]["status"] == "completed"


def test_independent_branches_run_at_the_same_time(client):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0"),
            node("left", "slow_echo@1.0.0", {"lines": 3, "pause": 0.5}),
            node("right", "slow_echo@1.0.0", {"lines": 3, "pause": 0.5}),
        ],
        "edges": [edge("load", "data", "left", "data"), edge("load", "data", "right", "data")],
    }
    pipeline = create_pipeline(client, "branches", graph)
    run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
    run = wait_for_run(client, run["id"])
    assert run["status"] == "completed"
    nodes = {n["node"]: n for n in run["nodes"]}

    def span(n):
        from datetime import datetime

        return (datetime.fromisoformat(n["started_at"]), datetime.fromisoformat(n["finished_at"]))

    (ls, lf), (rs, rf) = span(nodes["left"]), span(nodes["right"])
    assert ls < rf and rs < lf, "the two branches should overlap in time"


def test_cancel_a_run(client):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0"),
            node("echo", "slow_echo@1.0.0", {"lines": 100, "pause": 0.2}),
        ],
        "edges": [edge("load", "data", "echo", "data")],
    }
    pipeline = create_pipeline(client, "cancel", graph)
    run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
    deadline = time.monotonic() + 60
    while client.get(f"/api/runs/{run['id']}/").json()["nodes"][1]["status"] != "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    canceled = client.post(f"/api/runs/{run['id']}/cancel/")
    assert canceled.status_code == 200 and canceled.json()["status"] == "canceled"
    assert client.post(f"/api/runs/{run['id']}/cancel/").status_code == 400

    # Killed, the step stops printing well short of its 100 lines; left alive, it would print
    # until all 100 were out. However long the kill takes, wait for the log to stop growing.
    def lines():
        return client.get(f"/api/runs/{run['id']}/nodes/echo/logs/").json()["lines"]

    seen = [lines()]

    def still():
        time.sleep(1)
        seen.append(lines())
        return seen[-1] == seen[-2]

    wait_for(still, 60, "the canceled step's log to stop growing", interval=0)
    assert len(seen[-1]) < 100, "the step's process must be killed"


def test_unknown_run_and_node(client):
    assert client.get("/api/runs/999999/").status_code == 404
    assert client.get("/api/runs/999999/nodes/x/logs/").status_code == 404


def test_runs_list_filters(client):
    runs = client.get("/api/runs/").json()
    assert runs and all("status" in r for r in runs)
    assert client.get("/api/runs/", params={"status": "nonsense"}).status_code == 400
    failed = client.get("/api/runs/", params={"status": "failed"}).json()
    assert all(r["status"] == "failed" for r in failed)


def test_token_endpoint_rejects_bad_credentials(live):
    response = httpx.post(
        f"{live.url}/api/auth/token/", json={"username": "admin", "password": "x"}
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_credentials"


def test_runs_list_stream_and_experiments(live, client):
    from websockets.sync.client import connect

    graph = {"nodes": [node("load", "sample_dataset@1.0.0", {"dataset": "wine"})], "edges": []}
    pipeline = create_pipeline(client, "list stream", graph)
    headers = {"Authorization": f"Token {live.token}"}
    with connect(f"{live.ws_url}/ws/runs/", additional_headers=headers) as ws:
        run = client.post(
            f"/api/pipelines/{pipeline['id']}/runs/",
            json={"experiment": "streamed", "force_rerun": True},
        ).json()
        seen = []
        while not seen or seen[-1] != "completed":
            message = json.loads(ws.recv(timeout=60))
            assert message["type"] == "run"
            if message["run"]["id"] == run["id"]:
                assert message["run"]["experiment"] == "streamed"
                seen.append(message["run"]["status"])
    assert seen[0] in {"queued", "running"} and seen[-1] == "completed"
    experiments = {e["name"]: e for e in client.get("/api/experiments/").json()}
    assert experiments["streamed"]["run_count"] == 1
    assert experiments["streamed"]["statuses"] == {"completed": 1}


def test_every_logged_metric_value_is_kept(client):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("echo", "slow_echo@1.0.0", {"lines": 2, "pause": 0}),
        ],
        "edges": [edge("load", "data", "echo", "data")],
    }
    pipeline = create_pipeline(client, "metrics", graph)
    run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={"force_rerun": True}).json()
    wait_for_run(client, run["id"])
    points = client.get(f"/api/runs/{run['id']}/nodes/echo/metrics/").json()
    assert [(p["name"], p["value"]) for p in points] == [("rows", 150.0)]
    assert client.get(f"/api/runs/{run['id']}/nodes/nope/metrics/").status_code == 404


def test_compute_page_data_shows_the_embedded_worker(client):
    targets = {t["name"]: t for t in client.get("/api/compute/").json()}
    workers = targets["default"]["workers"]
    assert len(workers) == 1 and workers[0]["threads"] >= 1

"""The distributed deployment for real: PostgreSQL, a Redis broker and channel layer, and a
separate `manage.py worker` process. The web process runs no workers of its own."""

import json
import time

import pytest

from tests.support.distributed import RedisServer, postgres_database, start_worker, stop
from tests.support.live import LiveServer, free_port, sample_graph, wait_for_run, watch_run


@pytest.fixture(scope="module")
def distributed(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("distributed")
    broker = RedisServer(var_dir)
    broker.start()
    with postgres_database() as database_url:
        env = {
            "DATABASE_URL": database_url,
            "DESIGNER_BROKER_URL": broker.url,
            "DESIGNER_CHANNEL_URL": broker.url.replace("/0", "/1"),
            "DESIGNER_ARTIFACTS": str(var_dir / "store"),
        }
        server = LiveServer(var_dir, port=free_port(), env=env)
        server.start()
        worker = start_worker(server.env, var_dir / "worker.log")
        yield server, worker
        stop(worker)
        server.stop()
    broker.stop()


def test_run_completes_through_a_separate_worker(distributed):
    server, worker = distributed
    with server.client() as client:
        assert client.get("/api/health/").json()["database"] == "postgresql"
        sample = sample_graph()
        pipeline = client.post(
            "/api/pipelines/",
            json={
                "name": "distributed",
                "graph": sample["graph"],
                "parameters": sample["parameters"],
            },
        ).json()
        run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
        events = watch_run(server, run["id"])
        final = wait_for_run(client, run["id"])
        # An artifact is seen through the node runs whose outputs name it (PostgreSQL's JSON).
        outputs = [a for n in final["nodes"] for a in n["outputs"].values()]
        shown = [client.get(f"/api/artifacts/{a}/").status_code for a in outputs]
    assert outputs and shown == [200] * len(outputs)
    assert worker.poll() is None, "the worker process must still be serving"
    assert events[0]["type"] == "snapshot"
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs))
    assert events[-1]["status"] == "completed" and final["status"] == "completed"
    done_live = {e["node"] for e in events if e["type"] == "node" and e["status"] == "completed"}
    done_before = {n["node"] for n in events[0]["run"]["nodes"] if n["status"] == "completed"}
    assert done_live | done_before == {"load", "split", "learner", "train", "score", "evaluate"}
    assert done_live, "node events must reach the web process's websocket"
    nodes = {n["node"]: n for n in final["nodes"]}
    assert 0.3 <= nodes["evaluate"]["metrics"]["r2"] <= 0.6


def test_an_idle_websocket_stays_open_on_the_redis_channel_layer(distributed):
    """A viewer may wait longer than the channel layer's blocking read (5 s) for the next
    event: the socket must stay open and the event must still arrive."""
    from websockets.sync.client import connect

    server, _ = distributed
    headers = {"Authorization": f"Token {server.token}"}
    graph = {
        "nodes": [{"id": "load", "component": "sample_dataset@1.0.0", "params": {}}],
        "edges": [],
    }
    with connect(f"{server.ws_url}/ws/runs/", additional_headers=headers) as ws:
        time.sleep(12)  # idle on purpose: longer than two blocking reads
        with server.client() as client:
            pipeline = client.post("/api/pipelines/", json={"name": "idle", "graph": graph}).json()
            run = client.post(
                f"/api/pipelines/{pipeline['id']}/runs/", json={"force_rerun": True}
            ).json()
        message = json.loads(ws.recv(timeout=60))
    assert message["run"]["id"] == run["id"]


def test_web_process_alone_does_not_execute(distributed):
    """With the worker stopped nothing runs; started again, it picks the run up."""
    server, worker = distributed
    stop(worker)
    with server.client() as client:
        graph = {
            "nodes": [{"id": "load", "component": "sample_dataset@1.0.0", "params": {}}],
            "edges": [],
        }
        pipeline = client.post("/api/pipelines/", json={"name": "waits", "graph": graph}).json()
        run = client.post(
            f"/api/pipelines/{pipeline['id']}/runs/", json={"force_rerun": True}
        ).json()
        time.sleep(2)
        assert client.get(f"/api/runs/{run['id']}/").json()["nodes"][0]["status"] == "queued"
        restarted = start_worker(server.env, server.var_dir / "worker2.log")
        try:
            assert wait_for_run(client, run["id"], timeout=60)["status"] == "completed"
        finally:
            stop(restarted)

"""The distributed deployment for real: PostgreSQL, Redis broker and channel layer, and a
separate `manage.py worker` process. The web process runs no workers of its own."""

import asyncio
import json
import os
import subprocess
import sys
import time

import psycopg
import pytest
import redis
import websockets

from tests.support.live import ROOT, LiveServer, free_port, sample_graph, wait_for_run

BROKER_URL = "redis://127.0.0.1:6379/13"
CHANNEL_URL = "redis://127.0.0.1:6379/14"
PG = "postgresql://postgres@127.0.0.1:5432"


@pytest.fixture(scope="module")
def distributed(tmp_path_factory):
    database = f"pipewright_dist_{os.getpid()}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')
    for url in (BROKER_URL, CHANNEL_URL):
        redis.Redis.from_url(url).flushdb()
    env = {
        "DATABASE_URL": f"{PG}/{database}",
        "DESIGNER_BROKER_URL": BROKER_URL,
        "DESIGNER_CHANNEL_URL": CHANNEL_URL,
        "DESIGNER_EMBEDDED_WORKERS": "0",
    }
    var_dir = tmp_path_factory.mktemp("distributed")
    server = LiveServer(
        var_dir, port=free_port(), env={**env, "DESIGNER_ARTIFACTS": str(var_dir / "store")}
    )
    server.start()
    worker_log = (var_dir / "worker.log").open("ab")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--compute", "default"],
        cwd=ROOT,
        env=server.env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    yield server, worker
    worker.terminate()
    worker.wait(20)
    server.stop()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


async def _watch(server, run_id):
    events = []
    url = f"{server.ws_url}/ws/runs/{run_id}/"
    async with websockets.connect(
        url, additional_headers={"Authorization": f"Token {server.token}"}
    ) as ws:
        while True:
            event = json.loads(await asyncio.wait_for(ws.recv(), timeout=120))
            events.append(event)
            if event["type"] == "run" and event["status"] in {"completed", "failed", "canceled"}:
                return events


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
        events = asyncio.run(_watch(server, run["id"]))
        final = wait_for_run(client, run["id"])
    assert worker.poll() is None, "the worker process must still be serving"
    assert events[0]["type"] == "snapshot"
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs))
    assert events[-1]["status"] == "completed" and final["status"] == "completed"
    node_events = [e for e in events if e["type"] == "node" and e["status"] == "completed"]
    assert {e["node"] for e in node_events} | {
        n["node"] for n in events[0]["run"]["nodes"] if n["status"] == "completed"
    } == {"load", "split", "learner", "train", "score", "evaluate"}
    workers = {n["node"]: n for n in final["nodes"]}
    assert 0.3 <= workers["evaluate"]["metrics"]["r2"] <= 0.6


def test_web_process_alone_does_not_execute(distributed):
    """With the worker stopped nothing runs; started again, it picks the run up."""
    server, worker = distributed
    worker.send_signal(15)
    worker.wait(30)
    with server.client() as client:
        pipeline = client.post(
            "/api/pipelines/",
            json={
                "name": "waits",
                "graph": {
                    "nodes": [{"id": "load", "component": "sample_dataset@1.0.0", "params": {}}],
                    "edges": [],
                },
            },
        ).json()
        run = client.post(
            f"/api/pipelines/{pipeline['id']}/runs/", json={"force_rerun": True}
        ).json()
        time.sleep(2)
        assert client.get(f"/api/runs/{run['id']}/").json()["nodes"][0]["status"] == "queued"
        restarted = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--compute", "default"],
            cwd=ROOT,
            env=server.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert wait_for_run(client, run["id"], timeout=60)["status"] == "completed"
        finally:
            restarted.terminate()
            restarted.wait(20)

"""Processes die and services restart mid-run; no run is lost.

Real processes, real signals: a SIGKILLed worker, a web process killed and started again,
a Redis server stopped and started while a run is in flight. The step in the middle holds
behind a gate file until the fault has happened, so a busy machine cannot let it finish first.
"""

import os
import signal
import time
from pathlib import Path

import pytest

from tests.support.distributed import (
    RedisServer,
    pid_alive,
    postgres_database,
    start_worker,
    stop,
)
from tests.support.gate import Gate
from tests.support.live import (
    LiveServer,
    create_pipeline,
    free_port,
    register,
    wait_for,
    wait_for_run,
)

SLEEPY = {
    "component.yaml": """name: sleepy_writer
version: 1.0.0
category: Testing
description: Prints its pid, waits for its gate file, sleeps, then passes its input on.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  seconds: {type: number, default: 4}
  gate: {type: string, default: ""}
python: main.py:run
""",
    "main.py": """import os
import time


def run(data, seconds, gate):
    print(f"pid {os.getpid()}", flush=True)
    deadline = time.monotonic() + 180
    while gate and not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(seconds)
    data["slept"] = seconds
    return data
""",
}

FAST = {
    "DESIGNER_HEARTBEAT_LAPSE": "3",
    "DESIGNER_RECONCILE_EVERY": "0.5",
}


def graph(gate, seconds=1):
    params = {"seconds": seconds, "gate": str(gate)}
    return {
        "nodes": [
            {"id": "load", "component": "sample_dataset@1.0.0", "params": {"dataset": "iris"}},
            {"id": "sleep", "component": "sleepy_writer@1.0.0", "params": params},
            {"id": "split", "component": "split_data@1.0.0", "params": {}},
        ],
        "edges": [
            {"source": "load", "source_port": "data", "target": "sleep", "target_port": "data"},
            {"source": "sleep", "source_port": "data", "target": "split", "target_port": "data"},
        ],
    }


def node(client, run_id, node_id):
    return next(
        n for n in client.get(f"/api/runs/{run_id}/").json()["nodes"] if n["node"] == node_id
    )


def wait_running(client, run_id, node_id):
    wait_for(lambda: node(client, run_id, node_id)["status"] == "running", 60, f"{node_id} running")


def child_pid(client, run_id, server):
    """The host pid of the running step: the process working in the run's work folder (an
    isolated step's own pid is the one in its PID namespace, so its printed pid says only
    that it runs)."""

    def printed():
        lines = client.get(f"/api/runs/{run_id}/nodes/sleep/logs/").json()["lines"]
        return any(x["line"].startswith("pid ") for x in lines)

    wait_for(printed, 30, "the step to print its pid")
    work = f"{server.var_dir / 'work' / f'run-{run_id}'}/"

    def found():
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and os.readlink(entry / "cwd").startswith(work):
                    return int(entry.name)
            except OSError:
                continue
        return None

    return wait_for(found, 30, "the step's process")


@pytest.fixture
def distributed(tmp_path):
    broker = RedisServer(tmp_path)
    broker.start()
    with postgres_database() as database_url:
        env = {
            "DATABASE_URL": database_url,
            "DESIGNER_BROKER_URL": broker.url,
            "DESIGNER_CHANNEL_URL": broker.url.replace("/0", "/1"),
            "DESIGNER_ARTIFACTS": str(tmp_path / "store"),
            **FAST,
        }
        server = LiveServer(tmp_path, port=free_port(), env=env)
        server.start()
        with server.client() as client:
            register(client, SLEEPY)
        yield server, broker
        server.stop()
    broker.stop()


@pytest.fixture
def gate(tmp_path):
    """Released on the way out too, so a failed test leaves no step holding on. In the data
    root of the servers these tests start in `tmp_path`: an isolated step sees only that."""
    gate = Gate(tmp_path / "data")
    yield gate
    gate.release()


def test_sigkilled_worker_mid_node(distributed, gate, tmp_path):
    server, _ = distributed
    workers = [start_worker(server.env, tmp_path / f"worker{i}.log") for i in range(2)]
    try:
        with server.client() as client:
            pipeline = create_pipeline(client, "kill a worker", graph(gate))
            run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
            wait_running(client, run["id"], "sleep")
            first_child = child_pid(client, run["id"], server)
            owner = node(client, run["id"], "sleep")
            victim = next(w for w in workers if f":{w.pid}/" in _worker_of(server, run["id"]))
            victim.send_signal(signal.SIGKILL)
            victim.wait(10)
            # The gate is still closed: the orphan can only end by dying with its worker.
            wait_for(
                lambda: not pid_alive(first_child), 10, "the orphaned step to die with its worker"
            )
            gate.release()  # the retry on the other worker goes through
            final = wait_for_run(client, run["id"], timeout=90)
        sleep = next(n for n in final["nodes"] if n["node"] == "sleep")
        assert owner["attempts"] == 1
        assert final["status"] == "completed"
        assert sleep["status"] == "completed" and sleep["attempts"] == 2
        assert list(sleep["outputs"]) == ["data"]
        assert _completions(server, run["id"], "sleep") == 1, "outputs must be recorded once"
    finally:
        for worker in workers:
            stop(worker)


def _worker_of(server, run_id):
    """The worker that holds a node run, as recorded in the database."""
    import psycopg

    with psycopg.connect(server.env["DATABASE_URL"]) as conn:
        row = conn.execute(
            "SELECT worker FROM runs_noderun WHERE run_id = %s AND node_id = 'sleep'", (run_id,)
        ).fetchone()
    return row[0]


def _completions(server, run_id, node_id):
    import psycopg

    with psycopg.connect(server.env["DATABASE_URL"]) as conn:
        return conn.execute(
            "SELECT count(*) FROM runs_runevent WHERE run_id = %s AND node_id = %s "
            "AND type = 'node' AND payload->>'status' = 'completed'",
            (run_id, node_id),
        ).fetchone()[0]


def test_redis_restart_mid_run_loses_no_node(distributed, gate, tmp_path):
    server, broker = distributed
    worker = start_worker(server.env, tmp_path / "worker.log")
    try:
        with server.client() as client:
            pipeline = create_pipeline(client, "redis restart", graph(gate))
            first = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
            wait_running(client, first["id"], "sleep")
            broker.stop()  # every queued message and channel message is gone with it
            # Submitted while Redis is down: the message for its first node never gets out.
            second = client.post(
                f"/api/pipelines/{pipeline['id']}/runs/", json={"force_rerun": True}
            ).json()
            assert node(client, second["id"], "load")["status"] == "queued"
            gate.release()
            wait_for(
                lambda: node(client, first["id"], "sleep")["status"] == "completed", 60, "sleep"
            )
            time.sleep(1)
            broker.start()
            finals = [wait_for_run(client, r["id"], timeout=90) for r in (first, second)]
        for final in finals:
            assert final["status"] == "completed"
            assert {n["status"] for n in final["nodes"]} <= {"completed", "reused"}
    finally:
        stop(worker)


def test_embedded_web_process_restart_mid_run(gate, tmp_path):
    server = LiveServer(tmp_path, port=free_port(), env=FAST)
    server.start()
    try:
        with server.client() as client:
            register(client, SLEEPY)
            pipeline = create_pipeline(client, "restart", graph(gate))
            run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
            wait_running(client, run["id"], "sleep")
            first_child = child_pid(client, run["id"], server)
        server.stop(kill=True)
        wait_for(lambda: not pid_alive(first_child), 10, "the step to die with its server")
        gate.release()  # the next attempt goes through
        server.start(prepare=False)
        with server.client() as client:
            final = wait_for_run(client, run["id"], timeout=90)
        sleep = next(n for n in final["nodes"] if n["node"] == "sleep")
        assert final["status"] == "completed"
        # Attempt 1 died with the server; a busy machine may need one more.
        assert sleep["attempts"] >= 2 and sleep["status"] == "completed"
    finally:
        server.stop()

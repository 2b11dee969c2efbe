"""At scale, for real: 20 pipelines of 50 steps each, submitted at once to a distributed
deployment (PostgreSQL, a Redis broker and channel layer, three worker processes serving two
compute targets). Every run completes and every step runs exactly once, counted by the steps
themselves: each adds one to its own counter in a Redis server of the test's."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from tests.support.distributed import RedisServer, postgres_database, start_worker, stop
from tests.support.live import LiveServer, free_port, wait_for_run

PIPELINES = 20
STEPS = 50
SECOND = "second"
# Two workers serve the default target and one the second; every fifth step runs on the second.
WORKERS = ["default", "default", SECOND]

STEP = """import redis


def main(data1, data2):
    redis.Redis(host="127.0.0.1", port={port}).incr("executed:{key}")
    return data1, None
"""


def chain(pipeline: int, counter_port: int) -> dict:
    nodes, edges = [], []
    for step in range(STEPS):
        node_id = f"s{step}"
        nodes.append(
            {
                "id": node_id,
                "component": "execute_python_script@1.0.0",
                "params": {"script": STEP.format(port=counter_port, key=f"{pipeline}:{node_id}")},
                "compute": SECOND if step % 5 == 4 else None,
            }
        )
        if step:
            edges.append(
                {
                    "source": f"s{step - 1}",
                    "source_port": "result1",
                    "target": node_id,
                    "target_port": "data1",
                }
            )
    return {"nodes": nodes, "edges": edges}


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("scale")
    broker = RedisServer(var_dir)
    broker.start()
    counters = RedisServer(var_dir)  # the steps' own tally, apart from the broker
    counters.start()
    with postgres_database() as database_url:
        env = {
            "DATABASE_URL": database_url,
            "DESIGNER_BROKER_URL": broker.url,
            "DESIGNER_CHANNEL_URL": broker.url.replace("/0", "/1"),
            "DESIGNER_ARTIFACTS": str(var_dir / "store"),
        }
        server = LiveServer(var_dir, port=free_port(), env=env)
        server.start()
        with server.client() as client:
            created = client.post("/api/compute/", json={"name": SECOND})
            assert created.status_code == 201, created.text
        workers = [
            start_worker(server.env, var_dir / f"worker-{i}.log", compute=target)
            for i, target in enumerate(WORKERS)
        ]
        yield server, workers, counters
        for worker in workers:
            stop(worker)
        server.stop()
    counters.stop()
    broker.stop()


@pytest.mark.timeout(1800)
def test_twenty_pipelines_of_fifty_steps_at_once_run_every_step_exactly_once(deployment):
    server, workers, counters = deployment
    with server.client() as client:
        pipelines = []
        for number in range(PIPELINES):
            created = client.post(
                "/api/pipelines/",
                json={"name": f"scale-{number}", "graph": chain(number, counters.port)},
            )
            assert created.status_code == 201, created.text
            pipelines.append(created.json()["id"])

        def submit(pipeline_id: int) -> int:
            with server.client() as own:
                run = own.post(f"/api/pipelines/{pipeline_id}/runs/", json={})
                assert run.status_code == 201, run.text
                return run.json()["id"]

        started = time.monotonic()
        with ThreadPoolExecutor(PIPELINES) as pool:
            run_ids = list(pool.map(submit, pipelines))
        finals = [wait_for_run(client, run_id, timeout=1500) for run_id in run_ids]
        elapsed = time.monotonic() - started

    assert all(worker.poll() is None for worker in workers), "every worker keeps serving"
    assert [f["status"] for f in finals] == ["completed"] * PIPELINES, [
        (f["id"], f["status"]) for f in finals if f["status"] != "completed"
    ]
    tally = redis.Redis(port=counters.port)
    counts = {key.decode(): int(tally.get(key)) for key in tally.scan_iter("executed:*")}
    expected = {f"executed:{p}:s{s}" for p in range(PIPELINES) for s in range(STEPS)}
    assert set(counts) == expected, "every step ran"
    assert {key for key, count in counts.items() if count != 1} == set(), "and only once"
    retried = 0
    for final in finals:
        assert not [n["node"] for n in final["nodes"] if n["reused"]]
        # A claim whose lease lapsed on a starved machine is claimed again (an attempt more)
        # without the step running twice: the tally above is what counts executions.
        retried += sum(n["attempts"] > 1 for n in final["nodes"])
        on_second = {n["node"] for n in final["nodes"] if n["compute"] == SECOND}
        assert on_second == {f"s{s}" for s in range(STEPS) if s % 5 == 4}
    print(
        f"\n{PIPELINES * STEPS} steps in {elapsed:.1f} s: {PIPELINES * STEPS / elapsed:.1f}/s"
        f" ({retried} claimed more than once)"
    )

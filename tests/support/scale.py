"""The scale workload and its deployment, shared by tests/runs/test_scale.py (which checks that
every step runs exactly once) and bench/scale.py (which times it): chains of steps that each
add one to their own counter in a Redis server apart from the broker, submitted at once to a
distributed deployment (a fresh PostgreSQL database, a Redis broker and channel layer, worker
processes on one or two compute targets). Nothing here asserts on timings."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen

import redis

from tests.support.distributed import RedisServer, postgres_database, start_worker, stop
from tests.support.live import LiveServer, create_pipeline, free_port

SECOND = "second"

STEP = """import redis


def main(data1, data2):
    redis.Redis(host="127.0.0.1", port={port}).incr("executed:{key}")
    return data1, None
"""


def on_second(step: int, second_every: int) -> bool:
    """Every `second_every`-th step runs on the second target (0: none does)."""
    return bool(second_every) and step % second_every == second_every - 1


def layout(workers: int, second_every: int) -> list[str]:
    """The target each worker serves: with a second target in use, the last worker serves it."""
    if not second_every:
        return ["default"] * workers
    if workers < 2:
        raise ValueError("steps on a second target need a second worker to serve it")
    return ["default"] * (workers - 1) + [SECOND]


def chain(pipeline: int, steps: int, counter_port: int, second_every: int) -> dict:
    nodes, edges = [], []
    for step in range(steps):
        node_id = f"s{step}"
        nodes.append(
            {
                "id": node_id,
                "component": "execute_python_script@1.0.0",
                "params": {"script": STEP.format(port=counter_port, key=f"{pipeline}:{node_id}")},
                "compute": SECOND if on_second(step, second_every) else None,
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


@dataclass
class Deployment:
    server: LiveServer
    workers: list[Popen]
    counters: RedisServer  # the steps' own tally, apart from the broker
    logs: list[Path]  # each worker's output

    def worker_lines(self, most: int = 40) -> list[str]:
        """What the workers logged beyond their start (at most `most` lines of each): where a
        failed step's cause shows when its own error does not say it."""
        lines = []
        for log in self.logs:
            said = [
                line
                for line in log.read_text(errors="replace").splitlines()
                if not line.startswith("worker serving")
            ]
            lines += [f"{log.name}: {line}" for line in said[-most:]]
        return lines

    def create_chains(self, pipelines: int, steps: int, second_every: int) -> list[int]:
        with self.server.client() as client:
            return [
                create_pipeline(
                    client,
                    f"scale-{number}",
                    chain(number, steps, self.counters.port, second_every),
                )["id"]
                for number in range(pipelines)
            ]

    def submit_at_once(self, pipeline_ids: list[int]) -> list[int]:
        """One run of each pipeline, every POST from its own thread and connection."""

        def submit(pipeline_id: int) -> int:
            with self.server.client() as own:
                run = own.post(f"/api/pipelines/{pipeline_id}/runs/", json={})
                assert run.status_code == 201, run.text
                return run.json()["id"]

        with ThreadPoolExecutor(len(pipeline_ids)) as pool:
            return list(pool.map(submit, pipeline_ids))

    def executions(self) -> dict[str, int]:
        """How many times each step ran, by its key `executed:<pipeline>:s<step>`."""
        tally = redis.Redis(port=self.counters.port)
        return {key.decode(): int(tally.get(key)) for key in tally.scan_iter("executed:*")}


def expected_keys(pipelines: int, steps: int) -> set[str]:
    return {f"executed:{p}:s{s}" for p in range(pipelines) for s in range(steps)}


@contextmanager
def deployment(var_dir: Path, targets: list[str]) -> Iterator[Deployment]:
    """A server and one worker process per entry of `targets` (the target it serves)."""
    broker = RedisServer(var_dir)
    broker.start()
    counters = RedisServer(var_dir)
    counters.start()
    try:
        with postgres_database() as database_url:
            env = {
                "DATABASE_URL": database_url,
                # Required with DATABASE_URL; bench/scale.py runs outside the tests' conftest.
                "DESIGNER_SECRET_KEY": "scale-only-not-a-secret",
                "DESIGNER_BROKER_URL": broker.url,
                "DESIGNER_CHANNEL_URL": broker.url.replace("/0", "/1"),
                "DESIGNER_ARTIFACTS": str(var_dir / "store"),
            }
            server = LiveServer(var_dir, port=free_port(), env=env)
            server.start()
            workers: list[Popen] = []
            logs: list[Path] = []
            try:
                if SECOND in targets:
                    with server.client() as client:
                        created = client.post("/api/compute/", json={"name": SECOND})
                        assert created.status_code == 201, created.text
                for i, target in enumerate(targets):
                    logs.append(var_dir / f"worker-{i}.log")
                    workers.append(start_worker(server.env, logs[-1], compute=target))
                yield Deployment(server, workers, counters, logs)
            finally:
                for worker in workers:
                    stop(worker)
                server.stop()
    finally:
        counters.stop()
        broker.stop()

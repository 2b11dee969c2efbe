"""Engine benchmarks: step-to-step hand-off, long chains, wide fan-outs, fully reused
re-runs, and the cost of starting an executor child.

    .venv/bin/python bench/engine.py            # embedded default (in-process broker)
    .venv/bin/python bench/engine.py --redis    # PostgreSQL + Redis + a separate worker
    .venv/bin/python bench/engine.py --big      # also 1,000-node graphs and a 5,000-node cancel
    .venv/bin/python bench/engine.py --fan-out 1000   # only the warm-up and that fan-out

Prints a table and writes bench/results/engine-<mode>.json.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.distributed import RedisServer, postgres_database, start_worker, stop  # noqa: E402
from tests.support.live import (  # noqa: E402
    LiveServer,
    create_pipeline,
    free_port,
    register,
    wait_for_run,
    watch_run,
)

NOOP = {
    p.name: p.read_text() for p in (ROOT / "bench" / "components" / "noop").iterdir() if p.is_file()
}
FRAME_NOOP = {
    p.name: p.read_text()
    for p in (ROOT / "bench" / "components" / "frame_noop").iterdir()
    if p.is_file()
}


def chain(n: int, tag: str, component: str = "bench_noop@1.0.0") -> dict:
    nodes = [{"id": f"n{i}", "component": component, "params": {"tag": tag}} for i in range(n)]
    edges = [
        {"source": f"n{i}", "source_port": "data", "target": f"n{i + 1}", "target_port": "data"}
        for i in range(n - 1)
    ]
    return {"nodes": nodes, "edges": edges}


def fan_out(width: int, tag: str) -> dict:
    nodes = [{"id": "src", "component": "bench_noop@1.0.0", "params": {"tag": tag}}]
    nodes += [
        {"id": f"c{i}", "component": "bench_noop@1.0.0", "params": {"tag": f"{tag}{i}"}}
        for i in range(width)
    ]
    edges = [
        {"source": "src", "source_port": "data", "target": f"c{i}", "target_port": "data"}
        for i in range(width)
    ]
    return {"nodes": nodes, "edges": edges}


def ts(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def run_graph(client, graph: dict, name: str, **body) -> tuple[dict, float]:
    return run_pipeline(client, create_pipeline(client, name, graph)["id"], **body)


def run_pipeline(client, pipeline_id: int, **body) -> tuple[dict, float]:
    """Submit a run of the pipeline and wait until its websocket says it ended, as the
    editor's live view learns it (polling the API twenty times a second, as this did before,
    cost the server about 3 ms of CPU a step of a fan-out): (the run, seconds)."""
    started = time.perf_counter()
    run = client.post(f"/api/pipelines/{pipeline_id}/runs/", json=body).json()
    watch_run(WATCHED[0], run["id"])
    elapsed = time.perf_counter() - started
    final = wait_for_run(client, run["id"], timeout=600)
    assert final["status"] == "completed", final
    return final, elapsed


# The server whose runs' websockets `run_pipeline` watches.
WATCHED: list[LiveServer] = []


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def handoffs(run: dict) -> list[float]:
    nodes = {n["node"]: n for n in run["nodes"]}
    return [
        (ts(nodes[e["target"]]["started_at"]) - ts(nodes[e["source"]]["finished_at"])) * 1000
        for e in run["graph"]["edges"]
    ]


def measure_big(client, stamp: str) -> dict:
    """Big graphs: a 1,000-node chain and fan-out end to end, the same chain re-run from
    reuse, the submit of a 1,000-node pipeline and the cancel of a 5,000-node run."""
    results = {}
    graph = chain(1000, f"bc{stamp}")
    run, wall = run_graph(client, graph, "1000 chain")
    results["chain_1000_s"] = {
        "wall": wall,
        "server": ts(run["finished_at"]) - ts(run["created_at"]),
    }
    run, wall = run_graph(client, graph, "1000 chain again")
    assert {n["status"] for n in run["nodes"]} == {"reused"}
    results["reused_1000_s"] = {
        "wall": wall,
        "server": ts(run["finished_at"]) - ts(run["created_at"]),
    }
    run, wall = run_graph(client, fan_out(1000, f"bf{stamp}"), "1000 fan-out")
    results["fan_out_1000_s"] = {
        "wall": wall,
        "server": ts(run["finished_at"]) - ts(run["created_at"]),
    }
    pipeline = create_pipeline(client, "1000 submit", chain(1000, f"bs{stamp}"))
    started = time.perf_counter()
    response = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={})
    results["submit_1000_s"] = time.perf_counter() - started
    assert response.status_code == 201, response.text
    client.post(f"/api/runs/{response.json()['id']}/cancel/")
    pipeline = create_pipeline(client, "5000 cancel", chain(5000, f"bx{stamp}"))
    response = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={})
    started = time.perf_counter()
    canceled = client.post(f"/api/runs/{response.json()['id']}/cancel/")
    results["cancel_5000_s"] = time.perf_counter() - started
    assert canceled.status_code == 200, canceled.text
    return results


def measure_chain_50(client, stamp: str) -> dict:
    """A chain of 50 no-op steps: per step, from submit to the client seeing it completed."""
    run, wall = run_graph(client, chain(50, f"p{stamp}"), "50 chain")
    return {
        "wall_per_step_ms": wall * 1000 / 50,
        "server_per_step_ms": (ts(run["finished_at"]) - ts(run["created_at"])) * 1000 / 50,
    }


def measure_frame_chain_50(client, stamp: str) -> dict:
    """The same chain with a one-row dataframe passed from step to step (Parquet between
    steps): per step, from submit to the client seeing it completed."""
    run, wall = run_graph(client, chain(50, f"d{stamp}", "bench_frame_noop@1.0.0"), "50 frames")
    return {
        "wall_per_step_ms": wall * 1000 / 50,
        "server_per_step_ms": (ts(run["finished_at"]) - ts(run["created_at"])) * 1000 / 50,
    }


def warm_up(client, stamp: str) -> float:
    """A short chain of each component before anything is measured, so the first figure is
    not the worker's start-up (its zygote importing pandas and scikit-learn, its first spare
    children, its database connections): seconds, which spread over 50 steps read as tens of
    milliseconds a step. Returns how long the warm-up took."""
    started = time.perf_counter()
    run_graph(client, chain(5, f"w{stamp}"), "warm-up")
    run_graph(client, chain(5, f"wd{stamp}", "bench_frame_noop@1.0.0"), "warm-up frames")
    return time.perf_counter() - started


def measure_sample_pipeline(client, repeats: int = 3) -> dict:
    """The sample pipeline every new installation has (Sample Dataset → Split Data → Linear
    Regression → Train Model → Score Model → Evaluate Model on scikit-learn's diabetes data),
    run again and again with reuse off: seconds from submit to the client seeing it done."""
    pipelines = client.get("/api/pipelines/", params={"search": "Sample: diabetes"}).json()
    rows = pipelines["results"] if isinstance(pipelines, dict) else pipelines
    pipeline_id = next(p["id"] for p in rows if p["name"] == "Sample: diabetes regression")
    walls, servers = [], []
    for _ in range(repeats):
        final, wall = run_pipeline(client, pipeline_id, force_rerun=True)
        walls.append(wall)
        servers.append(ts(final["finished_at"]) - ts(final["created_at"]))
    return {
        "wall_s": sorted(walls)[len(walls) // 2],
        "server_s": sorted(servers)[len(servers) // 2],
    }


def measure_engine(client, stamp: str, big: bool = False) -> dict:
    warm = warm_up(client, stamp)
    results = {"chain_50": measure_chain_50(client, stamp)}
    results["warm_up_s"] = warm
    results["sample_pipeline"] = measure_sample_pipeline(client)
    results["frame_chain_50"] = measure_frame_chain_50(client, stamp)
    if big:
        results["big"] = measure_big(client, stamp)
    run, _ = run_graph(client, chain(60, f"h{stamp}"), "handoff chain")
    gaps = handoffs(run)
    results["handoff_ms"] = {"p50": pct(gaps, 0.5), "p95": pct(gaps, 0.95), "n": len(gaps)}
    run, wall = run_graph(client, chain(200, f"c{stamp}"), "200 chain")
    results["chain_200_s"] = {
        "wall": wall,
        "server": ts(run["finished_at"]) - ts(run["created_at"]),
    }
    run, wall = run_graph(client, fan_out(100, f"f{stamp}"), "100 fan-out")
    results["fan_out_100_s"] = {
        "wall": wall,
        "server": ts(run["finished_at"]) - ts(run["created_at"]),
    }
    graph = chain(50, f"r{stamp}")
    run_graph(client, graph, "reuse first")
    run, wall = run_graph(client, graph, "reuse second")
    assert {n["status"] for n in run["nodes"]} == {"reused"}
    results["reused_50_ms"] = {
        "wall": wall * 1000,
        "server": (ts(run["finished_at"]) - ts(run["created_at"])) * 1000,
    }
    return results


def measure_fan_out(client, stamp: str, width: int) -> dict:
    """After the warm-up, one fan-out of `width` no-op steps end to end."""
    warm_up(client, stamp)
    run, wall = run_graph(client, fan_out(width, f"fo{stamp}"), f"{width} fan-out")
    return {
        f"fan_out_{width}_s": {
            "wall": wall,
            "server": ts(run["finished_at"]) - ts(run["created_at"]),
        },
        "load_average": os.getloadavg(),
    }


def measure_child_start() -> dict:
    import subprocess

    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "child_start.py")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redis", action="store_true", help="distributed: Redis + PostgreSQL")
    parser.add_argument("--big", action="store_true", help="also the 1,000/5,000-node graphs")
    parser.add_argument(
        "--fan-out",
        type=int,
        metavar="WIDTH",
        help="only the warm-up and one fan-out this wide (to compare two checkouts)",
    )
    args = parser.parse_args()
    mode = "redis" if args.redis else "embedded"
    stamp = str(int(time.time()))
    with tempfile.TemporaryDirectory() as tmp:
        results = run_mode(Path(tmp), args.redis, stamp, args.big, args.fan_out)
    if not args.fan_out:
        results["child_start"] = measure_child_start()
    results["mode"] = mode
    suffix = f"-fan-out-{args.fan_out}" if args.fan_out else "-big" if args.big else ""
    out = ROOT / "bench" / "results" / f"engine-{mode}{suffix}.json"
    out.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


def run_mode(
    tmp: Path, redis: bool, stamp: str, big: bool = False, fan_out_only: int | None = None
) -> dict:
    if not redis:
        server = LiveServer(tmp, port=free_port(), env={"DESIGNER_LOG_LEVEL": "WARNING"})
        server.start()
        WATCHED[:] = [server]
        try:
            with server.client() as client:
                register(client, NOOP)
                register(client, FRAME_NOOP)
                if fan_out_only:
                    return measure_fan_out(client, stamp, fan_out_only)
                return measure_engine(client, stamp, big)
        finally:
            server.stop()
    broker = RedisServer(tmp)
    broker.start()
    try:
        with postgres_database() as url:
            env = {
                "DATABASE_URL": url,
                "DESIGNER_SECRET_KEY": "bench-only-not-a-secret",
                "DESIGNER_BROKER_URL": broker.url,
                "DESIGNER_CHANNEL_URL": broker.url.replace("/0", "/1"),
            }
            server = LiveServer(tmp, port=free_port(), env=env)
            server.start()
            WATCHED[:] = [server]
            worker = start_worker(server.env, tmp / "worker.log")
            try:
                with server.client() as client:
                    register(client, NOOP)
                    register(client, FRAME_NOOP)
                    if fan_out_only:
                        return measure_fan_out(client, stamp, fan_out_only)
                    return measure_engine(client, stamp, big)
            finally:
                stop(worker)
                server.stop()
    finally:
        broker.stop()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    main()

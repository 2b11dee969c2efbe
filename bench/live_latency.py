"""Live-stream latency: from an event's row in the database to a websocket client holding it.

    .venv/bin/python bench/live_latency.py [--clients 1 100] [--lines 150]
        [--spread 1000 10] [--burst 100]

First one real browser (Chromium, signed in with its session), then each client count: a run
prints lines at a steady pace (each line is one event written to
the database, then published); every client records when it received each `seq`. Latency is
receive time minus the event row's `created_at`. Clients run on this machine, so the clocks
agree. Then two scenarios at scale:

- spread: VIEWERS viewers spread evenly over RUNS runs printing at the same time;
- burst: while one viewer watches a printing run, BURST more connect all at once; every
  event after each viewer's snapshot counts, the newcomers' included.

Writes bench/results/live-latency.json.
"""

import argparse
import asyncio
import json
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402

from tests.support.live import LiveServer, create_pipeline, free_port, register, wait_for_run  # noqa: E402

TICKER = {p.name: p.read_text() for p in (ROOT / "bench" / "components" / "ticker").iterdir()}


async def client(url: str, token: str, received: dict, ready: asyncio.Event, done: asyncio.Event):
    async with websockets.connect(
        url, additional_headers={"Authorization": f"Token {token}"}
    ) as ws:
        ready.set()
        while not done.is_set():
            try:
                message = json.loads(await asyncio.wait_for(ws.recv(), timeout=1))
            except TimeoutError:
                continue
            now = time.time()
            if message["type"] == "snapshot":
                continue
            received[message["seq"]] = now
            if message["type"] == "run" and message["status"] in {"completed", "failed"}:
                return


async def watch(server, run_id: int, clients: int) -> list[dict]:
    url = f"{server.ws_url}/ws/runs/{run_id}/"
    received = [dict() for _ in range(clients)]
    readies = [asyncio.Event() for _ in range(clients)]
    done = asyncio.Event()
    tasks = [
        asyncio.create_task(client(url, server.token, r, e, done))
        for r, e in zip(received, readies, strict=False)
    ]
    await asyncio.gather(*(e.wait() for e in readies))
    return received, tasks, done


def created_times(var_dir: Path, run_id: int) -> dict[int, float]:
    with sqlite3.connect(var_dir / "designer.sqlite3") as db:
        rows = db.execute("SELECT seq, created_at FROM runs_runevent WHERE run_id = ?", (run_id,))
        return {seq: datetime.fromisoformat(at).timestamp() for seq, at in rows}


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(server, pipeline_id: int, clients: int, lines: int) -> dict:
    with server.client() as http:
        # Connect first to a run that has not started printing yet: submit, then attach at once.
        run = http.post(f"/api/pipelines/{pipeline_id}/runs/", json={}).json()
        received, tasks, done = await watch(server, run["id"], clients)
        await asyncio.get_running_loop().run_in_executor(None, wait_for_run, http, run["id"])
        await asyncio.wait(tasks, timeout=30)
        done.set()
    created = created_times(server.var_dir, run["id"])
    latencies = [
        (at - created[seq]) * 1000
        for per_client in received
        for seq, at in per_client.items()
        if seq in created
    ]
    return {
        "clients": clients,
        "events": len(latencies),
        "p50_ms": pct(latencies, 0.5),
        "p95_ms": pct(latencies, 0.95),
        "max_ms": max(latencies),
    }


BROWSER_WATCH = """
([url, count]) => new Promise((resolve) => {
  const received = {};
  const socket = new WebSocket(url);
  socket.onmessage = (message) => {
    const now = Date.now() / 1000;
    const event = JSON.parse(message.data);
    if (event.type === "snapshot") { window.__ready = true; return; }
    received[event.seq] = now;
    if (event.type === "run" && ["completed", "failed"].includes(event.status)) {
      socket.close(); resolve(received);
    }
  };
})
"""


def measure_browser(server, pipeline_id: int) -> dict:
    """One viewer that is a real browser (Chromium), signed in with its session cookie."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import ARGS, CHROMIUM
    from tests.support.live import ADMIN_PASSWORD

    with sync_playwright() as playwright, server.client() as http:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(base_url=server.url)
        page.goto("/api/health/")
        page.request.post(
            "/api/auth/login/", data={"username": "admin", "password": ADMIN_PASSWORD}
        )
        run = http.post(f"/api/pipelines/{pipeline_id}/runs/", json={}).json()
        url = f"{server.ws_url}/ws/runs/{run['id']}/"
        received = page.evaluate(BROWSER_WATCH, [url, 1])
        browser.close()
        wait_for_run(http, run["id"])
    created = created_times(server.var_dir, run["id"])
    latencies = [
        (at - created[int(seq)]) * 1000 for seq, at in received.items() if int(seq) in created
    ]
    return {
        "clients": "1 browser",
        "events": len(latencies),
        "p50_ms": pct(latencies, 0.5),
        "p95_ms": pct(latencies, 0.95),
        "max_ms": max(latencies),
    }


def summary(label: str, latencies: list[float], **extra) -> dict:
    return {
        "clients": label,
        "events": len(latencies),
        "p50_ms": pct(latencies, 0.5),
        "p95_ms": pct(latencies, 0.95),
        "max_ms": max(latencies),
        **extra,
    }


async def measure_spread(server, pipeline_id: int, viewers: int, runs: int) -> dict:
    """`viewers` clients spread evenly over `runs` runs that print at the same time."""
    with server.client() as http:
        run_ids = [
            http.post(f"/api/pipelines/{pipeline_id}/runs/", json={}).json()["id"]
            for _ in range(runs)
        ]
        watching = [
            await watch(server, run_id, viewers // runs + (i < viewers % runs))
            for i, run_id in enumerate(run_ids)
        ]
        loop = asyncio.get_running_loop()
        for run_id in run_ids:
            await loop.run_in_executor(None, wait_for_run, http, run_id)
        for _, tasks, done in watching:
            await asyncio.wait(tasks, timeout=30)
            done.set()
    latencies = []
    for run_id, (received, _, _) in zip(run_ids, watching, strict=True):
        created = created_times(server.var_dir, run_id)
        latencies += [
            (at - created[seq]) * 1000
            for per_client in received
            for seq, at in per_client.items()
            if seq in created
        ]
    return summary(f"{viewers} over {runs} runs", latencies)


async def measure_burst(server, pipeline_id: int, burst: int, lines: int) -> dict:
    """One viewer watches; once lines flow, `burst` more connect at once."""
    with server.client() as http:
        run = http.post(f"/api/pipelines/{pipeline_id}/runs/", json={}).json()
        received, tasks, done = await watch(server, run["id"], 1)
        while len(received[0]) < lines // 4:  # the run is printing: now the burst
            await asyncio.sleep(0.05)
        burst_started = time.time()
        newcomers, more_tasks, more_done = await watch(server, run["id"], burst)
        connected_in = time.time() - burst_started
        await asyncio.get_running_loop().run_in_executor(None, wait_for_run, http, run["id"])
        await asyncio.wait(tasks + more_tasks, timeout=30)
        done.set()
        more_done.set()
    created = created_times(server.var_dir, run["id"])
    latencies = [
        (at - created[seq]) * 1000
        for per_client in received + newcomers
        for seq, at in per_client.items()
        if seq in created and at >= burst_started
    ]
    return summary(f"1 + a burst of {burst}", latencies, burst_connected_s=round(connected_in, 3))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--lines", type=int, default=150)
    parser.add_argument(
        "--spread", type=int, nargs=2, default=[1000, 10], metavar=("VIEWERS", "RUNS")
    )
    parser.add_argument("--burst", type=int, default=100)
    args = parser.parse_args()
    # A thousand sockets on each side: raise this process's open-file limit (the server,
    # started from here, inherits it).
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(
            Path(tmp),
            port=free_port(),
            # every run of the spread prints at once: one worker thread each
            env={"DESIGNER_WORKER_THREADS": str(max(4, args.spread[1]))},
        )
        server.start()
        try:
            with server.client() as http:
                register(http, TICKER)
                graph = {
                    "nodes": [
                        {
                            "id": "tick",
                            "component": "bench_ticker@1.0.0",
                            "params": {"lines": args.lines, "interval": 0.02},
                        }
                    ],
                    "edges": [],
                }
                pipeline = create_pipeline(http, "latency", graph)
            results.append(measure_browser(server, pipeline["id"]))
            print(json.dumps(results[-1]))
            for clients in args.clients:
                results.append(asyncio.run(measure(server, pipeline["id"], clients, args.lines)))
                print(json.dumps(results[-1]))
            viewers, runs = args.spread
            results.append(asyncio.run(measure_spread(server, pipeline["id"], viewers, runs)))
            print(json.dumps(results[-1]))
            results.append(
                asyncio.run(measure_burst(server, pipeline["id"], args.burst, args.lines))
            )
            print(json.dumps(results[-1]))
        finally:
            server.stop()
    out = ROOT / "bench" / "results" / "live-latency.json"
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Live-stream latency: from an event's row in the database to a websocket client holding it.

    .venv/bin/python bench/live_latency.py [--clients 1 100] [--lines 150]
        [--spread 1000 10] [--burst 100]

`--batch`: the websocket clients ask for batches (`?batch=1`): the events waiting for a viewer
at once come as one message. With no case named, every case runs; naming some (`--spread 1000
10`, `--burst 100`, `--clients 100`) runs only those. The browser case runs with the full set,
when Chromium is installed.

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
import os
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from websockets.client import ClientProtocol  # noqa: E402
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory  # noqa: E402
from websockets.frames import Frame, Opcode  # noqa: E402
from websockets.http11 import Response  # noqa: E402
from websockets.uri import parse_uri  # noqa: E402

from tests.e2e.conftest import CHROMIUM  # noqa: E402
from tests.support.live import LiveServer, create_pipeline, free_port, register, wait_for_run  # noqa: E402

# Whether the websocket clients ask for batches (`?batch=1`, see designer/realtime/consumers.py).
BATCH = False
# Websocket messages the clients received, of every case so far.
MESSAGES = [0]
TICKER = {p.name: p.read_text() for p in (ROOT / "bench" / "components" / "ticker").iterdir()}


class Viewer(asyncio.Protocol):
    """One viewer: websockets' own protocol (sans I/O) on a bare asyncio connection, which
    records when each event's `seq` arrived until its run ends. The thousand viewers of
    the spread share this one process, and the machine's two cores with the server they
    measure, so a viewer does no more per message than take the time and read the JSON:
    the library's asyncio client (a task, a queue and a future per message) cost the
    clients more CPU than the server spent sending."""

    def __init__(self, url: str, token: str, received: dict, ready: asyncio.Event) -> None:
        # Offering compression as browsers do: the server may take it up.
        self.protocol = ClientProtocol(
            parse_uri(url), max_size=None, extensions=[ClientPerMessageDeflateFactory()]
        )
        self.request = self.protocol.connect()
        self.request.headers["Authorization"] = f"Token {token}"
        self.received = received
        self.ready = ready
        self.ended: asyncio.Future = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.protocol.send_request(self.request)
        self._flush()

    def data_received(self, data: bytes) -> None:
        now = time.time()
        self.protocol.receive_data(data)
        for event in self.protocol.events_received():
            if isinstance(event, Response):
                if event.status_code != 101:
                    self._end(RuntimeError(f"the server refused: {event.status_code}"))
                self.ready.set()
            elif isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                assert event.fin, "the server sends each message as one frame"
                self._message(event.data, now)
        self._flush()

    def _message(self, data: bytes, now: float) -> None:
        MESSAGES[0] += 1
        message = json.loads(data)
        if message["type"] == "snapshot":
            return
        for event in message["events"] if message["type"] == "batch" else [message]:
            self.received[event["seq"]] = now
            if event["type"] == "run" and event["status"] in {"completed", "failed"}:
                self._end(None)

    def connection_lost(self, exc: Exception | None) -> None:
        self.ready.set()
        self._end(exc or ConnectionError("the socket closed before the run ended"))

    def _end(self, exc: Exception | None) -> None:
        if self.ended.done():
            return
        if exc is None:
            self.ended.set_result(None)
        else:
            self.ended.set_exception(exc)

    def _flush(self) -> None:
        for data in self.protocol.data_to_send():
            if data and self.transport is not None:
                self.transport.write(data)

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.protocol.send_close()
            self._flush()
            self.transport.close()


async def client(url: str, token: str, received: dict, ready: asyncio.Event) -> None:
    """One viewer until its run ends (or the task is cancelled)."""
    uri = parse_uri(url)
    viewer = Viewer(url, token, received, ready)
    try:
        await asyncio.get_running_loop().create_connection(lambda: viewer, uri.host, uri.port)
    except BaseException:
        ready.set()  # no connection: `watch` must not wait for it
        raise
    try:
        await viewer.ended
    finally:
        viewer.close()


async def watch(server, run_id: int, clients: int) -> tuple[list[dict], list[asyncio.Task]]:
    url = f"{server.ws_url}/ws/runs/{run_id}/" + ("?batch=1" if BATCH else "")
    received = [dict() for _ in range(clients)]
    readies = [asyncio.Event() for _ in range(clients)]
    tasks = [
        asyncio.create_task(client(url, server.token, r, e))
        for r, e in zip(received, readies, strict=False)
    ]
    await asyncio.gather(*(e.wait() for e in readies))
    return received, tasks


async def finish(tasks: list[asyncio.Task]) -> None:
    """Wait for the viewers to see their run end; stop any that did not within 30 s. A
    viewer that could not connect, was refused or lost its socket fails the benchmark."""
    done, pending = await asyncio.wait(tasks, timeout=30)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        task.result()


def created_times(var_dir: Path, run_id: int, type_: str | None = None) -> dict[int, float]:
    query = "SELECT seq, created_at FROM runs_runevent WHERE run_id = ?"
    with sqlite3.connect(var_dir / "designer.sqlite3") as db:
        if type_:
            rows = db.execute(query + " AND type = ?", (run_id, type_))
        else:
            rows = db.execute(query, (run_id,))
        return {seq: datetime.fromisoformat(at).timestamp() for seq, at in rows}


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(server, pipeline_id: int, clients: int, lines: int) -> dict:
    messages = MESSAGES[0]
    with server.client() as http:
        # Connect first to a run that has not started printing yet: submit, then attach at once.
        run = http.post(f"/api/pipelines/{pipeline_id}/runs/", json={}).json()
        received, tasks = await watch(server, run["id"], clients)
        await asyncio.get_running_loop().run_in_executor(None, wait_for_run, http, run["id"])
        await finish(tasks)
    created = created_times(server.var_dir, run["id"])
    latencies = [
        (at - created[seq]) * 1000
        for per_client in received
        for seq, at in per_client.items()
        if seq in created
    ]
    return summary(clients, latencies, MESSAGES[0] - messages)


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


class CpuClock:
    """CPU seconds this process (the clients) and the server used since it was made."""

    def __init__(self, server) -> None:
        self.server_pid = server.process.pid
        self.start = (self._clients(), self._server())

    def _clients(self) -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def _server(self) -> float:
        fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def used(self) -> dict:
        return {
            "clients_cpu_s": round(self._clients() - self.start[0], 1),
            "server_cpu_s": round(self._server() - self.start[1], 1),
        }


def summary(label: str | int, latencies: list[float], messages: int, **extra) -> dict:
    return {
        "clients": label,
        "events": len(latencies),
        "messages": messages,
        "p50_ms": pct(latencies, 0.5),
        "p95_ms": pct(latencies, 0.95),
        "max_ms": max(latencies),
        **extra,
    }


async def measure_spread(server, pipeline_id: int, gate: Path, viewers: int, runs: int) -> dict:
    """`viewers` clients spread evenly over `runs` runs that print at the same time, once
    every viewer is connected (the runs wait for `gate`)."""
    messages = MESSAGES[0]
    with server.client() as http:
        run_ids = [
            http.post(f"/api/pipelines/{pipeline_id}/runs/", json={}).json()["id"]
            for _ in range(runs)
        ]
        submitted = time.time()
        watching = [
            await watch(server, run_id, viewers // runs + (i < viewers % runs))
            for i, run_id in enumerate(run_ids)
        ]
        connected_in = time.time() - submitted
        cpu = CpuClock(server)  # from here on: while the runs print
        gate.touch()
        loop = asyncio.get_running_loop()
        for run_id in run_ids:
            await loop.run_in_executor(None, wait_for_run, http, run_id)
        await finish([task for _, tasks in watching for task in tasks])
    used = cpu.used()
    latencies = []
    first_event = []
    by_second: dict[int, list[float]] = {}
    for run_id, (received, _) in zip(run_ids, watching, strict=True):
        created = created_times(server.var_dir, run_id)
        first_event.append(min(created_times(server.var_dir, run_id, "log").values()) - submitted)
        for per_client in received:
            for seq, at in per_client.items():
                if seq in created:
                    latencies.append((at - created[seq]) * 1000)
                    by_second.setdefault(int(created[seq] - submitted), []).append(latencies[-1])
    return summary(
        f"{viewers} over {runs} runs",
        latencies,
        MESSAGES[0] - messages,
        connected_s=round(connected_in, 2),
        printing_from_s=round(min(first_event), 2),
        # p95 of the events created in each second after the submit: where the slow ones are
        p95_by_second={second: round(pct(v, 0.95)) for second, v in sorted(by_second.items())},
        **used,
    )


async def measure_burst(server, pipeline_id: int, burst: int, lines: int) -> dict:
    """One viewer watches; once lines flow, `burst` more connect at once."""
    cpu = CpuClock(server)
    messages = MESSAGES[0]
    with server.client() as http:
        run = http.post(f"/api/pipelines/{pipeline_id}/runs/", json={}).json()
        received, tasks = await watch(server, run["id"], 1)
        while len(received[0]) < lines // 4:  # the run is printing: now the burst
            await asyncio.sleep(0.05)
        burst_started = time.time()
        newcomers, more_tasks = await watch(server, run["id"], burst)
        connected_in = time.time() - burst_started
        await asyncio.get_running_loop().run_in_executor(None, wait_for_run, http, run["id"])
        await finish(tasks + more_tasks)
    used = cpu.used()
    created = created_times(server.var_dir, run["id"])
    latencies = [
        (at - created[seq]) * 1000
        for per_client in received + newcomers
        for seq, at in per_client.items()
        if seq in created and at >= burst_started
    ]
    return summary(
        f"1 + a burst of {burst}",
        latencies,
        MESSAGES[0] - messages,
        burst_connected_s=round(connected_in, 3),
        **used,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="+")
    parser.add_argument("--lines", type=int, default=150)
    parser.add_argument("--spread", type=int, nargs=2, metavar=("VIEWERS", "RUNS"))
    parser.add_argument("--burst", type=int)
    parser.add_argument(
        "--batch", action="store_true", help="clients ask for events in batches (?batch=1)"
    )
    args = parser.parse_args()
    global BATCH
    BATCH = args.batch
    everything = args.clients is None and args.spread is None and args.burst is None
    if everything:
        args.clients, args.spread, args.burst = [1, 100], [1000, 10], 100
    browser = everything and Path(CHROMIUM).exists()
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
            env={"DESIGNER_WORKER_THREADS": str(max(4, args.spread[1] if args.spread else 0))},
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
                # The spread's runs print once every viewer is connected: they wait for a gate.
                gate = server.var_dir / "data" / "spread-gate"
                graph["nodes"][0]["params"]["gate"] = str(gate)
                gated = create_pipeline(http, "latency, gated", graph)
            if browser:
                results.append(measure_browser(server, pipeline["id"]))
                print(json.dumps(results[-1]))
            for clients in args.clients or []:
                results.append(asyncio.run(measure(server, pipeline["id"], clients, args.lines)))
                print(json.dumps(results[-1]))
            if args.spread:
                viewers, runs = args.spread
                spread = measure_spread(server, gated["id"], gate, viewers, runs)
                results.append(asyncio.run(spread))
                print(json.dumps(results[-1]))
            if args.burst:
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

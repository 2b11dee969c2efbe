"""Run view: a 1,000-node run drawn live while its events stream.

    .venv/bin/python bench/run_view.py [--size 1000] [--seconds 10] [--dist DIR] [--chromium PATH]

Starts a server from this checkout (serving the built frontend: `frontend/dist`, or `--dist`)
and creates the pipeline the run belongs to (bench/canvas.py's parallel chains). The run itself
is played to the page: Playwright answers `GET /api/runs/{id}/` and the run's websocket
(`ws/runs/{id}/`) with a snapshot of `--size` queued nodes, then the events a busy run sends, so
the figures are the browser's alone, whatever the engine could produce. Measured in Chromium:

- **time to interactive**: navigation start to the first frame after every node is on the
  canvas (as bench/canvas.py measures it).
- **streaming**: for `--seconds`, every 50 ms one node starts, one completes, the running ones
  report progress and 20 log lines arrive (about 500 messages a second); the page records the
  time between animation frames, and for each node event the time from the message reaching
  the page to the first frame after the node shows its new status.
- **burst**: every node's `reused` event at once (a fully reused run); the time from the first
  message reaching the page to the frame after the last node shows it.

Prints p50/p95 and writes bench/results/run_view.json. Nothing here asserts timings.
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from canvas import ARGS, CHROMIUM, PROBE, VIEWPORT, chains_graph, sign_in, summary  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.live import LiveServer, create_pipeline, free_port  # noqa: E402

RUN_ID = 987654
TICK_MS = 50
LOG_LINES_PER_TICK = 20

# When each node event reaches the page, and when the node first shows that status after it.
WATCH = """
(() => {
  window.__pwArrived = new Map();
  window.__pwLatencies = [];
  window.__pwShown = 0;
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(...args) {
      super(...args);
      // Registered before the app's own handler, so it sees each message first.
      this.addEventListener('message', (event) => {
        const message = JSON.parse(event.data);
        const key = `${message.node}:${message.status}`;
        if (message.type === 'node') window.__pwArrived.set(key, performance.now());
      });
    }
  };
  new MutationObserver((records) => {
    const keys = [];
    for (const record of records) {
      const el = record.target;
      const id = el.dataset && el.dataset.testid;
      if (!id || !id.startsWith('run-node-') || id.startsWith('run-node-status')) continue;
      keys.push(`${id.slice('run-node-'.length)}:${el.dataset.status}`);
    }
    if (!keys.length) return;
    requestAnimationFrame((painted) => {
      for (const key of keys) {
        const arrived = window.__pwArrived.get(key);
        if (arrived === undefined) continue;
        window.__pwArrived.delete(key);
        window.__pwLatencies.push(painted - arrived);
        window.__pwShown += 1;
        window.__pwLastShown = painted;
      }
    });
  }).observe(document, { attributes: true, attributeFilter: ['data-status'], subtree: true });
})();
"""


def iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + "Z"


def node_run(node: dict, status: str) -> dict:
    return {
        "node": node["id"],
        "status": status,
        "attempts": 0,
        "started_at": None,
        "finished_at": None,
        "reused": False,
        "outputs": {},
        "error": None,
        "reuse": None,
        "traceback": None,
        "source": None,
        "from_run": RUN_ID,
        "component": node["component"],
        "compute": "default",
        "params": {},
        "metrics": {},
        "progress": None,
        "max_retries": 0,
        "reused_from": None,
    }


def the_run(pipeline_id: int, graph: dict) -> dict:
    now = iso(time.time())
    return {
        "id": RUN_ID,
        "pipeline": pipeline_id,
        "pipeline_name": "run view bench",
        "version": 1,
        "experiment": "bench",
        "status": "running",
        "started_at": now,
        "finished_at": None,
        "trigger": {"kind": "manual"},
        "created_at": now,
        "parameters": {},
        "force_rerun": False,
        "continue_on_failure": False,
        "partial": None,
        "rerun_of": None,
        "graph": graph,
        "seq": 1,
        "nodes": [node_run(node, "queued") for node in graph["nodes"]],
    }


def node_event(seq: int, node_id: str, status: str, **fields) -> dict:
    event = {**node_run({"id": node_id, "component": ""}, status), "type": "node", "seq": seq}
    for key in ("component", "compute", "params", "metrics", "progress", "max_retries"):
        event.pop(key)
    event.pop("reused_from")
    return {**event, **fields}


class Player:
    """The run's websocket, played from here: a snapshot on connect, then what `send` is given."""

    def __init__(self, run: dict):
        self.run = run
        self.seq = run["seq"]
        self.socket = None

    def connect(self, socket) -> None:
        self.socket = socket
        socket.send(json.dumps({"type": "snapshot", "seq": self.seq, "run": self.run}))

    def send(self, message: dict) -> None:
        self.seq += 1
        self.socket.send(json.dumps({**message, "seq": self.seq}))


def open_run(context, pipeline_id: int, graph: dict):
    run = the_run(pipeline_id, graph)
    player = Player(run)
    page = context.new_page()
    page.route(
        f"**/api/runs/{RUN_ID}/",
        lambda route: route.fulfill(json=run, headers={"content-type": "application/json"}),
    )
    page.route_web_socket(f"**/ws/runs/{RUN_ID}/", player.connect)
    page.goto(f"/runs/{RUN_ID}", wait_until="commit")
    page.wait_for_function("() => typeof window.__pwWaitForNodes === 'function'")
    ready = page.evaluate("(n) => window.__pwWaitForNodes(n)", len(graph["nodes"]))
    page.wait_for_function("() => window.WebSocket && window.__pwArrived !== undefined")
    page.wait_for_timeout(300)
    return page, player, ready


def stream(page, player: Player, ids: list[str], seconds: float) -> dict:
    page.evaluate(
        "() => { window.__pwFrames = []; window.__pwRecord = true; window.__pwLatencies = []; }"
    )
    ticks = int(seconds * 1000 / TICK_MS)
    running: list[str] = []
    sent = 0
    started = time.perf_counter()
    for tick in range(ticks):
        now = iso(time.time())
        node = ids[tick % len(ids)]
        player.send(node_event(0, node, "running", attempts=1, started_at=now))
        running.append(node)
        sent += 1
        if len(running) > 4:
            done = running.pop(0)
            player.send(
                node_event(0, done, "completed", attempts=1, started_at=now, finished_at=now)
            )
            sent += 1
        for node in running:
            player.send({"type": "progress", "node": node, "current": tick % 10, "total": 10})
            sent += 1
        for line in range(LOG_LINES_PER_TICK):
            player.send(
                {"type": "log", "node": running[-1], "stream": "stdout", "line": f"step {line}"}
            )
            sent += 1
        page.wait_for_timeout(TICK_MS)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    elapsed = time.perf_counter() - started
    frames = page.evaluate("() => { window.__pwRecord = false; return window.__pwFrames; }")
    latencies = page.evaluate("() => window.__pwLatencies")
    fps = round(len(frames) / elapsed, 1) if elapsed else None
    return {
        "frames": {**summary(frames), "fps": fps, "over_50ms": sum(1 for f in frames if f > 50)},
        "event_to_frame": summary(latencies),
        "messages": sent,
        "messages_per_second": round(sent / elapsed),
        "seconds": round(elapsed, 2),
    }


def burst(page, player: Player, ids: list[str]) -> dict:
    page.evaluate("() => { window.__pwShown = 0; window.__pwLatencies = []; }")
    now = iso(time.time())
    first = page.evaluate("() => performance.now()")
    for node in ids:
        player.send(node_event(0, node, "reused", reused=True, finished_at=now))
    page.wait_for_function("(n) => window.__pwShown >= n", arg=len(ids), timeout=120_000)
    last = page.evaluate("() => window.__pwLastShown")
    latencies = page.evaluate("() => window.__pwLatencies")
    return {
        "nodes": len(ids),
        "all_shown_ms": round(last - first, 1),
        "event_to_frame": summary(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--dist", help="built frontend to serve (default: frontend/dist)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"the browser (default {CHROMIUM})")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "run_view.json"))
    args = parser.parse_args()
    if args.dist:
        os.environ["DESIGNER_FRONTEND_DIST"] = str(Path(args.dist).resolve())

    results: dict = {
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "date": time.strftime("%Y-%m-%d"),
        "load_average_before": os.getloadavg(),
        "viewport": VIEWPORT,
        "size": args.size,
    }
    graph = chains_graph(args.size)
    ids = [node["id"] for node in graph["nodes"]]
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(Path(tmp), port=free_port())
        server.start()
        try:
            with server.client() as client:
                pipeline_id = create_pipeline(client, "run view bench", graph)["id"]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, args=ARGS)
                results["browser"] = browser.version
                context = browser.new_context(viewport=VIEWPORT, base_url=server.url)
                context.add_init_script(PROBE)
                context.add_init_script(WATCH)
                sign_in(context.new_page())
                open_run(context, pipeline_id, graph)[0].close()  # warm the caches once
                page, player, ready = open_run(context, pipeline_id, graph)
                results["time_to_interactive_ms"] = round(ready, 1)
                print(f"time to interactive, {args.size} nodes: {ready:.0f} ms", flush=True)
                results["streaming"] = stream(page, player, ids, args.seconds)
                print(f"streaming: {json.dumps(results['streaming'])}", flush=True)
                results["burst"] = burst(page, player, ids)
                print(f"burst: {json.dumps(results['burst'])}", flush=True)
                browser.close()
        finally:
            server.stop()
    results["load_average_after"] = os.getloadavg()

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()

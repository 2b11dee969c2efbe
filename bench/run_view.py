"""Run view: a 1,000-node run drawn live while its events stream.

    .venv/bin/python bench/run_view.py [--size 1000] [--seconds 10] [--dist DIR] [--chromium PATH]

Starts a server from this checkout (serving the built frontend: `frontend/dist`, or `--dist`)
and creates the pipeline the run belongs to (bench/canvas.py's parallel chains). The run itself
is played to the page: Playwright answers `GET /api/runs/{id}/`, and a stand-in for the run's
websocket (`ws/runs/{id}/`, in the page) sends a snapshot of `--size` queued nodes, then the
events a busy run sends, each handed to the app in a task of its own as socket frames are. So
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

# The run's websocket, played in the page: a stand-in for `ws/runs/{RUN_ID}/` (any other socket
# is real) that sends the snapshot on open, then hands each message to the app in a task of its
# own, as a browser does with socket frames. It notes when each node event is handed over, and
# a MutationObserver notes the first frame after the node shows that status.
PLAYER = Path(__file__).with_name("run_view_player.js").read_text().replace("__RUN__", str(RUN_ID))


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


def open_run(context, run: dict):
    page = context.new_page()
    page.route(
        f"**/api/runs/{RUN_ID}/",
        lambda route: route.fulfill(json=run, headers={"content-type": "application/json"}),
    )
    page.goto(f"/runs/{RUN_ID}", wait_until="commit")
    page.wait_for_function("() => typeof window.__pwWaitForNodes === 'function'")
    ready = page.evaluate("(n) => window.__pwWaitForNodes(n)", len(run["nodes"]))
    page.wait_for_timeout(500)
    return page, ready


def stream(page, ids: list[str], seconds: float) -> dict:
    played = page.evaluate(
        "([ids, s, t, l]) => window.__pwStream(ids, s, t, l)",
        [ids, seconds, TICK_MS, LOG_LINES_PER_TICK],
    )
    frames, elapsed = played["frames"], played["elapsed"]
    return {
        "frames": {
            **summary(frames),
            "fps": round(len(frames) / elapsed, 1),
            "over_50ms": sum(1 for f in frames if f > 50),
        },
        "event_to_frame": summary(played["latencies"]),
        "messages": played["sent"],
        "messages_per_second": round(played["sent"] / elapsed),
        "seconds": round(elapsed, 2),
    }


def burst(page, ids: list[str]) -> dict:
    shown = page.evaluate("(ids) => window.__pwBurst(ids)", ids)
    return {
        "nodes": len(ids),
        "all_shown_ms": round(shown["all_shown_ms"], 1),
        "event_to_frame": summary(shown["latencies"]),
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
                run = the_run(pipeline_id, graph)
                context.add_init_script(f"window.__pwRun = {json.dumps(run)};")
                context.add_init_script(PLAYER)
                sign_in(context.new_page())
                open_run(context, run)[0].close()  # warm the caches once
                page, ready = open_run(context, run)
                results["time_to_interactive_ms"] = round(ready, 1)
                print(f"time to interactive, {args.size} nodes: {ready:.0f} ms", flush=True)
                results["streaming"] = stream(page, ids, args.seconds)
                print(f"streaming: {json.dumps(results['streaming'])}", flush=True)
                results["burst"] = burst(page, ids)
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

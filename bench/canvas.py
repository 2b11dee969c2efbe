"""Designer canvas: time to interactive for big pipelines, and frame times while dragging.

    .venv/bin/python bench/canvas.py [--sizes 200 500] [--runs 5] [--dist /tmp/dist-designer]
                                     [--screenshot]

Starts a server from this checkout (serving the built frontend: `frontend/dist`, or `--dist`),
creates one pipeline per size through the API (parallel chains of Sample Dataset → Select
Columns / Split Data, laid out on a grid), and drives Chromium with Playwright:

- **time to interactive**: from navigation start to the first frame painted after every node of
  the pipeline is on the canvas with its measured size (React Flow shows a node once measured),
  read from `performance.now()` in the page. Each size is opened `--runs` times. `edges_drawn`
  is the same for the first frame with every edge drawn as well (the nodes' ports are there).
- **drag frame times**: in each pipeline, a node is dragged across the canvas with the mouse
  while the page records the time between consecutive `requestAnimationFrame` callbacks.

The load average (`os.getloadavg()`) is recorded before and after each measure: on a shared
machine it decides much. `--screenshot` saves the canvas of each size, as opened, to
bench/results/canvas-<size>.png. Prints p50/p95 and writes bench/results/canvas.json. Nothing
here asserts timings.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.live import ADMIN_PASSWORD, LiveServer, create_pipeline, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1500, "height": 950}
CHAIN_LENGTH = 20
STEPS = ("select_columns@1.0.0", "split_data@1.1.0")

# Recorded in the page: when all nodes are measured, and rAF deltas while `__pwRecord` is on.
PROBE = """
(() => {
  window.__pwFrames = [];
  window.__pwRecord = false;
  let last = null;
  const tick = (now) => {
    if (window.__pwRecord && last !== null) window.__pwFrames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__pwWaitForNodes = (count) => new Promise((resolve) => {
    const check = () => {
      const nodes = [...document.querySelectorAll('.react-flow__node')];
      const shown = nodes.length === count && nodes.every((n) => n.style.visibility !== 'hidden');
      if (shown) requestAnimationFrame(() => resolve(performance.now()));
      else requestAnimationFrame(check);
    };
    check();
  });
  window.__pwWaitForEdges = (count) => new Promise((resolve) => {
    const check = () => {
      if (document.querySelectorAll('.react-flow__edge').length === count) {
        requestAnimationFrame(() => resolve(performance.now()));
      } else requestAnimationFrame(check);
    };
    check();
  });
})();
"""


def chains_graph(size: int) -> dict:
    """Parallel chains of CHAIN_LENGTH nodes: a dataset, then select/split steps, on a grid."""
    nodes, edges = [], []
    for index in range(size):
        chain, step = divmod(index, CHAIN_LENGTH)
        node_id = f"c{chain}_{step}"
        component = "sample_dataset@1.0.0" if step == 0 else STEPS[step % 2]
        nodes.append(
            {
                "id": node_id,
                "component": component,
                "params": {},
                "position": {"x": step * 260, "y": chain * 150},
            }
        )
        if step > 0:
            parent_component = nodes[index - 1]["component"]
            port = "first" if parent_component.startswith("split_data") else "data"
            edges.append(
                {
                    "source": f"c{chain}_{step - 1}",
                    "source_port": port,
                    "target": node_id,
                    "target_port": "data",
                }
            )
    return {"nodes": nodes, "edges": edges}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.5), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1) if values else None,
        "mean_ms": round(statistics.fmean(values), 1) if values else None,
    }


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def sign_in(page) -> None:
    page.goto("/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Pipelines").wait_for()


def time_to_interactive(context, pipeline_id: int, size: int) -> tuple[float, float]:
    """When every node is shown with its size, and when every edge is drawn too."""
    page = context.new_page()
    page.goto(f"/pipelines/{pipeline_id}", wait_until="commit")
    page.wait_for_function("() => typeof window.__pwWaitForNodes === 'function'")
    ready = page.evaluate(
        "async ([n, e]) => { const edges = window.__pwWaitForEdges(e);"
        " const nodes = await window.__pwWaitForNodes(n); return [nodes, await edges]; }",
        [size, len(chains_graph(size)["edges"])],
    )
    page.close()
    return ready[0], ready[1]


def drag_frames(context, pipeline_id: int, size: int, steps: int, shot: Path | None) -> dict:
    page = context.new_page()
    page.goto(f"/pipelines/{pipeline_id}")
    page.evaluate("(n) => window.__pwWaitForNodes(n)", size)
    page.wait_for_timeout(500)
    if shot:
        page.screenshot(path=str(shot))
    chain = size // CHAIN_LENGTH // 2
    title = page.get_by_test_id(f"node-c{chain}_10").locator(".pw-node-title")
    box = title.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    load_before = load_average()
    page.mouse.move(x, y)
    page.mouse.down()
    page.evaluate("() => { window.__pwFrames = []; window.__pwRecord = true; }")
    started = time.perf_counter()
    for step in range(1, steps + 1):
        page.mouse.move(x + 400 * step / steps, y + 150 * step / steps)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    elapsed = time.perf_counter() - started
    frames = page.evaluate("() => { window.__pwRecord = false; return window.__pwFrames; }")
    page.mouse.up()
    page.close()
    drag = summary(frames)
    drag.update(
        nodes=size,
        mouse_moves=steps,
        seconds=round(elapsed, 2),
        frames_over_50ms=sum(1 for f in frames if f > 50),
        fps=round(len(frames) / elapsed, 1) if elapsed else None,
        load_average=[load_before, load_average()],
    )
    return drag


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 500])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drag-steps", type=int, default=240)
    parser.add_argument("--dist", help="built frontend to serve (default: frontend/dist)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "canvas.json"))
    parser.add_argument(
        "--screenshot", action="store_true", help="save bench/results/canvas-<size>.png"
    )
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
        "viewport": VIEWPORT,
        "time_to_interactive": {},
        "drag_frame_times": {},
    }
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(Path(tmp), port=free_port())
        server.start()
        try:
            with server.client() as client:
                pipelines = {
                    size: create_pipeline(client, f"canvas bench {size}", chains_graph(size))["id"]
                    for size in args.sizes
                }
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                results["browser"] = browser.version
                context = browser.new_context(viewport=VIEWPORT, base_url=server.url)
                context.add_init_script(PROBE)
                sign_in(context.new_page())
                for size in args.sizes:
                    load_before = load_average()
                    time_to_interactive(context, pipelines[size], size)  # warm the caches once
                    pairs = [
                        time_to_interactive(context, pipelines[size], size)
                        for _ in range(args.runs)
                    ]
                    tti = summary([nodes for nodes, _ in pairs])
                    tti["edges_drawn"] = summary([edges for _, edges in pairs])
                    tti["load_average"] = [load_before, load_average()]
                    results["time_to_interactive"][str(size)] = tti
                    print(f"time to interactive, {size} nodes: {json.dumps(tti)}", flush=True)
                    shot = out.parent / f"canvas-{size}.png" if args.screenshot else None
                    drag = drag_frames(context, pipelines[size], size, args.drag_steps, shot)
                    results["drag_frame_times"][str(size)] = drag
                    print(f"drag frame times, {size} nodes: {json.dumps(drag)}", flush=True)
                browser.close()
        finally:
            server.stop()

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()

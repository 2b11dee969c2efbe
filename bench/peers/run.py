"""The same workloads on Pipewright (over its API, embedded server started here) and on
Dagster, Prefect and Kedro (each in its own virtualenv), printed as one table with ratios.

    .venv/bin/python bench/peers/setup_envs.py        # once: virtualenvs under var/peers/
    .venv/bin/python bench/peers/run.py [--only pipewright kedro] [--dagster-isolated]

Workloads (bench/peers/work.py): a chain of 50 no-op steps (time per step), a 20-wide
fan-out (1 source + 20 children, total), the 3-step pandas pipeline (total). Pipewright's
figures are wall time from the POST that submits the run to the client seeing it completed,
with force_rerun so nothing is reused. The client learns it the way the run view does, from
the run's websocket (`--poll` asks `GET /api/runs/{id}/` every 10 ms instead, which costs
the server a full description each time). Not part of `make test`.
Writes bench/results/peers.json.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import work  # noqa: E402

from tests.support.live import (  # noqa: E402
    LiveServer,
    create_pipeline,
    free_port,
    register,
    watch_run,
)

PIPEWRIGHT = "Pipewright (process per step, persisted, over the API)"
NOOP = {
    p.name: p.read_text() for p in (ROOT / "bench" / "components" / "noop").iterdir() if p.is_file()
}
WORK = (HERE / "work.py").read_text()
PANDAS_STEPS = {
    "peer_make": ("", "def run():\n    return work.make_frame()\n"),
    "peer_features": ("data", "def run(data):\n    return work.features(data)\n"),
    "peer_summarize": ("data", "def run(data):\n    return work.summarize(data)\n"),
}
WORKLOADS = ("chain_per_step_ms", "fan_out_s", "pandas_s")
LABELS = {
    "chain_per_step_ms": "chain of 50 no-op steps, per step",
    "fan_out_s": "20-wide fan-out (1 + 20 no-op steps), total",
    "pandas_s": "3-step pandas pipeline, total",
}


def pandas_component(name: str, needs: str, code: str) -> dict[str, str]:
    inputs = f"inputs:\n  {needs}: {{type: dataframe}}\n" if needs else "inputs: {}\n"
    spec = (
        f"name: {name}\nversion: 1.0.0\ncategory: Benchmarks\n"
        f"description: Peer benchmark step {name}.\n{inputs}"
        "outputs:\n  data: {type: dataframe}\nparameters: {}\npython: step.py:run\n"
    )
    return {"component.yaml": spec, "step.py": "import work\n\n\n" + code, "work.py": WORK}


def graphs() -> dict[str, dict]:
    def noop(node_id: str) -> dict:
        return {"id": node_id, "component": "bench_noop@1.0.0", "params": {"tag": node_id}}

    def link(source: str, target: str) -> dict:
        return {"source": source, "source_port": "data", "target": target, "target_port": "data"}

    chain_ids = [f"n{i}" for i in range(work.CHAIN)]
    fan_ids = [f"c{i}" for i in range(work.WIDTH)]
    names = list(PANDAS_STEPS)
    return {
        "chain_per_step_ms": {
            "nodes": [noop(i) for i in chain_ids],
            "edges": [link(a, b) for a, b in zip(chain_ids, chain_ids[1:], strict=False)],
        },
        "fan_out_s": {
            "nodes": [noop("src")] + [noop(i) for i in fan_ids],
            "edges": [link("src", i) for i in fan_ids],
        },
        "pandas_s": {
            "nodes": [{"id": n, "component": f"{n}@1.0.0", "params": {}} for n in names],
            "edges": [link(a, b) for a, b in zip(names, names[1:], strict=False)],
        },
    }


def run_once(client, pipeline_id: int, server=None) -> float:
    """Seconds from the submit to the client knowing the run completed: from its websocket
    when `server` is given, else by polling the run."""
    started = time.perf_counter()
    response = client.post(f"/api/pipelines/{pipeline_id}/runs/", json={"force_rerun": True})
    run_id = response.json()["id"]
    if server is not None:
        events = watch_run(server, run_id)
        last = events[-1]
        status = last["status"] if last["type"] == "run" else last["run"]["status"]
    else:
        while True:
            status = client.get(f"/api/runs/{run_id}/").json()["status"]
            if status in {"completed", "failed", "canceled"}:
                break
            time.sleep(0.01)
    elapsed = time.perf_counter() - started
    assert status == "completed", status
    return elapsed


def measure_pipewright(repeats: int, poll: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(Path(tmp), port=free_port(), env={"DESIGNER_LOG_LEVEL": "WARNING"})
        server.start()
        try:
            with server.client() as client:
                register(client, NOOP)
                for name, (needs, code) in PANDAS_STEPS.items():
                    register(client, pandas_component(name, needs, code))
                results = {}
                for workload, graph in graphs().items():
                    pipeline = create_pipeline(client, f"peer {workload}", graph)
                    watching = None if poll else server
                    run_once(client, pipeline["id"], watching)  # warm-up
                    best = min(run_once(client, pipeline["id"], watching) for _ in range(repeats))
                    results[workload] = (
                        best * 1000 / work.CHAIN if workload == "chain_per_step_ms" else best
                    )
                return {PIPEWRIGHT: results}
        finally:
            server.stop()


def measure_peer(name: str, root: Path, extra: list[str]) -> dict:
    python = root / name / "bin" / "python"
    if not python.exists():
        print(f"skipping {name}: run bench/peers/setup_envs.py first", file=sys.stderr)
        return {}
    done = subprocess.run(
        [str(python), str(HERE / f"peer_{name}.py"), *extra],
        capture_output=True,
        text=True,
        cwd=tempfile.mkdtemp(prefix=f"peer-{name}-"),
        env={**os.environ, "PYTHONPATH": ""},
        timeout=3600,
    )
    if done.returncode != 0:
        print(f"{name} failed:\n{done.stderr[-3000:]}", file=sys.stderr)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: dict) -> str:
    engines = list(results)
    base = results.get(PIPEWRIGHT)
    head = "| workload | " + " | ".join(engines) + " |"
    lines = [head, "|" + " --- |" * (len(engines) + 1)]
    for workload in WORKLOADS:
        cells = []
        for engine in engines:
            value = results[engine].get(workload)
            if value is None:
                cells.append("—")
                continue
            text = f"{value:.1f} ms" if workload.endswith("_ms") else f"{value:.2f} s"
            if base and engine != PIPEWRIGHT and base.get(workload):
                text += f" ({value / base[workload]:.2f}×)"
            cells.append(text)
        lines.append(f"| {LABELS[workload]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", default=["pipewright", "kedro", "prefect", "dagster"])
    parser.add_argument("--root", type=Path, default=ROOT / "var" / "peers")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dagster-isolated", action="store_true", help="also a process per step")
    parser.add_argument("--poll", action="store_true", help="poll the run instead of watching")
    args = parser.parse_args()
    load_before = os.getloadavg()
    results: dict = {}
    if "pipewright" in args.only:
        results.update(measure_pipewright(args.repeats, args.poll))
    for name in ("kedro", "prefect", "dagster"):
        if name in args.only:
            extra = ["--isolated"] if name == "dagster" and args.dagster_isolated else []
            results.update(measure_peer(name, args.root, extra))
    results["plain pandas in one process (the work itself)"] = {
        "pandas_s": work.pandas_work_seconds()
    }
    text = table(results)
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
    }
    print(text)
    print(json.dumps(meta))
    out = ROOT / "bench" / "results" / "peers.json"
    out.write_text(json.dumps({"results": results, "table": text, **meta}, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    main()

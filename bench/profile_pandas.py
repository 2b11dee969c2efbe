"""The peers' 3-step pandas pipeline (`bench/peers/work.py`: make a 200,000-row frame, derive
features, aggregate) run in this process the way a worker runs it, many times: no web
process and no server start in the figure, so two checkouts compare better than over the API.

    .venv/bin/python bench/profile_pandas.py [--runs 12]

Each run is submitted (force_rerun) and its three steps executed one after the other as the
worker does (claim, execute in a walled step's process, store outputs, finish + advance, take
the successor). Prints, as JSON: every run's time from submit to its last step recorded
(the first two runs warm up and are not counted), their median and best, the submit alone,
the CPU a run costs on the whole machine (from /proc/stat: the worker, the zygote, the steps'
processes and the kernel's work for them), and per step the median of each stage. Writes
bench/results/profile-pandas.json. Uses a fresh SQLite database in a temporary folder (or
DATABASE_URL when set).

Like `profile_chain.py`, its top level imports only what the fork server has."""

import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 2


def main() -> None:
    import argparse
    import json
    import statistics
    import tempfile

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench" / "peers"))
    from bench.in_process import fresh_django
    from bench.profile_chain import machine_busy_ms

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=12)
    args = parser.parse_args()
    fresh_django("pw-pandas-")

    import run as peers

    from designer.accounts.acting import SYSTEM
    from designer.execution import launcher, lifecycle, step
    from designer.pipelines.services import create_pipeline
    from designer.registry.services import register_folder
    from designer.runs import orchestrator
    from designer.runs.models import NodeRun

    for name, (needs, code) in peers.PANDAS_STEPS.items():
        folder = Path(tempfile.mkdtemp()) / name
        folder.mkdir()
        for file, text in peers.pandas_component(name, needs, code).items():
            (folder / file).write_text(text)
        register_folder(SYSTEM, folder)
    launcher.warm_up()
    time.sleep(3)

    stages: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    current = {"node": ""}

    def timed(module, name: str, label: str) -> None:
        original = getattr(module, name)

        def wrapper(*a, **k):
            started = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                stages[current["node"]][label].append((time.perf_counter() - started) * 1000)

        setattr(module, name, wrapper)

    timed(step, "build_task", "build task.json")
    timed(step, "_follow", "child: hand over, run, read events")
    timed(step, "ingest", "store outputs")
    timed(lifecycle, "finish_node_run", "finish + advance")

    claimed = {"next": None}

    def execute(node_run_id: int) -> int | None:
        node_run = claimed["next"] or lifecycle.claim_node_run(node_run_id, "profile")
        current["node"] = node_run.node_id
        started = time.perf_counter()
        queued = step.execute(node_run, lifecycle.claimer("profile", lambda target: True))
        stages[node_run.node_id]["whole step"].append((time.perf_counter() - started) * 1000)
        claimed["next"] = getattr(queued, "claimed", None)
        if claimed["next"] is not None:
            return claimed["next"].pk
        return queued[0][0] if queued else None

    first = next(iter(peers.PANDAS_STEPS))
    pipeline = create_pipeline(SYSTEM, name="pandas", graph=peers.graphs()["pandas_s"])
    totals: list[float] = []
    submits: list[float] = []
    busy = 0.0
    for index in range(WARM_UP + args.runs):
        if index == WARM_UP:
            stages.clear()
            busy = machine_busy_ms()
        started = time.perf_counter()
        run = orchestrator.submit_run(SYSTEM, pipeline.pk, force_rerun=True)
        submitted = time.perf_counter()
        next_id = NodeRun.objects.get(run=run, node_id=first).pk
        while next_id is not None:
            next_id = execute(next_id)
        run.refresh_from_db()
        assert run.status == "completed", run.status
        if index >= WARM_UP:
            totals.append((time.perf_counter() - started) * 1000)
            submits.append((submitted - started) * 1000)
    busy = machine_busy_ms() - busy
    result = {
        "runs_ms": [round(total, 1) for total in totals],
        "median_ms": round(statistics.median(totals), 1),
        "best_ms": round(min(totals), 1),
        "submit_median_ms": round(statistics.median(submits), 1),
        "machine_cpu_ms_per_run": round(busy / args.runs, 1),
        "stages_median_ms": {
            node: {label: round(statistics.median(values), 1) for label, values in by.items()}
            for node, by in stages.items()
        },
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results" / "profile-pandas.json"
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

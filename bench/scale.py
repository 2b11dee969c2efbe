"""Distributed at scale: N pipelines of M steps submitted at once to PostgreSQL + Redis +
worker processes on two compute targets (the workload of tests/runs/test_scale.py), timed.

    .venv/bin/python bench/scale.py                        # 20 × 50, 3 workers, 2 targets
    .venv/bin/python bench/scale.py --workers 3 1 --second-every 0   # 3 vs 1 worker, one target

Each `--workers` value gets a fresh deployment (database, Redis, server, workers), in the order
given, so `3 1` measures both in the same minutes. With a second target in use (every
`--second-every`-th step) the last worker serves it, so that needs two workers or more.

Reports, per deployment: the wall time from the first submit to the last run completed (the
server's own timestamps: earliest `created_at` to latest `finished_at`; and as the client saw
it), steps per second over that span, p50/p95 of the runs' durations, and the count check:
every step executed exactly once, from the steps' own counters. Prints JSON and writes
bench/results/scale.json (or `--out`).
"""

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.live import wait_for  # noqa: E402
from tests.support.scale import Deployment, deployment, expected_keys, layout  # noqa: E402


def ts(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def count_check(deployed: Deployment, pipelines: int, steps: int) -> dict:
    counts = deployed.executions()
    expected = expected_keys(pipelines, steps)
    return {
        "expected": len(expected),
        "executed_once": sum(counts.get(key) == 1 for key in expected),
        "never": len(expected - set(counts)),
        "more_than_once": sum(count > 1 for count in counts.values()),
        "ok": set(counts) == expected and set(counts.values()) == {1},
    }


def wait_for_runs(client, run_ids: list[int], errors: list[str]) -> list[dict]:
    """Poll each run until it ends. An answer that is not the run (a 5xx from a starved server)
    is recorded in `errors` and polled again, so the figures still come out."""

    def final(run_id: int):
        response = client.get(f"/api/runs/{run_id}/")
        if response.status_code != 200:
            errors.append(f"{response.status_code} {response.text[:200]!r}")
            return None
        run = response.json()
        return run if run["status"] in {"completed", "failed", "canceled"} else None

    return [wait_for(partial(final, run_id), 3600, f"run {run_id} to finish") for run_id in run_ids]


def measure(deployed: Deployment, pipelines: int, steps: int, second_every: int) -> dict:
    pipeline_ids = deployed.create_chains(pipelines, steps, second_every)
    errors: list[str] = []
    started = time.perf_counter()
    run_ids = deployed.submit_at_once(pipeline_ids)
    with deployed.server.client() as client:
        finals = wait_for_runs(client, run_ids, errors)
    client_wall = time.perf_counter() - started
    failed = [(f["id"], f["status"]) for f in finals if f["status"] != "completed"]
    assert not failed, f"runs that did not complete: {failed}"
    first = min(ts(f["created_at"]) for f in finals)
    last = max(ts(f["finished_at"]) for f in finals)
    durations = [ts(f["finished_at"]) - ts(f["created_at"]) for f in finals]
    total = pipelines * steps
    return {
        "wall_s": round(last - first, 2),
        "client_wall_s": round(client_wall, 2),
        "steps_per_s": round(total / (last - first), 2),
        "run_duration_s": {
            "p50": round(pct(durations, 0.5), 2),
            "p95": round(pct(durations, 0.95), 2),
            "n": len(durations),
        },
        "claimed_more_than_once": sum(
            n["attempts"] > 1 for final in finals for n in final["nodes"]
        ),
        "count_check": count_check(deployed, pipelines, steps),
        "workers_alive_after": sum(worker.poll() is None for worker in deployed.workers),
        "poll_errors": {"n": len(errors), "first": errors[:3]},
        "server_log_errors": log_errors(deployed.server.log_path),
    }


def log_errors(path: Path) -> list[str]:
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    return [line[:300] for line in lines if " ERROR " in line or "Traceback" in line][:10]


def run_one(pipelines: int, steps: int, workers: int, second_every: int) -> dict:
    targets = layout(workers, second_every)
    load_before = load_average()
    # Kept when something fails, for its server and worker logs.
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        with deployment(tmp, targets) as deployed:
            result = measure(deployed, pipelines, steps, second_every)
    except BaseException:
        print(f"logs kept in {tmp}", file=sys.stderr)
        raise
    shutil.rmtree(tmp, ignore_errors=True)
    return {
        "workers": workers,
        "targets": targets,
        **result,
        "load_average": {"before": load_before, "after": load_average()},
    }


def ratios(deployments: list[dict]) -> dict:
    """Steps per second of each worker count over one worker's, measured in the same sitting."""
    single = [d["steps_per_s"] for d in deployments if d["workers"] == 1]
    if not single:
        return {}
    base = sum(single) / len(single)
    return {
        f"{d['workers']}_over_1": round(d["steps_per_s"] / base, 2)
        for d in deployments
        if d["workers"] != 1
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pipelines", type=int, default=20)
    parser.add_argument("--steps", type=int, default=50, help="steps in each pipeline's chain")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[3], help="worker processes; one run each"
    )
    parser.add_argument(
        "--second-every",
        type=int,
        default=5,
        help="every Nth step runs on the second target (0: all on the default target)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = parser.parse_args()
    try:
        for workers in args.workers:
            layout(workers, args.second_every)
    except ValueError as exc:
        parser.error(f"{exc} (pass --second-every 0 for one worker)")
    results = {
        "pipelines": args.pipelines,
        "steps": args.steps,
        "second_every": args.second_every,
        "deployments": [
            run_one(args.pipelines, args.steps, workers, args.second_every)
            for workers in args.workers
        ],
    }
    results["steps_per_s_ratio"] = ratios(results["deployments"])
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    results["date"] = time.strftime("%Y-%m-%d %H:%M %Z")
    text = json.dumps(results, indent=2)
    print(text)
    args.out.write_text(text + "\n")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    main()

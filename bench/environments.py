"""Component environments: first-use build time, and warm step start against the default.

Run on its own: `.venv/bin/python bench/environments.py [--samples 40]`. For each measured
environment it builds into a temporary folder twice: with an empty download cache (a fresh
machine, everything from PyPI) and with the checkout's cache (var/uv-cache: what a further
environment with the same packages costs). Then it starts no-op steps, alternating one forked
from the default zygote (the steps' zygote, or with isolation off multiprocessing's fork
server) and one from the environment's zygote, start to exit, and times each zygote's first
step (its start-up included). Writes
bench/results/environments.json with the load average before and after.
"""

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.child_start import pct, task_file  # noqa: E402

# Requirements and modules to preload. The default zygote's children import this module again
# (multiprocessing does so with the main module), so the project is imported in functions only.
ENVIRONMENTS = {
    "toolz": (("toolz",), ()),
    "xgboost": (("xgboost-cpu==3.4.1", "scikit-learn"), ("xgboost",)),
}


def timed_build(spec, root: Path, uv_cache: Path):
    from designer.runtime.virtualenv_build import EnvironmentStore
    from designer.runtime.virtualenv_recipe import recipe_for

    store = EnvironmentStore(root, uv_cache)
    started = time.perf_counter()
    prepared = store.build(recipe_for(spec, ROOT))
    return prepared, time.perf_counter() - started


def run_to_exit(start) -> float:
    started = time.perf_counter()
    child = start()
    while (code := child.wait(0.005)) is None:
        pass
    assert code == 0, code
    return (time.perf_counter() - started) * 1000


def measure(name: str, samples: int, scratch: Path) -> dict:
    from designer.execution.launcher import start
    from designer.kernel.spec_environment import EnvironmentSpec
    from designer.runtime.virtualenv_build import default_store
    from designer.runtime.zygote_pool import ZygotePool

    requirements, preload = ENVIRONMENTS[name]
    spec = EnvironmentSpec(requirements=requirements, preload=preload)
    cold, cold_s = timed_build(spec, scratch / f"{name}-cold", scratch / f"{name}-uv-cache")
    warm, warm_s = timed_build(spec, scratch / f"{name}-warm", default_store().uv_cache)
    frozen = (warm.folder / "frozen.txt").read_text().split()
    path = str(task_file())
    pool = ZygotePool(lambda: 3600.0)
    first_step_ms = run_to_exit(lambda: pool.child(warm, spec.preload, path))
    default_ms, environment_ms = [], []
    for _ in range(samples):
        default_ms.append(run_to_exit(lambda: start(path)))
        environment_ms.append(run_to_exit(lambda: pool.child(warm, spec.preload, path)))
    shutil.rmtree(cold.folder)
    return {
        "requirements": list(spec.requirements),
        "preload": list(spec.preload),
        "packages": len(frozen),
        "build_s": {
            "empty_download_cache": round(cold_s, 2),
            "warm_download_cache": round(warm_s, 2),
        },
        "first_step_in_new_zygote_ms": round(first_step_ms, 1),
        "warm_start_ms": {
            "default": summary(default_ms),
            "environment": summary(environment_ms),
            "ratio_p50": round(pct(environment_ms, 0.5) / pct(default_ms, 0.5), 2),
        },
    }


def summary(values: list[float]) -> dict:
    return {"p50": round(pct(values, 0.5), 1), "p95": round(pct(values, 0.95), 1), "n": len(values)}


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--only", choices=sorted(ENVIRONMENTS), action="append")
    args = parser.parse_args()
    from designer.execution.launcher import warm_up

    warm_up()
    time.sleep(2)  # let the default zygote finish importing pandas and scikit-learn
    load_before = os.getloadavg()
    scratch = Path(tempfile.mkdtemp(prefix="pipewright-bench-envs-"))
    try:
        results = {
            name: measure(name, args.samples, scratch)
            for name in ENVIRONMENTS
            if not args.only or name in args.only
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report = {
        "environments": results,
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "date": time.strftime("%Y-%m-%d"),
    }
    out = ROOT / "bench" / "results" / "environments.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    return report


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))

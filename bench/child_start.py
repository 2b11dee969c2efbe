"""Cost of starting an executor child: forked from the warm zygote vs a fresh interpreter.

Run on its own (`.venv/bin/python bench/child_start.py`); engine.py runs it too. Kept small
on purpose: a forked child re-imports the main module, so this one must import little.

`--walled` times a no-op step behind the wall instead (as the worker's task would ask for it:
namespaces when isolation is on, the step's cgroups), from taking a spare to its `done`, with
its cgroups released after each; it needs what the wall needs (root, namespaces).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def task_file() -> Path:
    folder = Path(tempfile.mkdtemp())
    task = {
        "component": "bench_noop@1.0.0",
        "component_dir": str(ROOT / "bench" / "components" / "noop"),
        "python": "noop.py:run",
        "command": None,
        "inputs": {"data": None},
        "params": {"tag": ""},
        "outputs": {"data": {"type": "json"}},
        "work_dir": str(folder / "work"),
        "data_roots": [],
    }
    path = folder / "task.json"
    path.write_text(json.dumps(task))
    return path


def walled(samples: int) -> dict:
    """A walled no-op step, take a spare → done, after the zygote is warm."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    os.environ.setdefault("DESIGNER_LOG_LEVEL", "WARNING")
    django.setup()
    from designer.execution import isolation
    from designer.execution.launcher import start, warm_up

    found = isolation.mode()
    path = task_file()
    task = json.loads(path.read_text())
    warm_up()
    time.sleep(3)
    times = []
    for i in range(samples):
        name = f"{os.getpid()}-bench-{i}-{uuid.uuid4().hex[:8]}"
        task["isolation"] = {
            "namespaces": found.isolated,
            "uid": found.uid,
            "gid": found.gid,
            "network": True,
            "cgroups": {c: str(Path(parent) / name) for c, parent in found.cgroups},
            "memory_mb": None,
            "processes": 256,
        }
        path.write_text(json.dumps(task))
        time.sleep(0.15)  # a new spare is made between steps, as the worker's DB work allows
        started = time.perf_counter()
        child = start(str(path))
        while child.wait(0.005) is None:
            pass
        times.append((time.perf_counter() - started) * 1000)
        isolation.release(task["isolation"], child.pid)
    return {
        "isolated": found.isolated,
        "walled_ms": {"p50": pct(times, 0.5), "p95": pct(times, 0.95), "n": len(times)},
    }


def main(samples: int = 40) -> dict:
    # Django only here: a forked child re-imports this module (as __mp_main__, not running this).
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    os.environ.setdefault("DESIGNER_LOG_LEVEL", "WARNING")
    # The start of a child without the wall (its task asks for none); --walled times a walled
    # step. With isolation on, spares are walled in ahead, which such a task does not use.
    os.environ.setdefault("DESIGNER_STEP_ISOLATION", "off")
    django.setup()
    from designer.execution.launcher import start, warm_up

    path = task_file()
    warm_up()
    time.sleep(2)  # let the zygote finish importing pandas and scikit-learn
    forked, fresh = [], []
    for _ in range(samples):
        started = time.perf_counter()
        child = start(str(path))
        while child.wait(0.005) is None:
            pass
        forked.append((time.perf_counter() - started) * 1000)
    for _ in range(8):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "designer.runtime.executor", str(path)], check=True)
        fresh.append((time.perf_counter() - started) * 1000)
    return {
        "zygote_ms": {"p50": pct(forked, 0.5), "p95": pct(forked, 0.95), "n": len(forked)},
        "fresh_ms": {"p50": pct(fresh, 0.5), "p95": pct(fresh, 0.95), "n": len(fresh)},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--walled", action="store_true")
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()
    print(json.dumps(walled(args.samples) if args.walled else main(args.samples)))

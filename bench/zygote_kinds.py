"""What forking a step's process costs from each kind of zygote the worker keeps
(`designer.execution.launcher.preloaded`): for each, a fresh interpreter imports what that
zygote imports, counts its memory mappings, then forks children that exit at once, one after
the other, and reports the wall time and the whole machine's CPU a fork and exit.

    .venv/bin/python bench/zygote_kinds.py [--forks 200] [--rounds 2]

The cost grows with the mappings the forking process has (each is copied at the fork and torn
down at the child's exit): that is why a component whose code imports only the standard
library gets its steps from the lightest zygote. Prints one JSON object.
"""

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Run in a fresh interpreter: the zygote's imports, then the forks.
PROBE = """
import gc, importlib, json, os, sys, time, warnings
sys.path.insert(0, {root!r})
from bench.profile_chain import machine_busy_ms
warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
gc.freeze()
with open("/proc/self/maps") as maps:
    mappings = sum(1 for _ in maps)
forks = int(sys.argv[2])
busy, started = machine_busy_ms(), time.perf_counter()
for _ in range(forks):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
wall = (time.perf_counter() - started) * 1000 / forks
time.sleep(0.3)  # (exits finish on the kernel's side: counted in the CPU)
cpu = (machine_busy_ms() - busy) / forks
took = {{"wall_ms": round(wall, 2), "machine_cpu_ms": round(cpu, 2)}}
print(json.dumps({{"mappings": mappings, **took}}))
"""


def measure(modules: list[str], forks: int) -> dict:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(root=str(ROOT)), json.dumps(modules), str(forks)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from designer.execution.launcher import DATAFRAMES, FULL, PYTHON, preloaded

    load = os.getloadavg()
    kinds = {kind: [] for kind in (PYTHON, DATAFRAMES, FULL)}
    for _ in range(args.rounds):  # alternating, so a change of the machine's pace hits each
        for kind, rounds in kinds.items():
            rounds.append(measure(preloaded(kind), args.forks))
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{os.uname().machine}, {os.cpu_count()} CPUs",
        "load_average_before": [round(x, 2) for x in load],
        "forks": args.forks,
        "kinds": {
            kind: {
                "mappings": rounds[0]["mappings"],
                "wall_ms": min(r["wall_ms"] for r in rounds),
                "machine_cpu_ms": min(r["machine_cpu_ms"] for r in rounds),
                "rounds": rounds,
            }
            for kind, rounds in kinds.items()
        },
    }
    full = result["kinds"][FULL]
    for kind in (PYTHON, DATAFRAMES):
        result["kinds"][kind]["cpu_ratio_to_full"] = round(
            result["kinds"][kind]["machine_cpu_ms"] / full["machine_cpu_ms"], 3
        )
    out = ROOT / "bench" / "results" / "zygote-kinds.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    main()

"""What forking a walled step costs, one way against another: the CPU and wall time of starting
and ending a step's process from a process that has imported what the executor's zygote
imports (`designer.execution.launcher.PRELOAD`).

    sudo .venv/bin/python bench/fork_cost.py [--steps 100] [--rounds 2]

- two forks (what a step costs today): the zygote forks a spare, the spare makes its PID, IPC
  and mount namespaces and forks the step's process into them;
- one fork: the zygote makes a new PID namespace for its next child only (unshare, fork, then
  back into its own with setns), so the child is process 1 of its own namespace and makes its
  IPC and mount namespaces itself.

The step itself does almost nothing (a little JSON): what is measured is the processes. Needs
root (namespaces); prints one JSON line.
"""

import argparse
import importlib
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.profile_chain import machine_busy_ms  # noqa: E402


def step() -> None:
    json.dumps({"numbers": list(range(100))})


def two_forks() -> None:
    spare = os.fork()
    if spare == 0:
        os.unshare(os.CLONE_NEWPID | os.CLONE_NEWIPC | os.CLONE_NEWNS)
        child = os.fork()
        if child == 0:
            step()
            os._exit(0)
        os.waitpid(child, 0)
        os._exit(0)
    os.waitpid(spare, 0)


def one_fork(own_pid_namespace: int) -> None:
    os.unshare(os.CLONE_NEWPID)
    child = os.fork()
    if child == 0:
        os.unshare(os.CLONE_NEWIPC | os.CLONE_NEWNS)
        step()
        os._exit(0)
    os.setns(own_pid_namespace, os.CLONE_NEWPID)
    os.waitpid(child, 0)


def measure(start, steps: int) -> dict:
    busy, started = machine_busy_ms(), time.perf_counter()
    for _ in range(steps):
        start()
    wall = (time.perf_counter() - started) * 1000 / steps
    time.sleep(0.3)  # exits finish on the kernel's side; counted in the CPU below
    cpu = (machine_busy_ms() - busy) / steps
    return {"wall_ms": round(wall, 2), "machine_cpu_ms": round(cpu, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench/fork_cost.py makes namespaces: run it as root")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # pyarrow starts a thread when imported, as in the zygote; forking is what is measured.
    warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
    from designer.execution.launcher import PRELOAD

    for name in PRELOAD:
        importlib.import_module(name)
    own = os.open("/proc/self/ns/pid", os.O_RDONLY)
    results: dict[str, list] = {"two_forks": [], "one_fork": []}
    for _ in range(args.rounds):
        results["two_forks"].append(measure(two_forks, args.steps))
        results["one_fork"].append(measure(lambda: one_fork(own), args.steps))
    with open("/proc/self/smaps_rollup") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("Rss:"))
    results["zygote_rss_mb"] = round(rss / 1024)
    results["load_average"] = os.getloadavg()
    print(json.dumps(results))


if __name__ == "__main__":
    main()

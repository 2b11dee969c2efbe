"""What starting the init of a walled step's namespace costs: the program `make setup` builds
(`designer/runtime/step-init`) against the shell command it replaces where it is not built
(`isolation.INIT_COMMAND`: sh, chroot, sh, env, cat). Each start is the one a walled step
pays, minus the namespace: spawned with its three pipes the way the zygote spawns it, handed
a root (`/`, where the shell command finds its programs), waited for until it is in it, then
let go. Alternates the two, round after round, and reports each one's wall time and CPU (its
own, reaped: `RUSAGE_CHILDREN`) a start, and their ratio.

    .venv/bin/python bench/step_init.py [--starts 300] [--rounds 3]

Needs root (an init moves into its root) and the program built (`make setup`). Prints one
JSON object and writes bench/results/step-init.json.
"""

import argparse
import json
import os
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from designer.runtime.isolation import INIT_COMMAND, STEP_INIT, spawn_init  # noqa: E402


def start_and_let_go(command: tuple[str, ...]) -> None:
    stdin_read, stdin_write = os.pipe()
    root_read, root_write = os.pipe()
    placed_read, placed_write = os.pipe()
    pid = spawn_init(stdin_read, root_read, placed_write, command)
    for fd in (stdin_read, root_read, placed_write):
        os.close(fd)
    os.write(root_write, b"/\n")
    os.close(root_write)
    if os.read(placed_read, 1) != b"":
        raise RuntimeError("the init wrote on the descriptor it should close")
    os.close(placed_read)
    os.close(stdin_write)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} ended with {status}")


def measure(command: tuple[str, ...], starts: int) -> tuple[float, float]:
    """Milliseconds a start: wall, and the CPU of the init's processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    for _ in range(starts):
        start_and_let_go(command)
    wall = (time.perf_counter() - started) * 1000 / starts
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu * 1000 / starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("needs root: an init moves into its root (chroot)")
    if not os.access(STEP_INIT, os.X_OK):
        sys.exit(f"{STEP_INIT} is not built: run `make setup` (it needs a C compiler)")
    kinds = {"program": (str(STEP_INIT),), "shell command": INIT_COMMAND}
    rounds: dict[str, list[tuple[float, float]]] = {name: [] for name in kinds}
    for command in kinds.values():
        measure(command, 20)  # warm: the page cache, the dynamic loader's
    for _ in range(args.rounds):
        for name, command in kinds.items():
            rounds[name].append(measure(command, args.starts))
    result: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average": os.getloadavg(),
        "starts_per_round": args.starts,
    }
    for name, found in rounds.items():
        result[name] = {
            "wall_ms": round(sorted(w for w, _ in found)[len(found) // 2], 3),
            "cpu_ms": round(sorted(c for _, c in found)[len(found) // 2], 3),
        }
    result["cpu_ratio_shell_to_program"] = round(
        result["shell command"]["cpu_ms"] / result["program"]["cpu_ms"], 2
    )
    out = ROOT / "bench" / "results" / "step-init.json"
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""Big graphs over the API, against a live server: the submit of a 1,000-node pipeline, the
description of its run (GET /api/runs/{id}/), and the cancel of a 5,000-node run, a few
times each: the round trip (`*_s`) and the server process's CPU time meanwhile (`*_cpu_s`, all
its threads, the embedded workers' included). The focused part of `engine.py --big` (which also
runs long chains to the end).

    .venv/bin/python bench/big_api.py [--repeat 3] [--postgres]

SQLite in a temporary folder unless --postgres (a fresh PostgreSQL database, as
tests/support/distributed.py makes them; the server's embedded workers either way). Prints
JSON and writes bench/results/big-api[-postgres].json.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine import NOOP, chain  # noqa: E402
from tests.support.distributed import postgres_database  # noqa: E402
from tests.support.live import LiveServer, create_pipeline, free_port, register  # noqa: E402


def cpu_of(pid: int):
    """The CPU time the process has used so far, all its threads, ended ones included
    (seconds, in clock ticks of 10 ms): what a call costs the server whatever else the machine
    is doing, where the wall time on a loaded machine mostly says how long it waited for a
    core."""
    tick = os.sysconf("SC_CLK_TCK")

    def used() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / tick

    return used


def measure(client, stamp: str, repeat: int, cpu) -> dict:
    found: dict[str, list[float]] = {}

    def timed(call):
        used, started = cpu(), time.perf_counter()
        response = call()
        return response, (time.perf_counter() - started, cpu() - used)

    def note(name: str, seconds: tuple[float, float]) -> None:
        found.setdefault(name, []).append(seconds[0])
        found.setdefault(name.removesuffix("_s") + "_cpu_s", []).append(seconds[1])

    for round_ in range(repeat):
        for size, label in ((1000, "submit"), (5000, "cancel")):
            pipeline = create_pipeline(client, f"{label} {size}", chain(size, f"{stamp}{round_}"))
            response, seconds = timed(
                lambda p=pipeline: client.post(f"/api/pipelines/{p['id']}/runs/", json={})
            )
            assert response.status_code == 201, response.text
            assert len(response.json()["nodes"]) == size
            note(f"submit_{size}_s", seconds)
            run_id = response.json()["id"]
            response, seconds = timed(lambda r=run_id: client.get(f"/api/runs/{r}/"))
            assert response.status_code == 200, response.text
            note(f"get_{size}_s", seconds)
            response, seconds = timed(lambda r=run_id: client.post(f"/api/runs/{r}/cancel/"))
            assert response.status_code == 200, response.text
            assert response.json()["status"] == "canceled"
            note(f"cancel_{size}_s", seconds)
    return {
        name: {"median": statistics.median(values), "all": [round(v, 3) for v in values]}
        for name, values in found.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    stamp = str(int(time.time()))
    with tempfile.TemporaryDirectory() as tmp:
        with postgres_database() if args.postgres else nullcontext(None) as url:
            env = {"DESIGNER_LOG_LEVEL": "WARNING"}
            if url:
                env |= {"DATABASE_URL": url, "DESIGNER_SECRET_KEY": "bench-only-not-a-secret"}
            server = LiveServer(Path(tmp), port=free_port(), env=env)
            server.start()
            try:
                with server.client() as client:
                    client.timeout = 120
                    register(client, NOOP)
                    results = measure(client, stamp, args.repeat, cpu_of(server.process.pid))
            finally:
                server.stop()
    results["database"] = "postgresql" if args.postgres else "sqlite"
    results["load_average"] = os.getloadavg()
    print(json.dumps(results, indent=2))
    name = f"big-api{'-postgres' if args.postgres else ''}.json"
    (ROOT / "bench" / "results" / name).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Where the time of a fully reused re-run goes: a chain whose every node has an earlier
identical result, submitted again in this process (the submit advances the whole run, so
the submit is the re-run).

    .venv/bin/python bench/profile_reuse.py [--nodes 1000] [--cprofile] [--repeat 3]

The first run is not executed: each node it queues is finished at once with an output
stored the way a step's would be (`tests/support/reuse_walk.py`), which is all reuse looks
at. Uses a fresh SQLite database in a temporary folder (or DATABASE_URL
when set). Prints the figures as JSON and writes bench/results/profile-reuse.json.
"""

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.in_process import fresh_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()
    tmp = fresh_django("pw-profile-reuse-")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from designer.accounts.acting import SYSTEM
    from designer.pipelines.services import create_pipeline
    from designer.registry.services import register_folder
    from designer.runs import orchestrator
    from tests.support.reuse_walk import NOOP, chain_graph, complete_by_hand

    register_folder(SYSTEM, NOOP)

    figures = []
    for attempt in range(args.repeat):
        pipeline = create_pipeline(
            SYSTEM,
            name=f"reuse {attempt}",
            graph=chain_graph(args.nodes, f"t{attempt}{time.time()}"),
        )
        complete_by_hand(orchestrator.submit_run(SYSTEM, pipeline.pk), tmp)
        profiler = cProfile.Profile() if args.cprofile and attempt == args.repeat - 1 else None
        with CaptureQueriesContext(connection) as queries:
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            run = orchestrator.submit_run(SYSTEM, pipeline.pk)
            elapsed = time.perf_counter() - started
            if profiler:
                profiler.disable()
        statuses = set(run.node_runs.values_list("status", flat=True))
        assert run.status == "completed" and statuses == {"reused"}, (run.status, statuses)
        figures.append({"seconds": elapsed, "queries": len(queries)})
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    result = {
        "nodes": args.nodes,
        "runs": figures,
        "best_s": min(f["seconds"] for f in figures),
        "load": os.getloadavg()[0],
    }
    print(json.dumps(result, indent=2))
    (ROOT / "bench" / "results" / "profile-reuse.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

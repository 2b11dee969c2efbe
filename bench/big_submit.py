"""Submit and cancel of big pipelines, in-process (no server, no worker): the engine's own
database work for a 1,000-node submit and a 5,000-node cancel, and the queries each issues.

    .venv/bin/python bench/big_submit.py [--submit 1000] [--cancel 5000]

Fresh SQLite database in a temporary folder (or DATABASE_URL when set). Prints JSON and writes
bench/results/big-submit.json.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def chain(n: int, tag: str) -> dict:
    nodes = [
        {"id": f"n{i}", "component": "bench_noop@1.0.0", "params": {"tag": tag}} for i in range(n)
    ]
    edges = [
        {"source": f"n{i}", "source_port": "data", "target": f"n{i + 1}", "target_port": "data"}
        for i in range(n - 1)
    ]
    return {"nodes": nodes, "edges": edges}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submit", type=int, default=1000)
    parser.add_argument("--cancel", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("DESIGNER_VAR", tempfile.mkdtemp(prefix="pw-big-"))
    os.environ["DESIGNER_EMBEDDED_WORKERS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", "--noinput", verbosity=0)
    call_command("bootstrap", verbosity=0)
    from designer.accounts.acting import SYSTEM
    from designer.pipelines.models import Pipeline
    from designer.registry.services import register_folder
    from designer.runs import orchestrator

    register_folder(SYSTEM, ROOT / "bench" / "components" / "noop")
    results = {}
    for label, size in (("submit", args.submit), ("cancel", args.cancel)):
        pipeline = Pipeline.objects.create(name=f"{label} {size}", graph=chain(size, label))
        with CaptureQueriesContext(connection) as submitted:
            started = time.perf_counter()
            run = orchestrator.submit_run(SYSTEM, pipeline.pk)
            submit_s = time.perf_counter() - started
        with CaptureQueriesContext(connection) as canceled:
            started = time.perf_counter()
            orchestrator.cancel_run(SYSTEM, run.pk)
            cancel_s = time.perf_counter() - started
        results[f"{size}_nodes"] = {
            "submit_s": submit_s,
            "submit_queries": len(submitted.captured_queries),
            "cancel_s": cancel_s,
            "cancel_queries": len(canceled.captured_queries),
        }
    results["load_average"] = os.getloadavg()
    print(json.dumps(results, indent=2))
    (ROOT / "bench" / "results" / "big-submit.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

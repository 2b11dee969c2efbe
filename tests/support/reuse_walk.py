"""Runs served from reuse, made quickly: a run's queued nodes finished at once with a stored
output each (a small file ingested as a step's output would be), so a second run of the same
pipeline has an earlier result for every node. Shared by the reuse tests and
bench/profile_reuse.py.

Run as a script against the database in DATABASE_URL, it checks a fully reused re-run there
and prints what it found as JSON (the suite's own database is SQLite):

    DATABASE_URL=postgres://... python -m tests.support.reuse_walk 40
"""

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOOP = ROOT / "bench" / "components" / "noop"
COMPONENT = "bench_noop@1.0.0"


def chain_graph(size: int, tag: str) -> dict:
    nodes = [{"id": f"n{i}", "component": COMPONENT, "params": {"tag": tag}} for i in range(size)]
    edges = [
        {"source": f"n{i}", "source_port": "data", "target": f"n{i + 1}", "target_port": "data"}
        for i in range(size - 1)
    ]
    return {"nodes": nodes, "edges": edges}


def fan_out_graph(width: int, tag: str) -> dict:
    nodes = [{"id": "src", "component": COMPONENT, "params": {"tag": tag}}]
    nodes += [
        {"id": f"c{i}", "component": COMPONENT, "params": {"tag": f"{tag}{i}"}}
        for i in range(width)
    ]
    edges = [
        {"source": "src", "source_port": "data", "target": f"c{i}", "target_port": "data"}
        for i in range(width)
    ]
    return {"nodes": nodes, "edges": edges}


def complete_by_hand(run, folder: Path) -> None:
    """Finish every node of `run` as it gets queued, each with its own stored output (its
    content names the run and node, so no two runs share an output)."""
    from designer.artifacts.services import ingest
    from designer.execution import lifecycle
    from designer.runs.models import NodeRun

    queued = list(NodeRun.objects.filter(run=run, status="queued").values_list("pk", flat=True))
    while queued:
        node_run = lifecycle.claim_node_run(queued.pop(), "by-hand")
        output = folder / f"out-{node_run.pk}.json"
        output.write_text(json.dumps({"run": run.pk, "node": node_run.node_id}))
        stored = ingest(output, "json")
        advanced = lifecycle.finish_node_run(node_run.pk, "completed", outputs={"data": stored.pk})
        queued += [node_run_id for node_run_id, _ in advanced]
    run.refresh_from_db()


def main(size: int) -> None:
    """A chain of `size` nodes run by hand, then run again: every node must be reused from
    its own node of the first run, with its outputs, and an event each."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    os.environ["DESIGNER_EMBEDDED_WORKERS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    from designer.accounts.acting import SYSTEM
    from designer.pipelines.services import create_pipeline
    from designer.registry.services import register_folder, sync_builtin_components
    from designer.runs import orchestrator
    from designer.runs.models import NodeRun, RunEvent

    call_command("migrate", verbosity=0)
    sync_builtin_components()
    register_folder(SYSTEM, NOOP)
    pipeline = create_pipeline(SYSTEM, name="walk", graph=chain_graph(size, "walk"))
    first = orchestrator.submit_run(SYSTEM, pipeline.pk)
    with tempfile.TemporaryDirectory() as folder:
        complete_by_hand(first, Path(folder))
    again = orchestrator.submit_run(SYSTEM, pipeline.pk)
    before = {n.node_id: n for n in NodeRun.objects.filter(run=first)}
    rows = list(NodeRun.objects.filter(run=again))
    print(
        json.dumps(
            {
                "first": first.status,
                "again": again.status,
                "reused": sum(n.status == "reused" for n in rows),
                "from_own_node": sum(n.reused_from_id == before[n.node_id].pk for n in rows),
                "same_outputs": sum(n.outputs == before[n.node_id].outputs for n in rows),
                "keys_kept": sum(n.cache_key == before[n.node_id].cache_key for n in rows),
                "node_events": RunEvent.objects.filter(run=again, type="node").count(),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))

"""Where the time of one step goes: a chain of no-op steps run in this process, the way a
worker runs it (claim, execute in an executor child, finish and advance, take the successor),
with the engine's stages timed and, with --cprofile, a profile of the whole loop.

    .venv/bin/python bench/profile_chain.py [--steps 50] [--frames] [--cprofile] [--queries]
        [--query-times]

--frames passes a one-row dataframe from step to step (Parquet between steps) instead of
nothing.

Uses a fresh SQLite database in a temporary folder (or DATABASE_URL when set). Prints the
per-step breakdown as JSON, with the CPU a step costs (the whole machine's and the worker's),
and writes bench/results/profile-chain.json.

Every spare child the fork server forks runs this file's top level again (multiprocessing
prepares a child by running its parent's main script, as `__mp_main__`), as it runs
`manage.py`'s in a worker: so the top level imports nothing the fork server lacks, and
everything else is imported in `main`. (Importing argparse, cProfile and Django's setup
here cost each spare about 5 ms of CPU that a worker's spares do not pay.)
"""

import os
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STAGES: dict[str, list[float]] = defaultdict(list)
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def machine_busy_ms() -> float:
    """CPU time the whole machine has spent busy so far, every core summed (/proc/stat):
    what a step costs in CPU, its children and the kernel's work for them included, which a
    busy machine changes less than it changes the wall time."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) * TICK_MS


def process_cpu_ms(pid: int) -> tuple[float, float]:
    """(its own CPU, its reaped children's) of process `pid`, user and system, from
    /proc/PID/stat: for the default zygote, the forks themselves, and what the steps, their
    inits (and spares) cost up to their exits (each is reaped by its parent)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return (utime + stime) * TICK_MS, (cutime + cstime) * TICK_MS


def timed(module, name: str, label: str) -> None:
    """Wrap module.name so each call's duration lands in STAGES[label]."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            STAGES[label].append((time.perf_counter() - started) * 1000)

    setattr(module, name, wrapper)


def query_shape(sql: str) -> str:
    """A statement without its column list: what it is and where from, to add up by."""
    head = sql.split(" ", 1)[0]
    if head == "SELECT" and " FROM " in sql:
        return "SELECT ... " + sql[sql.find(" FROM ") + 1 :][:240]
    return sql[:160]


def query_timer(into: dict[str, list[float]]):
    """An execute wrapper (`connection.execute_wrapper`) adding each statement's count and
    seconds under its shape: the client's round trip, the database's work and the driver's."""

    def timed_query(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            entry = into.setdefault(query_shape(sql), [0, 0.0])
            entry[0] += 1
            entry[1] += time.perf_counter() - started

    return timed_query


def main() -> None:
    import argparse
    import cProfile
    import json
    import pstats

    sys.path.insert(0, str(ROOT))
    from bench.in_process import fresh_django

    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one step")
    parser.add_argument("--frames", action="store_true", help="a one-row dataframe between steps")
    parser.add_argument(
        "--query-times",
        action="store_true",
        help="count and time the statements of the measured chain, by shape, per step",
    )
    args = parser.parse_args()
    fresh_django("pw-profile-")

    from designer.accounts.acting import SYSTEM
    from designer.execution import launcher, lifecycle, step
    from designer.pipelines.services import create_pipeline
    from designer.registry.services import register_folder
    from designer.runs import orchestrator
    from designer.runs.models import NodeRun

    register_folder(SYSTEM, ROOT / "bench" / "components" / "noop")
    register_folder(SYSTEM, ROOT / "bench" / "components" / "frame_noop")
    component = "bench_frame_noop@1.0.0" if args.frames else "bench_noop@1.0.0"
    launcher.warm_up()
    time.sleep(3)

    def chain(n: int, tag: str) -> dict:
        nodes = [{"id": f"n{i}", "component": component, "params": {"tag": tag}} for i in range(n)]
        edges = [
            {"source": f"n{i}", "source_port": "data", "target": f"n{i + 1}", "target_port": "data"}
            for i in range(n - 1)
        ]
        return {"nodes": nodes, "edges": edges}

    claim = getattr(lifecycle, "claimer", None)
    state = {"claimed": None}

    def advance(node_run_id: int) -> list:
        """One step the way the worker's actor runs it (this checkout's or an older one's)."""
        node_run = state["claimed"] or lifecycle.claim_node_run(node_run_id, "profile")
        assert node_run is not None
        if claim is None:
            return step.execute(node_run)
        queued = step.execute(node_run, claim("profile", lambda target: True))
        state["claimed"] = getattr(queued, "claimed", None)
        return [(state["claimed"].pk, "default")] if state["claimed"] else list(queued)

    def run_chain(tag: str) -> float:
        pipeline = create_pipeline(SYSTEM, name=f"chain {tag}", graph=chain(args.steps, tag))
        started = time.perf_counter()
        run = orchestrator.submit_run(SYSTEM, pipeline.pk)
        next_id = NodeRun.objects.get(run=run, node_id="n0").pk
        count = 0
        while next_id is not None:
            count += 1
            if args.queries and count == 10 and tag != "warm":
                from django.db import connection

                def show(execute, sql, params, many, context):
                    print("SQL", sql[:300])
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(show):
                    queued = advance(next_id)
                next_id = queued[0][0] if queued else None
                continue
            queued = advance(next_id)
            next_id = queued[0][0] if queued else None
        run.refresh_from_db()
        assert run.status == "completed", run.status
        return (time.perf_counter() - started) * 1000

    run_chain("warm")  # first run: imports, caches
    STAGES.clear()
    timed(lifecycle, "claim_node_run", "claim")
    timed(step, "build_task", "build task.json")
    timed(step, "_launch_for", "choose launcher")
    timed(step, "_follow", "child: fork, run, exit, read events")
    timed(step, "_take_events", "record log events")
    timed(step, "ingest", "store outputs (hash, copy, artifact row)")
    timed(step.isolation, "release", "release the step's cgroups and leftovers")
    timed(lifecycle, "finish_node_run", "finish + advance (incl. sinks check)")
    timed(orchestrator, "advance_run", "advance")
    profiler = cProfile.Profile() if args.cprofile else None
    if profiler:
        profiler.enable()
    from multiprocessing import forkserver

    from designer.execution import launcher

    # The default environment's zygotes: the steps' zygotes with steps walled in (one of each
    # kind started so far), else the fork server.
    walled = [zygote.process.pid for zygote in launcher._walled_zygotes.values()]
    server_pids = walled or [forkserver._forkserver._forkserver_pid]
    server = [process_cpu_ms(pid) for pid in server_pids]
    busy, worker = machine_busy_ms(), time.process_time()
    queries: dict[str, list[float]] = {}
    with ExitStack() as stack:
        if args.query_times:
            from django.db import connection

            stack.enter_context(connection.execute_wrapper(query_timer(queries)))
        total = run_chain(str(time.time()))
    busy, worker = machine_busy_ms() - busy, (time.process_time() - worker) * 1000
    spent = [
        (after[0] - before[0], after[1] - before[1])
        for after, before in zip(map(process_cpu_ms, server_pids), server, strict=True)
    ]
    own, reaped = sum(s[0] for s in spent), sum(s[1] for s in spent)
    if profiler:
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(45)
    per_step = total / args.steps
    breakdown = {label: sum(v) / args.steps for label, v in STAGES.items()}
    result = {
        "steps": args.steps,
        "component": component,
        "total_ms": total,
        "per_step_ms": per_step,
        # CPU per step: of every process on the machine, and of this one (the worker) alone.
        "machine_cpu_ms_per_step": busy / args.steps,
        "worker_cpu_ms_per_step": worker / args.steps,
        # The zygote's own (forking the spares), and its children's (the spares, the steps
        # and inits), counted as they are reaped: a spare taken late in the chain may not
        # have been yet.
        "zygote_cpu_ms_per_step": own / args.steps,
        "spares_and_steps_cpu_ms_per_step": reaped / args.steps,
        "stages_ms": breakdown,
    }
    if args.query_times:
        ranked = sorted(queries.items(), key=lambda item: -item[1][1])
        result["queries_per_step"] = sum(count for count, _ in queries.values()) / args.steps
        result["query_ms_per_step"] = sum(took for _, took in queries.values()) * 1000 / args.steps
        result["queries"] = [
            {
                "per_step": count / args.steps,
                "ms_per_step": round(took * 1000 / args.steps, 3),
                "statement": shape,
            }
            for shape, (count, took) in ranked
        ]
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results" / "profile-chain.json"
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

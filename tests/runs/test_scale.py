"""At scale, for real: 20 pipelines of 50 steps each, submitted at once to a distributed
deployment (PostgreSQL, a Redis broker and channel layer, three worker processes serving two
compute targets). Every run completes and every step runs exactly once, counted by the steps
themselves: each adds one to its own counter in a Redis server of the test's.
bench/scale.py times the same workload (BENCHMARKS.md)."""

import time

import pytest

from tests.support.live import wait_for_run
from tests.support.scale import SECOND, deployment, expected_keys, layout, on_second

PIPELINES = 20
STEPS = 50
# Two workers serve the default target and one the second; every fifth step runs on the second.
SECOND_EVERY = 5
WORKERS = layout(3, SECOND_EVERY)


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    with deployment(tmp_path_factory.mktemp("scale"), WORKERS) as deployed:
        yield deployed


@pytest.mark.timeout(1800)
def test_twenty_pipelines_of_fifty_steps_at_once_run_every_step_exactly_once(scale):
    pipelines = scale.create_chains(PIPELINES, STEPS, SECOND_EVERY)
    started = time.monotonic()
    run_ids = scale.submit_at_once(pipelines)
    with scale.server.client() as client:
        finals = [wait_for_run(client, run_id, timeout=1500) for run_id in run_ids]
    elapsed = time.monotonic() - started

    assert all(worker.poll() is None for worker in scale.workers), "every worker keeps serving"
    failed = [
        (
            f["id"],
            f["status"],
            [(n["node"], n["error"], n["traceback"]) for n in f["nodes"] if n["error"]],
        )
        for f in finals
        if f["status"] != "completed"
    ]
    assert not failed, (failed, scale.worker_lines())
    counts = scale.executions()
    assert set(counts) == expected_keys(PIPELINES, STEPS), "every step ran"
    assert {key for key, count in counts.items() if count != 1} == set(), "and only once"
    retried = 0
    for final in finals:
        assert not [n["node"] for n in final["nodes"] if n["reused"]]
        # A claim whose lease lapsed on a starved machine is claimed again (an attempt more)
        # without the step running twice: the tally above is what counts executions.
        retried += sum(n["attempts"] > 1 for n in final["nodes"])
        on_second_target = {n["node"] for n in final["nodes"] if n["compute"] == SECOND}
        assert on_second_target == {f"s{s}" for s in range(STEPS) if on_second(s, SECOND_EVERY)}
    print(
        f"\n{PIPELINES * STEPS} steps in {elapsed:.1f} s: {PIPELINES * STEPS / elapsed:.1f}/s"
        f" ({retried} claimed more than once)"
    )

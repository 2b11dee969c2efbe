"""A run served from reuse is walked in memory: after the first round finds an earlier
result, the rest of the run and the earlier results of the pipeline's latest runs are read
at once, so a fully reused re-run costs as many queries for 500 nodes as for 50, and still
takes every node's own earlier result, with its outputs, metrics and an event each."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from designer.accounts.acting import SYSTEM
from designer.artifacts.models import Artifact
from designer.artifacts.stores import get_store
from designer.registry.services import register_folder
from designer.runs import orchestrator, reuse, states
from designer.runs.choices import NodeStatus
from designer.runs.models import Metric, RunEvent
from tests.pipelines.factories import pipeline
from tests.support.distributed import run_on_postgres
from tests.support.reuse_walk import NOOP, chain_graph, complete_by_hand, fan_out_graph

pytestmark = pytest.mark.django_db


@pytest.fixture
def noop(builtins):
    register_folder(SYSTEM, NOOP)


def ran_once(graph: dict, folder: Path, name: str = "p"):
    """A pipeline holding `graph` with one run finished by hand; (pipeline, that run)."""
    saved = pipeline(graph, name=name)
    first = orchestrator.submit_run(SYSTEM, saved.pk)
    complete_by_hand(first, folder)
    assert first.status == "completed"
    return saved, first


def rerun_queries(graph: dict, folder: Path, elsewhere: bool = False) -> int:
    """Queries of a re-run of `graph` after a first run finished by hand: of the same
    pipeline, or (`elsewhere`) of another pipeline holding the same graph."""
    saved, _ = ran_once(graph, folder, name=f"walk {len(graph['nodes'])}")
    if elsewhere:
        saved = pipeline(graph, name=f"copy of walk {len(graph['nodes'])}")
    with CaptureQueriesContext(connection) as captured:
        again = orchestrator.submit_run(SYSTEM, saved.pk)
    assert set(again.node_runs.values_list("status", flat=True)) == {NodeStatus.REUSED}
    assert again.status == "completed"
    return len(captured.captured_queries)


@pytest.mark.parametrize("elsewhere", [False, True], ids=["same pipeline", "a copy"])
@pytest.mark.parametrize("shape", [chain_graph, fan_out_graph])
def test_a_fully_reused_rerun_costs_the_same_queries_for_50_and_500_nodes(
    noop, tmp_path, shape, elsewhere
):
    small = rerun_queries(shape(50, "small"), tmp_path, elsewhere)
    big = rerun_queries(shape(500, "big"), tmp_path, elsewhere)
    assert big == small, (small, big)


def test_each_node_takes_its_own_earlier_result(noop, tmp_path):
    saved, first = ran_once(chain_graph(30, "own"), tmp_path)
    before = {n.node_id: n for n in first.node_runs.all()}
    Metric.objects.create(node_run=before["n7"], name="score", value=0.5)
    again = orchestrator.submit_run(SYSTEM, saved.pk)
    for node_run in again.node_runs.all():
        origin = before[node_run.node_id]
        assert node_run.status == NodeStatus.REUSED
        assert node_run.reused_from_id == origin.pk
        assert node_run.outputs == origin.outputs
        assert node_run.cache_key == origin.cache_key
        assert node_run.inputs == origin.inputs
        assert node_run.reuse_info["from"] == {"run": first.pk, "node": node_run.node_id}
    events = {e.node_id: e.payload for e in RunEvent.objects.filter(run=again, type="node")}
    assert len(events) == 30
    assert events["n7"]["metrics"] == {"score": 0.5}


def test_a_later_run_reuses_through_a_reused_run_to_the_origin(noop, tmp_path):
    saved, first = ran_once(chain_graph(20, "through"), tmp_path)
    second = orchestrator.submit_run(SYSTEM, saved.pk)
    third = orchestrator.submit_run(SYSTEM, saved.pk)
    origins = {n.node_id: n.pk for n in first.node_runs.all()}
    assert second.status == third.status == "completed"
    # The reused rows of the second run are never origins: the first run's are.
    assert {n.node_id: n.reused_from_id for n in third.node_runs.all()} == origins


def test_earlier_results_of_a_deleted_run_are_not_read_ahead(noop, tmp_path):
    saved, first = ran_once(chain_graph(5, "deleted"), tmp_path)
    second = orchestrator.submit_run(SYSTEM, saved.pk)
    names = [f"n{i}" for i in range(5)]
    known = reuse.Known()
    reuse.read_ahead(third_run(saved), names, known)
    assert sum(len(found) for found in known.candidates.values()) == 5
    first.deleted_at = timezone.now()
    first.save(update_fields=["deleted_at"])
    known = reuse.Known()
    reuse.read_ahead(third_run(saved), names, known)
    # The second run only reused the first one's results, which went with it.
    assert known.candidates == {}
    assert second.status == "completed"


def third_run(saved):
    """Another run of `saved` (forced to execute: it reuses nothing itself)."""
    return orchestrator.submit_run(SYSTEM, saved.pk, force_rerun=True)


def test_a_result_read_ahead_with_outputs_gone_gives_way_to_one_found_in_the_workspace(
    noop, tmp_path
):
    graph = chain_graph(3, "gone")
    saved, first = ran_once(graph, tmp_path, name="first")
    # Another pipeline of the workspace holding the same first node, run apart: same key for
    # n0 (it has no inputs), its own output.
    other, elsewhere = ran_once(graph, tmp_path, name="second")
    forced = orchestrator.submit_run(SYSTEM, other.pk, force_rerun=True)
    complete_by_hand(forced, tmp_path)
    mine = first.node_runs.get(node_id="n0")
    theirs = forced.node_runs.get(node_id="n0")
    assert mine.cache_key == theirs.cache_key and mine.outputs != theirs.outputs
    stored = mine.outputs["data"]
    get_store().delete(Artifact.objects.get(pk=stored).uri)
    known = reuse.Known()
    reuse.read_ahead(third_run(saved), ["n0"], known)
    assert [c.pk for c in known.candidates[mine.cache_key]] == [mine.pk]
    asking = third_run(saved).node_runs.get(node_id="n0")
    asking.cache_key = mine.cache_key
    found = reuse.find_reusable_many([asking], saved.pk, known)
    assert found[asking.pk].pk == theirs.pk
    assert elsewhere.status == "completed"


def test_staged_node_runs_are_written_all_together(noop, tmp_path):
    saved, first = ran_once(chain_graph(3, "staged"), tmp_path)
    run = orchestrator.submit_run(SYSTEM, saved.pk, force_rerun=True)
    rows = list(run.node_runs.exclude(status=NodeStatus.QUEUED).order_by("node_id"))
    origin = first.node_runs.get(node_id="n0")
    for i, node_run in enumerate(rows):
        states.stage_node(
            node_run,
            NodeStatus.SKIPPED,
            error=f"reason {i}",
            reuse_info={"reused": False, "reason": "changed", "changes": [], "message": f"m{i}"},
            reused_from=origin,
        )
    states.save_staged(rows)
    for i, node_run in enumerate(
        run.node_runs.exclude(status=NodeStatus.QUEUED).order_by("node_id")
    ):
        assert node_run.status == NodeStatus.SKIPPED
        assert node_run.error == f"reason {i}"
        assert node_run.reuse_info["message"] == f"m{i}"
        assert node_run.reused_from_id == origin.pk
        assert node_run.finished_at is not None


def test_a_fully_reused_rerun_on_postgresql():
    found = run_on_postgres("tests.support.reuse_walk", 40, unset=["DESIGNER_BROKER_URL"])
    assert found == {
        "first": "completed",
        "again": "completed",
        "reused": 40,
        "from_own_node": 40,
        "same_outputs": 40,
        "keys_kept": 40,
        "node_events": 40,
    }

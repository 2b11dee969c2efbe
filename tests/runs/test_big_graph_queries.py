"""Big graphs cost a constant number of queries: submitting, advancing, cancelling and
describing a run issue as many for 500 nodes as for 50 (no query per node)."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from designer.accounts.acting import SYSTEM
from designer.execution import lifecycle
from designer.registry.services import register_folder
from designer.runs import orchestrator, reuse
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun
from designer.runs.queries import describe_runs, list_runs, run_detail
from tests.pipelines.factories import edge, graph, node, pipeline
from tests.runs.factories import artifact

pytestmark = pytest.mark.django_db

NOOP = Path(__file__).resolve().parents[2] / "bench" / "components" / "noop"
COMPONENT = "bench_noop@1.0.0"


@pytest.fixture
def noop(builtins):
    register_folder(SYSTEM, NOOP)


def chain(size: int, tag: str) -> dict:
    return graph(
        [node(f"n{i}", COMPONENT, {"tag": tag}) for i in range(size)],
        [edge(f"n{i}", "data", f"n{i + 1}", "data") for i in range(size - 1)],
    )


def fan_out(width: int, tag: str) -> dict:
    return graph(
        [node("src", COMPONENT, {"tag": tag})]
        + [node(f"c{i}", COMPONENT, {"tag": f"{tag}{i}"}) for i in range(width)],
        [edge("src", "data", f"c{i}", "data") for i in range(width)],
    )


def wide(width: int, tag: str) -> dict:
    """`width` nodes with no edges: every one is ready at submit."""
    return graph([node(f"w{i}", COMPONENT, {"tag": f"{tag}{i}"}) for i in range(width)])


def count(action) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = action()
    return len(captured.captured_queries), result


def submit_count(shape, size: int) -> tuple[int, object]:
    saved = pipeline(shape(size, f"t{size}"), name=f"{shape.__name__} {size}")
    return count(lambda: orchestrator.submit_run(SYSTEM, saved.pk))


@pytest.mark.parametrize("shape", [chain, fan_out, wide])
def test_submit_costs_the_same_queries_for_50_and_500_nodes(noop, shape):
    small, run_small = submit_count(shape, 50)
    large, run_large = submit_count(shape, 500)
    assert run_large.node_runs.count() == len(shape(500, "x")["nodes"])
    assert large == small, f"submit: {small} queries for 50 nodes, {large} for 500"


def test_submit_looks_its_components_up_at_once_however_many_it_uses(builtins, tmp_path):
    """The validation and the run share one lookup of the graph's components each: a graph
    of six different components reads as many component rows to submit as one of two. (The
    reuse explanation of a pipeline's first run also looks for each component's latest run
    elsewhere, by its versions' ids: not counted here.)"""
    for i in range(6):
        folder = tmp_path / f"noop{i}"
        folder.mkdir()
        (folder / "noop.py").write_text((NOOP / "noop.py").read_text())
        spec = (NOOP / "component.yaml").read_text()
        (folder / "component.yaml").write_text(spec.replace("bench_noop", f"bench_noop{i}"))
        register_folder(SYSTEM, folder)

    def component_reads(distinct: int) -> int:
        nodes = [node(f"n{i}", f"bench_noop{i}@1.0.0") for i in range(distinct)]
        saved = pipeline(graph(nodes), name=f"{distinct} components")
        with CaptureQueriesContext(connection) as captured:
            run = orchestrator.submit_run(SYSTEM, saved.pk)
        assert run.node_runs.count() == distinct
        rows = 'SELECT "registry_component"."id", "registry_component"."workspace_id"'
        return sum(q["sql"].startswith(rows) for q in captured.captured_queries)

    two, six = component_reads(2), component_reads(6)
    assert six == two <= 3, f"submit: {two} component lookups for 2 components, {six} for 6"


def test_cancel_costs_the_same_queries_for_50_and_500_nodes(noop):
    counts = []
    for size in (50, 500):
        _, run = submit_count(wide, size)
        cost, _ = count(lambda r=run: orchestrator.cancel_run(SYSTEM, r.pk))
        assert set(run.node_runs.values_list("status", flat=True)) == {NodeStatus.CANCELED}
        counts.append(cost)
    assert counts[0] == counts[1], f"cancel: {counts[0]} queries for 50 nodes, {counts[1]} for 500"


def test_run_snapshot_costs_the_same_queries_for_50_and_500_nodes(noop):
    counts = []
    for size in (50, 500):
        _, run = submit_count(chain, size)
        cost, described = count(lambda r=run: run_detail(SYSTEM, r.pk))
        assert len(described["nodes"]) == size
        counts.append(cost)
    assert counts[0] == counts[1], f"snapshot: {counts[0]} queries for 50, {counts[1]} for 500"


def test_a_page_of_the_runs_list_reads_no_graph(noop):
    # A list polled while a 1,000-node run goes on decoded both its graphs at every poll.
    _, run = submit_count(chain, 500)
    orchestrator.submit_run(SYSTEM, run.pipeline_id)
    with CaptureQueriesContext(connection) as captured:
        rows = describe_runs(list(list_runs(SYSTEM, pipeline=str(run.pipeline_id))))
    assert [row["version"] for row in rows] == [run.version.number] * 2
    assert {row["pipeline_name"] for row in rows} == {run.pipeline.name}
    read = [q["sql"] for q in captured.captured_queries]
    unshown = re.compile(r'"pipelines_pipeline(version)?"\."(graph|parameters)"')
    assert not [sql for sql in read if unshown.search(sql)], read
    assert len(read) == 3  # the runs with what they show, and the two of their metrics


def test_advancing_a_fan_out_costs_the_same_queries_for_50_and_500_children(noop):
    counts = []
    for width in (50, 500):
        _, run = submit_count(fan_out, width)
        source = NodeRun.objects.get(run=run, node_id="src")
        assert lifecycle.claim_node_run(source.pk, "test") is not None
        output = artifact(digest=f"{width:064d}")
        cost, queued = count(
            lambda s=source, a=output: lifecycle.finish_node_run(
                s.pk, NodeStatus.COMPLETED, outputs={"data": a.pk}
            )
        )
        assert len(queued) == width
        statuses = set(run.node_runs.exclude(node_id="src").values_list("status", flat=True))
        assert statuses == {NodeStatus.QUEUED}
        counts.append(cost)
    assert counts[0] == counts[1], f"advance: {counts[0]} queries for 50, {counts[1]} for 500"


def loaded_node_runs(action) -> tuple[int, object]:
    """How many node run rows `action` turned into objects, and what it returned."""
    made = []

    def note(sender, instance, **kwargs):
        made.append(instance)

    post_init.connect(note, sender=NodeRun)
    try:
        result = action()
    finally:
        post_init.disconnect(note, sender=NodeRun)
    return len(made), result


def test_a_step_of_a_long_chain_reads_the_same_node_runs_for_50_and_500_nodes(noop):
    """Finishing a step and queuing its successor reads the rows it moves or takes inputs
    from, not every node run of the run."""
    loaded = []
    for size in (50, 500):
        _, run = submit_count(chain, size)
        first = NodeRun.objects.get(run=run, node_id="n0")
        assert lifecycle.claim_node_run(first.pk, "test") is not None
        output = artifact(digest=f"{size:064d}")
        cost, queued = loaded_node_runs(
            lambda f=first, a=output: lifecycle.finish_node_run(
                f.pk, NodeStatus.COMPLETED, outputs={"data": a.pk}
            )
        )
        second = NodeRun.objects.get(run=run, node_id="n1")
        assert [pk for pk, _ in queued] == [second.pk]
        assert second.status == NodeStatus.QUEUED and second.inputs == {"data": output.pk}
        loaded.append(cost)
    # The step itself, its successor, and the successor's nearest earlier run (the 500-node
    # chain finds the 50-node one's): a handful, whatever the size of the run.
    assert max(loaded) <= 5, f"a step read {loaded[0]} node runs of 50, {loaded[1]} of 500"


def test_a_graph_shape_is_kept_by_content_not_by_id():
    """Ids come back after a flush (tests) and a version without a digest says nothing of
    its content: only a digest names a shape to keep."""
    from designer.pipelines.models import PipelineVersion
    from designer.runs.models import Run

    def run_of(version_graph: dict, digest: str) -> Run:
        version = PipelineVersion(pk=7, number=1, graph=version_graph, digest=digest)
        return Run(version=version, partial=None)

    two = graph([node("a", COMPONENT), node("b", COMPONENT)], [edge("a", "data", "b", "data")])
    three = graph(
        [node("a", COMPONENT), node("b", COMPONENT), node("c", COMPONENT)],
        [edge("a", "data", "b", "data"), edge("b", "data", "c", "data")],
    )
    assert orchestrator._shape_of(run_of(two, "")).edges == [("a", "b")]
    assert orchestrator._shape_of(run_of(three, "")).edges == [("a", "b"), ("b", "c")]
    assert orchestrator._shape_of(run_of(two, "d" * 64)).edges == [("a", "b")]


def test_the_nearest_earlier_run_of_a_component_is_found_through_its_index(noop):
    """A node that misses is explained by the latest earlier run of its component: that is
    looked up by walking the (component, id) index from the newest row, not by reading and
    sorting every finished node run of the database."""
    saved = pipeline(chain(3, "index"), name="index")
    run = orchestrator.submit_run(SYSTEM, saved.pk)
    facts = reuse._facts_of(run)
    assert facts.first == run.node_runs.order_by("id").first().pk
    with CaptureQueriesContext(connection) as captured:
        reuse._latest_of_component(COMPONENT.split("@")[0], saved.pk, facts)
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if "runs_noderun" in query["sql"]:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                plans.append(" | ".join(str(row[-1]) for row in cursor.fetchall()))
    assert plans, "no node-run query was made"
    for plan in plans:
        assert "node_run_component_latest" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
        # From below the run's own rows: a long chain's step does not pass those it finished.
        assert "id<?" in plan.replace(" ", ""), plan


def test_a_runs_first_node_run_and_component_versions_are_read_at_its_first_miss_only(
    noop, monkeypatch
):
    """Explaining why a step of a new pipeline runs looks for the latest earlier run of its
    component below the run's own rows: the run's first node run and the component's
    versions cannot change while the run goes on, so its later steps do not read them again
    (two statements a step fewer)."""
    reads: list[str] = []

    class Counted:
        def __init__(self, name: str, prepared) -> None:
            self.name, self.prepared = name, prepared

        def __call__(self, *args):
            reads.append(self.name)
            return self.prepared(*args)

        def first(self, *args):
            reads.append(self.name)
            return self.prepared.first(*args)

    for name in ("_FIRST_OF_RUN", "_VERSIONS"):
        monkeypatch.setattr(reuse, name, Counted(name, getattr(reuse, name)))
    earlier = orchestrator.submit_run(SYSTEM, pipeline(chain(2, "first"), name="before").pk)
    for i, node_id in enumerate(("n0", "n1")):
        step = NodeRun.objects.get(run=earlier, node_id=node_id)
        assert lifecycle.claim_node_run(step.pk, "test") is not None
        lifecycle.finish_node_run(
            step.pk, NodeStatus.COMPLETED, outputs={"data": artifact(digest=f"9{i:063d}").pk}
        )
    reads.clear()
    run = orchestrator.submit_run(SYSTEM, pipeline(chain(5, "facts"), name="facts").pk)
    for i in range(4):
        step = NodeRun.objects.get(run=run, node_id=f"n{i}")
        assert lifecycle.claim_node_run(step.pk, "test") is not None
        lifecycle.finish_node_run(
            step.pk, NodeStatus.COMPLETED, outputs={"data": artifact(digest=f"8{i:063d}").pk}
        )
        successor = NodeRun.objects.get(run=run, node_id=f"n{i + 1}")
        # Still compared with the earlier pipeline's run of the same component.
        assert successor.reuse_info["compared_with"]["run"] == earlier.pk, successor.reuse_info
    assert reads == ["_FIRST_OF_RUN", "_VERSIONS"], reads


def test_a_pass_after_a_success_decides_for_that_nodes_children_only(noop, monkeypatch):
    """Every pass leaves no move undone, so the pass after a step succeeds asks the kernel
    about that step's children alone: the same work for a 500-node run as for a 5-node one.
    (The kernel's answers are recorded on the way through, not replaced.)"""
    from designer.kernel import progress

    asked: list = []
    decide = progress.next_actions

    def recorded(view, hits=None, parents=None, among=None):
        asked.append(None if among is None else list(among))
        return decide(view, hits, parents, among)

    _, run = submit_count(fan_out, 500)
    source = NodeRun.objects.get(run=run, node_id="src")
    assert lifecycle.claim_node_run(source.pk, "test") is not None
    monkeypatch.setattr(progress, "next_actions", recorded)
    lifecycle.finish_node_run(
        source.pk, NodeStatus.COMPLETED, outputs={"data": artifact(digest="f" * 64).pk}
    )
    assert asked[0] == [f"c{i}" for i in range(500)]
    assert NodeRun.objects.filter(run=run, status=NodeStatus.QUEUED).count() == 500
    asked.clear()
    child = NodeRun.objects.get(run=run, node_id="c7")
    assert lifecycle.claim_node_run(child.pk, "test") is not None
    lifecycle.finish_node_run(
        child.pk, NodeStatus.COMPLETED, outputs={"data": artifact(digest="e" * 64).pk}
    )
    # A leaf: nothing to decide for, and the run is not over.
    assert asked == [[]]
    run.refresh_from_db()
    assert run.status == "running"


def test_the_steps_of_a_run_work_out_its_parents_once(noop, monkeypatch):
    """Each node's parents depend on the version's graph alone: the first pass of a run works
    them out, the passes of its later steps (and of the version's later runs) reuse them."""
    worked_out = []
    parents_of = orchestrator.progress.parents_of

    def counted(view):
        worked_out.append(len(view.nodes))
        return parents_of(view)

    monkeypatch.setattr(orchestrator.progress, "parents_of", counted)
    saved = pipeline(chain(20, "parents"), name="parents")
    for attempt in range(2):
        run = orchestrator.submit_run(SYSTEM, saved.pk, force_rerun=True)
        for i in range(3):
            step = NodeRun.objects.get(run=run, node_id=f"n{i}")
            assert lifecycle.claim_node_run(step.pk, "test") is not None
            output = artifact(digest=f"{attempt}{i:063d}")
            queued = lifecycle.finish_node_run(
                step.pk, NodeStatus.COMPLETED, outputs={"data": output.pk}
            )
            assert [pk for pk, _ in queued] == [
                NodeRun.objects.get(run=run, node_id=f"n{i + 1}").pk
            ]
    assert worked_out == [20]

"""The orchestrator's decisions, driven by hand in-process (no worker): what becomes ready,
what is skipped, how a run ends, and that every change is one numbered event."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.errors import GraphInvalid, InvalidInput
from designer.execution import lifecycle
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, RunEvent
from designer.runs.states import IllegalTransition, move_node
from tests.pipelines.factories import edge, graph, node, pipeline, post_pipeline
from tests.runs.factories import artifact, finish, statuses, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(builtins):
    """load → split, and a learner on its own."""
    return pipeline(
        graph(
            [
                node("load", "sample_dataset@1.0.0"),
                node("split", "split_data@1.0.0"),
                node("learner", "linear_regression@1.0.0"),
            ],
            [edge("load", "data", "split", "data")],
        ),
        name="chain",
    )


def test_submit_queues_the_nodes_with_no_upstream(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    assert run.status == "running"
    assert statuses(run) == {"load": "queued", "split": "pending", "learner": "queued"}
    assert run.version.number == 1 and run.version.graph == chain.graph


def test_a_node_is_queued_once_its_inputs_exist(chain, db):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    data = artifact()
    finish(run, "load", NodeStatus.COMPLETED, outputs={"data": data.pk})
    split = NodeRun.objects.get(run=run, node_id="split")
    assert split.status == "queued" and split.inputs == {"data": data.pk}
    finish(run, "split", NodeStatus.COMPLETED, outputs={})
    finish(run, "learner", NodeStatus.COMPLETED, outputs={})
    run.refresh_from_db()
    assert run.status == "completed" and run.finished_at is not None


def test_failure_stops_the_run_by_default(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    finish(run, "load", NodeStatus.FAILED, error="broken")
    assert statuses(run) == {"load": "failed", "split": "skipped", "learner": "skipped"}
    run.refresh_from_db()
    assert run.status == "failed"
    learner = NodeRun.objects.get(run=run, node_id="learner")
    assert lifecycle.claim_node_run(learner.pk, "late") is None, "its message must be dropped"


def test_continue_on_failure_lets_other_branches_finish(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk, continue_on_failure=True)
    finish(run, "load", NodeStatus.FAILED, error="broken")
    assert statuses(run)["split"] == "skipped"
    run.refresh_from_db()
    assert run.status == "running", "the learner is still going"
    finish(run, "learner", NodeStatus.COMPLETED, outputs={})
    run.refresh_from_db()
    assert run.status == "failed"


def test_claim_is_idempotent(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    load = NodeRun.objects.get(run=run, node_id="load")
    assert lifecycle.claim_node_run(load.pk, "w1") is not None
    assert lifecycle.claim_node_run(load.pk, "w2") is None, (
        "a redelivered message must not run it again"
    )
    assert NodeRun.objects.get(pk=load.pk).attempts == 1


def test_cancel_ends_every_open_node(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    orchestrator.cancel_run(SYSTEM, run.pk)
    assert set(statuses(run).values()) == {"canceled"}
    run.refresh_from_db()
    assert run.status == "canceled"
    with pytest.raises(InvalidInput):
        orchestrator.cancel_run(SYSTEM, run.pk)
    load = NodeRun.objects.get(run=run, node_id="load")
    assert lifecycle.claim_node_run(load.pk, "late worker") is None


def test_events_are_numbered_without_gaps(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    finish(run, "load", NodeStatus.FAILED, error="x")
    seqs = list(RunEvent.objects.filter(run=run).values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    run.refresh_from_db()
    assert run.last_seq == seqs[-1]
    kinds = [e.payload["type"] for e in RunEvent.objects.filter(run=run)]
    assert kinds[0] == "run" and "node" in kinds


def test_illegal_transitions_are_refused(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    load = NodeRun.objects.get(run=run, node_id="load")
    with pytest.raises(IllegalTransition):
        move_node(load, NodeStatus.COMPLETED)  # queued nodes must run first


def test_invalid_pipeline_is_not_submitted(builtins):
    bad = pipeline(graph([node("split", "split_data@1.0.0")]), name="bad")
    with pytest.raises(GraphInvalid) as caught:
        orchestrator.submit_run(SYSTEM, bad.pk)
    assert caught.value.extra["errors"][0]["code"] == "missing_input"
    assert not bad.runs.exists()


def test_run_parameters_override_defaults_and_bind_to_nodes(builtins):
    seeded = pipeline(
        graph(
            [
                node("load", "sample_dataset@1.0.0"),
                node("split", "split_data@1.0.0", {"seed": {"$param": "seed"}}),
            ],
            [edge("load", "data", "split", "data")],
        ),
        name="params",
        parameters={"seed": {"type": "integer", "default": 1}},
    )
    run = orchestrator.submit_run(SYSTEM, seeded.pk, parameters={"seed": 7})
    assert run.parameters == {"seed": 7}
    assert NodeRun.objects.get(run=run, node_id="split").params["seed"] == 7
    with pytest.raises(GraphInvalid):
        orchestrator.submit_run(SYSTEM, seeded.pk, parameters={"seed": "seven"})
    with pytest.raises(GraphInvalid):
        orchestrator.submit_run(SYSTEM, seeded.pk, parameters={"other": 1})


def test_unknown_compute_target_is_refused(builtins):
    with pytest.raises(GraphInvalid) as caught:
        submitted(graph([node("load", "sample_dataset@1.0.0", compute="gpu")]), name="gpu")
    assert caught.value.extra["errors"][0]["code"] == "unknown_compute"


def test_a_disabled_node_is_bypassed(builtins):
    drawn = graph(
        [
            node("load", "sample_dataset@1.0.0"),
            node("split", "split_data@1.0.0", disabled=True),
            node("clean", "select_columns@1.0.0", {"columns": ["target"]}),
        ],
        [edge("load", "data", "split", "data"), edge("split", "first", "clean", "data")],
    )
    run = submitted(drawn, name="bypass")
    assert statuses(run) == {"load": "queued", "clean": "pending"}
    assert run.version.graph == drawn, "the frozen version keeps what the user drew"


def test_a_bypass_that_starves_an_input_is_invalid(api, builtins):
    starved = graph(
        [
            node("learner", "linear_regression@1.0.0", disabled=True),
            node("load", "sample_dataset@1.0.0"),
            node("train", "train_model@1.0.0", {"label_column": "target"}),
        ],
        [edge("learner", "model", "train", "learner"), edge("load", "data", "train", "data")],
    )
    created = post_pipeline(api, starved, name="starved")
    result = api.post(f"/api/pipelines/{created['id']}/validate/").json()
    assert not result["valid"]
    assert (
        result["errors"][0]["code"] == "missing_input" and result["errors"][0]["port"] == "learner"
    )
    assert "disabled" in result["errors"][0]["message"]

"""The API's types are exact and there is one source of them: the schema names every status,
the graph, the node run, the reuse info and every live event, what `describe.py` builds for
real runs is exactly what the serializers describe, and a malformed event is refused."""

import json
import logging

import pandas as pd
import pytest
import yaml
from django.core.management import call_command

from designer.accounts.acting import SYSTEM
from designer.artifacts.services import ingest
from designer.execution import lifecycle
from designer.execution import step as execution
from designer.pipelines.models import Pipeline
from designer.runs import events, orchestrator, reuse
from designer.runs.choices import NodeStatus, RunStatus
from designer.runs.describe import describe_run, describe_run_summary, node_state
from designer.runs.event_types import (
    EVENTS,
    InvalidEvent,
    RunListMessageSerializer,
    check,
    check_event,
)
from designer.runs.models import NodeRun, Run, RunEvent
from designer.runs.serializers import REUSE_REASONS, RunSerializer, RunSummarySerializer
from designer.runtime.io import write_dataframe

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def strict(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_STRICT_EVENTS = True


@pytest.fixture
def schema(tmp_path):
    path = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(path))
    return yaml.safe_load(path.read_text())["components"]["schemas"]


# --- the schema -------------------------------------------------------------------------------


def ref(prop):
    """The component a property refers to, directly or through a one-item allOf."""
    return prop.get("$ref") or prop["allOf"][0]["$ref"]


def test_statuses_are_named_enums(schema):
    assert schema["RunStatus"]["enum"] == RunStatus.values
    assert schema["NodeStatus"]["enum"] == NodeStatus.values
    for component in ("Run", "RunSummary", "RunEvent"):
        ref = schema[component]["properties"]["status"]["$ref"]
        assert ref == "#/components/schemas/RunStatus", component
    for component in ("NodeRun", "NodeEvent"):
        ref = schema[component]["properties"]["status"]["$ref"]
        assert ref == "#/components/schemas/NodeStatus", component


def test_graph_node_run_and_reuse_have_their_shapes(schema):
    assert schema["Run"]["properties"]["graph"]["$ref"] == "#/components/schemas/Graph"
    assert ref(schema["Pipeline"]["properties"]["graph"]) == "#/components/schemas/Graph"
    assert ref(schema["PipelineWrite"]["properties"]["graph"]) == "#/components/schemas/Graph"
    node = schema["GraphNode"]
    assert {"id", "component", "params", "compute", "reuse", "comment", "position"} <= set(
        node["properties"]
    )
    assert node["required"] == ["component", "id"]
    # anyOf: a binding {"$param": …} is also a JSON value, so exactly-one-of would refuse it.
    bound = node["properties"]["params"]["additionalProperties"]["anyOf"]
    assert bound == [
        {"$ref": "#/components/schemas/ParamBinding"},
        {"$ref": "#/components/schemas/JsonValue"},
    ]
    assert {"graph", "parameters", "revision"} <= set(schema["Pipeline"]["required"])
    assert set(schema["GraphEdge"]["required"]) == {
        "source",
        "source_port",
        "target",
        "target_port",
    }
    node_run = schema["NodeRun"]["properties"]
    assert node_run["reuse"]["allOf"] == [{"$ref": "#/components/schemas/ReuseInfo"}]
    assert node_run["progress"]["allOf"] == [{"$ref": "#/components/schemas/Progress"}]
    info = schema["ReuseInfo"]
    assert {"reused", "reason", "from", "compared_with", "changes", "message"} == set(
        info["properties"]
    )
    assert schema["ReuseReason"]["enum"] == list(REUSE_REASONS)
    assert schema["ReuseChange"]["required"] == ["before", "name", "now", "part"]


def test_every_stream_message_is_a_component(schema):
    union = schema["RunStreamMessage"]
    assert union["discriminator"]["propertyName"] == "type"
    assert set(union["discriminator"]["mapping"]) == {"snapshot", *EVENTS}
    for name in ("SnapshotEvent", "NodeEvent", "LogEvent", "MetricEvent", "ProgressEvent"):
        assert "seq" in schema[name]["required"], name
    assert set(schema["NodeEvent"]["properties"]) >= {"reuse", "node", "status", "outputs"}
    assert schema["RunListMessage"]["properties"]["run"]["$ref"].endswith("/RunSummary")


def test_every_reason_code_reuse_gives_is_in_the_enum():
    assert set(reuse._MESSAGES) | {"reused", "changed"} == set(REUSE_REASONS)


# --- refusing malformed events ----------------------------------------------------------------


def node(node_id, component, params=None, **fields):
    return {"id": node_id, "component": component, "params": params or {}, **fields}


def edge(source, source_port, target, target_port):
    return {
        "source": source,
        "source_port": source_port,
        "target": target,
        "target_port": target_port,
    }


@pytest.fixture
def chain(builtins):
    return Pipeline.objects.create(
        name="chain",
        graph={
            "nodes": [
                node("load", "sample_dataset@1.0.0", compute=None, reuse=True, comment="",
                     position={"x": 0, "y": 0}),
                node("split", "split_data@1.0.0", {"fraction": 0.5}),
                node("learner", "linear_regression@1.0.0", disabled=False),
            ],
            "edges": [edge("load", "data", "split", "data")],
        },
    )  # fmt: skip


def test_an_event_with_an_unknown_field_is_refused_and_not_recorded(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    before = RunEvent.objects.filter(run=run).count()
    with pytest.raises(InvalidEvent, match="unknown field 'colour'"):
        events.record(run.pk, "progress", {"node": "load", "current": 1, "total": 2, "colour": 1})
    assert RunEvent.objects.filter(run=run).count() == before
    assert Run.objects.get(pk=run.pk).last_seq == before


@pytest.mark.parametrize(
    ("type_", "payload", "complaint"),
    [
        ("metric", {"node": "load", "name": "r2", "value": "high", "step": None}, "a number"),
        ("metric", {"node": "load", "name": "r2", "value": True, "step": None}, "a number"),
        ("log", {"node": "load", "stream": "stdmid", "line": "x"}, "not one of"),
        ("log", {"node": "load", "stream": "stdout"}, "missing field 'line'"),
        ("run", {"status": "sleeping", "started_at": None, "finished_at": None}, "not one of"),
        ("run", {"status": "running", "started_at": "yesterday", "finished_at": None}, "ISO"),
        ("teleport", {}, "unknown event type"),
    ],
)
def test_an_event_of_the_wrong_type_is_refused(chain, type_, payload, complaint):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    with pytest.raises(InvalidEvent, match=complaint):
        events.record(run.pk, type_, payload)


def test_a_wrong_reuse_info_inside_a_node_event_is_refused(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    node_run = NodeRun.objects.get(run=run, node_id="load")
    node_run.reuse_info = {**node_run.reuse_info, "reason": "felt_like_it"}
    with pytest.raises(InvalidEvent, match="node event.reuse.reason"):
        events.record(run.pk, "node", node_state(node_run), "load")


def test_a_misfit_deep_inside_an_event_is_named_by_its_path(chain):
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    state = node_state(NodeRun.objects.get(run=run, node_id="load"))
    with pytest.raises(InvalidEvent, match=r"^node event\.outputs\.data: expected an integer"):
        events.record(run.pk, "node", {**state, "outputs": {"data": "seven"}}, "load")
    with pytest.raises(InvalidEvent, match=r"^node event\.attempts: must not be null$"):
        events.record(run.pk, "node", {**state, "attempts": None}, "load")
    changes = [{"part": "param", "name": "x", "before": 1, "now": 2}, {"part": "mood"}]
    reuse = {"reused": False, "reason": "changed", "changes": changes, "message": ""}
    with pytest.raises(InvalidEvent, match=r"^node event\.reuse\.changes\[1\]\.part: 'mood'"):
        events.record(run.pk, "node", {**state, "reuse": reuse}, "load")


def test_outside_strict_mode_a_malformed_event_is_kept_and_reported(chain, settings, caplog):
    settings.DESIGNER_STRICT_EVENTS = False
    run = orchestrator.submit_run(SYSTEM, chain.pk)
    with caplog.at_level(logging.ERROR, logger="designer.runs.event_types"):
        event = events.record(run.pk, "log", {"node": "load", "stream": "stdout", "line": 3})
    assert RunEvent.objects.get(run=run, seq=event["seq"]).payload["line"] == 3
    assert "malformed run message" in caplog.text


# --- describe.py builds exactly what the serializers describe ---------------------------------


def complete(run, node_id, tmp_path, child_events=()):
    node_run = NodeRun.objects.get(run=run, node_id=node_id)
    assert lifecycle.claim_node_run(node_run.pk, "test") is not None
    execution._take_events(node_run, list(child_events), execution.Outcome())
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [0, 1, 0, 1]})
    outputs = {}
    spec = node_run.component.parsed
    for port in spec.outputs:
        path = write_dataframe(frame, tmp_path / f"{run.pk}-{node_id}-{port.name}.parquet")
        outputs[port.name] = ingest(path, "dataframe").pk
    lifecycle.finish_node_run(node_run.pk, NodeStatus.COMPLETED, outputs=outputs)


def assert_exact(run):
    run = Run.objects.get(pk=run.pk)
    described = json.loads(json.dumps(describe_run(run)))
    check(RunSerializer, described, "run")
    # Rendering through the serializers changes nothing either. (The graph is checked above
    # only: DRF renders an absent optional nullable key, which a graph may leave out, as null.)
    assert {**RunSerializer(described).data, "graph": described["graph"]} == described
    summary = json.loads(json.dumps(describe_run_summary(run)))
    check(RunSummarySerializer, summary, "summary")
    assert RunSummarySerializer(summary).data == summary
    check(RunListMessageSerializer, {"type": "run", "run": summary}, "runs-list message")
    for row in RunEvent.objects.filter(run=run).order_by("seq"):
        check_event(row.payload)
    return described


CHILD_EVENTS = [
    {"type": "log", "stream": "stdout", "line": "loading"},
    {"type": "log", "stream": "stderr", "line": ""},
    {"type": "metric", "name": "rows", "value": 4, "step": None},
    {"type": "metric", "name": "loss", "value": 0.5, "step": 2},
    {"type": "progress", "current": 1, "total": 2},
    {"type": "progress", "current": 0.5, "total": 1.5},
]


def test_describe_equals_the_serializers_for_real_runs(chain, tmp_path):
    first = orchestrator.submit_run(SYSTEM, chain.pk)
    assert_exact(first)  # queued and pending nodes, first-run reuse info
    complete(first, "load", tmp_path, CHILD_EVENTS)
    shown = assert_exact(first)
    load = next(n for n in shown["nodes"] if n["node"] == "load")
    assert load["metrics"] == {"rows": 4.0, "loss": 0.5}
    assert load["progress"] == {"current": 0.5, "total": 1.5}
    complete(first, "split", tmp_path)
    lifecycle.finish_node_run(
        NodeRun.objects.get(run=first, node_id="learner").pk, NodeStatus.CANCELED
    )
    assert_exact(first)

    # The same pipeline again: load reuses the first run's result (reuse info with `from`).
    second = orchestrator.submit_run(SYSTEM, chain.pk)
    shown = assert_exact(second)
    load = next(n for n in shown["nodes"] if n["node"] == "load")
    assert load["status"] == "reused" and load["reuse"]["from"]["run"] == first.pk
    assert load["reused_from"] == {"run": first.pk, "node": "load"}

    # A changed parameter: the miss names the change it was compared on.
    chain.graph["nodes"][1]["params"] = {"fraction": 0.8}
    chain.save()
    third = orchestrator.submit_run(SYSTEM, chain.pk, force_rerun=False)
    complete(third, "split", tmp_path)
    changed = orchestrator.submit_run(SYSTEM, chain.pk, partial={"node": "split", "scope": "only"})
    split = next(n for n in assert_exact(third)["nodes"] if n["node"] == "split")
    assert split["reuse"]["reason"] == "changed"
    assert split["reuse"]["compared_with"] == {"run": first.pk, "node": "split"}
    assert split["reuse"]["changes"][0]["part"] == "param"
    assert_exact(changed)

    failed = orchestrator.submit_run(SYSTEM, chain.pk, force_rerun=True)
    node_run = NodeRun.objects.get(run=failed, node_id="load")
    lifecycle.claim_node_run(node_run.pk, "test")
    lifecycle.finish_node_run(node_run.pk, NodeStatus.FAILED, error="broken", traceback="tb")
    shown = assert_exact(failed)
    assert shown["status"] == "failed"


def test_a_missing_field_in_describe_would_be_caught(chain):
    described = json.loads(json.dumps(describe_run(orchestrator.submit_run(SYSTEM, chain.pk))))
    del described["nodes"][0]["reuse"]
    with pytest.raises(InvalidEvent, match="missing field 'reuse'"):
        check(RunSerializer, described, "run")
    described["nodes"][0]["reuse"] = None
    described["graph"]["nodes"][0]["colour"] = "red"
    with pytest.raises(InvalidEvent, match=r"run.graph.nodes\[0\]: unknown field 'colour'"):
        check(RunSerializer, described, "run")

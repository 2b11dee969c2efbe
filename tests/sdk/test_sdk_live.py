"""The SDK against a live server: a component from a Python function, the diabetes pipeline
built in Python, pushed, run, waited for, read back (R², outputs, logs, metrics), turned back
into the same Python, and run locally to the same outputs."""

from __future__ import annotations

import uuid

import pytest
from pipewright import ApiError, Client, Component, NotFound, Pipeline, local
from sklearn.metrics import r2_score

from tests.sdk.diabetes import diabetes, r_squared
from tests.support.live import ROOT


@pytest.fixture(scope="module")
def client(live):
    with Client(live.url, live.token) as client:
        yield client


@pytest.fixture(scope="module")
def pushed(client):
    pipeline = diabetes(client, f"SDK diabetes {uuid.uuid4().hex[:8]}")
    record = client.pipelines.push(pipeline)
    run = client.submit(pipeline, experiment="sdk-tests").wait(timeout=300, progress=False)
    return pipeline, record, run


def test_the_run_completes_and_r2_reads_back(pushed):
    _, _, run = pushed
    assert run.ok, [(n.node, n.status, n.error) for n in run.info.nodes]
    metrics = run.outputs["evaluate"]["metrics"].json()
    assert 0.3 < metrics["r2"] < 0.7
    assert run.latest_metrics()["evaluate"]["r2"] == pytest.approx(metrics["r2"])
    frame = run.metrics()
    assert frame.query("node == 'evaluate' and name == 'r2'")["value"].item() == pytest.approx(
        metrics["r2"]
    )
    scored = run.outputs["score"]["scored"].to_pandas()
    assert {"target", "scored_label"} <= set(scored.columns) and len(scored) == 133
    assert r2_score(scored["target"], scored["scored_label"]) == pytest.approx(metrics["r2"])


def test_the_function_component_was_registered_and_ran(client, pushed):
    _, _, run = pushed
    info = client.components.info(r_squared.ref)
    assert not info.builtin and info.inputs["scored"]["type"] == "dataframe"
    assert info.parameters["label"]["type"] == "column"
    mine = run.outputs["r2"]["output"].json()
    assert mine["r2"] == pytest.approx(run.outputs["evaluate"]["metrics"].json()["r2"])
    assert run.latest_metrics()["r2"] == {"r2_sdk": pytest.approx(mine["r2"])}
    assert f"r2 = {mine['r2']:.4f} on 133 rows" in run.logs("r2")


def test_the_pushed_pipeline_round_trips_to_the_same_python(client, pushed):
    pipeline, record, _ = pushed
    fetched = client.pipelines.get(pipeline.name)
    assert (fetched.id, fetched.revision) == (record.id, record.revision)
    code = fetched.to_python()
    assert code == pipeline.to_python()
    namespace: dict = {}
    exec(compile(code, "<pulled>", "exec"), namespace)
    assert namespace["pipeline"].to_dict()["graph"] == record.graph == pipeline.to_dict()["graph"]


def test_pushing_again_updates_and_a_new_seed_reuses_what_it_can(client, pushed):
    pipeline, record, run = pushed
    pipeline["evaluate"].set(comment="R², MAE, RMSE")
    again = client.pipelines.push(pipeline)
    assert again.id == record.id and again.revision == record.revision + 1
    other = client.submit(pipeline.name, parameters={"seed": 5}).wait(timeout=300, progress=False)
    states = {n.node: n.status for n in other.info.nodes}
    assert states["load"] == states["learner"] == "reused"
    assert states["split"] == states["r2"] == "completed"
    assert other.outputs["r2"]["output"].json()["r2"] != run.outputs["r2"]["output"].json()["r2"]
    assert [r.id for r in client.runs.list(pipeline=record.id)][:2] == [other.id, run.id]


def test_the_local_runner_gives_the_servers_outputs(pushed, tmp_path):
    pipeline, _, run = pushed
    result = local.run(pipeline, components_dir=ROOT / "components", cache_dir=tmp_path)
    assert result.ok
    server = {
        (node, port): artifact.digest
        for node, ports in run.outputs.items()
        for port, artifact in ports.items()
    }
    here = {
        (node, port): output.digest
        for node, ports in result.outputs.items()
        for port, output in ports.items()
    }
    assert here == server
    assert result.latest_metrics()["evaluate"] == pytest.approx(run.latest_metrics()["evaluate"])


def test_validation_before_and_after_the_first_push(client, pushed):
    pipeline, _, _ = pushed
    assert client.pipelines.validate(pipeline).valid
    with Pipeline(f"SDK broken {uuid.uuid4().hex[:8]}") as broken:
        client.components.get("train_model")(label_column="target")
        Component.from_ref("no_such_component@1.0.0")()
    before = client.pipelines.validate(broken)
    assert {(e.code, e.port) for e in before.errors} >= {
        ("missing_input", "learner"),
        ("missing_input", "data"),
        ("unknown_component", None),
    }
    client.pipelines.push(broken)
    after = client.pipelines.validate(broken)
    assert {e.code for e in after.errors} >= {"missing_input", "unknown_component"}
    with pytest.raises(ApiError) as refused:
        client.submit(broken)
    assert refused.value.status == 400 and refused.value.errors


def test_publish_and_call_an_endpoint(client, pushed):
    pipeline, _, _ = pushed
    name = f"sdk-{uuid.uuid4().hex[:8]}"
    published = client.endpoints.publish(pipeline, name, "from the SDK")
    assert published.endpoint == name and published.version == 1
    assert client.endpoints.get(name).default_version == 1
    assert name in [e.name for e in client.endpoints.list()]
    run = client.endpoints.call(name, {"seed": 0}).wait(timeout=300, progress=False)
    assert run.ok and run.info.parameters == {"seed": 0}


def test_refusals_carry_the_servers_reason(live, client):
    with pytest.raises(NotFound, match="no pipeline named"):
        client.pipelines.get("no pipeline has this name")
    with pytest.raises(NotFound):
        client.components.info("no_such_component")
    with Client(live.url, "not-a-token") as stranger, pytest.raises(ApiError) as refused:
        stranger.pipelines.list()
    assert refused.value.status == 401 and refused.value.message

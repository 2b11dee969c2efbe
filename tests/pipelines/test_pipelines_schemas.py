"""Design-time column schemas over the REST API: rules before any run, run data after one."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.runs import orchestrator
from tests.pipelines.factories import edge, graph, node, pipeline
from tests.runs.factories import dataframe_artifact, finish
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db

DIABETES = [
    "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "target",
]  # fmt: skip


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


def schemas(api, pipeline_id, body=None):
    response = api.post(f"/api/pipelines/{pipeline_id}/schemas/", body or {}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["nodes"]


def names(port_schema):
    return [column["name"] for column in port_schema["columns"]]


def test_rules_give_columns_before_any_run(api, builtins):
    sample = sample_graph()
    saved = pipeline(sample["graph"], parameters=sample["parameters"])
    found = schemas(api, saved.pk)
    assert set(found) == {n["id"] for n in sample["graph"]["nodes"]}
    load = found["load"]["outputs"]["data"]
    assert load["source"] == "rule" and names(load) == DIABETES
    assert all(column["dtype"] == "double" for column in load["columns"])
    split = found["split"]
    assert split["inputs"]["data"] == load
    assert split["outputs"]["first"] == split["outputs"]["second"] == load
    assert found["train"]["inputs"]["learner"] == {"columns": None, "source": "unknown"}
    assert found["learner"]["inputs"] == {}
    scored = found["score"]["outputs"]["scored"]
    assert names(scored) == [*DIABETES, "scored_label", "scored_probability"]
    assert found["evaluate"]["inputs"]["scored"] == scored
    assert found["evaluate"]["outputs"]["metrics"] == {"columns": None, "source": "unknown"}


def test_a_draft_graph_and_parameters_are_used_when_sent(api, builtins):
    empty = pipeline(name="empty")
    draft = graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": {"$param": "which"}}),
            node("pick", "select_columns@1.0.0", {"columns": ["target", "petal width (cm)"]}),
        ],
        [edge("load", "data", "pick", "data")],
    )
    parameters = {"which": {"type": "string", "default": "iris"}}
    found = schemas(api, empty.pk, {"graph": draft, "parameters": parameters})
    assert found["pick"]["outputs"]["data"] == {
        "columns": [
            {"name": "target", "dtype": "int64"},
            {"name": "petal width (cm)", "dtype": "double"},
        ],
        "source": "rule",
    }
    assert schemas(api, empty.pk) == {}, "without a body, the saved (empty) graph"


def test_invalid_graphs_still_answer(api, builtins):
    bad = pipeline(name="bad")
    draft = graph(
        [node("a", "nope@9.9.9"), {"id": "b"}, node("c", "select_columns@1.0.0")],
        [edge("a", "out", "c", "data"), edge("c", "data", "c", "data")],
    )
    found = schemas(api, bad.pk, {"graph": draft})
    assert found["a"] == {"inputs": {}, "outputs": {"out": {"columns": None, "source": "unknown"}}}
    assert found["c"]["outputs"]["data"]["source"] == "unknown"
    response = api.post(f"/api/pipelines/{bad.pk}/schemas/", {"graph": "x"}, format="json")
    assert response.status_code == 200 and response.json() == {"nodes": {}}
    assert api.post("/api/pipelines/999999/schemas/", {}, format="json").status_code == 404


# --- after a run ------------------------------------------------------------------------------


@pytest.fixture
def diabetes():
    from designer.runtime.testing import run_component
    from tests.support.live import ROOT

    outputs, _ = run_component(ROOT / "components" / "data_input_output" / "sample_dataset")
    return outputs["data"]


def graph_with(columns):
    return graph(
        [
            node("src", "import_data@1.0.0", {"path": "patients.csv"}),
            node("pick", "select_columns@1.0.0", {"columns": columns}),
            node("split", "split_data@1.0.0"),
        ],
        [edge("src", "data", "pick", "data"), edge("pick", "data", "split", "data")],
    )


def finish_with(run, node_id, frame, tmp_path):
    finish(run, node_id, outputs={"data": dataframe_artifact(frame, tmp_path, node_id).pk})


def test_run_data_wins_over_rules_and_feeds_them(api, builtins, diabetes, tmp_path):
    saved = pipeline(graph_with(["bmi", "target"]), name="run")
    before = schemas(api, saved.pk)
    assert before["src"]["outputs"]["data"] == {"columns": None, "source": "unknown"}
    assert before["split"]["outputs"]["first"]["source"] == "unknown"

    run = orchestrator.submit_run(SYSTEM, saved.pk)
    finish_with(run, "src", diabetes, tmp_path)
    after = schemas(api, saved.pk)
    src = after["src"]["outputs"]["data"]
    assert src["source"] == "run" and names(src) == DIABETES
    assert after["pick"]["inputs"]["data"] == src
    assert after["pick"]["outputs"]["data"] == {
        "columns": [{"name": "bmi", "dtype": "double"}, {"name": "target", "dtype": "double"}],
        "source": "rule",
    }
    assert names(after["split"]["outputs"]["second"]) == ["bmi", "target"]

    # The node's own run beats its rule; here the run (oddly) kept one more column.
    finish_with(run, "pick", diabetes[["bmi", "target", "age"]], tmp_path)
    latest = schemas(api, saved.pk)
    assert latest["pick"]["outputs"]["data"]["source"] == "run"
    assert names(latest["split"]["inputs"]["data"]) == ["bmi", "target", "age"]

    # A draft that changes pick's parameters no longer matches that run: back to the rule.
    draft = schemas(api, saved.pk, {"graph": graph_with(["age"])})
    assert draft["src"]["outputs"]["data"]["source"] == "run"
    assert draft["pick"]["outputs"]["data"] == {
        "columns": [{"name": "age", "dtype": "double"}],
        "source": "rule",
    }


def test_runs_of_other_pipelines_or_components_are_not_used(api, builtins, diabetes, tmp_path):
    first = pipeline(graph_with(["bmi"]), name="first")
    run = orchestrator.submit_run(SYSTEM, first.pk)
    finish_with(run, "src", diabetes, tmp_path)
    other = pipeline(graph_with(["bmi"]), name="other")
    assert schemas(api, other.pk)["src"]["outputs"]["data"]["source"] == "unknown"
    swapped = graph_with(["bmi"])
    swapped["nodes"][0] = node("src", "sample_dataset@1.0.0", {"dataset": "iris"})
    found = schemas(api, first.pk, {"graph": swapped})
    assert found["src"]["outputs"]["data"]["source"] == "rule", "another component, not its run"
    assert names(found["src"]["outputs"]["data"])[-1] == "target"

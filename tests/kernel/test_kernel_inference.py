"""Tests for designer.kernel.inference: deriving an inference pipeline from a training graph.

The specs are the real built-in component.yaml files; the runs are plain TrainingRun values, so
every case is a graph in and a graph out, without a database.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from designer.kernel.graph import validate_graph
from designer.kernel.inference import DeriveError, RunOutput, TrainingRun, derive
from designer.kernel.names import name_problem
from designer.kernel.schema_rules import Column
from designer.kernel.spec import ComponentSpec, load_spec_text, parse_spec

ROOT = Path(__file__).resolve().parents[2]
BUILTINS = {
    spec.ref: spec
    for spec in (
        load_spec_text(path.read_text(), str(path))
        for path in (ROOT / "components").rglob("component.yaml")
    )
}
SAMPLE = json.loads((ROOT / "designer/pipelines/samples/diabetes_regression.json").read_text())
DIABETES = [
    Column(name, "double")
    for name in ("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "target")
]
FEATURES = [column.name for column in DIABETES if column.name != "target"]
RUN_ID = 41


def user_component(name: str, **declaration: Any) -> ComponentSpec:
    return parse_spec({"name": name, "version": "1.0.0", "python": "main.py:run", **declaration})


USER = {
    spec.ref: spec
    for spec in (
        user_component(
            "fit_gbm",
            inputs={"data": {"type": "dataframe"}},
            outputs={"booster": {"type": "model"}, "log": {"type": "json"}},
            parameters={"label": {"type": "column", "input": "data"}},
            inference={"replace_with_output": "booster"},
        ),
        user_component(
            "predict_gbm",
            inputs={"booster": {"type": "model"}, "rows": {"type": "dataframe"}},
            outputs={"predictions": {"type": "dataframe"}},
        ),
        user_component(
            "check_gbm",
            inputs={"predictions": {"type": "dataframe"}},
            outputs={"report": {"type": "json"}},
            inference="drop",
        ),
        user_component(
            "sample_rows",
            inputs={"rows": {"type": "dataframe"}},
            outputs={"rows": {"type": "dataframe"}},
            inference="drop",
        ),
    )
}


def resolve(ref: str) -> ComponentSpec | None:
    return BUILTINS.get(ref) or USER.get(ref)


def with_specs(*specs: ComponentSpec) -> Callable[[str], ComponentSpec | None]:
    """The registry plus `specs`, for a case of its own."""
    extra = {spec.ref: spec for spec in specs}
    return lambda ref: extra.get(ref) or resolve(ref)


def node(node_id: str, component: str, **params: Any) -> dict[str, Any]:
    return {"id": node_id, "component": component, "params": params, "position": {"x": 0, "y": 0}}


def edge(source: str, source_port: str, target: str, target_port: str) -> dict[str, str]:
    return {
        "source": source,
        "source_port": source_port,
        "target": target,
        "target_port": target_port,
    }


def ran(
    graph: dict, features: list[str] | None = None, lookup=resolve, label: str = "target"
) -> TrainingRun:
    """A run that stored every output of every node: source rows with the diabetes columns,
    models with a summary saying their label and features."""
    outputs = {}
    for number, item in enumerate(graph["nodes"], start=1):
        spec = lookup(item["component"])
        assert spec is not None, item["component"]
        for index, port in enumerate(spec.outputs):
            artifact = number * 10 + index
            if port.type == "dataframe":
                outputs[(item["id"], port.name)] = RunOutput(artifact, tuple(DIABETES))
            elif port.type == "model":
                summary = {"label_column": label, "feature_columns": features or FEATURES}
                outputs[(item["id"], port.name)] = RunOutput(artifact, summary=summary)
            else:
                outputs[(item["id"], port.name)] = RunOutput(artifact)
    return TrainingRun(RUN_ID, outputs)


def derived(graph: dict, kind: str = "realtime", **options: Any):
    result = derive(graph, resolve, ran(graph), kind, **options)
    issues = validate_graph(result.graph, resolve, result.parameters)
    assert issues == [], [issue.to_dict() for issue in issues]
    return result


def nodes_of(result) -> dict[str, dict]:
    return {item["id"]: item for item in result.graph["nodes"]}


def wires(result) -> set[str]:
    return {
        f"{e['source']}.{e['source_port']}->{e['target']}.{e['target_port']}"
        for e in result.graph["edges"]
    }


# --- the sample diabetes pipeline --------------------------------------------------------------


def test_the_sample_keeps_score_and_puts_the_trained_model_and_web_service_around_it() -> None:
    result = derived(SAMPLE["graph"])
    assert {n: item["component"] for n, item in nodes_of(result).items()} == {
        "web_service_input": "web_service_input@1.0.0",
        "train_model": "run_output@1.0.0",
        "score": "score_model@1.0.0",
        "web_service_output": "web_service_output@1.0.0",
    }
    assert wires(result) == {
        "web_service_input.data->score.data",
        "train_model.model->score.model",
        "score.scored->web_service_output.data",
    }
    assert nodes_of(result)["train_model"]["params"] == {
        "run": RUN_ID,
        "node": "train",
        "port": "model",
    }
    assert result.scoring_node == "score"
    assert result.parameters == {}


def test_the_sample_input_schema_is_the_features_without_the_label() -> None:
    result = derived(SAMPLE["graph"])
    assert result.input_schema == [{"name": name, "dtype": "double"} for name in FEATURES]
    columns = nodes_of(result)["web_service_input"]["params"]["columns"]
    assert columns == result.input_schema


def test_the_sample_diff_names_every_change() -> None:
    diff = derived(SAMPLE["graph"]).diff
    assert diff["kept"] == ["score"]
    assert diff["removed"] == ["split", "learner", "evaluate"]
    assert diff["replaced"] == [
        {"node": "train", "by": "train_model"},
        {"node": "load", "by": "web_service_input"},
    ]
    assert diff["added"] == ["train_model", "web_service_input", "web_service_output"]
    removed = {(e["source"], e["target"]) for e in diff["edges_removed"]}
    assert removed == {
        ("load", "split"),
        ("learner", "train"),
        ("split", "train"),
        ("train", "score"),
        ("split", "score"),
        ("score", "evaluate"),
    }
    assert {(e["source"], e["target"]) for e in diff["edges_added"]} == {
        ("web_service_input", "score"),
        ("train_model", "score"),
        ("score", "web_service_output"),
    }


def test_new_nodes_stand_where_the_nodes_they_replace_stood() -> None:
    graph = json.loads(json.dumps(SAMPLE["graph"]))
    result = derived(graph)
    positions = {n: item["position"] for n, item in nodes_of(result).items()}
    assert positions["train_model"] == {"x": 600, "y": 80}
    assert positions["web_service_input"] == {"x": 0, "y": 160}
    assert positions["web_service_output"] == {"x": 900, "y": 300}


def test_the_training_graph_is_left_as_it_was() -> None:
    graph = json.loads(json.dumps(SAMPLE["graph"]))
    before = json.dumps(graph, sort_keys=True)
    derived(graph)
    assert json.dumps(graph, sort_keys=True) == before


def test_batch_reads_a_dataset_named_by_a_pipeline_parameter() -> None:
    result = derived(SAMPLE["graph"], "batch")
    entry = nodes_of(result)["input_dataset"]
    assert entry["component"] == "dataset@1.0.0"
    assert entry["params"] == {"name": {"$param": "input_dataset"}, "version": "latest"}
    assert "input_dataset.data->score.data" in wires(result)
    assert result.parameters["input_dataset"]["type"] == "string"
    assert "default" not in result.parameters["input_dataset"]
    assert {"node": "load", "by": "input_dataset"} in result.diff["replaced"]


def test_batch_from_a_dataset_offers_that_dataset_by_default() -> None:
    graph = json.loads(json.dumps(SAMPLE["graph"]))
    graph["nodes"][0] = node("load", "dataset@1.0.0", name="patients", version="3")
    result = derived(graph, "batch")
    assert result.parameters["input_dataset"]["default"] == "patients"


def test_batch_registers_its_predictions_as_the_dataset_named_by_output_dataset() -> None:
    result = derived(SAMPLE["graph"], "batch", pipeline_name="Diabetes nightly (batch)")
    assert {n: item["component"] for n, item in nodes_of(result).items()} == {
        "input_dataset": "dataset@1.0.0",
        "train_model": "run_output@1.0.0",
        "score": "score_model@1.0.0",
        "output_dataset": "register_dataset@1.0.0",
    }
    assert nodes_of(result)["output_dataset"]["params"] == {"name": {"$param": "output_dataset"}}
    assert "score.scored->output_dataset.data" in wires(result)
    declared = result.parameters["output_dataset"]
    assert declared["type"] == "string"
    assert declared["default"] == "diabetes-nightly-batch-predictions"
    assert result.diff["added"] == ["train_model", "input_dataset", "output_dataset"]
    assert nodes_of(result)["output_dataset"]["position"] == {"x": 900, "y": 300}


@pytest.mark.parametrize(
    ("pipeline_name", "dataset"),
    [
        (
            "Sample: diabetes regression (batch inference)",
            "sample-diabetes-regression-batch-inference-predictions",
        ),
        ("  __scores__ ", "scores-predictions"),
        ("x" * 100, "x" * 52 + "-predictions"),
        ("é ü", "predictions"),
        ("", "predictions"),
    ],
)
def test_the_output_dataset_is_named_after_the_pipeline(pipeline_name, dataset) -> None:
    result = derived(SAMPLE["graph"], "batch", pipeline_name=pipeline_name)
    assert result.parameters["output_dataset"]["default"] == dataset
    assert name_problem(dataset) is None


# --- fitted transforms, column picking, the input schema ---------------------------------------


def pipeline(*middle: dict, extra_edges: tuple = (), scored_from: str = "split") -> dict:
    """load -> [middle nodes in a chain] -> split -> train/score -> evaluate."""
    chain = ["load", *[item["id"] for item in middle], "split"]
    ports = {item["id"]: "data" for item in middle}
    return {
        "nodes": [
            node("load", "sample_dataset@1.0.0", dataset="diabetes"),
            *middle,
            node("split", "split_data@1.1.0", fraction=0.7),
            node("learner", "linear_regression@1.0.0"),
            node("train", "train_model@1.0.0", label_column="target"),
            node("score", "score_model@1.0.0"),
            node("evaluate", "evaluate_model@1.1.0"),
        ],
        "edges": [
            *[
                edge(source, ports.get(source, "data"), target, "data")
                for source, target in zip(chain, chain[1:], strict=False)
            ],
            edge("learner", "model", "train", "learner"),
            edge("split", "first", "train", "data"),
            edge("train", "model", "score", "model"),
            edge(scored_from, "second", "score", "data"),
            edge("score", "scored", "evaluate", "scored"),
            *extra_edges,
        ],
    }


def test_a_transform_fitted_before_the_split_is_applied_with_its_fitted_values() -> None:
    result = derived(pipeline(node("scale", "normalize_data@1.0.0", method="minmax")))
    items = nodes_of(result)
    assert items["scale_apply"]["component"] == "apply_transformation@1.0.0"
    assert items["scale_transform"]["params"] == {
        "run": RUN_ID,
        "node": "scale",
        "port": "transform",
    }
    assert wires(result) >= {
        "web_service_input.data->scale_apply.data",
        "scale_transform.model->scale_apply.transform",
        "scale_apply.data->score.data",
    }
    assert {"node": "scale", "by": "scale_apply"} in result.diff["replaced"]
    assert "split" in result.diff["removed"]


def test_a_transform_fitted_on_the_training_rows_only_leaves_its_applied_copy() -> None:
    # The usual layout: fit on the training rows, apply the same fit to the test rows.
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", dataset="diabetes"),
            node("split", "split_data@1.1.0"),
            node("scale", "normalize_data@1.0.0"),
            node("scale_test", "apply_transformation@1.0.0"),
            node("learner", "linear_regression@1.0.0"),
            node("train", "train_model@1.0.0", label_column="target"),
            node("score", "score_model@1.0.0"),
        ],
        "edges": [
            edge("load", "data", "split", "data"),
            edge("split", "first", "scale", "data"),
            edge("scale", "data", "train", "data"),
            edge("learner", "model", "train", "learner"),
            edge("split", "second", "scale_test", "data"),
            edge("scale", "transform", "scale_test", "transform"),
            edge("scale_test", "data", "score", "data"),
            edge("train", "model", "score", "model"),
        ],
    }
    result = derived(graph)
    assert set(nodes_of(result)) == {
        "web_service_input",
        "scale_test",
        "scale_transform",
        "train_model",
        "score",
        "web_service_output",
    }
    assert wires(result) >= {
        "web_service_input.data->scale_test.data",
        "scale_transform.model->scale_test.transform",
    }
    # Its stand-in fed only the replaced trainer, so the fitting node is simply gone.
    assert "scale" in result.diff["removed"]
    assert result.diff["kept"] == ["scale_test", "score"]


def test_columns_a_selection_drops_are_not_asked_for() -> None:
    keep = ["age", "bmi", "bp", "target"]
    result = derived(pipeline(node("pick", "select_columns@1.0.0", columns=keep)))
    assert [c["name"] for c in result.input_schema] == ["age", "bmi", "bp"]


def test_columns_the_model_does_not_use_are_not_asked_for() -> None:
    graph = SAMPLE["graph"]
    result = derive(graph, resolve, ran(graph, features=["bmi", "s5"]), "realtime")
    assert [c["name"] for c in result.input_schema] == ["bmi", "s5"]


def test_after_a_step_that_makes_new_columns_every_source_column_is_kept() -> None:
    # Indicator columns are made from the source's: the model's features say nothing of those.
    bins = node("bins", "convert_to_indicator_values@1.0.0", columns=["sex"])
    graph = pipeline(bins)
    result = derive(graph, resolve, ran(graph, features=["sex_1", "bmi"]), "realtime")
    assert [c["name"] for c in result.input_schema] == FEATURES


def test_the_label_can_be_given() -> None:
    result = derived(SAMPLE["graph"], label_column="s6")
    names = [c["name"] for c in result.input_schema]
    assert "s6" not in names


# --- scoring node choice -----------------------------------------------------------------------


def user_pipeline() -> dict:
    """A user trainer and predictor: the predictor is read only by a dropped check."""
    return {
        "nodes": [
            node("load", "sample_dataset@1.0.0", dataset="diabetes"),
            node("sample", "sample_rows@1.0.0"),
            node("split", "split_data@1.1.0"),
            node("fit", "fit_gbm@1.0.0", label="target"),
            node("predict", "predict_gbm@1.0.0"),
            node("check", "check_gbm@1.0.0"),
        ],
        "edges": [
            edge("load", "data", "sample", "rows"),
            edge("sample", "rows", "split", "data"),
            edge("split", "first", "fit", "data"),
            edge("fit", "booster", "predict", "booster"),
            edge("split", "second", "predict", "rows"),
            edge("predict", "predictions", "check", "predictions"),
        ],
    }


def test_user_components_take_part_through_their_inference_rule() -> None:
    result = derived(user_pipeline())
    assert result.scoring_node == "predict"
    assert {n: item["component"] for n, item in nodes_of(result).items()} == {
        "web_service_input": "web_service_input@1.0.0",
        "fit_booster": "run_output@1.0.0",
        "predict": "predict_gbm@1.0.0",
        "web_service_output": "web_service_output@1.0.0",
    }
    assert nodes_of(result)["fit_booster"]["params"]["port"] == "booster"
    assert wires(result) >= {
        "web_service_input.data->predict.rows",
        "fit_booster.model->predict.booster",
        "predict.predictions->web_service_output.data",
    }
    assert set(result.diff["removed"]) == {"sample", "split", "check"}


def test_the_scoring_node_can_be_named() -> None:
    graph = user_pipeline()
    graph["nodes"].append(node("copy", "predict_gbm@1.0.0"))
    graph["edges"] += [
        edge("fit", "booster", "copy", "booster"),
        edge("load", "data", "copy", "rows"),
    ]
    assert derived(graph, scoring_node="copy").scoring_node == "copy"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("no scoring", "has no scoring node: add Score Model"),
        ("rows only", "has no scoring node: add Score Model"),
        ("two scorings", "several scoring nodes (score, score_2)"),
        ("unknown chosen", "has no node 'nope'"),
        ("bad kind", "kind must be realtime or batch"),
    ],
)
def test_scoring_node_problems_are_explained(change: str, words: str) -> None:
    graph = json.loads(json.dumps(SAMPLE["graph"]))
    options: dict[str, Any] = {}
    kind = "realtime"
    if change == "no scoring":
        graph["nodes"] = [n for n in graph["nodes"] if n["id"] not in ("score", "evaluate")]
        graph["edges"] = [e for e in graph["edges"] if "score" not in (e["source"], e["target"])]
    elif change == "rows only":
        # Split reads rows and feeds nothing, but nothing here predicts with a model.
        graph["nodes"] = [n for n in graph["nodes"] if n["id"] in ("load", "split")]
        graph["edges"] = [e for e in graph["edges"] if e["target"] == "split"]
    elif change == "two scorings":
        graph["nodes"].append(node("score_2", "score_model@1.0.0"))
        graph["edges"] += [
            edge("train", "model", "score_2", "model"),
            edge("split", "first", "score_2", "data"),
        ]
    elif change == "unknown chosen":
        options["scoring_node"] = "nope"
    else:
        kind = "weekly"
    with pytest.raises(DeriveError, match=words.replace("(", r"\(").replace(")", r"\)")):
        derive(graph, resolve, ran(graph), kind, **options)


# --- what cannot be derived --------------------------------------------------------------------


def test_a_run_that_did_not_store_the_trained_model_is_refused() -> None:
    graph = SAMPLE["graph"]
    run = ran(graph)
    outputs = {key: value for key, value in run.outputs.items() if key != ("train", "model")}
    with pytest.raises(DeriveError, match="run 41 holds no output 'model' of node train") as err:
        derive(graph, resolve, TrainingRun(RUN_ID, outputs), "realtime")
    assert err.value.node == "train"


def test_a_run_without_the_source_rows_is_refused() -> None:
    graph = SAMPLE["graph"]
    run = ran(graph)
    outputs = {key: value for key, value in run.outputs.items() if key != ("load", "data")}
    with pytest.raises(DeriveError, match="holds no rows from load.data"):
        derive(graph, resolve, TrainingRun(RUN_ID, outputs), "realtime")


def test_a_trainer_whose_other_output_is_read_on_the_way_is_refused() -> None:
    reader = user_component(
        "log_reader",
        inputs={"log": {"type": "json"}, "rows": {"type": "dataframe"}},
        outputs={"rows": {"type": "dataframe"}},
    )
    graph = user_pipeline()
    graph["nodes"].append(node("reader", reader.ref))
    graph["edges"] = [e for e in graph["edges"] if e["target"] != "predict"]
    graph["edges"] += [
        edge("fit", "booster", "predict", "booster"),
        edge("fit", "log", "reader", "log"),
        edge("split", "second", "reader", "rows"),
        edge("reader", "rows", "predict", "rows"),
    ]
    lookup = with_specs(reader)
    with pytest.raises(DeriveError, match="reader reads its output 'log', which has no stand-in"):
        derive(graph, lookup, ran(graph, lookup=lookup), "realtime")


def test_a_dropped_node_with_nothing_to_pass_on_is_refused() -> None:
    graph = json.loads(json.dumps(SAMPLE["graph"]))
    graph["edges"] = [e for e in graph["edges"] if e["target"] != "split"]
    with pytest.raises(DeriveError, match="split is left out at inference.*nothing is connected"):
        derive(graph, resolve, ran(graph), "realtime")


def test_an_applying_component_that_is_not_registered_is_named() -> None:
    scaler = user_component(
        "my_scaler",
        inputs={"data": {"type": "dataframe"}},
        outputs={"data": {"type": "dataframe"}, "fit": {"type": "model"}},
        inference={
            "apply_with": {
                "component": "apply_my_scaler@2.0.0",
                "fitted_output": "fit",
                "model_input": "fit",
                "data_input": "data",
                "data_output": "data",
            }
        },
    )
    graph = pipeline(node("scale", scaler.ref))
    lookup = with_specs(scaler)
    with pytest.raises(DeriveError, match="apply_my_scaler@2.0.0, which is not registered"):
        derive(graph, lookup, ran(graph, lookup=lookup), "realtime")


def test_kept_pipeline_parameters_are_those_still_bound() -> None:
    graph = pipeline(node("pick", "select_columns@1.0.0", columns={"$param": "keep"}))
    parameters = {
        "keep": {"type": "string", "default": None},
        "seed": {"type": "integer", "default": 0},
    }
    graph["nodes"][2]["params"]["seed"] = {"$param": "seed"}
    result = derive(graph, resolve, ran(graph), "realtime", parameters=parameters)
    assert result.parameters == {"keep": parameters["keep"]}


# --- the built-in library ----------------------------------------------------------------------


def test_every_built_in_apply_with_names_ports_its_applier_has() -> None:
    rules = [spec for spec in BUILTINS.values() if spec.inference.apply is not None]
    assert {spec.name for spec in rules} >= {"normalize_data", "clean_missing_data"}
    for spec in rules:
        rule = spec.inference.apply
        applier = BUILTINS[rule.component]
        assert applier.input(rule.model_input).type == "model"
        assert applier.input(rule.data_input).type == "dataframe"
        assert applier.output(rule.data_output).type == "dataframe"


def test_built_in_trainers_split_and_evaluation_have_their_rules() -> None:
    modes = {spec.ref: spec.inference.mode for spec in BUILTINS.values()}
    assert modes["train_model@1.0.0"] == "replace_with_output"
    assert modes["tune_model_hyperparameters@1.0.0"] == "replace_with_output"
    assert modes["train_clustering_model@1.0.0"] == "replace_with_output"
    for ref in ("split_data@1.0.0", "split_data@1.1.0", "evaluate_model@1.0.0"):
        assert modes[ref] == "drop"
    assert modes["evaluate_model@1.1.0"] == modes["partition_and_sample@1.0.0"] == "drop"
    assert modes["score_model@1.0.0"] == modes["select_columns@1.0.0"] == "keep"

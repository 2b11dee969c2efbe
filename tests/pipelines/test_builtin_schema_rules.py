"""The `schema:` rules of built-in components tell the truth: for real runs on real data, the
columns a rule predicts are the columns (names and Arrow types) the component writes."""

from pathlib import Path

import pyarrow as pa
import pytest

from designer.kernel.schemas import Column, apply_rule
from designer.kernel.spec import ComponentSpec, load_spec_text
from designer.runtime.testing import run_component
from tests.support.live import ROOT

COMPONENTS = ROOT / "components"


def folder(path: str) -> Path:
    return COMPONENTS / path


def spec_of(path: str) -> ComponentSpec:
    return load_spec_text((folder(path) / "component.yaml").read_text())


def columns_of(frame) -> list[Column]:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return [Column(field.name, str(field.type)) for field in table.schema]


def predicted(path: str, port: str, inputs: dict, params: dict) -> list[Column] | None:
    spec = spec_of(path)
    rule = spec.output(port).schema
    values = {p.name: p.default for p in spec.parameters} | params
    known = {name: columns_of(frame) for name, frame in inputs.items()}
    return apply_rule(rule, known, values)


def check(path: str, inputs: dict, params: dict, ports: tuple[str, ...]) -> dict:
    outputs, _ = run_component(folder(path), inputs=inputs, params=params)
    for port in ports:
        assert predicted(path, port, inputs, params) == columns_of(outputs[port]), port
    return outputs


@pytest.fixture(scope="module")
def frames():
    load = "data_input_output/sample_dataset"
    return {
        name: run_component(folder(load), params={"dataset": name})[0]["data"]
        for name in ("diabetes", "iris", "wine", "breast_cancer")
    }


@pytest.mark.parametrize("dataset", ["diabetes", "iris", "wine", "breast_cancer"])
def test_sample_dataset_cases(frames, dataset):
    rule = predicted("data_input_output/sample_dataset", "data", {}, {"dataset": dataset})
    assert rule == columns_of(frames[dataset])


def test_data_transformations(frames):
    data = frames["diabetes"]
    check(
        "data_transformation/select_columns", {"data": data}, {"columns": ["s1", "age"]}, ("data",)
    )
    check("data_transformation/split_data", {"data": data}, {}, ("first", "second"))
    check(
        "data_transformation/apply_math_operation",
        {"data": data},
        {"columns": ["age", "bmi"], "operation": "square"},
        ("data",),
    )
    check(
        "data_transformation/group_data_into_bins",
        {"data": data},
        {"columns": ["bmi"], "output_mode": "append"},
        ("data",),
    )
    check("data_transformation/add_columns", {"left": data, "right": data[["age"]]}, {}, ("data",))
    keys = {"left_keys": ["age"], "right_keys": ["age"]}
    right = data[["age"]].drop_duplicates()
    check("data_transformation/join_data", {"left": data, "right": right}, keys, ("data",))
    check("data_transformation/normalize_data", {"data": data}, {}, ("data",))


def test_feature_selection_tables(frames):
    data = frames["diabetes"]
    check("feature_selection/summarize_data", {"data": data}, {}, ("summary",))
    check(
        "feature_selection/filter_based_feature_selection",
        {"data": data},
        {"label_column": "target"},
        ("scores",),
    )


def test_scoring_and_evaluation_of_a_binary_classifier(frames):
    data = frames["breast_cancer"]
    learner = run_component(folder("machine_learning/two_class_logistic_regression"))[0]["model"]
    trained = run_component(
        folder("model_training/train_model"),
        inputs={"data": data, "learner": learner},
        params={"label_column": "target"},
    )[0]["model"]
    scored = check(
        "model_scoring_evaluation/score_model",
        {"data": data, "model": trained},
        {},
        (),
    )["scored"]
    names = [
        c.name
        for c in predicted("model_scoring_evaluation/score_model", "scored", {"data": data}, {})
    ]
    assert names == list(scored.columns)
    check("model_scoring_evaluation/evaluate_model", {"scored": scored}, {}, ("curve", "confusion"))

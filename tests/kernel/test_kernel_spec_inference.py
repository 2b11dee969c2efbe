"""Tests for the `inference:` key of a component spec (designer/kernel/spec_inference.py)."""

from __future__ import annotations

from typing import Any

import pytest

from designer.kernel.spec import parse_spec
from designer.kernel.spec_inference import APPLY, DROP, KEEP, REPLACE, ApplyWith, InferenceRule
from tests.kernel.factories import build, issues_of, only_issue

TRAINER = {
    "inputs": {"learner": {"type": "model"}, "data": {"type": "dataframe"}},
    "outputs": {"model": {"type": "model"}, "sweep": {"type": "dataframe"}},
}
SCALER = {
    "inputs": {"data": {"type": "dataframe"}},
    "outputs": {"data": {"type": "dataframe"}, "transform": {"type": "model"}},
}
APPLY_NORMALIZE = {
    "component": "apply_transformation@1.0.0",
    "fitted_output": "transform",
    "model_input": "transform",
    "data_input": "data",
    "data_output": "data",
}


def spec_with(inference: Any, ports: dict | None = None) -> dict[str, Any]:
    return build(inference=inference, **(ports or {}))


def test_without_the_key_a_node_is_kept_and_to_dict_leaves_it_out() -> None:
    spec = parse_spec(build())
    assert spec.inference == InferenceRule(KEEP)
    assert "inference" not in spec.to_dict()


@pytest.mark.parametrize(
    ("value", "ports", "rule"),
    [
        ("keep", None, InferenceRule(KEEP)),
        ("drop", None, InferenceRule(DROP)),
        ({"replace_with_output": "model"}, TRAINER, InferenceRule(REPLACE, output="model")),
        (
            {"apply_with": APPLY_NORMALIZE},
            SCALER,
            InferenceRule(APPLY, apply=ApplyWith(**APPLY_NORMALIZE)),
        ),
    ],
)
def test_each_mode_parses_and_round_trips(value: Any, ports: dict | None, rule) -> None:
    spec = parse_spec(spec_with(value, ports))
    assert spec.inference == rule
    assert parse_spec(spec.to_dict()) == spec


def test_keep_is_not_written_back() -> None:
    assert "inference" not in parse_spec(spec_with("keep")).to_dict()


@pytest.mark.parametrize(
    ("value", "field", "words"),
    [
        ("remove", "inference", "inference must be keep, drop"),
        (3, "inference", "got 3"),
        ({}, "inference", "exactly one of replace_with_output or apply_with"),
        (
            {"replace_with_output": "model", "apply_with": APPLY_NORMALIZE},
            "inference",
            "exactly one",
        ),
        ({"replace_with_output": None}, "inference.replace_with_output", "model outputs: model"),
        (
            {"replace_with_output": "trained"},
            "inference.replace_with_output",
            "'trained' is not an output of this component; its model outputs are: model",
        ),
        (
            {"replace_with_output": "sweep"},
            "inference.replace_with_output",
            "output 'sweep' is a dataframe; only a model output",
        ),
    ],
)
def test_bad_values_are_named(value: Any, field: str, words: str) -> None:
    issue = only_issue(spec_with(value, TRAINER))
    assert issue.field == field
    assert words in issue.message


def test_an_unknown_key_under_inference_is_named() -> None:
    issues = issues_of(spec_with({"replace_with_output": "model", "replace": "x"}, TRAINER))
    assert [issue.field for issue in issues] == ["inference.replace"]
    assert "allowed keys are replace_with_output, apply_with" in issues[0].message


def test_drop_needs_a_dataframe_input_to_pass_on() -> None:
    source = {"inputs": {}, "outputs": {"data": {"type": "dataframe"}}}
    issue = only_issue(spec_with("drop", source))
    assert issue.field == "inference"
    assert "has no dataframe input" in issue.message


def test_drop_of_a_component_with_no_dataframe_output_needs_no_input() -> None:
    report = {"inputs": {}, "outputs": {"metrics": {"type": "json"}}}
    assert parse_spec(spec_with("drop", report)).inference.mode == DROP


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"component": "apply_transformation"}, "component", "as name@version"),
        ({"component": "Apply@1"}, "component", "as name@version"),
        ({"fitted_output": "scaled"}, "fitted_output", "'scaled' is not an output"),
        ({"fitted_output": "data"}, "fitted_output", "output 'data' is a dataframe"),
        ({"model_input": "Transform In"}, "model_input", "must be a port name"),
        ({"data_output": None}, "data_output", "missing data_output"),
    ],
)
def test_bad_apply_with_fields_are_named(change: dict, field: str, words: str) -> None:
    body = {**APPLY_NORMALIZE, **change}
    if change.get("data_output", "") is None:
        del body["data_output"]
    issue = only_issue(spec_with({"apply_with": body}, SCALER))
    assert issue.field == f"inference.apply_with.{field}"
    assert words in issue.message


def test_apply_with_reports_every_problem_and_unknown_keys() -> None:
    body = {"component": "x", "fitted_output": "nope", "order": 1}
    fields = [issue.field for issue in issues_of(spec_with({"apply_with": body}, SCALER))]
    assert fields == [
        "inference.apply_with.order",
        "inference.apply_with.component",
        "inference.apply_with.model_input",
        "inference.apply_with.data_input",
        "inference.apply_with.data_output",
        "inference.apply_with.fitted_output",
    ]


def test_apply_with_must_be_a_mapping() -> None:
    issue = only_issue(spec_with({"apply_with": "apply_transformation@1.0.0"}, SCALER))
    assert issue.field == "inference.apply_with"
    assert "must be a mapping with component, fitted_output" in issue.message


def test_apply_with_needs_rows_to_pass_through() -> None:
    fitter = {
        "inputs": {"data": {"type": "dataframe"}},
        "outputs": {"transform": {"type": "model"}},
    }
    issue = only_issue(spec_with({"apply_with": APPLY_NORMALIZE}, fitter))
    assert issue.field == "inference.apply_with"
    assert "needs a dataframe input and a dataframe output" in issue.message

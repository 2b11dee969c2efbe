"""Validation catches a parameter that another parameter's value makes required (the built-in
components' `required_if` rules), before a run fails on it."""

import pytest

from tests.pipelines.factories import edge, graph, node, post_pipeline

pytestmark = pytest.mark.django_db


def validate(api, drawn):
    pipeline = post_pipeline(api)
    body = {"graph": drawn, "parameters": {}}
    response = api.post(f"/api/pipelines/{pipeline['id']}/validate/", body, format="json")
    assert response.status_code == 200
    return response.json()


def after_a_sample(component, params):
    return graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("step", component, params),
        ],
        [edge("load", "data", "step", "data")],
    )


@pytest.mark.parametrize(
    ("component", "params", "param", "trigger"),
    [
        ("split_data@1.1.0", {"mode": "expression"}, "expression", "mode is 'expression'"),
        ("split_data@1.1.0", {"mode": "expression", "expression": " "}, "expression", "mode"),
        ("clean_missing_data@1.0.0", {"mode": "constant"}, "constant", "mode is 'constant'"),
        # Stratified with no column and no label column marked upstream fails at run time.
        ("split_data@1.1.0", {"mode": "stratified"}, "stratify", "mode is 'stratified'"),
    ],
)
def test_a_mode_that_needs_another_parameter_is_invalid_without_it(
    api, builtins, component, params, param, trigger
):
    result = validate(api, after_a_sample(component, params))
    assert not result["valid"]
    (error,) = result["errors"]
    assert (error["code"], error["node"], error["param"]) == ("required_param", "step", param)
    assert f"step.{param} needs a value when {trigger}" in error["message"]


@pytest.mark.parametrize(
    ("component", "params"),
    [
        ("split_data@1.1.0", {"mode": "expression", "expression": "sepal_length > 5"}),
        ("split_data@1.1.0", {"mode": "stratified", "stratify": "species"}),
        ("clean_missing_data@1.0.0", {"mode": "constant", "constant": "0"}),
        ("clean_missing_data@1.0.0", {"mode": "median"}),
    ],
)
def test_the_same_steps_with_what_they_need_are_valid(api, builtins, component, params):
    assert validate(api, after_a_sample(component, params)) == {"valid": True, "errors": []}


def with_metadata_between(label):
    return graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("meta", "edit_metadata@1.0.0", {"columns": ["species"], "label": label}),
            node("step", "split_data@1.1.0", {"mode": "stratified"}),
        ],
        [edge("load", "data", "meta", "data"), edge("meta", "data", "step", "data")],
    )


def test_stratified_without_a_column_is_valid_when_a_step_upstream_marks_the_label(api, builtins):
    assert validate(api, with_metadata_between(True)) == {"valid": True, "errors": []}


def test_an_edit_metadata_upstream_that_marks_no_label_does_not_count(api, builtins):
    result = validate(api, with_metadata_between(False))
    (error,) = result["errors"]
    assert (error["code"], error["node"], error["param"]) == ("required_param", "step", "stratify")
    assert "or mark a label column upstream" in error["message"]

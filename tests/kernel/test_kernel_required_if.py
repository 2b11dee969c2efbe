"""Conditional parameters: `required_if` in a component spec is checked when the spec is parsed,
and graph validation reports a `required_param` when another parameter's value makes a
parameter required and the node leaves it empty."""

from __future__ import annotations

from typing import Any

import pytest

from designer.kernel.graph import ISSUE_CODES, validate_graph
from designer.kernel.spec import parse_spec
from tests.kernel.factories import build, component, only_issue

MODE = {"type": "enum", "values": ["random", "stratified", "expression"], "default": "random"}


def spec_with(**rule: Any) -> dict[str, Any]:
    return build(
        parameters={
            "mode": MODE,
            "shuffle": {"type": "boolean", "default": False},
            "columns": {"type": "columns", "input": "data", "optional": True},
            "stratify": {"type": "column", "input": "data", "optional": True, **rule},
        }
    )


# --- parsing --------------------------------------------------------------------------------


def test_a_single_value_or_a_list_is_read_and_round_trips() -> None:
    one = parse_spec(spec_with(required_if={"mode": "stratified"})).param("stratify")
    assert one is not None and one.required_if == (("mode", ("stratified",)),)
    many = parse_spec(
        spec_with(required_if={"mode": ["stratified", "expression"], "shuffle": True})
    )
    param = many.param("stratify")
    assert param is not None
    assert param.required_if == (("mode", ("stratified", "expression")), ("shuffle", (True,)))
    assert param.to_dict()["required_if"] == {
        "mode": ["stratified", "expression"],
        "shuffle": [True],
    }
    assert parse_spec(many.to_dict()) == many


def test_a_parameter_without_the_rule_keeps_its_shape() -> None:
    param = parse_spec(spec_with()).param("stratify")
    assert param is not None and "required_if" not in param.to_dict()


@pytest.mark.parametrize(
    ("rule", "field", "words"),
    [
        ({"colour": "red"}, "colour", "'colour', which is not another parameter"),
        ({"stratify": "x"}, "stratify", "'stratify', which is not another parameter"),
        ({"mode": "sideways"}, "mode", "mode must be one of random, stratified, expression"),
        ({"mode": []}, "mode", "list at least one value"),
        ({"mode": None}, "mode", "mode needs a value"),
        ({"shuffle": "yes"}, "shuffle", "shuffle must be true or false"),
        ({"columns": ["a"]}, "columns", "cannot depend on 'columns', a columns parameter"),
    ],
)
def test_a_rule_must_name_another_parameter_and_an_allowed_value(rule, field, words) -> None:
    issue = only_issue(spec_with(required_if=rule))
    assert issue.field == f"parameters.stratify.required_if.{field}"
    assert words in issue.message


@pytest.mark.parametrize("rule", ["stratified", ["mode"], {}])
def test_a_rule_must_be_a_mapping(rule) -> None:
    issue = only_issue(spec_with(required_if=rule))
    assert issue.field == "parameters.stratify.required_if"
    assert "like {mode: stratified}" in issue.message


# --- graph validation -----------------------------------------------------------------------

SPLIT = component(
    "split",
    inputs={"data": {"type": "dataframe"}},
    outputs={"first": {"type": "dataframe"}},
    parameters={
        "mode": MODE,
        "stratify": {
            "type": "column",
            "input": "data",
            "optional": True,
            "required_if": {"mode": "stratified"},
        },
        "expression": {"type": "string", "optional": True, "required_if": {"mode": "expression"}},
    },
)
SOURCE = component("source", outputs={"data": {"type": "dataframe"}})
REGISTRY = {SPLIT.ref: SPLIT, SOURCE.ref: SOURCE}


def issues(params: dict[str, Any], parameters: dict | None = None) -> list[dict]:
    graph = {
        "nodes": [
            {"id": "load", "component": "source@1.0.0", "params": {}},
            {"id": "split", "component": "split@1.0.0", "params": params},
        ],
        "edges": [
            {"source": "load", "source_port": "data", "target": "split", "target_port": "data"}
        ],
    }
    return [issue.to_dict() for issue in validate_graph(graph, REGISTRY.get, parameters)]


def test_the_code_is_a_known_issue_code() -> None:
    assert "required_param" in ISSUE_CODES


def test_a_triggered_rule_without_a_value_names_both_parameters() -> None:
    (issue,) = issues({"mode": "stratified"})
    assert issue["code"] == "required_param"
    assert (issue["node"], issue["param"], issue["port"]) == ("split", "stratify", None)
    assert "split.stratify needs a value when mode is 'stratified'" in issue["message"]


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_blank_value_does_not_meet_the_rule(blank) -> None:
    assert [i["param"] for i in issues({"mode": "expression", "expression": blank})] == [
        "expression"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {},  # the default mode triggers nothing
        {"mode": "random"},
        {"mode": "stratified", "stratify": "sex"},
        {"mode": "expression", "expression": "age > 3"},
    ],
)
def test_a_met_or_untriggered_rule_is_fine(params) -> None:
    assert issues(params) == []


def test_a_bound_mode_is_judged_by_its_pipeline_default() -> None:
    bound = {"mode": {"$param": "how"}}
    stratified = {"how": {"type": "string", "default": "stratified"}}
    assert [i["code"] for i in issues(bound, stratified)] == ["required_param"]
    # Without a default the value is only known when a run starts: nothing to say yet.
    assert issues(bound, {"how": {"type": "string"}}) == []


def test_a_value_bound_to_a_pipeline_parameter_counts_as_set() -> None:
    params = {"mode": "stratified", "stratify": {"$param": "column"}}
    assert issues(params, {"column": {"type": "string"}}) == []


# --- label fallback -------------------------------------------------------------------------


def test_label_flags_round_trip_and_only_fit_their_types() -> None:
    param = parse_spec(spec_with(required_if={"mode": "stratified"}, label_fallback=True))
    stratify = param.param("stratify")
    assert stratify is not None and stratify.label_fallback
    assert stratify.to_dict()["label_fallback"] is True
    issue = only_issue(spec_with(marks_label=True))
    assert issue.field == "parameters.stratify.marks_label"
    assert "only to a boolean parameter" in issue.message

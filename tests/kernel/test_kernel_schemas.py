"""Tests for designer.kernel.schemas and schema_rules: `schema:` rules and their propagation."""

from __future__ import annotations

from typing import Any

import pytest

from designer.kernel.schema_rules import Column, SchemaRule, apply_rule
from designer.kernel.schemas import propagate_schemas, tolerant_order
from designer.kernel.spec import ComponentSpec, parse_spec
from tests.kernel.factories import edge, issues_of

AGE = {"name": "age", "dtype": "double"}
SEX = {"name": "sex", "dtype": "double"}
TARGET = {"name": "target", "dtype": "double"}
SCORED = {"name": "scored_label", "dtype": "double"}
EACH = {"param": "columns", "name": "{column}_{operation}", "dtype": "double"}


def spec_with(schema: Any, **extra: Any) -> dict[str, Any]:
    """A component with two dataframe inputs, column/enum params, and `schema` on its output."""
    return {
        "name": "shape",
        "version": "1.0.0",
        "inputs": {
            "data": {"type": "dataframe"},
            "other": {"type": "dataframe", "optional": True},
            "model": {"type": "model", "optional": True},
        },
        "outputs": {"out": {"type": "dataframe", "schema": schema}, **extra},
        "parameters": {
            "columns": {"type": "columns", "input": "data", "optional": True},
            "label": {"type": "column", "input": "data", "optional": True},
            "keys": {"type": "columns", "input": "other", "optional": True},
            "dataset": {"type": "enum", "values": ["small", "big"], "default": "small"},
            "count": {"type": "integer", "default": 1},
            "append": {"type": "boolean", "default": True},
            "operation": {"type": "enum", "values": ["log", "exp"], "default": "log"},
        },
        "python": "main.py:run",
    }


def rule_of(schema: Any) -> SchemaRule:
    port = parse_spec(spec_with(schema)).output("out")
    assert port is not None and port.schema is not None
    return port.schema


def issue_fields(schema: Any, **extra: Any) -> list[str]:
    return [issue.field for issue in issues_of(spec_with(schema, **extra))]


def cols(*dicts: dict[str, str]) -> list[Column]:
    return [Column(d["name"], d["dtype"]) for d in dicts]


# --- parsing each rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "schema",
    [
        {"same_as": "data"},
        {"same_as": "data", "add": [SCORED]},
        {"same_as": "data", "drop_param": "columns"},
        {"same_as": "data", "keep_param": "label", "add": [SCORED]},
        {"columns": [AGE, SEX]},
        {"by_param": "dataset", "cases": {"small": [AGE], "big": [AGE, SEX]}},
        {"concat": ["data", "other"]},
        {"concat": ["data", "other"], "duplicates": "once"},
        {
            "same_as": "data",
            "add_each": {"param": "columns", "name": "{column}_bin", "dtype": "int64"},
        },
        {
            "by_param": "append",
            "cases": {
                "true": {"same_as": "data", "add_each": EACH},
                "false": {"same_as": "data"},
            },
        },
        {"by_param": "operation", "cases": {"log": [AGE], "exp": {"same_as": "data"}}},
    ],
)
def test_valid_rules_parse_and_round_trip(schema: dict[str, Any]) -> None:
    spec = parse_spec(spec_with(schema))
    assert spec.output("out").schema.to_dict() == schema
    assert spec.to_dict()["outputs"]["out"]["schema"] == schema
    assert parse_spec(spec.to_dict()) == spec


def test_ports_without_a_rule_keep_their_old_dict() -> None:
    spec = parse_spec(spec_with({"same_as": "data"}))
    assert spec.output("out").schema is not None
    assert "schema" not in parse_spec({**spec_with(None)}).to_dict()["outputs"]["out"]


@pytest.mark.parametrize(
    ("schema", "field", "words"),
    [
        ("data", "outputs.out.schema", "mapping"),
        ({}, "outputs.out.schema", "exactly one"),
        ({"same_as": "data", "columns": [AGE]}, "outputs.out.schema", "exactly one"),
        ({"same_as": "nope"}, "outputs.out.schema.same_as", "not a dataframe input"),
        ({"same_as": "model"}, "outputs.out.schema.same_as", "not a dataframe input"),
        ({"same_as": "data", "drop_param": "count"}, "outputs.out.schema.drop_param", "column"),
        ({"same_as": "data", "keep_param": "keys"}, "outputs.out.schema.keep_param", "other"),
        (
            {"same_as": "data", "drop_param": "columns", "keep_param": "label"},
            "outputs.out.schema.keep_param",
            "not both",
        ),
        ({"same_as": "data", "add": []}, "outputs.out.schema.add", "non-empty list"),
        ({"same_as": "data", "add": [{"name": "x"}]}, "outputs.out.schema.add.0.dtype", "dtype"),
        (
            {"same_as": "data", "add": [{"name": "x", "dtype": "int64", "nullable": True}]},
            "outputs.out.schema.add.0.nullable",
            "unknown key",
        ),
        ({"columns": [AGE, AGE]}, "outputs.out.schema.columns.1.name", "twice"),
        ({"columns": [AGE], "add": [SEX]}, "outputs.out.schema.add", "only goes with same_as"),
        ({"by_param": "count", "cases": {}}, "outputs.out.schema.by_param", "not an enum"),
        ({"by_param": "dataset"}, "outputs.out.schema.cases", "needs cases"),
        (
            {"by_param": "dataset", "cases": {"huge": [AGE]}},
            "outputs.out.schema.cases.huge",
            "not a value",
        ),
        ({"concat": ["data"]}, "outputs.out.schema.concat", "two or more"),
        ({"concat": ["data", "data"]}, "outputs.out.schema.concat", "more than once"),
        (
            {"concat": ["data", "other"], "duplicates": "merge"},
            "outputs.out.schema.duplicates",
            "suffix",
        ),
        ({"same_as": "data", "shape": 1}, "outputs.out.schema.shape", "unknown key"),
        (
            {"same_as": "data", "add_each": {"param": "columns", "name": "x", "dtype": "int64"}},
            "outputs.out.schema.add_each.name",
            "{column}",
        ),
        (
            {"same_as": "data", "add_each": {**EACH, "name": "{column}_{nope}"}},
            "outputs.out.schema.add_each.name",
            "{nope}",
        ),
        (
            {"same_as": "data", "add_each": {**EACH, "param": "keys"}},
            "outputs.out.schema.add_each.param",
            "input other",
        ),
        ({"same_as": "data", "add_each": "x"}, "outputs.out.schema.add_each", "mapping"),
        (
            {"by_param": "append", "cases": {"maybe": [AGE]}},
            "outputs.out.schema.cases.maybe",
            "true, false",
        ),
        (
            {"by_param": "operation", "cases": {"log": {"same_as": "gone"}}},
            "outputs.out.schema.cases.log.same_as",
            "not a dataframe input",
        ),
    ],
)
def test_bad_rules_are_clear_spec_issues(schema: Any, field: str, words: str) -> None:
    issues = issues_of(spec_with(schema))
    assert field in [issue.field for issue in issues], [str(i) for i in issues]
    message = next(issue.message for issue in issues if issue.field == field)
    assert words in message


def test_schema_only_on_dataframe_outputs_and_not_on_inputs() -> None:
    assert "outputs.fitted.schema" in issue_fields(
        {"same_as": "data"}, fitted={"type": "model", "schema": {"same_as": "data"}}
    )
    data = spec_with({"same_as": "data"})
    data["inputs"]["data"]["schema"] = {"same_as": "data"}
    assert "inputs.data.schema" in [issue.field for issue in issues_of(data)]


# --- applying each rule -----------------------------------------------------------------------


def test_same_as_and_add() -> None:
    rule = rule_of({"same_as": "data", "add": [SCORED]})
    assert apply_rule(rule, {"data": cols(AGE, TARGET)}, {}) == cols(AGE, TARGET, SCORED)
    assert apply_rule(rule, {"data": None}, {}) is None
    # A column the input already has is not added twice.
    assert apply_rule(rule, {"data": cols(SCORED)}, {}) == cols(SCORED)


def test_drop_param_removes_the_named_columns() -> None:
    rule = rule_of({"same_as": "data", "drop_param": "columns"})
    data = {"data": cols(AGE, SEX, TARGET)}
    assert apply_rule(rule, data, {"columns": ["sex", "gone"]}) == cols(AGE, TARGET)
    assert apply_rule(rule, data, {"columns": None}) == cols(AGE, SEX, TARGET)


def test_keep_param_keeps_the_named_columns_in_param_order() -> None:
    rule = rule_of({"same_as": "data", "keep_param": "columns"})
    data = {"data": cols(AGE, SEX, TARGET)}
    assert apply_rule(rule, data, {"columns": ["target", "age"]}) == cols(TARGET, AGE)
    assert apply_rule(rule, data, {"columns": None}) is None
    single = rule_of({"same_as": "data", "keep_param": "label"})
    assert apply_rule(single, data, {"label": "sex"}) == cols(SEX)


def test_fixed_columns_ignore_the_inputs() -> None:
    rule = rule_of({"columns": [AGE, SEX]})
    assert apply_rule(rule, {"data": None}, {}) == cols(AGE, SEX)


def test_by_param_picks_the_case_of_the_value() -> None:
    rule = rule_of({"by_param": "dataset", "cases": {"big": [AGE, SEX]}})
    assert apply_rule(rule, {}, {"dataset": "big"}) == cols(AGE, SEX)
    assert apply_rule(rule, {}, {"dataset": "small"}) is None


def test_add_each_adds_a_column_per_chosen_column() -> None:
    rule = rule_of({"same_as": "data", "add_each": EACH, "add": [SCORED]})
    data = {"data": cols(AGE, SEX)}
    found = apply_rule(rule, data, {"columns": ["age", "sex"], "operation": "exp"})
    names = [c.name for c in found]
    assert names == ["age", "sex", "age_exp", "sex_exp", "scored_label"]
    assert found[2].dtype == "double"
    assert apply_rule(rule, data, {"columns": None}) == cols(AGE, SEX, SCORED)


def test_by_param_on_a_boolean_and_with_rules_as_cases() -> None:
    rule = rule_of(
        {
            "by_param": "append",
            "cases": {True: {"same_as": "data", "add_each": EACH}, False: {"same_as": "data"}},
        }
    )
    assert rule.to_dict()["cases"].keys() == {"true", "false"}
    data = {"data": cols(AGE)}
    params = {"columns": ["age"], "operation": "log"}
    assert [c.name for c in apply_rule(rule, data, {**params, "append": True})] == [
        "age",
        "age_log",
    ]
    assert apply_rule(rule, data, {**params, "append": False}) == cols(AGE)
    assert apply_rule(rule, {"data": None}, {**params, "append": False}) is None


def test_concat_suffixes_or_skips_repeated_names() -> None:
    left = {"data": cols(AGE, TARGET), "other": cols(TARGET, SEX)}
    suffix = rule_of({"concat": ["data", "other"]})
    assert [c.name for c in apply_rule(suffix, left, {})] == ["age", "target", "target_2", "sex"]
    once = rule_of({"concat": ["data", "other"], "duplicates": "once"})
    assert [c.name for c in apply_rule(once, left, {})] == ["age", "target", "sex"]
    assert apply_rule(suffix, {"data": cols(AGE), "other": None}, {}) is None


# --- propagation ------------------------------------------------------------------------------


def component(name: str, **declaration: Any) -> ComponentSpec:
    return parse_spec({"name": name, "version": "1.0.0", "python": "main.py:run", **declaration})


FRAME = {"type": "dataframe"}
REGISTRY = {
    spec.ref: spec
    for spec in [
        component(
            "load",
            outputs={"data": {**FRAME, "schema": {"by_param": "dataset", "cases": {"d": [AGE]}}}},
            parameters={"dataset": {"type": "enum", "values": ["d", "e"], "default": "d"}},
        ),
        component("opaque", outputs={"data": FRAME}),
        component(
            "select",
            inputs={"data": FRAME},
            outputs={"data": {**FRAME, "schema": {"same_as": "data", "keep_param": "columns"}}},
            parameters={"columns": {"type": "columns", "input": "data"}},
        ),
        component(
            "score",
            inputs={"model": {"type": "model"}, "data": FRAME},
            outputs={"scored": {**FRAME, "schema": {"same_as": "data", "add": [SCORED]}}},
        ),
        component("learner", outputs={"model": {"type": "model"}}),
    ]
}


def node(node_id: str, name: str, **params: Any) -> dict[str, Any]:
    return {"id": node_id, "component": f"{name}@1.0.0", "params": params}


def propagate(graph: Any, known: dict | None = None, parameters: Any = None) -> dict[str, Any]:
    return propagate_schemas(graph, REGISTRY.get, known or {}, parameters)


def test_rules_flow_down_a_chain() -> None:
    graph = {
        "nodes": [node("score", "score"), node("load", "load"), node("learner", "learner")],
        "edges": [
            edge("load", "data", "score", "data"),
            edge("learner", "model", "score", "model"),
        ],
    }
    found = propagate(graph)
    assert found["load"] == {
        "inputs": {},
        "outputs": {"data": {"columns": [AGE], "source": "rule"}},
    }
    assert found["score"]["inputs"]["data"] == {"columns": [AGE], "source": "rule"}
    assert found["score"]["inputs"]["model"] == {"columns": None, "source": "unknown"}
    assert found["score"]["outputs"]["scored"] == {"columns": [AGE, SCORED], "source": "rule"}


def test_run_data_wins_and_feeds_the_rules_downstream() -> None:
    graph = {
        "nodes": [node("src", "opaque"), node("pick", "select", columns=["sex", "age"])],
        "edges": [edge("src", "data", "pick", "data")],
    }
    before = propagate(graph)
    assert before["src"]["outputs"]["data"]["source"] == "unknown"
    assert before["pick"]["outputs"]["data"] == {"columns": None, "source": "unknown"}
    after = propagate(graph, {("src", "data"): [AGE, SEX, TARGET]})
    assert after["src"]["outputs"]["data"] == {"columns": [AGE, SEX, TARGET], "source": "run"}
    assert after["pick"]["inputs"]["data"]["source"] == "run"
    assert after["pick"]["outputs"]["data"] == {"columns": [SEX, AGE], "source": "rule"}
    # A run of a node with a rule beats the rule too.
    known = {("src", "data"): [AGE], ("pick", "data"): [TARGET]}
    assert propagate(graph, known)["pick"]["outputs"]["data"]["columns"] == [TARGET]


def test_bound_parameters_take_the_pipeline_default() -> None:
    graph = {"nodes": [node("load", "load", dataset={"$param": "which"})], "edges": []}
    parameters = {"which": {"type": "string", "default": "e"}}
    assert propagate(graph, parameters=parameters)["load"]["outputs"]["data"]["source"] == "unknown"
    parameters["which"]["default"] = "d"
    assert propagate(graph, parameters=parameters)["load"]["outputs"]["data"]["columns"] == [AGE]


def test_invalid_graphs_give_unknowns_not_errors() -> None:
    graph = {
        "nodes": [
            node("a", "select", columns=["age"]),
            node("b", "select", columns=["age"]),
            node("ghost", "missing"),
            {"id": "weird", "component": 7, "params": "no"},
            "not a node",
            node("load", "load"),
        ],
        "edges": [
            edge("a", "data", "b", "data"),
            edge("b", "data", "a", "data"),
            edge("load", "data", "ghost", "data"),
            edge("ghost", "out", "nowhere", "data"),
            {"source": 1},
        ],
    }
    found = propagate(graph)
    assert set(found) == {"a", "b", "ghost", "weird", "load"}
    assert found["a"]["outputs"]["data"]["source"] == "unknown"
    assert found["ghost"]["inputs"] == {"data": {"columns": [AGE], "source": "rule"}}
    assert found["weird"] == {"inputs": {}, "outputs": {}}
    assert propagate("nonsense") == {}
    assert propagate({"nodes": None}) == {}
    assert propagate({"nodes": 5, "edges": 7}) == {}


def test_tolerant_order_puts_cycles_last() -> None:
    graph = {
        "nodes": [node("c", "select"), node("b", "select"), node("a", "load")],
        "edges": [edge("c", "data", "b", "data"), edge("b", "data", "c", "data")],
    }
    assert tolerant_order(graph) == ["a", "c", "b"]

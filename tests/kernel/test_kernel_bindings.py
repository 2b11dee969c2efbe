"""Tests for designer.kernel.bindings: node parameters, $param bindings, resolved values."""

from __future__ import annotations

from typing import Any

import pytest

from designer.kernel.bindings import resolve_params
from designer.kernel.graph import GraphIssue
from designer.kernel.spec import ComponentSpec, parse_spec
from tests.kernel.factories import check, codes, only, pipeline

SPLIT = parse_spec(
    {
        "name": "split_data",
        "version": "1.0.0",
        "inputs": {"data": {"type": "dataframe"}},
        "outputs": {"first": {"type": "dataframe"}},
        "parameters": {
            "fraction": {"type": "number", "default": 0.7, "min": 0, "max": 1},
            "seed": {"type": "integer", "default": 0},
            "mode": {"type": "enum", "values": ["random", "sequential"], "default": "random"},
            "stratify": {"type": "column", "input": "data", "optional": True},
            "columns": {"type": "columns", "optional": True},
        },
        "python": "split.py:run",
    }
)

# --- parameters -------------------------------------------------------------------------------


def test_unknown_param() -> None:
    graph = pipeline()
    graph["nodes"][1]["params"]["ratio"] = 0.5
    issue = only(graph)
    assert (issue.code, issue.node, issue.param) == ("unknown_param", "split", "ratio")
    assert "fraction, seed, mode, stratify" in issue.message


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("fraction", 1.5, "between 0 and 1"),
        ("fraction", "most", "finite number"),
        ("seed", 0.5, "whole number"),
        ("mode", "shuffled", "one of random, sequential"),
        ("stratify", "", "one column"),
    ],
)
def test_invalid_param(name: str, value: object, hint: str) -> None:
    graph = pipeline()
    graph["nodes"][1]["params"][name] = value
    issue = only(graph)
    assert (issue.code, issue.node, issue.param) == ("invalid_param", "split", name)
    assert issue.message.startswith(f"split.{name} must be") and hint in issue.message


def test_missing_required_param() -> None:
    graph = pipeline()
    del graph["nodes"][2]["params"]["label"]
    issue = only(graph)
    assert (issue.code, issue.node, issue.param) == ("missing_param", "train", "label")


def test_null_required_param_is_missing() -> None:
    graph = pipeline()
    graph["nodes"][2]["params"]["label"] = None
    assert codes(graph) == ["missing_param"]


def test_null_param_with_a_default_is_fine() -> None:
    graph = pipeline()
    graph["nodes"][1]["params"]["fraction"] = None
    graph["nodes"][1]["params"]["stratify"] = None
    assert check(graph) == []


def test_node_without_params_key() -> None:
    graph = pipeline()
    del graph["nodes"][3]["params"]
    assert check(graph) == []


# --- pipeline parameter bindings --------------------------------------------------------------

SEED = {"seed": {"type": "integer", "default": 7}}


def bind(name: str, value: object, parameters: object) -> list[GraphIssue]:
    graph = pipeline()
    graph["nodes"][1]["params"][name] = value
    return check(graph, parameters)


def test_binding_to_a_pipeline_parameter() -> None:
    assert bind("seed", {"$param": "seed"}, SEED) == []
    assert bind("seed", {"$param": "seed"}, {"seed": {"type": "integer"}}) == []
    assert bind("fraction", {"$param": "seed"}, {"seed": {"type": "integer", "default": 1}}) == []


def test_binding_a_required_param_counts_as_set() -> None:
    graph = pipeline()
    graph["nodes"][2]["params"]["label"] = {"$param": "target"}
    assert check(graph, {"target": {"type": "string", "default": "price"}}) == []


def test_binding_to_an_unknown_pipeline_parameter() -> None:
    [issue] = bind("seed", {"$param": "sead"}, SEED)
    assert (issue.code, issue.node, issue.param) == ("unknown_pipeline_param", "split", "seed")
    assert "'sead'" in issue.message and "seed" in issue.message


def test_binding_without_pipeline_parameters() -> None:
    [issue] = bind("seed", {"$param": "seed"}, None)
    assert issue.code == "unknown_pipeline_param"


@pytest.mark.parametrize("value", [{"$param": 3}, {"$param": "seed", "default": 1}])
def test_malformed_binding(value: object) -> None:
    [issue] = bind("seed", value, SEED)
    assert (issue.code, issue.param) == ("invalid_param", "seed")


def test_binding_of_an_incompatible_type() -> None:
    [issue] = bind("seed", {"$param": "name"}, {"name": {"type": "string", "default": "x"}})
    assert (issue.code, issue.param) == ("invalid_param", "seed")
    assert "integer" in issue.message and "string" in issue.message


def test_binding_whose_default_does_not_fit() -> None:
    [issue] = bind("fraction", {"$param": "f"}, {"f": {"type": "number", "default": 3}})
    assert (issue.code, issue.param) == ("invalid_param", "fraction")
    assert "between 0 and 1" in issue.message


def test_enum_bound_to_a_string_pipeline_parameter() -> None:
    assert bind("mode", {"$param": "m"}, {"m": {"type": "string", "default": "random"}}) == []
    [issue] = bind("mode", {"$param": "m"}, {"m": {"type": "string", "default": "other"}})
    assert "one of random, sequential" in issue.message


# --- pipeline parameter declarations ----------------------------------------------------------


@pytest.mark.parametrize(
    "parameters",
    [
        ["seed"],
        {"seed": "integer"},
        {"seed": {"type": "enum"}},
        {"seed": {"type": "column"}},
        {"seed": {}},
        {"seed": {"type": "integer", "default": "x"}},
        {"seed": {"type": "boolean", "default": 1}},
        {"seed": {"type": "integer", "min": 0}},
        {"seed": {"type": "integer", "description": 5}},
        {"": {"type": "integer"}},
    ],
)
def test_malformed_pipeline_parameters(parameters: object) -> None:
    issue = only(pipeline(), parameters)
    assert issue.code == "malformed" and issue.node is None


def test_pipeline_parameter_issue_names_the_parameter() -> None:
    issue = only(pipeline(), {"seed": {"type": "decimal"}})
    assert issue.param == "seed"
    assert "integer, number, string, boolean" in issue.message


def test_valid_pipeline_parameters() -> None:
    parameters = {
        "n": {"type": "integer", "default": 3},
        "x": {"type": "number", "default": 0.5, "description": "a ratio"},
        "s": {"type": "string"},
        "b": {"type": "boolean", "default": None},
    }
    assert check(pipeline(), parameters) == []


# --- resolve_params ---------------------------------------------------------------------------


def resolve(params: dict[str, Any], values: dict[str, Any] | None = None) -> dict[str, Any]:
    node = {"id": "split", "component": SPLIT.ref, "params": params}
    return resolve_params(node, SPLIT, values or {})


def test_every_parameter_in_spec_order_with_defaults() -> None:
    resolved = resolve({})
    assert list(resolved) == ["fraction", "seed", "mode", "stratify", "columns"]
    assert resolved == {
        "fraction": 0.7,
        "seed": 0,
        "mode": "random",
        "stratify": None,
        "columns": None,
    }


def test_node_values_win_over_defaults() -> None:
    resolved = resolve({"fraction": 0.5, "mode": "sequential", "stratify": "label"})
    assert (resolved["fraction"], resolved["mode"], resolved["stratify"]) == (
        0.5,
        "sequential",
        "label",
    )


def test_bindings_take_the_pipeline_value() -> None:
    resolved = resolve({"seed": {"$param": "seed"}}, {"seed": 42})
    assert resolved["seed"] == 42


def test_binding_without_a_pipeline_value_falls_back_to_the_default() -> None:
    assert resolve({"seed": {"$param": "seed"}})["seed"] == 0
    assert resolve({"seed": {"$param": "seed"}}, {"seed": None})["seed"] == 0


def test_null_node_value_falls_back_to_the_default() -> None:
    assert resolve({"fraction": None})["fraction"] == 0.7


def test_values_are_coerced() -> None:
    resolved = resolve({"fraction": 1, "seed": {"$param": "s"}}, {"s": 5.0})
    assert resolved["fraction"] == 1.0 and isinstance(resolved["fraction"], float)
    assert resolved["seed"] == 5 and isinstance(resolved["seed"], int)


def test_node_without_params() -> None:
    resolved = resolve_params({"id": "split"}, SPLIT, {})
    assert resolved["seed"] == 0


def test_the_node_is_not_shared_or_changed() -> None:
    columns = ["a", "b"]
    params = {"columns": columns, "seed": {"$param": "seed"}}
    resolved = resolve(params, {"seed": 3})
    resolved["columns"].append("c")
    assert columns == ["a", "b"]
    assert params["seed"] == {"$param": "seed"}


def test_component_without_parameters() -> None:
    spec: ComponentSpec = parse_spec(
        {"name": "noop", "version": "1.0.0", "outputs": {"o": {"type": "json"}}, "python": "a.py:f"}
    )
    assert resolve_params({"id": "n", "params": {}}, spec, {"x": 1}) == {}

"""Tests for designer.kernel.params: whether a value fits a parameter, and coercion."""

from __future__ import annotations

import math
from typing import Any

import pytest

from designer.kernel.params import ParamSpec, check_param_value, coerce_param_value


def param(kind: str, **declaration: Any) -> ParamSpec:
    return ParamSpec(name="p", type=kind, **declaration)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("integer", 3),
        ("integer", -2),
        ("integer", 4.0),
        ("number", 0.5),
        ("number", 7),
        ("string", ""),
        ("string", "text"),
        ("boolean", True),
        ("boolean", False),
        ("column", "age"),
        ("columns", ["age", "income"]),
        ("columns", []),
        ("code", "print(1)"),
        ("json", [{"name": "age", "dtype": "double"}]),
        ("json", {"nested": {"list": [1, 2.5, True, None, "x"]}}),
        ("json", "text"),
    ],
)
def test_values_that_fit(kind: str, value: object) -> None:
    assert check_param_value(param(kind), value) is None


@pytest.mark.parametrize(
    ("kind", "value", "hint"),
    [
        ("integer", 2.5, "whole number"),
        ("integer", True, "whole number"),
        ("integer", "3", "whole number"),
        ("integer", math.inf, "whole number"),
        ("number", False, "finite number"),
        ("number", "0.5", "finite number"),
        ("number", math.nan, "finite number"),
        ("number", -math.inf, "finite number"),
        ("string", 3, "must be a string"),
        ("code", ["x"], "must be a string"),
        ("boolean", 1, "true or false"),
        ("boolean", "true", "true or false"),
        ("column", "", "one column"),
        ("column", ["a"], "one column"),
        ("columns", "a", "list of column names"),
        ("columns", ["a", ""], "list of column names"),
        ("columns", ["a", 1], "list of column names"),
        ("json", {"a": math.nan}, "plain JSON data"),
        ("json", [object()], "plain JSON data"),
        ("json", {1: "key is not text"}, "plain JSON data"),
    ],
)
def test_values_that_do_not_fit(kind: str, value: object, hint: str) -> None:
    problem = check_param_value(param(kind), value)
    assert problem is not None
    assert problem.startswith("p must be") and hint in problem


@pytest.mark.parametrize("blank", ["", "  \n\t"])
def test_blank_code_is_refused_not_replaced_by_the_default(blank: str) -> None:
    script = ParamSpec("script", "code", default="def main(a, b):\n    return a, b\n")
    problem = check_param_value(script, blank)
    assert problem == (
        "script is empty; write the code, or reset it to use the component's default"
    )


def test_enum_value_must_be_one_of_the_choices() -> None:
    mode = ParamSpec("mode", "enum", values=("random", "sequential"))
    assert check_param_value(mode, "random") is None
    assert check_param_value(mode, "shuffled") == (
        "mode must be one of random, sequential; got 'shuffled'"
    )
    assert check_param_value(mode, 1) is not None


@pytest.mark.parametrize("kind", ["integer", "number"])
def test_bounds_are_inclusive(kind: str) -> None:
    bounded = param(kind, min=0, max=10)
    assert check_param_value(bounded, 0) is None
    assert check_param_value(bounded, 10) is None
    assert check_param_value(bounded, -1) == "p must be between 0 and 10, got -1"
    assert check_param_value(bounded, 11) == "p must be between 0 and 10, got 11"


def test_one_sided_bounds_are_described() -> None:
    assert check_param_value(param("number", min=0.5), 0.1) == "p must be at least 0.5, got 0.1"
    assert check_param_value(param("integer", max=3), 4) == "p must be at most 3, got 4"


def test_none_only_when_optional() -> None:
    assert check_param_value(param("integer"), None) == "p needs a value; it is not optional"
    assert check_param_value(param("integer", optional=True), None) is None


def test_unknown_type_is_reported() -> None:
    assert "unknown type" in (check_param_value(param("float"), 1.0) or "")


def test_long_values_are_shortened_in_messages() -> None:
    problem = check_param_value(param("integer"), "x" * 500) or ""
    assert len(problem) < 120 and problem.endswith("...")


@pytest.mark.parametrize(
    ("kind", "value", "expected", "expected_type"),
    [
        ("integer", 4.0, 4, int),
        ("integer", 4, 4, int),
        ("number", 2, 2.0, float),
        ("number", 2.5, 2.5, float),
        ("string", "x", "x", str),
        ("boolean", True, True, bool),
        ("columns", ("a", "b"), ["a", "b"], list),
    ],
)
def test_coerce(kind: str, value: object, expected: object, expected_type: type) -> None:
    result = coerce_param_value(param(kind), value)
    assert result == expected and type(result) is expected_type


def test_coerce_leaves_none_and_misfits_alone() -> None:
    assert coerce_param_value(param("integer"), None) is None
    assert coerce_param_value(param("integer"), 2.5) == 2.5
    assert coerce_param_value(param("number"), True) is True


def test_coerce_copies_column_lists() -> None:
    columns = ["a"]
    result = coerce_param_value(param("columns"), columns)
    assert result == columns and result is not columns


def test_has_default_follows_a_non_null_default() -> None:
    assert ParamSpec("p", "integer", default=0).has_default
    assert not ParamSpec("p", "integer").has_default
    assert ParamSpec("p", "integer", optional=True, has_default=True).has_default


def test_required_means_no_default_and_not_optional() -> None:
    assert ParamSpec("p", "integer").required
    assert not ParamSpec("p", "integer", default=1).required
    assert not ParamSpec("p", "integer", optional=True).required


def test_param_to_dict() -> None:
    spec = ParamSpec("mode", "enum", default="a", values=("a", "b"), description="How")
    assert spec.to_dict() == {
        "type": "enum",
        "default": "a",
        "optional": False,
        "min": None,
        "max": None,
        "values": ["a", "b"],
        "input": None,
        "language": None,
        "description": "How",
    }

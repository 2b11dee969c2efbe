"""Tests for designer.kernel.spec_params: the parameters section of component.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from designer.kernel.spec import parse_spec
from tests.kernel.factories import build, fields, only_issue, with_param

# --- parameters -------------------------------------------------------------------------------


def test_unknown_parameter_type() -> None:
    issue = only_issue(with_param(type="float"))
    assert issue.field == "parameters.p.type"
    assert "integer, number, string, boolean, enum, column, columns, code" in issue.message


def test_parameter_without_type() -> None:
    assert fields(with_param(default=1)) == ["parameters.p.type"]


def test_parameter_declaration_must_be_a_mapping() -> None:
    assert fields(build(parameters={"p": "integer"})) == ["parameters.p"]


def test_parameters_section_must_be_a_mapping() -> None:
    assert fields(build(parameters=["p"])) == ["parameters"]


def test_unknown_parameter_key() -> None:
    issue = only_issue(with_param(type="integer", step=2))
    assert issue.field == "parameters.p.step"
    assert "language, description" in issue.message


def test_invalid_parameter_name() -> None:
    assert fields(build(parameters={"Seed": {"type": "integer"}})) == ["parameters.Seed"]


def test_min_above_max() -> None:
    issue = only_issue(build(parameters={"fraction": {"type": "number", "min": 1, "max": 0}}))
    assert issue.field == "parameters.fraction.max"
    assert "max (0) is less than min (1)" in issue.message


def test_min_equal_to_max_is_fine() -> None:
    assert parse_spec(with_param(type="integer", min=3, max=3, default=3))


@pytest.mark.parametrize("key", ["min", "max"])
def test_bounds_only_on_numeric_parameters(key: str) -> None:
    issue = only_issue(build(parameters={"p": {"type": "string", key: 1}}))
    assert issue.field == f"parameters.p.{key}"
    assert "only applies to integer and number" in issue.message


@pytest.mark.parametrize("bound", ["0", True, [1]])
def test_bounds_must_be_numbers(bound: object) -> None:
    assert fields(with_param(type="number", min=bound)) == ["parameters.p.min"]


def test_enum_needs_values() -> None:
    issue = only_issue(with_param(type="enum"))
    assert issue.field == "parameters.p.values"
    assert "non-empty list" in issue.message


@pytest.mark.parametrize("values", [[], "random", [True, False], ["a", 1]])
def test_enum_values_must_be_a_non_empty_list_of_strings(values: object) -> None:
    issue = only_issue(with_param(type="enum", values=values))
    assert issue.field == "parameters.p.values"


def test_enum_values_must_not_repeat() -> None:
    issue = only_issue(with_param(type="enum", values=["a", "b", "a"]))
    assert issue.field == "parameters.p.values" and "more than once" in issue.message


def test_values_only_on_enum() -> None:
    issue = only_issue(with_param(type="string", values=["a"]))
    assert issue.field == "parameters.p.values"
    assert "only apply to enum" in issue.message


def test_column_input_must_be_an_input_of_the_component() -> None:
    issue = only_issue(with_param("label", type="column", input="labels"))
    assert issue.field == "parameters.label.input"
    assert "use one of data" in issue.message


def test_column_input_must_be_a_dataframe_input() -> None:
    data = build(inputs={"data": {"type": "dataframe"}, "model": {"type": "model"}})
    data["parameters"] = {"features": {"type": "columns", "input": "model"}}
    issue = only_issue(data)
    assert issue.field == "parameters.features.input"
    assert "is a model" in issue.message


def test_input_only_on_column_parameters() -> None:
    issue = only_issue(with_param(type="string", input="data"))
    assert issue.field == "parameters.p.input"


def test_columns_parameter_with_input() -> None:
    spec = parse_spec(with_param("features", type="columns", input="data", default=["a", "b"]))
    assert spec.parameters[0].default == ["a", "b"]


def test_language_on_code_parameters() -> None:
    spec = parse_spec(with_param("script", type="code", language="python", default="x = 1"))
    assert spec.parameters[0].language == "python"
    issue = only_issue(with_param(type="string", language="python"))
    assert issue.field == "parameters.p.language"
    assert fields(with_param(type="code", language=3)) == ["parameters.p.language"]


def test_parameter_flags_must_be_booleans_and_text() -> None:
    assert fields(with_param(type="integer", optional="no", description=3)) == [
        "parameters.p.optional",
        "parameters.p.description",
    ]


def test_parameter_name_must_not_collide_with_an_input() -> None:
    issue = only_issue(build(parameters={"data": {"type": "string"}}))
    assert issue.field == "parameters.data"
    assert "same name as input 'data'" in issue.message


@pytest.mark.parametrize(
    ("declaration", "hint"),
    [
        ({"type": "number", "min": 0, "max": 1, "default": 1.5}, "between 0 and 1"),
        ({"type": "integer", "min": 1, "default": 0}, "at least 1"),
        ({"type": "integer", "default": 2.5}, "whole number"),
        ({"type": "integer", "default": True}, "whole number"),
        ({"type": "boolean", "default": "yes"}, "true or false"),
        ({"type": "enum", "values": ["a", "b"], "default": "c"}, "one of a, b"),
        ({"type": "string", "default": 5}, "must be a string"),
        ({"type": "column", "default": ""}, "one column"),
        ({"type": "columns", "default": "a"}, "list of column names"),
    ],
)
def test_default_is_checked_against_the_declaration(declaration: dict[str, Any], hint: str) -> None:
    issue = only_issue(with_param(**declaration))
    assert issue.field == "parameters.p.default"
    assert hint in issue.message


def test_defaults_are_coerced() -> None:
    data = build(
        parameters={"n": {"type": "integer", "default": 4.0}, "x": {"type": "number", "default": 2}}
    )
    n, x = parse_spec(data).parameters
    assert n.default == 4 and isinstance(n.default, int)
    assert x.default == 2.0 and isinstance(x.default, float)


def test_null_default_means_no_default() -> None:
    required = parse_spec(with_param(type="integer", default=None)).parameters[0]
    assert (required.has_default, required.required) == (False, True)
    optional = parse_spec(with_param(type="integer", optional=True)).parameters[0]
    assert (optional.default, optional.required) == (None, False)


def test_falsy_defaults_count_as_defaults() -> None:
    data = build(
        parameters={
            "n": {"type": "integer", "default": 0},
            "b": {"type": "boolean", "default": False},
            "s": {"type": "string", "default": ""},
        }
    )
    assert all(param.has_default for param in parse_spec(data).parameters)

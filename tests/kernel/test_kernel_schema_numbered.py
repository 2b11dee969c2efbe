"""The `add_numbered` part of a `schema:` rule: as many columns as an integer parameter says."""

from __future__ import annotations

from typing import Any

import pytest

from designer.kernel.schema_rules import Column, apply_rule
from tests.kernel.factories import issues_of
from tests.kernel.test_kernel_schemas import AGE, SEX, cols, rule_of, spec_with

TOPICS = {"param": "count", "name": "topic_{index}", "dtype": "double"}


def names(columns: list[Column] | None) -> list[str] | None:
    return None if columns is None else [column.name for column in columns]


@pytest.mark.parametrize(
    "schema",
    [
        {"same_as": "data", "add_numbered": TOPICS},
        {"same_as": "data", "drop_param": "label", "add_numbered": TOPICS},
        {"columns": [AGE], "add_numbered": TOPICS},
        {"by_param": "dataset", "cases": {"small": {"columns": [AGE], "add_numbered": TOPICS}}},
    ],
)
def test_numbered_rules_parse_and_round_trip(schema: dict[str, Any]) -> None:
    assert rule_of(schema).to_dict() == schema


def test_the_count_parameter_numbers_the_added_columns_from_zero() -> None:
    rule = rule_of({"same_as": "data", "drop_param": "label", "add_numbered": TOPICS})
    found = apply_rule(rule, {"data": cols(AGE, SEX)}, {"label": "sex", "count": 3})
    assert names(found) == ["age", "topic_0", "topic_1", "topic_2"]
    assert {column.dtype for column in found[1:]} == {"double"}
    assert names(apply_rule(rule, {"data": cols(AGE)}, {"count": 0})) == ["age"]


def test_fixed_columns_come_before_the_numbered_ones() -> None:
    rule = rule_of({"columns": [AGE], "add_numbered": TOPICS})
    assert names(apply_rule(rule, {}, {"count": 2})) == ["age", "topic_0", "topic_1"]


def test_an_unknown_count_makes_the_columns_unknown() -> None:
    rule = rule_of({"same_as": "data", "add_numbered": TOPICS})
    for count in (None, "3", True, -1):
        assert apply_rule(rule, {"data": cols(AGE)}, {"count": count}) is None


@pytest.mark.parametrize(
    ("numbered", "field", "words"),
    [
        ({**TOPICS, "param": "dataset"}, "add_numbered.param", "not an integer parameter"),
        ({**TOPICS, "name": "topic"}, "add_numbered.name", "{index}"),
        ({**TOPICS, "name": "topic_{index}_{count}"}, "add_numbered.name", "{index}"),
        ({**TOPICS, "dtype": ""}, "add_numbered.dtype", "non-empty"),
        ("topics", "add_numbered", "mapping"),
    ],
)
def test_bad_numbered_rules_are_clear_spec_issues(numbered: Any, field: str, words: str) -> None:
    issues = issues_of(spec_with({"same_as": "data", "add_numbered": numbered}))
    found = {issue.field: issue.message for issue in issues}
    assert words in found[f"outputs.out.schema.{field}"]


def test_numbered_columns_do_not_follow_concat() -> None:
    issues = issues_of(spec_with({"concat": ["data", "other"], "add_numbered": TOPICS}))
    assert "outputs.out.schema.add_numbered" in [issue.field for issue in issues]

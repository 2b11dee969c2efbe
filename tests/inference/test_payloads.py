"""Reading scoring requests: both body forms, and refusals that name the column and row but
never the value sent."""

import pytest

from designer.errors import InvalidInput
from designer.inference.payloads import TooLarge, column_names, read_rows

SCHEMA = [
    {"name": "age", "dtype": "double"},
    {"name": "visits", "dtype": "int64"},
    {"name": "smoker", "dtype": "bool"},
    {"name": "city", "dtype": "large_string"},
]
ROW = {"age": 41.5, "visits": 3, "smoker": False, "city": "Lyon"}


def read(body, schema=SCHEMA, max_rows=100):
    return read_rows(body, schema, max_rows)


def refusal(body, schema=SCHEMA, max_rows=100) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read(body, schema, max_rows)
    return caught.value


def test_rows_become_columns_in_the_schema_order():
    shuffled = {"city": "Oslo", "smoker": True, "visits": 0, "age": 7}
    rows = read({"rows": [ROW, shuffled]})
    assert rows.count == 2
    assert list(rows.columns) == ["age", "visits", "smoker", "city"]
    assert rows.columns["age"] == [41.5, 7]
    assert rows.columns["city"] == ["Lyon", "Oslo"]


def test_the_columnar_form_reads_the_same():
    columnar = {"columns": list(ROW), "data": [list(ROW.values())]}
    assert read(columnar) == read({"rows": [ROW]})


def test_an_unknown_column_is_named_with_its_row():
    error = refusal({"rows": [ROW, {**ROW, "agee": 3}]})
    assert error.code == "unknown_column"
    assert error.extra == {"column": "agee", "row": 1}
    assert "'agee'" in error.message and "row 1" in error.message
    assert "age (double)" in error.message  # the schema, to fix the call by


def test_a_missing_column_is_named_with_its_row():
    error = refusal({"columns": ["age", "visits", "smoker"], "data": [[1.0, 2, True]]})
    assert (error.code, error.extra) == ("missing_column", {"column": "city", "row": 0})


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("age", "forty", "a number"),
        ("age", True, "a number"),
        ("visits", 2.5, "an integer"),
        ("smoker", "no", "a boolean"),
        ("city", 75001, "a string"),
        ("city", ["Lyon"], "a string"),
    ],
)
def test_a_value_of_the_wrong_type_names_column_and_row_but_not_the_value(column, value, expected):
    rows = [ROW, ROW, {**ROW, column: value}]
    error = refusal({"rows": rows})
    assert error.code == "bad_value"
    assert error.extra == {"column": column, "row": 2}
    assert f"column '{column}'" in error.message and expected.split()[-1] in error.message
    assert str(value) not in error.message and repr(value) not in error.message


def test_null_is_a_missing_value_of_any_type_and_whole_floats_are_integers():
    rows = read({"rows": [{"age": None, "visits": 4.0, "smoker": None, "city": None}]})
    assert rows.columns == {"age": [None], "visits": [4.0], "smoker": [None], "city": [None]}


def test_nan_sent_by_a_lenient_writer_is_a_missing_number():
    rows = read({"rows": [{**ROW, "age": float("nan")}]})
    assert rows.columns["age"] == [None]


def test_without_a_schema_every_column_passes_and_missing_ones_are_null():
    rows = read({"rows": [{"a": 1}, {"b": "x"}]}, schema=[])
    assert rows.columns == {"a": [1, None], "b": [None, "x"]}


def test_an_unknown_dtype_takes_any_single_value():
    schema = [{"name": "when", "dtype": "timestamp[us]"}]
    assert read({"rows": [{"when": "2026-01-01"}]}, schema).columns == {"when": ["2026-01-01"]}
    assert refusal({"rows": [{"when": {"y": 1}}]}, schema).code == "bad_value"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ([ROW], "bad_body"),
        ({}, "bad_body"),
        ({"rows": ROW}, "bad_body"),
        ({"rows": []}, "no_rows"),
        ({"rows": [ROW, 3]}, "bad_row"),
        ({"rows": [ROW], "columns": ["age"], "data": [[1.0]]}, "bad_body"),
        ({"columns": ["age", "age"], "data": [[1.0, 2.0]]}, "duplicate_column"),
        ({"columns": ["age"], "data": [[1.0, 2.0]]}, "bad_row"),
        ({"columns": "age", "data": [[1.0]]}, "bad_body"),
    ],
)
def test_malformed_bodies_are_refused_saying_how_to_send_rows(body, code):
    assert refusal(body).code == code


def test_more_rows_than_allowed_is_too_large():
    with pytest.raises(TooLarge) as caught:
        read({"rows": [ROW] * 11}, max_rows=10)
    assert caught.value.status == 413 and caught.value.code == "too_many_rows"


def test_column_names_for_the_failure_log_keep_names_only():
    assert column_names({"rows": [{"b": 1, "a": "secret"}, {"c": 2}]}) == ["b", "a", "c"]
    assert column_names({"columns": ["x", "y"], "data": [["secret", 1]]}) == ["x", "y"]
    assert column_names("not even an object") == []
